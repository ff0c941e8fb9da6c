// POST /admin/chain-breaks: an administrator acknowledges a link broken by the
// concurrent-retry defect (see src/audit/chain-break.ts). Only the first break verify
// reports can be acknowledged, and only when it has the defect's signature; nothing in
// the log is changed, and verify names every acknowledged link from then on.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandHandler } from '../../application/command-handler.js';
import { storeSource } from '../../audit/audit-source.js';
import { CHAIN_BREAK_STREAM, chainBreakDecider } from '../../audit/chain-break.js';
import { refuse } from '../../errors.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';

const acknowledgement = z.object({
  stream: z.string().min(1).max(200).describe('The stream verify names at the first broken place'),
  revision: z.number().int().min(1).describe('The revision verify names at the first broken place'),
});

export async function chainBreakRoutes(app: FastifyInstance, options: { store: EventStore; handler: CommandHandler }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const source = storeSource(options.store);

  typed.post(
    '/admin/chain-breaks',
    {
      schema: {
        summary: 'Acknowledge a hash-chain link broken by the concurrent-retry defect (never a rewrite: verify reports it as acknowledged)',
        tags: ['audit'],
        security: [{ bearerAuth: [] }],
        body: acknowledgement,
      },
      preValidation: requireRole('admin'),
    },
    async (request, reply) => {
      const { stream, revision } = request.body;
      const report = await source.verify();
      const link = report.firstBroken?.link;
      if (!link || link.stream !== stream || link.revision !== revision) {
        refuse('PL_ERR_VALIDATION', `Verify does not report a broken link at ${stream} revision ${revision} as the log's first broken place: ${report.summary}`);
      }
      const [previous, broken] = await options.store.readStream(stream, { fromRevision: revision - 1, maxCount: 2 });
      if (!previous || !broken) refuse('PL_ERR_VALIDATION', `Stream ${stream} has no events at revisions ${revision - 1} and ${revision}.`);
      const result = await options.handler.handle(
        chainBreakDecider,
        CHAIN_BREAK_STREAM,
        {
          type: 'AcknowledgeChainBreak',
          data: {
            link,
            previous: { id: previous.id, revision: previous.revision, hash: previous.metadata.hash ?? null, correlationId: previous.metadata.correlationId },
            broken: { revision: broken.revision, previousHash: broken.metadata.previousHash ?? null },
          },
          actor: actorOf(request),
          now: new Date().toISOString(),
        },
        { commandId: randomUUID(), requestId: request.id },
      );
      return reply.code(201).send({ acknowledged: link, position: result.position });
    },
  );
}
