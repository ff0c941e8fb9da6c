// /contracts: read a contract as it stands (its commands' routes come from src/commands/).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contractDetail, contractDetailSchema } from '../../../projections/contract-detail.js';
import { peopleDirectory } from '../../../projections/people-directory.js';
import type { CommandHandler } from '../../application/command-handler.js';
import { contractStream } from '../../domain/contracts/contract-events.js';
import { contractDecider } from '../../domain/contracts/decide.js';
import { readerRoles } from '../../domain/permissions.js';
import { refuse } from '../../errors.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';
import type { PersonAccess } from '../person-access.js';

export interface ContractRoutesOptions {
  handler: CommandHandler;
  runner: ProjectionRunner;
  people: PersonAccess;
}

const byContract = z.object({ id: z.string().uuid('a contract id is a uuid') });
const tags = ['contracts'];

export async function contractRoutes(app: FastifyInstance, options: ContractRoutesOptions): Promise<void> {
  const { handler } = options;

  app.withTypeProvider<ZodTypeProvider>().get(
    '/contracts/:id',
    {
      schema: {
        summary: 'A contract as it stands: money released, allocated and remaining, people moved',
        tags,
        params: byContract,
        response: { 200: contractDetailSchema.describe('The contract as this reader may see it') },
        security: [{ bearerAuth: [] }],
      },
      preValidation: requireRole(...readerRoles),
    },
    async (request, reply) => {
      const { state, revision } = await handler.load(contractDecider, contractStream(request.params.id));
      if (state.status === 'none') refuse('PL_ERR_CONTRACT_NOT_FOUND', `There is no contract ${request.params.id}.`);
      void reply.header('etag', `"${revision}"`);
      const readable = await options.people.readablePeople(actorOf(request));
      return contractDetail(state, revision, options.runner.state(peopleDirectory), readable);
    },
  );
}
