// /audit: the auditor's tools over HTTP, the same as the CLIs (npm run verify,
// checkpoint, export): verify the log, sign a checkpoint, export the evidence as JSON
// Lines. The checkpoint key's public half is public, so anyone can check a signature.
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signCheckpoint, signingKey, storeSource } from '../../audit/audit-source.js';
import { signedCheckpoint } from '../../audit/checkpoint.js';
import { exportLines } from '../../audit/export.js';
import { decisionStream } from '../../domain/decisions/decision-events.js';
import { PartnershipLogError, refuse } from '../../errors.js';
import { EmbeddedStore } from '../../store/embedded/embedded-store.js';
import type { EventRegistry } from '../../store/event-registry.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';

export interface AuditRoutesOptions {
  store: EventStore;
  /** Where the checkpoint signing key lives (DATA_DIR/audit/); defaults to the embedded log's folder. */
  dataDir?: string | undefined;
  /** Not needed here (the store decodes events through its own registry); accepted so the app can pass its options as they are. */
  registry?: EventRegistry;
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
  const keyFolder = options.dataDir ?? (options.store instanceof EmbeddedStore ? dirname(options.store.file) : undefined);
  const key = () => {
    if (keyFolder === undefined) {
      throw new PartnershipLogError('PL_ERR_CONFIG', 'No data folder was given for the checkpoint signing key.');
    }
    return signingKey(keyFolder);
  };

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
    handler: async () => signCheckpoint(source, key(), new Date().toISOString()),
  });

  typed.get('/audit/public-key', {
    schema: { summary: 'The public key (PEM) that checkpoints are signed with', tags },
    handler: async (_request, reply) => reply.type('application/x-pem-file').send(key().publicKeyPem),
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
