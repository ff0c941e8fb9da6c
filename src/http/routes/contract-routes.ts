// /contracts: read a contract as it stands, from the contracts read model; /providers: the
// provider register the contracts name (their commands' routes come from src/commands/).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contractDetail, contractDetailSchema } from '../../../projections/contract-detail.js';
import { contractRecordOf, contracts } from '../../../projections/contracts.js';
import { peopleDirectory } from '../../../projections/people-directory.js';
import { providerList, providerListSchema, providerRegister } from '../../../projections/provider-register.js';
import { readerRoles } from '../../domain/permissions.js';
import { refuse } from '../../errors.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';
import { actorOf } from '../command-route.js';
import type { PersonAccess } from '../person-access.js';
import { readYourWrites } from '../read-your-writes.js';

export interface ContractRoutesOptions {
  store: EventStore;
  runner: ProjectionRunner;
  people: PersonAccess;
}

const byContract = z.object({ id: z.string().uuid('a contract id is a uuid') });
const tags = ['contracts'];

export async function contractRoutes(app: FastifyInstance, options: ContractRoutesOptions): Promise<void> {
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
      // Never behind a write that succeeded before this read arrived.
      await readYourWrites(options.store, options.runner);
      const contract = contractRecordOf(options.runner.state(contracts), request.params.id);
      if (!contract) refuse('PL_ERR_CONTRACT_NOT_FOUND', `There is no contract ${request.params.id}.`);
      void reply.header('etag', `"${contract.revision}"`);
      const actor = actorOf(request);
      const readable = await options.people.readablePeople(actor);
      // A move dated after today is planned, not done: judged on the reader's today. A provider is told which allocations it holds.
      const holder = actor.role === 'provider' ? actor.organisation : undefined;
      return contractDetail(contract, options.runner.state(peopleDirectory), readable, new Date().toISOString().slice(0, 10), holder);
    },
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/providers',
    {
      schema: {
        summary: 'The provider register: the organisations contracts, Individual Service Funds, moves and the person register may name',
        tags: ['providers'],
        response: { 200: providerListSchema.describe('Every registered provider, in the order registered') },
        security: [{ bearerAuth: [] }],
      },
      preValidation: requireRole(...readerRoles),
    },
    async () => {
      await readYourWrites(options.store, options.runner);
      return providerList(options.runner.state(providerRegister));
    },
  );
}
