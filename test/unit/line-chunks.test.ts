// The one bulk reader of the embedded log: whole lines only, as the file was when reading began.
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { wholeLineChunks } from '../../src/store/embedded/line-chunks.js';
import { tempDir } from '../support/temp-dir.js';

async function linesOf(content: string, range: Parameters<typeof wholeLineChunks>[1], t: Test): Promise<string[]> {
  const file = join(tempDir(t), 'log.jsonl');
  await writeFile(file, content);
  const handle = await open(file, 'r');
  t.teardown(() => handle.close());
  const lines: string[] = [];
  for await (const { buffer, byteOffset, lineEnds } of wholeLineChunks(handle, range)) {
    let start = 0;
    for (const end of lineEnds) {
      lines.push(`${byteOffset + start}:${buffer.toString('utf8', start, end)}`);
      start = end;
    }
  }
  return lines;
}

t.test('whole lines with their newlines and offsets; an unterminated last line is left out', async (t) => {
  t.same(await linesOf('one\ntwo\nthr', {}, t), ['0:one\n', '4:two\n']);
  t.same(await linesOf('', {}, t), []);
  t.same(await linesOf('no newline', {}, t), []);
});

t.test('a range from a line start to a bound', async (t) => {
  t.same(await linesOf('one\ntwo\nthree\n', { from: 4, to: 8 }, t), ['4:two\n']);
  t.same(await linesOf('one\ntwo\nthree\n', { from: 4, to: 10 }, t), ['4:two\n'], 'a line cut by the bound is not whole');
});

t.test('small chunks: lines across chunk ends, and a line longer than a chunk, are read whole', async (t) => {
  const long = `${'x'.repeat(40)}\n`;
  t.same(await linesOf(`ab\ncd\n${long}ef\n`, { chunkBytes: 4 }, t), ['0:ab\n', '3:cd\n', `6:${long}`, '47:ef\n']);
});
