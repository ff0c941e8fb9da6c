// `npm run checkpoint -- --key <file> [--announce <file>] [--out <file> | --publish <folder>]`
// `npm run checkpoint -- --new-key <file>`
// Signs a checkpoint of the log as it stands: its size and the Merkle root of its events,
// with an ed25519 key kept OUTSIDE DATA_DIR (the auditor's, run from their own account).
// Keep it somewhere safe: `npm run verify -- --against <file> --public-key <pem>` later
// proves the log still holds that history. The log itself is only read, so this is safe
// while the server runs; a log that does not verify is not signed.
import { signCheckpoint, signingKey, type AuditSource } from '../audit/audit-source.js';
import type { HashedLink } from '../audit/chain-verifier.js';
import { createSigningKeyFile, readPublicKeyFile } from '../audit/checkpoint.js';
import { MerkleTreeStore } from '../audit/merkle-tree-store.js';
import { publishCheckpoint } from '../audit/published-checkpoints.js';
import { PartnershipLogError } from '../errors.js';
import { readConfig } from '../config.js';
import { EXIT_BROKEN, EXIT_OK, openAuditLog, parseOptions, runCommand, UsageError, writeChunks } from './cli-output.js';
import { formatCount, progressBar } from '../shared/progress.js';

const usage = `Usage: npm run checkpoint -- --key <key.pem> [--announce <next-key.pem>] [--out <file> | --publish <folder>]
       npm run checkpoint -- --new-key <key.pem>

Prints (or writes to <file>) a signed checkpoint of the event log in DATA_DIR (or
EVENTSTORE_URL): how many events it holds and the Merkle root over them. Safe to run
while the server is running.

  --key <file>        the ed25519 private key to sign with (default: CHECKPOINT_KEY_FILE);
                      refused when it is inside DATA_DIR or KEYS_DIR
  --announce <file>   rotation: this checkpoint announces the next key (its public half is
                      taken from the file); verify then trusts that key for later checkpoints
  --out <file>        write the checkpoint to <file> instead of stdout
  --publish <folder>  add it to your append-only folder of checkpoints (one file each, named
                      by size and time, never overwritten), only if it extends the latest
                      one there; exit 2, publishing nothing, if it does not
  --new-key <file>    make a new key file (mode 0600; never overwrites one, never inside
                      DATA_DIR or KEYS_DIR) and print its public key and fingerprint`;

await runCommand(usage, async (args) => {
  const options = parseOptions(args, {
    out: { type: 'string', short: 'o' },
    key: { type: 'string' },
    announce: { type: 'string' },
    publish: { type: 'string' },
    'new-key': { type: 'string' },
  });
  const config = readConfig(process.env);
  const folders = { dataDir: config.DATA_DIR, keysDir: config.KEYS_DIR };
  const forbidden = [
    { name: 'DATA_DIR', path: config.DATA_DIR },
    ...(config.KEYS_DIR === undefined ? [] : [{ name: 'KEYS_DIR', path: config.KEYS_DIR }]),
  ];

  if (options['new-key'] !== undefined) {
    if (options.key !== undefined || options.announce !== undefined || options.out !== undefined || options.publish !== undefined) {
      throw new UsageError('--new-key only makes a key; sign with --key in a second run.');
    }
    const made = createSigningKeyFile(options['new-key'], forbidden);
    process.stdout.write(
      `Made the checkpoint key ${options['new-key']} (readable by its owner only).\n` +
        `Fingerprint (SHA-256): ${made.fingerprint}\n` +
        'Publish the public key or its fingerprint where the server’s operator cannot change it:\n' +
        made.publicKeyPem,
    );
    return EXIT_OK;
  }

  const keyFile = options.key ?? config.CHECKPOINT_KEY_FILE;
  if (keyFile === undefined) {
    throw new UsageError('Say which key signs: --key <file> (or set CHECKPOINT_KEY_FILE). Make one with --new-key <file>.');
  }
  if (options.out !== undefined && options.publish !== undefined) throw new UsageError('Give --out or --publish, not both.');
  const key = signingKey(keyFile, folders);
  const nextPublicKey = options.announce === undefined ? undefined : readPublicKeyFile(options.announce);
  const log = await openAuditLog();
  try {
    // Publishing checks the new checkpoint against the latest by a proof from the tree it was signed over.
    const tree = options.publish === undefined ? undefined : new MerkleTreeStore();
    const source = tree === undefined ? log.source : withTree(log.source, tree);
    const bar = progressBar({ label: 'checkpoint', total: await source.headPosition(), positionsCountEvents: source.storeKind === 'embedded' });
    const checkpoint = await signCheckpoint(source, key, new Date().toISOString(), (done, position) => bar.update(done, position), nextPublicKey);
    bar.finish();
    if (options.publish !== undefined && tree !== undefined) {
      try {
        const file = publishCheckpoint(options.publish, checkpoint, tree);
        process.stderr.write(`Published a checkpoint of ${formatCount(checkpoint.statement.size)} events (Merkle root ${checkpoint.statement.merkleRoot}) with key ${key.fingerprint} as ${file}.\n`);
        return EXIT_OK;
      } catch (err) {
        if (!(err instanceof PartnershipLogError && err.code === 'PL_ERR_CHECKPOINT_NOT_CONSISTENT')) throw err;
        process.stderr.write(`${err.message}\n`);
        return EXIT_BROKEN;
      }
    }
    await writeChunks([`${JSON.stringify(checkpoint, null, 2)}\n`], options.out);
    if (options.out !== undefined) {
      const { size, merkleRoot } = checkpoint.statement;
      const announced = nextPublicKey === undefined ? '' : `, announcing the next key`;
      process.stderr.write(`Signed a checkpoint of ${formatCount(size)} events (Merkle root ${merkleRoot}) with key ${key.fingerprint}${announced} into ${options.out}.\n`);
    }
    return EXIT_OK;
  } finally {
    await log.close();
  }
});

/** The source, its links also added to `tree` as they are read. */
function withTree(source: AuditSource, tree: MerkleTreeStore): AuditSource {
  return {
    ...source,
    links: async function* (): AsyncGenerator<HashedLink> {
      for await (const link of source.links()) {
        tree.add(link.contentHash);
        yield link;
      }
    },
  };
}
