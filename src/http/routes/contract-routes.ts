// /contracts: register a contract, plan the disaggregation of a block, allocate
// individual budgets, record people moving to their new arrangement, vary or end it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { peopleAsSeenBy, peopleDirectory } from '../../../projections/people-directory.js';
import type { CommandHandler } from '../../application/command-handler.js';
import { contractMoney } from '../../domain/contracts/contract.js';
import { contractStream } from '../../domain/contracts/contract-events.js';
import * as facts from '../../domain/contracts/contract-facts.js';
import { contractDecider } from '../../domain/contracts/decide.js';
import { readerRoles } from '../../domain/permissions.js';
import { refuse } from '../../errors.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import { requireRole } from '../authentication.js';
import { actorOf, registerCommandRoute } from '../command-route.js';
import type { DecisionLookup } from '../lookups.js';
import type { PersonAccess } from '../person-access.js';

export interface ContractRoutesOptions {
  handler: CommandHandler;
  decisions: DecisionLookup;
  runner: ProjectionRunner;
  people: PersonAccess;
}

const byContract = z.object({ id: z.string().uuid('a contract id is a uuid') });
const byAllocation = byContract.extend({ allocationId: z.string().uuid('an allocation id is a uuid') });
const tags = ['contracts'];
const stream = ({ params }: { params: { id: string } }) => contractStream(params.id);
const contractId = ({ params }: { params: { id: string } }) => ({ contractId: params.id });
const onAContract = { tags, params: byContract, decider: contractDecider, stream };

export async function contractRoutes(app: FastifyInstance, options: ContractRoutesOptions): Promise<void> {
  const { handler } = options;

  registerCommandRoute(app, handler, {
    url: '/contracts',
    command: 'RegisterContract',
    summary: 'Register a contract: provider, type, annual value, people covered, service, dates',
    tags,
    params: z.object({}),
    body: facts.contractRegistration,
    decider: contractDecider,
    stream: ({ newId }) => contractStream(newId('contract')),
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'RegisterContract' as const, data: { ...body, contractId: newId('contract') }, actor, now }),
    answer: ({ newId }) => ({ contractId: newId('contract') }),
  });

  registerCommandRoute(app, handler, {
    ...onAContract,
    url: '/contracts/:id/disaggregation',
    command: 'PlanDisaggregation',
    summary: 'Plan the disaggregation of a block contract under an agreed disaggregation decision',
    body: facts.disaggregationPlan,
    toCommand: async ({ body, actor, now }) => ({
      type: 'PlanDisaggregation' as const,
      data: { ...body, decision: await options.decisions.context(body.decisionId) },
      actor,
      now,
    }),
    answer: contractId,
  });

  registerCommandRoute(app, handler, {
    ...onAContract,
    url: '/contracts/:id/allocations',
    command: 'AllocateIndividualBudget',
    summary: 'Allocate an individual budget to a person from the money released',
    body: facts.budgetAllocation,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'AllocateIndividualBudget' as const, data: { ...body, allocationId: newId('allocation') }, actor, now }),
    answer: ({ params, newId }) => ({ contractId: params.id, allocationId: newId('allocation') }),
  });

  registerCommandRoute(app, handler, {
    ...onAContract,
    url: '/contracts/:id/transitions',
    command: 'RecordPersonMoved',
    summary: 'Record that a person moved to their new arrangement',
    body: facts.personMoved,
    toCommand: async ({ body, actor, now }) => ({ type: 'RecordPersonMoved' as const, data: body, actor, now }),
    answer: contractId,
  });

  registerCommandRoute(app, handler, {
    url: '/contracts/:id/allocations/:allocationId/end',
    command: 'EndAllocation',
    summary: 'End an allocation (the person left, or a new allocation replaces it); its money returns to what was released',
    tags,
    params: byAllocation,
    body: facts.allocationEnding,
    decider: contractDecider,
    stream,
    toCommand: async ({ body, params, actor, now }) => ({ type: 'EndAllocation' as const, data: { ...body, allocationId: params.allocationId }, actor, now }),
    answer: ({ params }) => ({ contractId: params.id, allocationId: params.allocationId }),
  });

  registerCommandRoute(app, handler, {
    ...onAContract,
    url: '/contracts/:id/variation',
    command: 'VaryContract',
    summary: 'Vary the contract: what changed and why, with its new value or end date if those changed',
    body: facts.contractVariation,
    toCommand: async ({ body, actor, now }) => ({ type: 'VaryContract' as const, data: body, actor, now }),
    answer: contractId,
  });

  registerCommandRoute(app, handler, {
    ...onAContract,
    url: '/contracts/:id/end',
    command: 'EndContract',
    summary: 'End the contract',
    body: facts.contractEnding,
    toCommand: async ({ body, actor, now }) => ({ type: 'EndContract' as const, data: body, actor, now }),
    answer: contractId,
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/contracts/:id',
    {
      schema: { summary: 'A contract as it stands: money released, allocated and remaining, people moved', tags, params: byContract, security: [{ bearerAuth: [] }] },
      preValidation: requireRole(...readerRoles),
    },
    async (request, reply) => {
      const { state, revision } = await handler.load(contractDecider, contractStream(request.params.id));
      if (state.status === 'none') refuse('PL_ERR_CONTRACT_NOT_FOUND', `There is no contract ${request.params.id}.`);
      void reply.header('etag', `"${revision}"`);
      const readable = await options.people.readablePeople(actorOf(request));
      const covered = [...new Set([...state.peopleCovered, ...state.allocations.map((a) => a.personId)])];
      return {
        ...state,
        money: contractMoney(state),
        revision,
        // Each person's communication needs, for those who may see them (Accessible Information Standard).
        people: peopleAsSeenBy(options.runner.state(peopleDirectory), covered, (p) => readable === 'everyone' || readable.has(p)),
      };
    },
  );
}
