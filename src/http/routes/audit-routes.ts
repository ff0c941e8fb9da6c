// /audit: the auditor's tools over HTTP, the same as the CLIs (npm run verify,
// checkpoint, export): verify the log, sign a checkpoint, export the evidence as JSON
// Lines. The server signs only with the key it was given (CHECKPOINT_KEY_FILE, kept
// outside DATA_DIR) and never makes one; that key's public half is public.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signCheckpoint, storeSource } from '../../audit/audit-source.js';
import { signedCheckpoint, type SigningKey } from '../../audit/checkpoint.js';
import { exportLines } from '../../audit/export.js';
import { decisionStream } from '../../domain/decisions/decision-events.js';
import { PartnershipLogError, refuse } from '../../errors.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';

export interface AuditRoutesOptions {
  store: EventStore;
  /** The checkpoint key (CHECKPOINT_KEY_FILE); without one the server signs nothing and auditors sign with the CLI. */
  signingKey?: SigningKey | undefined;
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

export async function auditRoutes(app: FastifyInstance, options: AuditRoutesOptions): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const source = storeSource(options.store);
  const { signingKey } = options;

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
    schema: { summary: 'The public key (PEM) this server signs checkpoints with (its SHA-256 fingerprint in x-key-fingerprint), when it signs any', tags },
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
