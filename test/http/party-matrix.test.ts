// Who may name whom, as served: every command × every field that names a party, a person or
// an organisation × every role that may send the command (commissioner, provider, a
// self-advocate bound to a person, one bound to nobody). The fields are found by walking
// each command's zod body schema (and the served path's person parameter), so a field
// added to a schema is in the matrix the day it is added. For each candidate the rules
// below (restated here, independently of the domain's module) say yes or no: yes is 201,
// no is 403 with the actor's code and a log that did not move.
import t, { type Test } from 'tap';
import { z } from 'zod';
import * as contractFacts from '../../src/domain/contracts/contract-facts.js';
import * as decisionFacts from '../../src/domain/decisions/decision-facts.js';
import * as personFacts from '../../src/domain/people/person-facts.js';
import * as providerFacts from '../../src/domain/providers/provider-facts.js';
import { commandPermissions } from '../../src/commands/command-tables.js';
import type { CommandType } from '../../src/domain/permissions.js';
import { recordedForSomeone } from '../../src/domain/shared/provenance.js';
import { organisationName, party, partyRole, personId, type Party } from '../../src/domain/shared/vocabulary.js';
import { COUNCIL, DAY_SERVICE_PROVIDER } from '../../src/demo/demo-scenario.js';
import { servedCommands, type ServedCommand } from '../support/served-commands.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { registerTestProviders } from '../support/providers.js';

const OWN = DAY_SERVICE_PROVIDER;
const OTHER = 'Other Care Ltd';
/** The bound self-advocate token's person; Hillside Support supports them. */
const ME = 'P-HS01';
/** Someone else Hillside Support supports. */
const NEIGHBOUR = 'P-HS02';
/** Someone only Other Care Ltd supports. */
const STRANGER = 'P-OC01';
const supportedBy: Record<string, string[]> = { [ME]: [OWN], [NEIGHBOUR]: [OWN], [STRANGER]: [OTHER] };

/** The body each command takes. ForgetPerson is a DELETE that names only the person in its path, and is for commissioners alone. */
const bodies = {
  ProposeDecision: decisionFacts.proposal,
  ShareInformation: decisionFacts.informationShared,
  RecordInvolvement: decisionFacts.participantInvolved,
  RecordView: decisionFacts.view,
  ConsiderOption: decisionFacts.optionConsidered,
  IdentifyRisk: decisionFacts.riskIdentified,
  AcceptRisk: decisionFacts.riskAccepted,
  ReviewRisk: decisionFacts.riskReviewed,
  RecordSupportedDecision: decisionFacts.supportedDecision,
  MakeDecision: decisionFacts.decisionMade,
  GiveFeedback: decisionFacts.feedbackGiven,
  RecordChangeForPerson: decisionFacts.changeForPerson,
  ChallengeDecision: decisionFacts.challenge,
  ResolveChallenge: decisionFacts.challengeResolution,
  ReviewCoproduction: decisionFacts.coproductionReview,
  SupersedeDecision: decisionFacts.supersession,
  WithdrawDecision: decisionFacts.withdrawal,
  ConfirmFact: decisionFacts.factConfirmation,
  DisputeFact: decisionFacts.factDispute,
  RegisterContract: contractFacts.contractRegistration,
  PlanDisaggregation: contractFacts.disaggregationPlan,
  AllocateIndividualBudget: contractFacts.budgetAllocation,
  RecordPersonMoved: contractFacts.personMoved,
  EndAllocation: contractFacts.allocationEnding,
  VaryContract: contractFacts.contractVariation,
  EndContract: contractFacts.contractEnding,
  RegisterPerson: personFacts.personRegistration,
  RecordCommunicationNeeds: personFacts.needsUpdate,
  ChangeSupportingProviders: personFacts.supportUpdate,
  ForgetPerson: personFacts.erasure,
  RegisterProvider: providerFacts.providerRegistration,
} satisfies Record<CommandType, z.ZodType>;

// --- The fields that name someone, found in the schemas ---------------------------------

type Kind = 'party' | 'person' | 'organisation';
interface NamingField {
  /** Where it sits: body keys, or ['params', name] for a person in the path. */
  path: string[];
  kind: Kind;
  many: boolean;
}

const leaves = new Set(['string', 'number', 'boolean', 'enum', 'literal']);

function namingFields(schema: z.ZodType, path: string[] = []): NamingField[] {
  if (schema === party) return [{ path, kind: 'party', many: false }];
  if (schema === personId) return [{ path, kind: 'person', many: false }];
  if (schema === organisationName) return [{ path, kind: 'organisation', many: false }];
  // Whom a voice was recorded for must be a person the fact already names, or it is refused
  // (test/unit/decision-decider.test.ts): the naming rules are tested on the field that names them.
  if (schema === recordedForSomeone) return [];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return namingFields(schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, field]) => namingFields(field, [...path, key]));
  if (schema instanceof z.ZodArray) {
    const inner = namingFields(schema.element as z.ZodType, path);
    // A list of records that name someone needs a walker that knows which element it changes.
    if (inner.some((f) => f.many || f.path.length !== path.length)) throw new Error(`${path.join('.')}: a list of records naming someone; teach this test to walk it`);
    return inner.map((f) => ({ ...f, many: true }));
  }
  if (leaves.has(schema.def.type)) return [];
  // A choice between shapes that name nobody (a date-time or a date) names nobody.
  if (schema instanceof z.ZodUnion && (schema.options as z.ZodType[]).every((option) => namingFields(option, path).length === 0)) return [];
  throw new Error(`${path.join('.') || '(body)'}: a ${schema.def.type} schema this test cannot walk; teach it, so no field escapes`);
}

// --- The rules, restated ------------------------------------------------------------------

type Who = 'commissioner' | 'provider' | 'bound self-advocate' | 'unbound self-advocate';
const AUTHOR_FIELDS = new Set(['by', 'proposedBy', 'putForwardBy']);
/** A proposal's `organisations`: whose matter it is. A provider names exactly itself. */
const CONCERN_FIELDS = new Set(['organisations']);

const providerSupports = (id: string) => (supportedBy[id] ?? []).includes(OWN);

function mayNamePerson(who: Who, id: string): boolean {
  if (who === 'commissioner') return true;
  if (who === 'provider') return providerSupports(id);
  if (who === 'bound self-advocate') return id === ME;
  return false;
}

function mayAuthor(who: Who, p: Party): boolean {
  switch (who) {
    case 'commissioner':
      return p.role !== 'provider';
    case 'provider':
      return p.role === 'provider' && p.organisation === OWN && p.personId === undefined && p.onBehalfOf === undefined;
    case 'bound self-advocate':
      return (p.role === 'person-using-support' || p.role === 'self-advocate') && p.personId === ME && (p.onBehalfOf === undefined || p.onBehalfOf === ME) && p.organisation === undefined;
    case 'unbound self-advocate':
      return ['self-advocate', 'family-carer', 'advocate'].includes(p.role) && p.personId === undefined && p.onBehalfOf === undefined && p.organisation === undefined;
  }
}

function mayNameParty(who: Who, p: Party): boolean {
  if (who === 'provider' && p.role === 'provider' && p.organisation !== OWN) return false;
  return [p.personId, p.onBehalfOf].every((id) => id === undefined || mayNamePerson(who, id));
}

function mayNameOrganisation(who: Who, organisation: string): boolean {
  if (who === 'commissioner') return true;
  return who === 'provider' && organisation === OWN;
}

function mayConcern(who: Who, organisations: readonly string[]): boolean {
  if (who === 'commissioner') return true;
  if (who === 'provider') return organisations.length === 1 && organisations[0] === OWN;
  return organisations.length === 0;
}

function mayNameIn(who: Who, field: NamingField, value: unknown): boolean {
  const name = field.path.at(-1) ?? '';
  const values: unknown[] = value === undefined ? [] : field.many ? (value as unknown[]) : [value];
  if (field.kind === 'organisation' && field.many && CONCERN_FIELDS.has(name)) return mayConcern(who, values as string[]);
  return values.every((v) => {
    if (field.kind === 'person') return mayNamePerson(who, v as string);
    if (field.kind === 'organisation') return mayNameOrganisation(who, v as string);
    return AUTHOR_FIELDS.has(name) ? mayAuthor(who, v as Party) : mayNameParty(who, v as Party);
  });
}

// --- Who may be named: every role of the party schema, in every guise --------------------

const guises: Record<string, unknown>[] = [
  { label: 'A group' },
  { organisation: OWN },
  { organisation: OTHER },
  { personId: ME },
  { personId: NEIGHBOUR },
  { personId: STRANGER },
  { onBehalfOf: ME },
  { onBehalfOf: STRANGER },
  { personId: NEIGHBOUR, onBehalfOf: ME },
  { personId: ME, onBehalfOf: NEIGHBOUR },
];
const candidateParties: Party[] = partyRole.options.flatMap((role) => guises.flatMap((guise) => {
  const parsed = party.safeParse({ role, ...guise });
  return parsed.success ? [parsed.data] : [];
}));

function candidates(field: NamingField, command: CommandType): unknown[] {
  if (field.kind === 'party') return field.many ? candidateParties.map((p) => [p]) : candidateParties;
  if (field.kind === 'person') {
    // A registration names someone not yet in the register; nobody supports them yet.
    const people = command === 'RegisterPerson' ? [freshPerson()] : [ME, NEIGHBOUR, STRANGER];
    return field.many ? people.map((p) => [p]) : people;
  }
  return field.many ? [[], [OWN], [OTHER], [OWN, OTHER]] : [OWN, OTHER];
}

let fresh = 0;
const freshPerson = () => `P-NEW${String(++fresh).padStart(4, '0')}`;

// --- What each command is sent, for each role, naming only what that role may name --------

const council = { role: 'commissioner', organisation: COUNCIL };
const authorFor = (who: Who) =>
  ({
    commissioner: council,
    provider: { role: 'provider', organisation: OWN },
    'bound self-advocate': { role: 'person-using-support', personId: ME },
    'unbound self-advocate': { role: 'self-advocate', label: 'Speaking Up Together self-advocacy group' },
  })[who];

const text = 'Recorded by the party matrix.';
/** A commissioner records a person's answer for them, saying how (target() points it at the person named). */
const recordedByCommissioner = (who: Who) => (who === 'commissioner' ? { provenance: { recordedFor: ME, gathered: 'phone', readBack: true } } : {});
const base: Partial<Record<CommandType, (who: Who) => Record<string, unknown>>> = {
  ProposeDecision: (who) => ({
    kind: who === 'provider' ? 'provider-change' : 'commissioning',
    title: 'Change the day service',
    summary: text,
    easyReadSummary: ['We want to change the day service.'],
    proposedBy: authorFor(who),
    affects: { people: [ME], groups: [] },
    organisations: [OWN],
  }),
  ShareInformation: () => ({ sharedWith: [council], format: 'easy-read', timing: 'before-asking-for-views', sharedAt: '2026-09-01T10:00:00+01:00', description: text }),
  RecordInvolvement: () => ({ participant: council, stage: 'deciding', rung: 'engagement', support: [] }),
  RecordView: (who) => ({ by: authorFor(who), stance: 'supports', inOwnWords: text }),
  ConsiderOption: (who) => ({ title: 'An option', description: text, putForwardBy: authorFor(who) }),
  IdentifyRisk: () => ({ description: text, fallsOn: [council], likelihood: 'low', impact: 'low' }),
  AcceptRisk: () => ({ acceptedBy: [council], whyWorthTaking: text, reviewDate: '2027-03-01' }),
  RecordSupportedDecision: () => ({
    personId: ME,
    mode: 'best-interests',
    howSupported: text,
    chosenHelpers: [council],
    bestInterests: { consulted: [council], whyLeastRestrictive: text },
  }),
  MakeDecision: () => ({ outcome: 'agreed', reasons: text, decidedBy: [council], claimedRung: 'co-design', reviewDate: '2027-06-30', answers: [] }),
  GiveFeedback: () => ({ to: [council], format: 'standard', message: text }),
  RecordChangeForPerson: () => ({ personId: ME, area: 'home', before: 'Before.', after: 'After.', direction: 'better', inPersonsOwnWords: true }),
  ChallengeDecision: (who) => ({ by: authorFor(who), reason: text }),
  ConfirmFact: (who) => ({ fact: 'change', factId: '00000000-0000-4000-8000-000000000000', personId: ME, ...recordedByCommissioner(who) }),
  DisputeFact: (who) => ({ fact: 'change', factId: '00000000-0000-4000-8000-000000000000', personId: ME, inOwnWords: text, ...recordedByCommissioner(who) }),
  ResolveChallenge: () => ({ panel: [council], finding: 'not-upheld', reasons: text }),
  ReviewCoproduction: (who) => ({ by: authorFor(who), rungReached: 'consultation', comments: text }),
  RegisterContract: () => ({ provider: OWN, type: 'spot', annualValue: 100_000, peopleCovered: [ME], service: 'Support at home', start: '2026-04-01' }),
  AllocateIndividualBudget: () => ({ personId: ME, amount: 100, route: 'individual-service-fund', heldBy: OWN }),
  RecordPersonMoved: () => ({ personId: ME, allocationId: '00000000-0000-4000-8000-000000000000', date: '2027-02-01' }),
  RegisterPerson: () => ({ personId: freshPerson(), name: 'Someone new', communicationNeeds: [], supportedBy: [OWN] }),
  RecordCommunicationNeeds: () => ({ communicationNeeds: [{ need: 'easy-read' }] }),
  ChangeSupportingProviders: () => ({ supportedBy: [OWN] }),
};

/** Commands recorded once on their target: an allowed case needs a target of its own. */
const onceOnly = new Set<CommandType>(['MakeDecision', 'AcceptRisk', 'ResolveChallenge']);
/** Commands whose target depends on the body (an allocation of the person named) or that spend what they target (money released). */
const everyCaseItsOwn = new Set<CommandType>(['RecordPersonMoved', 'AllocateIndividualBudget', 'ConfirmFact', 'DisputeFact']);

// --- The record each case needs ----------------------------------------------------------

interface World extends TestApp {
  headers: Record<Who, { authorization: string }>;
}

async function world(t: Test): Promise<World> {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const unbound = await ctx.tokens.create({ role: 'self-advocate', name: 'Speaking Up Together (no one person)' }, new Date().toISOString());
  const headers: Record<Who, { authorization: string }> = {
    commissioner: ctx.bearer.commissioner,
    provider: ctx.bearer.provider,
    'bound self-advocate': ctx.bearer['self-advocate'],
    'unbound self-advocate': { authorization: `Bearer ${unbound.token}` },
  };
  for (const [id, providers] of Object.entries(supportedBy)) {
    await must(ctx, headers.commissioner, '/people', { personId: id, name: `Person ${id}`, communicationNeeds: [], supportedBy: providers });
  }
  return { ...ctx, headers };
}

async function must(ctx: TestApp, headers: { authorization: string }, url: string, payload: unknown): Promise<Record<string, string>> {
  const response = await ctx.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
  if (response.statusCode !== 201) throw new Error(`fixture: POST ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json<Record<string, string>>();
}

/** The path parameters (and any body ids) a command needs, made by the commissioner. */
async function target(w: World, command: CommandType, body: Record<string, unknown>): Promise<Record<string, string>> {
  const c = w.headers.commissioner;
  const decision = async () => (await must(w, c, '/decisions', base.ProposeDecision?.('commissioner'))).decisionId ?? '';
  const plannedContract = async () => {
    const contractId = (await must(w, c, '/contracts', { provider: OWN, type: 'block', annualValue: 1_000_000, service: 'Day centre', start: '2026-04-01' })).contractId ?? '';
    const decisionId = (
      await must(w, c, '/decisions', { ...base.ProposeDecision?.('commissioner'), kind: 'disaggregation', contractId })
    ).decisionId;
    await must(w, c, `/decisions/${decisionId}/decision`, base.MakeDecision?.('commissioner'));
    await must(w, c, `/contracts/${contractId}/disaggregation`, { decisionId, timetable: [{ step: 'Budgets start', by: '2027-02-01' }], amountToRelease: 1_000_000 });
    return contractId;
  };
  switch (command) {
    case 'ConfirmFact':
    case 'DisputeFact': {
      // A change for the person the body names, answered once: each case its own.
      const id = await decision();
      await must(w, c, `/decisions/${id}/decision`, base.MakeDecision?.('commissioner'));
      const named = typeof body.personId === 'string' ? body.personId : ME;
      body.factId = (await must(w, c, `/decisions/${id}/changes`, { ...base.RecordChangeForPerson?.('commissioner'), personId: named })).changeId;
      if (typeof body.provenance === 'object' && body.provenance !== null) body.provenance = { ...body.provenance, recordedFor: named };
      return { id };
    }
    case 'AcceptRisk': {
      const id = await decision();
      return { id, riskId: (await must(w, c, `/decisions/${id}/risks`, base.IdentifyRisk?.('commissioner'))).riskId ?? '' };
    }
    case 'ResolveChallenge': {
      const id = await decision();
      return { id, challengeId: (await must(w, c, `/decisions/${id}/challenges`, base.ChallengeDecision?.('commissioner'))).challengeId ?? '' };
    }
    case 'AllocateIndividualBudget':
      return { id: await plannedContract() };
    case 'RecordPersonMoved': {
      const id = await plannedContract();
      const allocation = await must(w, c, `/contracts/${id}/allocations`, { personId: body.personId, amount: 100, route: 'direct-payment' });
      body.allocationId = allocation.allocationId;
      return { id };
    }
    case 'ProposeDecision':
    case 'RegisterContract':
    case 'RegisterPerson':
    case 'RecordCommunicationNeeds':
    case 'ChangeSupportingProviders':
      return {};
    default:
      return { id: await decision() };
  }
}

// --- The matrix -----------------------------------------------------------------------------

const whoOf = (role: string): Who[] => (role === 'self-advocate' ? ['bound self-advocate', 'unbound self-advocate'] : role === 'commissioner' || role === 'provider' ? [role] : []);
const refusalCode = (who: Who) => (who === 'commissioner' || who === 'provider' ? 'PL_ERR_NOT_OWN_ORGANISATION' : 'PL_ERR_NOT_OWN_PERSON');

function setAt(body: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) return body;
  const inner = body[key];
  return { ...body, [key]: rest.length === 0 ? value : setAt(typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {}, rest, value) };
}

function getAt(body: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), body);
}

const bodyFields = (command: CommandType) => namingFields(bodies[command]);

t.test('the fields that name someone are found in the schemas', async (t) => {
  const found = new Set(Object.keys(bodies).flatMap((command) => bodyFields(command as CommandType).map((f) => f.path.at(-1))));
  for (const name of ['by', 'proposedBy', 'putForwardBy', 'acceptedBy', 'decidedBy', 'participant', 'sharedWith', 'fallsOn', 'chosenHelpers', 'consulted', 'to', 'panel', 'organisations', 'personId', 'people', 'provider', 'heldBy', 'peopleCovered', 'supportedBy']) {
    t.ok(found.has(name), `${name} is found`);
  }
  t.throws(() => namingFields(z.object({ helpers: z.array(z.object({ who: party })) })), /teach this test/, 'a shape it cannot walk stops the test rather than letting a field escape');
  t.throws(() => namingFields(z.object({ who: z.union([party, z.string()]) })), /teach it/);
});

let served = new Map<string, ServedCommand>();
t.test('every command but ForgetPerson is served by a route that records it', async (t) => {
  served = await servedCommands(await testApp(t));
  t.same([...served.keys()].sort(), Object.keys(commandPermissions).filter((c) => c !== 'ForgetPerson').sort());
});

for (const command of Object.keys(bodies) as CommandType[]) {
  const fields = bodyFields(command);
  const whos = commandPermissions[command].flatMap(whoOf);
  if (command === 'ForgetPerson') continue;

  t.test(command, async (t) => {
    const route = served.get(command);
    if (!route) {
      t.fail(`no served route records ${command}`);
      return;
    }
    const allFields = [...fields, ...route.personParams.map((name): NamingField => ({ path: ['params', name], kind: 'person', many: false }))];
    if (allFields.length === 0) {
      t.pass(`${command} names no one`);
      return;
    }
    const makeBase = base[command];
    if (!makeBase) {
      t.fail(`${command} names someone but the matrix has no body for it`);
      return;
    }
    const w = await world(t);

    let shared: Record<string, string> | undefined;
    for (const who of whos) {
      for (const field of allFields) {
        for (const candidate of candidates(field, command)) {
          const inParams = field.path[0] === 'params';
          const body = inParams ? makeBase(who) : setAt(makeBase(who), field.path, candidate);
          const person = inParams ? String(candidate) : ME;
          const allowed = allFields.every((f) => mayNameIn(who, f, f.path[0] === 'params' ? person : getAt(body, f.path)));
          // A refusal writes nothing, so refused cases share one target; an allowed case of a once-only command gets its own.
          const ids = (onceOnly.has(command) && allowed) || everyCaseItsOwn.has(command) ? await target(w, command, body) : (shared ??= await target(w, command, body));
          const params: Record<string, string> = { ...ids, ...Object.fromEntries(route.personParams.map((name) => [name, person])) };
          const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `missing-${name}`);
          const head = await w.store.headPosition();
          const response = await w.app.inject({ method: 'POST', url, headers: w.headers[who], payload: body });
          const what = `${who} ${allowed ? 'may' : 'may not'} name ${JSON.stringify(candidate)} in ${field.path.join('.')}`;
          if (allowed) {
            t.equal(response.statusCode, 201, what, { body: response.body });
          } else {
            t.match({ status: response.statusCode, code: response.json().code, head: await w.store.headPosition() }, { status: 403, code: refusalCode(who), head }, what, { body: response.body });
          }
        }
      }
    }
  });
}

t.test('a provider proposes changes only on its own contracts, and what it sends is recorded as sent', async (t) => {
  const w = await world(t);
  const contract = async (provider: string) => (await must(w, w.headers.commissioner, '/contracts', { ...base.RegisterContract?.('commissioner'), type: 'block', provider })).contractId;
  const change = base.ProposeDecision?.('provider') ?? {};
  const head = await w.store.headPosition();
  const theirs = await w.app.inject({ method: 'POST', url: '/decisions', headers: w.headers.provider, payload: { ...change, contractId: await contract(OTHER) } });
  t.match(theirs.json(), { status: 403, code: 'PL_ERR_NOT_OWN_ORGANISATION' }, 'not on another provider’s contract');
  t.equal(await w.store.headPosition(), head + 1, 'nothing written but the contract registered for the test');
  const ours = await must(w, w.headers.provider, '/decisions', { ...change, contractId: await contract(OWN) });
  const events = (await w.app.inject({ url: `/decisions/${ours.decisionId}/events`, headers: w.bearer.auditor })).json().events;
  t.match(events[0].data, { kind: 'provider-change', proposedBy: { role: 'provider', organisation: OWN }, organisations: [OWN] }, 'on its own contract, recorded as sent');

  const block = await contract(OWN);
  const commissioner = base.ProposeDecision?.('commissioner') ?? {};
  const before = await w.store.headPosition();
  const unnamed = await w.app.inject({ method: 'POST', url: '/decisions', headers: w.headers.commissioner, payload: { ...commissioner, kind: 'disaggregation', contractId: block, organisations: [] } });
  t.match(unnamed.json(), { status: 400, code: 'PL_ERR_VALIDATION', detail: /name Hillside Support among the organisations/ }, 'a disaggregation that leaves out the contract’s provider is refused, not corrected');
  t.equal(await w.store.headPosition(), before, 'and nothing is written');
});
