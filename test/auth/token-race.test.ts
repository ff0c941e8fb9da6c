// Issue 12, item 9: two processes change DATA_DIR/tokens.json at once (an admin revoking
// through /admin/tokens while `npm run token -- create` runs). A revocation that was
// answered stays revoked, every token that was made exists, and of two processes that
// both start on an empty folder neither loses what the other wrote.
import t from 'tap';
import { z } from 'zod';
import { TokenStore } from '../../src/auth/token-store.js';
import { startChildScript } from '../support/child-script.js';
import { tempDir } from '../support/temp-dir.js';

const ROUNDS = 4;
const TOKENS_PER_PROCESS = 150;
/** Time for both children to load before the agreed start. */
const START_DELAY_MS = 2_500;

const made = z.object({ id: z.string(), secret: z.string(), revoked: z.boolean() });
const refused = z.object({ refused: z.literal(true), code: z.string(), message: z.string() });

/** Runs one writer to its end: the tokens it made, and the changes it was refused. */
async function runWriter(mode: 'create' | 'create-and-revoke', dataDir: string, startAt: number) {
  const child = startChildScript('./token-writer.ts', [mode, dataDir, String(TOKENS_PER_PROCESS), String(startAt)]);
  const { code } = await child.closed;
  if (code !== 0) throw new Error(`the ${mode} process failed (${code}): ${child.stderr()}`);
  return {
    tokens: child.messages.flatMap((m) => made.safeParse(m).data ?? []),
    refusals: child.messages.flatMap((m) => refused.safeParse(m).data ?? []),
  };
}

t.test('one process makes tokens while another makes and revokes them: nothing is lost, every revocation holds', async (t) => {
  let lostTokens = 0;
  let lostRevocations = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    // Given an empty data folder (no tokens.json yet) and two processes starting at one moment,
    const dataDir = tempDir(t);
    const startAt = Date.now() + START_DELAY_MS;
    // when one makes tokens and the other makes and revokes tokens,
    const [maker, revoker] = await Promise.all([runWriter('create', dataDir, startAt), runWriter('create-and-revoke', dataDir, startAt)]);
    const created = maker.tokens;
    const revoked = revoker.tokens;
    // (A token lost before it could be revoked is refused as unknown.)
    t.same([...maker.refusals, ...revoker.refusals], [], `round ${round}: no change was refused`);
    t.equal(created.length, TOKENS_PER_PROCESS, `round ${round}: the maker made every token`);
    t.equal(revoked.length, TOKENS_PER_PROCESS, `round ${round}: the revoker made and revoked every token`);

    // then, as a server reading the folder afterwards sees it,
    const server = await TokenStore.open(dataDir);
    const listed = new Map(server.list().map((record) => [record.id, record]));
    const missing = [...created, ...revoked].filter((token) => !listed.has(token.id));
    const stillWorking = revoked.filter((token) => server.authenticate(token.secret) !== undefined);
    const notWorking = created.filter((token) => server.authenticate(token.secret) === undefined);
    lostTokens += missing.length + revoker.refusals.length;
    lostRevocations += stillWorking.length;
    t.same(missing, [], `round ${round}: every token made exists (${missing.length} lost)`);
    t.same(stillWorking, [], `round ${round}: every revoked token is refused (${stillWorking.length} still authenticate)`);
    t.same(notWorking, [], `round ${round}: every token made and not revoked authenticates`);
    t.equal(listed.size, 2 * TOKENS_PER_PROCESS, `round ${round}: the file holds exactly the tokens made`);
  }
  t.comment(`over ${ROUNDS} rounds: ${lostTokens} tokens lost, ${lostRevocations} revocations lost`);
});
