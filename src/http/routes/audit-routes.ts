// /audit: the auditor's tools over HTTP, the same as the CLIs (npm run verify,
// checkpoint, export): verify the log, sign a checkpoint, export the evidence as JSON
// Lines. The server signs only with the key it was given (CHECKPOINT_KEY_FILE, kept
// outside DATA_DIR) and never makes one; that key's public half is public.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signCheckpoint, storeSource } from '../../audit/audit-source.js';
import { hashedLink } from '../../audit/chain-verifier.js';
import { signedCheckpoint, type SigningKey } from '../../audit/checkpoint.js';
import { exportLines } from '../../audit/export.js';
import { startCheckpointSchedule, type CheckpointSchedule } from '../../audit/checkpoint-schedule.js';
import { LogTree } from '../../audit/log-tree.js';
import { leafHash } from '../../audit/merkle-proofs.js';
import { decisionStream } from '../../domain/decisions/decision-events.js';
import { PartnershipLogError, refuse } from '../../errors.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';

export interface AuditRoutesOptions {
  store: EventStore;
  /** The checkpoint key (CHECKPOINT_KEY_FILE); without one the server signs nothing and auditors sign with the CLI. */
  signingKey?: SigningKey | undefined;
  /** Where the Merkle tree of the log is saved when the server closes and loaded when it starts (DATA_DIR/audit/merkle-tree.bin); unset: rebuilt each start. */
  treeFile?: string | undefined;
  /** CHECKPOINT_EVERY and CHECKPOINT_PUBLISH_DIR: the server publishes a signed checkpoint on a schedule (needs signingKey). */
  publish?: CheckpointSchedule | undefined;
}

const tags = ['audit'];

const acknowledgedLink = z.object({
  stream: z.string(),
  revision: z.number().int(),
  foundPreviousHash: z.string().nullable(),
  expectedPreviousHash: z.string().nullable(),
});

const brokenPlace = z.object({
  stream: z.string().optional(),
  revision: z.number().int().optional(),
  position: z.number().int().optional(),
  byteOffset: z.number().int().optional(),
  problem: z.string(),
  link: acknowledgedLink.optional().describe('A link to a hash not in the log between intact events: what an acknowledgement would name'),
});

export const verificationResponse = z.object({
  ok: z.boolean().describe('True when nothing was altered, removed or reordered'),
  store: z.enum(['embedded', 'eventstoredb']),
  verification: z.object({
    ok: z.boolean(),
    events: z.number().int(),
    streams: z.number().int(),
    lastPosition: z.number().int(),
    unchained: z.number().int().describe('Events written without a hash chain: their place was checked, not their content'),
    timesNotCovered: z.number().int().describe('Chained events whose recorded time their hash does not cover (written before the time was put under the hash)'),
    acknowledged: z
      .array(acknowledgedLink.extend({ position: z.number().int(), acknowledgedAt: z.number().int().describe('The position of the acknowledgement') }))
      .describe('Links broken by the concurrent-retry defect and acknowledged by an administrator: the events on both sides are intact'),
    firstBroken: brokenPlace.optional().describe('Where the log first stops checking out'),
    summary: z.string(),
  }),
});

export const exportQuerystring = z.object({
  decision: z.uuid('a decision id is a uuid').optional().describe('Only this decision’s events (default: the whole log)'),
});

const size = (what: string) => z.coerce.number().int(`${what} is a whole number of events`).min(0, `${what} cannot be negative`);
const hexHash = z.string().regex(/^[0-9a-f]{64}$/);

export const consistencyQuerystring = z.object({
  from: size('from').describe('m: the old tree, the first m events of the log in log order'),
  to: size('to').optional().describe('n: the new tree, the first n events (default: every event in the log now)'),
});

export const consistencyResponse = z.object({
  from: z.number().int().describe('m, a number of events (not a position)'),
  to: z.number().int().describe('n, a number of events (not a position)'),
  fromRoot: hexHash.describe('The Merkle root over the first m events: a checkpoint of size m signs this root'),
  toRoot: hexHash.describe('The Merkle root over the first n events'),
  proof: z.array(hexHash).describe('The RFC 9162 (2.1.4) consistency proof from m to n, hex'),
});

export const inclusionQuerystring = z.object({
  position: z.coerce.number().int('position is a whole number').min(0, 'position cannot be negative').describe('The event’s position in the log (as in the export and in the event’s URL)'),
  size: size('size').optional().describe('n: the tree of the first n events, as a checkpoint of size n signed it (default: every event in the log now)'),
});

export const inclusionResponse = z.object({
  position: z.number().int().describe('The event’s position in the log'),
  index: z.number().int().describe('The leaf index: the event’s place in log order counting from 0. Equal to position − 1 on the embedded log; positions on EventStoreDB are not contiguous'),
  size: z.number().int().describe('n, the number of events in the tree'),
  eventHash: hexHash.describe('The event’s hash over what is stored'),
  leafHash: hexHash.describe('SHA-256(0x00 ‖ eventHash): the leaf the proof starts from'),
  root: hexHash.describe('The Merkle root over the first n events: a checkpoint of size n signs this root'),
  proof: z.array(hexHash).describe('The RFC 9162 (2.1.3) inclusion proof of the leaf at index in the tree of size n, hex'),
});

const toHex = (hashes: readonly Buffer[]) => hashes.map((h) => h.toString('hex'));

export async function auditRoutes(app: FastifyInstance, options: AuditRoutesOptions): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const source = storeSource(options.store);
  const { signingKey } = options;
  const logTree = new LogTree(options.store, { file: options.treeFile });
  app.addHook('onClose', async () => {
    try {
      await logTree.save();
    } catch (err) {
      app.log.error({ err }, 'the Merkle tree could not be saved; it is rebuilt from the log at the next start');
    }
  });

  if (options.publish && signingKey) {
    const key = signingKey;
    const publisher = startCheckpointSchedule(
      options.publish,
      { sign: () => signCheckpoint(source, key, new Date().toISOString()), tree: async () => (await logTree.current()).tree },
      app.log,
    );
    app.addHook('onClose', async () => publisher.stop());
  }

  typed.get('/audit/consistency', {
    schema: {
      summary: 'The consistency proof that the log’s first m events are the first m of its first n (RFC 9162), with both roots',
      tags,
      querystring: consistencyQuerystring,
      security: [{ bearerAuth: [] }],
      response: { 200: consistencyResponse },
    },
    preValidation: requireRole('auditor'),
    handler: async (request) => {
      const { tree } = await logTree.current();
      const { from } = request.query;
      const to = request.query.to ?? tree.size;
      if (to > tree.size) refuse('PL_ERR_VALIDATION', `to: the log holds ${tree.size} events, so there is no tree of ${to}.`);
      if (from > to) refuse('PL_ERR_VALIDATION', `from: the old tree (${from} events) cannot be larger than the new one (${to} events).`);
      return { from, to, fromRoot: tree.rootAt(from).toString('hex'), toRoot: tree.rootAt(to).toString('hex'), proof: toHex(tree.consistencyProof(from, to)) };
    },
  });

  typed.get('/audit/inclusion', {
    schema: {
      summary: 'The inclusion proof of one event in the tree of the first n events (RFC 9162): shows it is in a signed checkpoint',
      tags,
      querystring: inclusionQuerystring,
      security: [{ bearerAuth: [] }],
      response: { 200: inclusionResponse },
    },
    preValidation: requireRole('auditor'),
    handler: async (request) => {
      const { tree, indexOf, positionOf } = await logTree.current();
      const { position } = request.query;
      const size = request.query.size ?? tree.size;
      if (size > tree.size) refuse('PL_ERR_VALIDATION', `size: the log holds ${tree.size} events, so there is no tree of ${size}.`);
      const index = indexOf(position);
      if (index === undefined) refuse('PL_ERR_VALIDATION', `position: there is no event at position ${position} in the log.`);
      if (index >= size) refuse('PL_ERR_VALIDATION', `size: the event at position ${position} is event ${index + 1} in log order, so it is not in the tree of the first ${size}.`);
      const leaf = tree.subtreeHash(index, index + 1);
      const eventHash = await eventHashAt(position, leaf, index === 0 ? undefined : positionOf(index - 1));
      return { position, index, size, eventHash, leafHash: leaf.toString('hex'), root: tree.rootAt(size).toString('hex'), proof: toHex(tree.inclusionProof(index, size)) };
    },
  });

  /**
   * The event's hash: the one it carries (its metadata is never upcast), else recomputed;
   * either way it must give the leaf the tree holds, or the log changed under the tree.
   */
  async function eventHashAt(position: number, leaf: Buffer, previous: number | undefined): Promise<string> {
    for await (const event of options.store.readAll({ ...(previous === undefined ? {} : { after: previous }), maxCount: 1 })) {
      if (event.position !== position) break;
      for (const candidate of [event.metadata.hash, hashedLink(event).contentHash]) {
        if (candidate !== undefined && leafHash(Buffer.from(candidate, 'hex')).equals(leaf)) return candidate;
      }
      break;
    }
    return refuse('PL_ERR_STORE_CORRUPT', `The event at position ${position} no longer gives the leaf the Merkle tree holds for it: run \`npm run verify\`.`);
  }

  typed.get('/audit/verify', {
    schema: {
      summary: 'Check that no event was altered, removed or reordered (checksums, hash chains, order)',
      tags,
      security: [{ bearerAuth: [] }],
      response: { 200: verificationResponse },
    },
    preValidation: requireRole('auditor'),
    handler: async () => {
      const verification = await source.verify();
      return { ok: verification.ok, store: source.storeKind, verification };
    },
  });

  typed.get('/audit/checkpoint', {
    schema: {
      summary: 'A signed checkpoint of the log as it stands: keep it to prove later that this history was not rewritten',
      tags,
      security: [{ bearerAuth: [] }],
      response: { 200: signedCheckpoint },
    },
    preValidation: requireRole('auditor'),
    handler: async () => {
      if (signingKey === undefined) {
        throw new PartnershipLogError(
          'PL_ERR_NO_SIGNING_KEY',
          'This server has no checkpoint signing key configured (CHECKPOINT_KEY_FILE); an auditor signs checkpoints with `npm run checkpoint -- --key <file>`.',
        );
      }
      return signCheckpoint(source, signingKey, new Date().toISOString());
    },
  });

  typed.get('/audit/public-key', {
    schema: {
      summary: 'The public key (PEM) this server signs checkpoints with (its SHA-256 fingerprint in x-key-fingerprint), when it signs any',
      tags,
      response: { 200: z.string().describe('The public key, PEM (application/x-pem-file)') },
    },
    handler: async (_request, reply) => {
      if (signingKey === undefined) {
        throw new PartnershipLogError('PL_ERR_NOT_FOUND', 'This server signs no checkpoints, so it has no public key: ask your auditor for the key they sign with.');
      }
      return reply.type('application/x-pem-file').header('x-key-fingerprint', signingKey.fingerprint).send(signingKey.publicKeyPem);
    },
  });

  typed.get('/audit/export', {
    schema: {
      summary: 'Every event, or one decision’s, as JSON Lines (application/x-ndjson), streamed',
      tags,
      querystring: exportQuerystring,
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole('auditor'),
    handler: async (request, reply) => {
      const { decision } = request.query;
      if (decision !== undefined && !(await source.streamExists(decisionStream(decision)))) {
        refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${decision}.`);
      }
      const name = decision === undefined ? 'partnership-log' : `decision-${decision}`;
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.jsonl"`)
        .send(Readable.from(exportLines(source, { decision })));
    },
  });
}
