// Crash safety of the embedded store: a writer process is killed with SIGKILL at
// random moments while several appends are in flight, and after every kill the log
// must open (taking over the dead process's lock) and hold every acknowledged event,
// once, in order, at contiguous positions.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { z } from 'zod';
import { LOCK_FILE } from '../../src/store/embedded/data-folder-lock.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { startChildScript } from '../support/child-script.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testRegistry } from '../support/test-events.js';

const KILLS = 20;
const WRITERS = 8;
const dataDir = tempDir(t, 'pl-crash-');

const acknowledgement = z.object({
  stream: z.string(),
  revision: z.number().int(),
  position: z.number().int(),
  id: z.string(),
});
type Acknowledgement = z.infer<typeof acknowledgement>;
const lockFile = z.object({ pid: z.number().int() });

t.test(`${KILLS} kills of a writer in the middle of group commits lose no acknowledged event`, async (t) => {
  const acknowledged: Acknowledgement[] = [];
  let tornTails = 0;

  for (let kill = 1; kill <= KILLS; kill++) {
    const writer = startChildScript('./crash-writer.ts', [dataDir, String(WRITERS)]);
    await writer.waitFor(() => true);
    const delay = 50 + Math.floor(Math.random() * 350);
    await sleep(delay);
    writer.process.kill('SIGKILL');
    const { signal } = await writer.closed;
    const context = `kill ${kill}, ${delay} ms after the first acknowledgement`;
    t.equal(signal, 'SIGKILL', `${context}: the writer was running until killed ${writer.stderr()}`);
    const thisRound = writer.messages.map((m) => acknowledgement.parse(m));
    acknowledged.push(...thisRound);
    t.ok(thisRound.length > 0, `${context}: the writer acknowledged appends (${thisRound.length})`);

    const stale = lockFile.parse(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')));
    t.equal(stale.pid, writer.process.pid, `${context}: the dead writer's lock is left behind`);

    const { logger, lines } = memoryLogger();
    const store = await openEmbeddedStore({ dataDir, registry: testRegistry(), logger });
    try {
      const owner = lockFile.parse(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')));
      t.equal(owner.pid, process.pid, `${context}: the stale lock was taken over`);
      const events: StoredEvent[] = [];
      for await (const event of store.readAll()) events.push(event);
      t.equal(await store.headPosition(), events.length, `${context}: the head is the last position`);
      t.same(problemsIn(events, acknowledged), [], `${context}: ${acknowledged.length} acknowledged, ${events.length} in the log`);
    } finally {
      await store.close();
    }
    t.notOk(existsSync(join(dataDir, LOCK_FILE)), `${context}: closing released the lock`);
    if (lines().some((line) => typeof line.droppedBytes === 'number')) tornTails++;
  }
  t.comment(`${acknowledged.length} acknowledged appends in ${KILLS} kills; ${tornTails} torn tails cut back`);
});

/** Everything wrong with the log, given what was acknowledged: an empty list when all is well. */
function problemsIn(events: readonly StoredEvent[], acknowledged: readonly Acknowledgement[]): string[] {
  const problems: string[] = [];
  const byStream = new Map<string, StoredEvent[]>();
  const ids = new Set<string>();
  events.forEach((event, i) => {
    if (event.position !== i + 1) problems.push(`position ${event.position} is at place ${i + 1}`);
    if (ids.has(event.id)) problems.push(`event ${event.id} appears twice`);
    ids.add(event.id);
    const stream = byStream.get(event.stream) ?? [];
    byStream.set(event.stream, stream);
    if (event.revision !== stream.length) {
      problems.push(`${event.stream} has revision ${event.revision} after ${stream.length} events`);
    }
    if (JSON.stringify(event.data) !== JSON.stringify({ n: event.revision })) {
      problems.push(`${event.stream}@${event.revision} holds ${JSON.stringify(event.data)}`);
    }
    stream.push(event);
  });
  for (const ack of acknowledged) {
    const stored = byStream.get(ack.stream)?.[ack.revision];
    if (!stored) problems.push(`acknowledged ${ack.stream}@${ack.revision} (${ack.id}) is missing`);
    else if (stored.id !== ack.id || stored.position !== ack.position) {
      problems.push(
        `acknowledged ${ack.stream}@${ack.revision} was ${ack.id} at ${ack.position}, ` +
          `the log has ${stored.id} at ${stored.position}`,
      );
    }
  }
  return problems;
}
