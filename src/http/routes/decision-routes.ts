// /decisions: propose, record every fact of a decision, read its state and history.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changesFor, changesForPeople } from '../../../projections/changes-for-people.js';
import { allFlags, coproductionReview, flagCodes, reviewDecision } from '../../../projections/coproduction-review.js';
import { decisionList, listDecisions } from '../../../projections/decision-list.js';
import { involvement, involvementOf } from '../../../projections/involvement.js';
import { peopleAsSeenBy, peopleDirectory, withForgottenNow, type PeopleDirectoryState } from '../../../projections/people-directory.js';
import { listRisks, riskRegister } from '../../../projections/risk-register.js';
import { viewsAndAnswers, youSaidWeDid } from '../../../projections/you-said-we-did.js';
import type { Projection } from '../../../projections/projection.js';
import type { CommandHandler } from '../../application/command-handler.js';
import type { Actor } from '../../domain/actor.js';
import { decisionDecider, type ContractContext } from '../../domain/decisions/decide.js';
import type { Decision } from '../../domain/decisions/decision.js';
import { decisionStream } from '../../domain/decisions/decision-events.js';
import * as facts from '../../domain/decisions/decision-facts.js';
import { readerRoles } from '../../domain/permissions.js';
import { refuse } from '../../errors.js';
import type { ProjectionRunner } from '../../projection-runner/projection-runner.js';
import type { AsOfReplays } from '../../projection-runner/as-of-replays.js';
import { asOfParameter, parseAsOf, within } from '../../projection-runner/replay.js';
import type { EventStore } from '../../store/event-store.js';
import { requireRole } from '../authentication.js';
import { actorOf, registerCommandRoute } from '../command-route.js';
import type { ContractLookup } from '../lookups.js';
import { decisionAsSeenBy, eventAsSeenBy, mayReadIn, type PersonAccess, type ReadablePeople } from '../person-access.js';
import { readYourWrites } from '../read-your-writes.js';

export interface DecisionRoutesOptions {
  store: EventStore;
  handler: CommandHandler;
  runner: ProjectionRunner;
  contracts: ContractLookup;
  people: PersonAccess;
  /** As-of replays, bounded and shared across the server. */
  asOf: AsOfReplays;
}

const byDecision = z.object({ id: z.string().uuid('a decision id is a uuid') });
const byRisk = byDecision.extend({ riskId: z.string().uuid('a risk id is a uuid') });
const byChallenge = byDecision.extend({ challengeId: z.string().uuid('a challenge id is a uuid') });
const tags = ['decisions'];
const stream = ({ params }: { params: { id: string } }) => decisionStream(params.id);
const decisionId = ({ params }: { params: { id: string } }) => ({ decisionId: params.id });
/** What every route on one decision shares. */
const onADecision = { tags, params: byDecision, decider: decisionDecider, stream };

export async function decisionRoutes(app: FastifyInstance, options: DecisionRoutesOptions): Promise<void> {
  const { handler } = options;
  /** Whom a provider may name: the people it supports, read once the register's projection has caught up (a change of supporters counts at once). */
  const supportedPeople = async (actor: Actor) => {
    if (actor.role !== 'provider') return [];
    await readYourWrites(options.store, options.runner);
    return options.people.supportedPeople(actor);
  };

  registerCommandRoute(app, handler, {
    url: '/decisions',
    command: 'ProposeDecision',
    summary: 'Propose a decision (commissioning, provider-change or disaggregation)',
    tags,
    params: z.object({}),
    body: facts.proposal,
    decider: decisionDecider,
    stream: ({ newId }) => decisionStream(newId('decision')),
    toCommand: async ({ body, newId, actor, now }) => {
      const contract: ContractContext | undefined = body.contractId ? await options.contracts.context(body.contractId) : undefined;
      return {
        type: 'ProposeDecision' as const,
        data: { ...body, decisionId: newId('decision'), ...(contract ? { contract } : {}) },
        actor,
        now,
        supportedPeople: await supportedPeople(actor),
      };
    },
    answer: ({ newId }) => ({ decisionId: newId('decision') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/information',
    command: 'ShareInformation',
    summary: 'Record information shared, in which accessible format, and when',
    body: facts.informationShared,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'ShareInformation' as const, data: { ...body, informationId: newId('informationId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, informationId: newId('informationId') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/involvement',
    command: 'RecordInvolvement',
    summary: 'Record who was involved, at which stage, on which rung, with what support',
    body: facts.participantInvolved,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'RecordInvolvement' as const, data: { ...body, involvementId: newId('involvementId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, involvementId: newId('involvementId') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/views',
    command: 'RecordView',
    summary: 'Record a view in the person’s own words',
    body: facts.view,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'RecordView' as const, data: { ...body, viewId: newId('viewId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, viewId: newId('viewId') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/options',
    command: 'ConsiderOption',
    summary: 'Record an option considered, with its pros and cons',
    body: facts.optionConsidered,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'ConsiderOption' as const, data: { ...body, optionId: newId('optionId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, optionId: newId('optionId') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/risks',
    command: 'IdentifyRisk',
    summary: 'Identify a risk: what it is, who it falls on, likelihood and impact',
    body: facts.riskIdentified,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'IdentifyRisk' as const, data: { ...body, riskId: newId('riskId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, riskId: newId('riskId') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/feedback',
    command: 'GiveFeedback',
    summary: 'Record feedback given: to whom, in what format, what they were told',
    body: facts.feedbackGiven,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'GiveFeedback' as const, data: { ...body, feedbackId: newId('feedbackId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, feedbackId: newId('feedbackId') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/changes',
    command: 'RecordChangeForPerson',
    summary: 'Record what changed for a person',
    body: facts.changeForPerson,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'RecordChangeForPerson' as const, data: { ...body, changeId: newId('changeId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, changeId: newId('changeId') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/challenges',
    command: 'ChallengeDecision',
    summary: 'Challenge the decision, saying why',
    body: facts.challenge,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'ChallengeDecision' as const, data: { ...body, challengeId: newId('challengeId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, challengeId: newId('challengeId') }),
  });

  registerCommandRoute(app, handler, {
    ...onADecision,
    url: '/decisions/:id/coproduction-reviews',
    command: 'ReviewCoproduction',
    summary: 'A self-advocate’s review of how far co-production went',
    body: facts.coproductionReview,
    toCommand: async ({ body, newId, actor, now }) => ({ type: 'ReviewCoproduction' as const, data: { ...body, reviewId: newId('reviewId') }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params, newId }) => ({ decisionId: params.id, reviewId: newId('reviewId') }),
  });

  registerCommandRoute(app, handler, {
    url: '/decisions/:id/risks/:riskId/acceptance',
    command: 'AcceptRisk',
    summary: 'Accept a risk: who accepted it, why it is worth taking, mitigations, review date',
    tags,
    params: byRisk,
    body: facts.riskAccepted,
    decider: decisionDecider,
    stream,
    toCommand: async ({ body, params, actor, now }) => ({ type: 'AcceptRisk' as const, data: { ...body, riskId: params.riskId }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params }) => ({ decisionId: params.id, riskId: params.riskId }),
  });

  registerCommandRoute(app, handler, {
    url: '/decisions/:id/risks/:riskId/reviews',
    command: 'ReviewRisk',
    summary: 'Review an accepted risk',
    tags,
    params: byRisk,
    body: facts.riskReviewed,
    decider: decisionDecider,
    stream,
    toCommand: async ({ body, params, newId, actor, now }) => ({
      type: 'ReviewRisk' as const,
      data: { ...body, riskId: params.riskId, reviewId: newId('review') },
      actor,
      now,
      supportedPeople: await supportedPeople(actor),
    }),
    answer: ({ params, newId }) => ({ decisionId: params.id, riskId: params.riskId, reviewId: newId('review') }),
  });

  registerCommandRoute(app, handler, {
    url: '/decisions/:id/supported-decision',
    command: 'RecordSupportedDecision',
    summary: 'Record how a person was supported to make a decision about their own support (or a best-interests decision)',
    tags,
    params: byDecision,
    body: facts.supportedDecision,
    decider: decisionDecider,
    stream,
    toCommand: async ({ body, actor, now }) => ({ type: 'RecordSupportedDecision' as const, data: body, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: decisionId,
  });

  registerCommandRoute(app, handler, {
    url: '/decisions/:id/decision',
    command: 'MakeDecision',
    summary: 'Make the decision: outcome, reasons, who decided, the rung claimed, review date, an answer to each view',
    tags,
    params: byDecision,
    body: facts.decisionMade,
    decider: decisionDecider,
    stream,
    toCommand: async ({ body, actor, now }) => ({ type: 'MakeDecision' as const, data: body, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: decisionId,
  });

  registerCommandRoute(app, handler, {
    url: '/decisions/:id/challenges/:challengeId/resolution',
    command: 'ResolveChallenge',
    summary: 'Resolve a challenge: the review panel, its finding and any revision',
    tags,
    params: byChallenge,
    body: facts.challengeResolution,
    decider: decisionDecider,
    stream,
    toCommand: async ({ body, params, actor, now }) => ({ type: 'ResolveChallenge' as const, data: { ...body, challengeId: params.challengeId }, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: ({ params }) => ({ decisionId: params.id, challengeId: params.challengeId }),
  });

  registerCommandRoute(app, handler, {
    url: '/decisions/:id/supersession',
    command: 'SupersedeDecision',
    summary: 'Mark the decision as superseded by another',
    tags,
    params: byDecision,
    body: facts.supersession,
    decider: decisionDecider,
    stream,
    toCommand: async ({ body, actor, now }) => ({ type: 'SupersedeDecision' as const, data: body, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: decisionId,
  });

  registerCommandRoute(app, handler, {
    url: '/decisions/:id/withdrawal',
    command: 'WithdrawDecision',
    summary: 'Withdraw the decision',
    tags,
    params: byDecision,
    body: facts.withdrawal,
    decider: decisionDecider,
    stream,
    toCommand: async ({ body, actor, now }) => ({ type: 'WithdrawDecision' as const, data: body, actor, now, supportedPeople: await supportedPeople(actor) }),
    answer: decisionId,
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/decisions', {
    schema: {
      summary: 'List decisions, newest first',
      tags,
      querystring: z.object({
        kind: facts.decisionKind.optional(),
        status: z.enum(['proposed', 'deferred', 'decided', 'superseded', 'withdrawn']).optional(),
        contract: z.string().uuid().optional(),
        organisation: z.string().optional(),
        person: z.string().optional(),
        flag: z.enum(flagCodes).optional().describe('Only decisions with this flag, e.g. decided-without-people, no-feedback, decision-review-overdue'),
      }),
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...readerRoles),
    handler: async (request) => {
      const { kind, status, contract, organisation, person, flag } = request.query;
      await readYourWrites(options.store, options.runner);
      const { runner } = options;
      let decisions = listDecisions(runner.state(decisionList), { kind, status, contractId: contract, organisation, person });
      if (flag) {
        const flagged = new Set(allFlags(runner.state(coproductionReview), new Date().toISOString()).filter((f) => f.code === flag).map((f) => f.decisionId));
        decisions = decisions.filter((d) => flagged.has(d.decisionId));
      }
      return { decisions, asOfPosition: runner.position };
    },
  });

  typed.get('/decisions/:id', {
    schema: {
      summary: 'A decision as it stands now (or stood at a past moment), with who was involved, its risks, what changed for people and whether it was co-produced',
      tags,
      params: byDecision,
      querystring: z.object({
        asOf: asOfParameter.optional().describe('An ISO-8601 time (encode + as %2B) or a log position: the decision as it stood then, replayed from the log'),
      }),
      security: [{ bearerAuth: [] }],
    },
    preValidation: requireRole(...readerRoles),
    handler: async (request, reply) => {
      const { id } = request.params;
      if (request.query.asOf !== undefined) {
        const asOf = parseAsOf(request.query.asOf);
        const position = await options.asOf.positionOf(asOf);
        const { state, revision } = await handler.loadAt(decisionDecider, decisionStream(id), within({ position }));
        if (state.status === 'none') refuse('PL_ERR_DECISION_NOT_FOUND', `Decision ${id} had not been recorded at that moment.`);
        const replayed = await options.asOf.at(position);
        // Replayed states are each projection's own, folded by its own evolve.
        const stateOf = <S>(projection: Projection<S>) => replayed.states.get(projection.name) as S;
        // Overdue is judged at that moment: the time asked for, or when the log last grew before that position.
        const then = 'time' in asOf ? asOf.time : (replayed.lastRecordedAt ?? new Date().toISOString());
        await readYourWrites(options.store, options.runner);
        const readable = await options.people.readablePeople(actorOf(request));
        const directory = withForgottenNow(stateOf(peopleDirectory), options.runner.state(peopleDirectory));
        return { ...decisionDetail(id, state, revision, stateOf, directory, then, readable), asOfPosition: replayed.position };
      }
      const { state, revision } = await handler.load(decisionDecider, decisionStream(id));
      if (state.status === 'none') refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${id}.`);
      await readYourWrites(options.store, options.runner);
      const { runner } = options;
      const readable = await options.people.readablePeople(actorOf(request));
      void reply.header('etag', `"${revision}"`);
      const now = new Date().toISOString();
      return { ...decisionDetail(id, state, revision, (projection) => runner.state(projection), runner.state(peopleDirectory), now, readable), asOfPosition: runner.position };
    },
  });

  typed.get('/decisions/:id/events', {
    schema: { summary: 'A decision’s raw history, every event in order', tags, params: byDecision, security: [{ bearerAuth: [] }] },
    preValidation: requireRole(...readerRoles),
    handler: async (request) => {
      const events = await options.store.readStream(decisionStream(request.params.id));
      if (events.length === 0) refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${request.params.id}.`);
      await readYourWrites(options.store, options.runner);
      const mayRead = mayReadIn(await options.people.readablePeople(actorOf(request)));
      return { events: events.map((event) => eventAsSeenBy(event, mayRead)) };
    },
  });
}

/** A decision with what the projections say about it; `directory` says who was forgotten and who needs which formats; `now` judges what is overdue. */
function decisionDetail(
  id: string,
  state: Decision,
  revision: number,
  stateOf: <S>(projection: Projection<S>) => S,
  directory: PeopleDirectoryState,
  now: string,
  readable: ReadablePeople,
) {
  const mayRead = mayReadIn(readable);
  return {
    ...decisionAsSeenBy(state, mayRead),
    revision,
    involvement: involvementOf(stateOf(involvement), id) ?? null,
    risks: listRisks(stateOf(riskRegister), now, { decisionId: id }),
    changesForPeople: changesFor(stateOf(changesForPeople), { decisionId: id, readable: readable === 'everyone' ? undefined : readable }),
    youSaidWeDid: viewsAndAnswers(stateOf(youSaidWeDid), { decisionId: id }),
    coproductionReview: reviewDecision(stateOf(coproductionReview), id, now) ?? null,
    // So information can be shared in the format each person needs (Accessible Information Standard).
    people: peopleAsSeenBy(directory, state.affects.people, mayRead),
  };
}
