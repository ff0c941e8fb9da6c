// Child process of test/auth/token-race.test.ts: another process changing DATA_DIR/tokens.json
// through the same TokenStore that `npm run token` and /admin/tokens use.
//
//   node --import tsx test/support/token-writer.ts create <data folder> <count> <start at epoch ms>
//     makes <count> tokens
//   node --import tsx test/support/token-writer.ts create-and-revoke <data folder> <count> <start at epoch ms>
//     makes <count> tokens, revoking each one as soon as it is made
//
//   stdout, per token: {"id":…,"secret":…,"revoked":true|false}
//                  or: {"refused":true,"code":…,"message":…} when a change is refused (and on to the next)
//   then:              {"done":true}
import { TokenStore } from '../../src/auth/token-store.js';
import { PartnershipLogError } from '../../src/errors.js';

// Under a file size limit a write fails with EFBIG, as on a full disk: Node ignores the signal, say so here too.
process.on('SIGXFSZ', () => {});

const [mode = 'create', dataDir = '', countArg = '1', startArg = '0'] = process.argv.slice(2);

function report(message: object): void {
  process.stdout.write(JSON.stringify(message) + '\n');
}

// Both processes start at one agreed moment, so their writes overlap from the first one:
// the first write of each makes tokens.json.
while (Date.now() < Number(startArg)) {
  // spin rather than sleep: a timer would wake too late to meet the other process
}

const tokens = await TokenStore.open(dataDir);
for (let n = 0; n < Number(countArg); n++) {
  const now = new Date().toISOString();
  try {
    const { token, record } = await tokens.create({ role: 'commissioner', name: `${mode} ${process.pid} #${n}` }, now);
    if (mode === 'create-and-revoke') await tokens.revoke(record.id, now);
    report({ id: record.id, secret: token, revoked: mode === 'create-and-revoke' });
  } catch (err) {
    if (!(err instanceof PartnershipLogError)) throw err;
    report({ refused: true, code: err.code, message: err.message });
  }
}
report({ done: true });
