// Sealing a person's personal fields with their own key, the key store, and
// crypto-shredding: once the key is destroyed the person is unreadable, while the
// log, which holds only ciphertext, still verifies.
import { linkSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import { CommandHandler } from '../../src/application/command-handler.js';
import type { Actor } from '../../src/domain/actor.js';
import { personDecider, type PersonCommand } from '../../src/domain/people/decide.js';
import { personStream } from '../../src/domain/people/person-events.js';
import type { SealedPersonalData } from '../../src/domain/people/person-facts.js';
import { PersonKeys } from '../../src/privacy/person-keys.js';
import { openPersonalData, sealPersonalData } from '../../src/privacy/personal-data.js';
import { createRegistry } from '../../src/registry.js';
import { LOG_FILE, openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { TEST_PROVIDERS } from '../support/providers.js';

const fields = { name: 'Aisha Khan', contactDetails: '0113 496 0000, 4 Holly Road', needsDetail: 'Prefers papers a week before meetings.' };

/** The same base64 value with one bit flipped in its first byte. */
function flipped(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
}

t.test('sealed fields open with the person’s own key, and only with it', async (t) => {
  const keys = await PersonKeys.open(tempDir(t));
  const key = keys.create('P-HS01');
  const box = sealPersonalData(fields, key, keys.keyId('P-HS01'));
  t.match(box, { alg: 'AES-256-GCM', keyId: 'P-HS01' });
  t.equal(Buffer.from(box.iv, 'base64').length, 12, 'a 12-byte iv');
  t.equal(Buffer.from(box.tag, 'base64').length, 16, 'a 16-byte authentication tag');
  t.notMatch(JSON.stringify(box), /Aisha|Holly|0113|meetings/, 'nothing readable in the sealed data');
  t.same(openPersonalData(box, key), fields, 'the round trip gives the fields back');
  t.not(sealPersonalData(fields, key, 'P-HS01').ciphertext, box.ciphertext, 'a fresh iv each time: equal fields do not look equal');
  t.equal(openPersonalData(box, keys.create('P-HS02')), undefined, 'another person’s key');
});

t.test('any change to the sealed data is caught by its authentication tag', async (t) => {
  const keys = await PersonKeys.open(tempDir(t));
  const key = keys.create('P-HS01');
  const box = sealPersonalData(fields, key, 'P-HS01');
  const altered: Record<string, SealedPersonalData> = {
    'an altered tag': { ...box, tag: flipped(box.tag) },
    'an altered ciphertext': { ...box, ciphertext: flipped(box.ciphertext) },
    'an altered iv': { ...box, iv: flipped(box.iv) },
    'a truncated tag': { ...box, tag: Buffer.from(box.tag, 'base64').subarray(0, 8).toString('base64') },
    'moved to another person (the key id is bound in)': { ...box, keyId: 'P-HS02' },
  };
  for (const [what, sealed] of Object.entries(altered)) t.equal(openPersonalData(sealed, key), undefined, what);
  t.same(openPersonalData(box, key), fields, 'the untouched data still opens');
});

t.test('the key store: one 32-byte key per person, kept privately, destroyed for good', async (t) => {
  const folder = join(tempDir(t), 'keys-elsewhere');
  const keys = await PersonKeys.open(folder);
  t.equal(keys.folder, folder, 'keys live where the caller says');
  t.equal(keys.keyFor('P-HS01'), undefined, 'no key before registration');
  const key = keys.create('P-HS01');
  t.equal(key.length, 32);
  t.same(keys.create('P-HS01'), key, 'creating again returns the same key (a retried registration)');
  t.same((await PersonKeys.open(folder)).keyFor('P-HS01'), key, 'the key outlives the process that made it');
  t.equal(statSync(join(folder, 'P-HS01.key')).mode & 0o777, 0o600, 'readable by this service only');
  t.same(readdirSync(folder), ['P-HS01.key'], 'no temporary files left behind');

  const box = sealPersonalData(fields, key, 'P-HS01');
  // A second name for the same file shows what destroy did to the bytes on disc.
  const witness = join(tempDir(t), 'witness');
  linkSync(join(folder, 'P-HS01.key'), witness);
  t.equal(await keys.destroy('P-HS01'), true);
  t.notSame(readFileSync(witness), key, 'the key’s bytes were overwritten before the file was removed');
  t.same(readdirSync(folder), [], 'the key file is gone');
  t.equal(keys.keyFor('P-HS01'), undefined, 'no key to read');
  t.equal(await keys.destroy('P-HS01'), false, 'destroying again finds nothing');
  t.equal(openPersonalData(box, keys.create('P-HS01')), undefined, 'a new key for the same id cannot open what the old one sealed');
  t.throws(() => keys.keyFor('../tokens'), { code: 'PL_ERR_VALIDATION' }, 'a key file is named only by a person id');
  t.throws(() => keys.create('P-HS01/../../x'), { code: 'PL_ERR_VALIDATION' });
});

t.test('forgetting a person: unreadable everywhere, and the log still verifies', async (t) => {
  const dataDir = tempDir(t);
  const keys = await PersonKeys.open(join(dataDir, 'keys'));
  const registry = createRegistry();
  const store = await openEmbeddedStore({ dataDir, registry, logger: memoryLogger().logger });
  const handler = new CommandHandler(store, registry);
  const actor: Actor = { id: 'tok-c', name: 'Commissioning team', role: 'commissioner' };
  const now = '2026-10-01T09:00:00+01:00';
  const run = (command: Omit<PersonCommand, 'actor' | 'now'>) =>
    handler.handle(personDecider, personStream('P-HS01'), { ...command, actor, now, registeredProviders: TEST_PROVIDERS } as PersonCommand, { commandId: crypto.randomUUID() });

  const personal = sealPersonalData(fields, keys.create('P-HS01'), keys.keyId('P-HS01'));
  await run({ type: 'RegisterPerson', data: { personId: 'P-HS01', personal, communicationNeeds: [{ need: 'easy-read', flag: 'EASY-READ' }], supportedBy: ['Hillside Support'] } });
  await run({ type: 'ForgetPerson', data: { reason: 'the-person-asked' } });
  t.equal(await keys.destroy('P-HS01'), true);

  const { state } = await handler.load(personDecider, personStream('P-HS01'));
  await store.close();
  const logText = readFileSync(join(dataDir, LOG_FILE), 'utf8');
  t.notMatch(logText, /Aisha|Holly|0113|meetings/, 'the log never held the fields in the clear');
  t.match(logText, /easy-read/, 'the need codes are in plain text, for the co-production review');
  t.match(state, { status: 'forgotten', communicationNeeds: [{ need: 'easy-read' }] });
  const stored = state.status === 'none' ? undefined : state.sealed[0];
  t.same(stored, personal, 'the ciphertext is kept as it was written');
  t.equal(keys.keyFor('P-HS01'), undefined);
  const report = await verifyEmbeddedLog(dataDir);
  t.equal(report.ok, true, report.summary);
  t.equal(report.events, 2, 'the registration and the erasure, chained');
});
