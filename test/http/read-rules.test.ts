// The read rule of the README ("Who can read it"), on every answer: what is recorded about a
// person's own life (what changed for them, how they were supported to decide, their name and
// their needs) reaches only those who may read that person. Every GET route the app serves is
// asked by every kind of reader; a new read route fails here until it is placed below.
import t, { type Test } from 'tap';
import { COUNCIL, DAY_SERVICE_PROVIDER } from '../../src/demo/demo-scenario.js';
import { formSlugs } from '../../src/web/forms/command-forms.js';
import { signIn } from '../support/page-session.js';
import { hillsideProposal } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { registerTestProviders } from '../support/providers.js';

const OTHER_PROVIDER = 'Northfield Care';
const PEOPLE = ['P-HS01', 'P-HS02'] as const;
type PersonId = (typeof PEOPLE)[number];

/** Words recorded about each person that only their readers may see: plain words, so no escaping hides them. */
const factsAbout = (personId: PersonId) => {
  const tag = personId.slice(2);
  return {
    name: `Name of ${tag} Quill`,
    flag: `FLAG-${tag}`,
    before: `Before of ${tag} stayed at home on weekdays`,
    after: `After of ${tag} goes to the allotment club`,
    howSupported: `Support of ${tag} met twice with pictures`,
    agreement: `Agreement of ${tag} sister helps with letters`,
    whyLeastRestrictive: `Least restrictive for ${tag} keeps the same staff`,
  };
};
const secretsOf = (personId: PersonId) => Object.values(factsAbout(personId));

interface Reader {
  headers: { authorization: string };
  secret: string;
  sees: readonly PersonId[];
}

/** The app with two people, one decision about both and a contract covering both, and a reader of every kind. */
async function recorded(t: Test) {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const { app, bearer, tokens, secrets } = ctx;
  const post = async (url: string, payload: object) => {
    const answer = await app.inject({ method: 'POST', url, headers: bearer.commissioner, payload });
    if (answer.statusCode !== 201) throw new Error(`POST ${url}: ${answer.statusCode} ${answer.body}`);
    return answer.json() as { decisionId: string; contractId: string; position: number };
  };
  const supporters: Record<PersonId, string> = { 'P-HS01': DAY_SERVICE_PROVIDER, 'P-HS02': OTHER_PROVIDER };
  for (const personId of PEOPLE) {
    const facts = factsAbout(personId);
    await post('/people', { personId, name: facts.name, communicationNeeds: [{ need: 'easy-read', flag: facts.flag }], supportedBy: [supporters[personId]] });
  }
  const { decisionId } = await post('/decisions', { ...hillsideProposal, affects: { people: [...PEOPLE], groups: [] } });
  for (const personId of PEOPLE) {
    const facts = factsAbout(personId);
    await post(`/decisions/${decisionId}/changes`, { personId, area: 'community', before: facts.before, after: facts.after, direction: 'better', inPersonsOwnWords: false });
    await post(`/decisions/${decisionId}/supported-decision`, {
      personId,
      mode: 'best-interests',
      howSupported: facts.howSupported,
      chosenHelpers: [],
      decisionMakingAgreement: facts.agreement,
      bestInterests: { consulted: [{ role: 'family-carer', onBehalfOf: personId }], whyLeastRestrictive: facts.whyLeastRestrictive },
    });
  }
  const { contractId } = await post('/contracts', {
    provider: DAY_SERVICE_PROVIDER,
    type: 'block',
    annualValue: 41_600_000,
    peopleCovered: [...PEOPLE],
    service: 'Hillside day centre',
    start: '2026-04-01',
  });
  const now = new Date().toISOString();
  const token = async (request: Parameters<TestApp['tokens']['create']>[0]) => (await tokens.create(request, now)).token;
  const reader = (secret: string, sees: readonly PersonId[]): Reader => ({ headers: { authorization: `Bearer ${secret}` }, secret, sees });
  const readers: Record<string, Reader> = {
    commissioner: reader(secrets.commissioner, PEOPLE),
    auditor: reader(secrets.auditor, PEOPLE),
    'provider supporting P-HS01': reader(secrets.provider, ['P-HS01']),
    'provider not supporting P-HS01': reader(await token({ role: 'provider', name: 'Northfield, manager', organisation: OTHER_PROVIDER }), ['P-HS02']),
    'self-advocate bound to P-HS01': reader(secrets['self-advocate'], ['P-HS01']),
    'self-advocate bound to P-HS02': reader(await token({ role: 'self-advocate', name: 'Advocate for P-HS02', personId: 'P-HS02' }), ['P-HS02']),
    'unbound self-advocate': reader(await token({ role: 'self-advocate', name: 'Unbound self-advocate' }), []),
  };
  return { ...ctx, decisionId, contractId, readers, head: await ctx.store.headPosition() };
}

type Fixture = Awaited<ReturnType<typeof recorded>>;
type Asks = (f: Fixture) => string[];

const projectionNames = ['decision-list', 'involvement', 'risk-register', 'changes-for-people', 'coproduction-review', 'you-said-we-did', 'timeline', 'contracts'];
const asOfTime = () => encodeURIComponent(new Date(Date.now() + 60_000).toISOString());

/** GET routes whose answers can carry a person's facts, and what to ask each. */
const carriesPersonFacts: Record<string, Asks> = {
  '/decisions/:id': (f) => [`/decisions/${f.decisionId}`, `/decisions/${f.decisionId}?asOf=${f.head}`, `/decisions/${f.decisionId}?asOf=${asOfTime()}`],
  '/decisions/:id/events': (f) => [`/decisions/${f.decisionId}/events`],
  '/decisions/:id/evidence': (f) => [`/decisions/${f.decisionId}/evidence`],
  '/contracts/:id': (f) => [`/contracts/${f.contractId}`],
  '/people/:id': () => PEOPLE.map((p) => `/people/${p}`),
  '/people/:id/subject-access': () => PEOPLE.flatMap((p) => [`/people/${p}/subject-access`, `/people/${p}/subject-access?format=html`]),
  '/projections/:name': (f) =>
    projectionNames.flatMap((name) => [
      `/projections/${name}`,
      `/projections/${name}?decision=${f.decisionId}`,
      `/projections/${name}?asOf=${f.head}`,
      ...PEOPLE.flatMap((p) => [`/projections/${name}?person=${p}`, `/projections/${name}?person=${p}&decision=${f.decisionId}&asOf=${f.head}`]),
    ]),
  '/audit/export': (f) => ['/audit/export', `/audit/export?decision=${f.decisionId}`],
  '/app/decisions/:id': (f) => [`/app/decisions/${f.decisionId}`],
  '/app/decisions/:id/easy-read': (f) => [`/app/decisions/${f.decisionId}/easy-read`],
  '/app/decisions/:id/record': (f) => [`/app/decisions/${f.decisionId}/record`],
  '/app/people/:id': () => PEOPLE.map((p) => `/app/people/${p}`),
  '/app/audit': (f) => [`/app/audit?decision=${f.decisionId}&moment=${f.head}`],
  '/app/decisions/:id/evidence': (f) => [`/app/decisions/${f.decisionId}/evidence`],
  '/app/audit/export': (f) => [`/app/audit/export?decision=${f.decisionId}`],
};

/** GET routes that cannot carry a person's facts, and why; they are asked all the same. */
const carriesNoPersonFacts: Record<string, { why: string; asks: Asks }> = {
  '/decisions': { why: 'decisions with the pseudonymous ids they affect', asks: () => ['/decisions', '/decisions?person=P-HS02'] },
  '/projections': { why: 'the names of the projections', asks: () => ['/projections'] },
  '/providers': { why: 'the names of registered organisations', asks: () => ['/providers'] },
  '/app/decisions/:id/:form': { why: 'empty forms (views are read by every reader)', asks: (f) => formSlugs('decisions').map((slug) => `/app/decisions/${f.decisionId}/${slug}`) },
  '/app/contracts/:id/:form': { why: 'empty forms', asks: (f) => formSlugs('contracts').map((slug) => `/app/contracts/${f.contractId}/${slug}`) },
  '/app/people/:id/:form': { why: 'empty forms, about a person by their id', asks: () => PEOPLE.flatMap((p) => formSlugs('people').map((slug) => `/app/people/${p}/${slug}`)) },
  '/app/people': { why: 'the pseudonymous ids the decisions name', asks: () => ['/app/people'] },
  '/app/providers': { why: 'the names of registered organisations', asks: () => ['/app/providers'] },
  '/app/providers/new': { why: 'the form to register a provider: no record yet', asks: () => ['/app/providers/new'] },
  '/app/people/new': { why: 'an empty form', asks: () => ['/app/people/new'] },
  '/app/decisions': { why: 'titles and statuses', asks: () => ['/app/decisions'] },
  '/app/decisions/new': { why: 'an empty form', asks: () => ['/app/decisions/new'] },
  '/app/contracts': { why: 'contracts and their money', asks: () => ['/app/contracts'] },
  '/app/contracts/:id': { why: 'the money, and budgets by pseudonymous id', asks: (f) => [`/app/contracts/${f.contractId}`] },
  '/app/contracts/new': { why: 'an empty form', asks: () => ['/app/contracts/new'] },
  '/app/sign-in': { why: 'the sign-in form', asks: () => ['/app/sign-in'] },
  '/app/sign-in-cards': { why: 'sign-in cards: the name on each and the person id it signs in as (commissioners and admins only)', asks: () => ['/app/sign-in-cards'] },
  '/app': { why: 'leads to the decisions', asks: () => ['/app'] },
  '/': { why: 'leads to /app', asks: () => ['/'] },
  '/app/assets/site.css': { why: 'the style sheet', asks: () => ['/app/assets/site.css'] },
  '/audit/verify': { why: 'counts and positions', asks: () => ['/audit/verify'] },
  '/audit/checkpoint': { why: 'the log’s size and Merkle root, signed', asks: () => ['/audit/checkpoint'] },
  '/audit/public-key': { why: 'a public key', asks: () => ['/audit/public-key'] },
  '/reports/partnership-board': { why: 'counts; a person’s words only with their consent, to readers who may read them (none consented here)', asks: () => ['/reports/partnership-board?from=2026-01-01&to=2026-12-31', '/reports/partnership-board?from=2026-01-01&to=2026-12-31&asOf=1'] },
  '/reports/partnership-board/signed': { why: 'the report, signed with a checkpoint', asks: () => ['/reports/partnership-board/signed?from=2026-01-01&to=2026-12-31'] },
  '/reports/partnership-board/:table.csv': { why: 'the report’s tables', asks: () => ['quotes', 'changes', 'flags'].map((table) => `/reports/partnership-board/${table}.csv?from=2026-01-01&to=2026-12-31`) },
  '/app/reports/partnership-board': { why: 'the report’s counts, as a page', asks: () => ['/app/reports/partnership-board?from=2026-01-01&to=2026-12-31'] },
  '/app/reports/partnership-board/full': { why: 'the full report, as a page', asks: () => ['/app/reports/partnership-board/full?from=2026-01-01&to=2026-12-31'] },
  '/app/reports/partnership-board/easy-read': { why: 'the report in Easy Read', asks: () => ['/app/reports/partnership-board/easy-read?from=2026-01-01&to=2026-12-31'] },
  '/app/reports/partnership-board/print': { why: 'the printable report', asks: () => ['/app/reports/partnership-board/print?from=2026-01-01&to=2026-12-31'] },
  '/app/reports/partnership-board/:table.csv': { why: 'the report’s tables, through the page session', asks: () => ['quotes', 'flags'].map((table) => `/app/reports/partnership-board/${table}.csv?from=2026-01-01&to=2026-12-31`) },
  '/audit/consistency': { why: 'Merkle roots and proof hashes', asks: () => ['/audit/consistency?from=1'] },
  '/audit/inclusion': { why: 'an event’s hash, Merkle roots and proof hashes', asks: () => ['/audit/inclusion?position=1'] },
  '/admin/tokens': { why: 'token records (for admins only)', asks: () => ['/admin/tokens'] },
  '/health': { why: 'the store and its positions', asks: () => ['/health'] },
  '/docs': { why: 'the API document', asks: () => ['/docs'] },
  '/docs/json': { why: 'the API document', asks: () => ['/docs/json'] },
  '/docs/yaml': { why: 'the API document', asks: () => ['/docs/yaml'] },
  '/docs/static/index.html': { why: 'the API browser', asks: () => [] },
  '/docs/static/swagger-initializer.js': { why: 'the API browser', asks: () => [] },
  '/docs/static/*': { why: 'the API browser’s files', asks: () => [] },
};

const isPage = (url: string) => url === '/' || url.startsWith('/app');

t.test('every GET route is placed: it carries a person’s facts, or it is listed as one that cannot', async (t) => {
  const { routes } = await testApp(t);
  const served = [...new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url))].sort();
  const placed = [...Object.keys(carriesPersonFacts), ...Object.keys(carriesNoPersonFacts)].sort();
  t.same(served, placed, 'a new read route must say here whether it can carry what is recorded about a person');
});

t.test('no reader sees the facts of a person they may not read, in any answer or page', async (t) => {
  const f = await recorded(t);
  const { app, routes } = f;
  const served = [...new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url))];
  const seenSomewhere = new Map<string, Set<PersonId>>();

  for (const [who, reader] of Object.entries(f.readers)) {
    const { cookie } = await signIn(f, reader.secret);
    const unseen = PEOPLE.filter((p) => !reader.sees.includes(p));
    for (const route of served) {
      const asks = carriesPersonFacts[route] ?? carriesNoPersonFacts[route]?.asks ?? (() => []);
      for (const url of asks(f)) {
        const answer = await app.inject({ url, headers: isPage(url) ? { cookie } : reader.headers });
        t.ok(answer.statusCode < 500, `${who}: GET ${url} answers (${answer.statusCode})`);
        for (const personId of unseen) {
          const leaked = secretsOf(personId).filter((secret) => answer.body.includes(secret));
          t.same(leaked, [], `${who}: GET ${url} holds nothing recorded about ${personId}`);
        }
        for (const personId of reader.sees) {
          if (secretsOf(personId).some((secret) => answer.body.includes(secret))) {
            const seen = seenSomewhere.get(route) ?? new Set();
            seenSomewhere.set(route, seen.add(personId));
          }
        }
      }
    }
  }
  // The rule hides from some, not from all: each route that carries these facts shows them to a reader who may see them.
  for (const route of Object.keys(carriesPersonFacts)) {
    t.same([...(seenSomewhere.get(route) ?? [])].sort(), [...PEOPLE], `GET ${route} shows each person’s facts to someone who may read them`);
  }
});

t.test('a decision’s answer keeps what its reader may see of people, as it stands and as it stood', async (t) => {
  const f = await recorded(t);
  const reader = f.readers['self-advocate bound to P-HS01'];
  if (!reader) throw new Error('no reader');
  for (const url of [`/decisions/${f.decisionId}`, `/decisions/${f.decisionId}?asOf=${f.head}`]) {
    const answer = await f.app.inject({ url, headers: reader.headers });
    t.equal(answer.statusCode, 200);
    const { changes, supportedDecisions } = answer.json() as { changes: { personId: string }[]; supportedDecisions: { personId: string }[] };
    t.same(changes.map((c) => c.personId), ['P-HS01'], `${url}: their own change, no one else’s`);
    t.same(supportedDecisions.map((s) => s.personId), ['P-HS01'], `${url}: their own supported decision, no one else’s`);
  }
  const everyone = (await f.app.inject({ url: `/decisions/${f.decisionId}`, headers: f.bearer.commissioner })).json() as { changes: unknown[]; supportedDecisions: unknown[] };
  t.equal(everyone.changes.length, 2, 'a commissioner reads every change');
  t.equal(everyone.supportedDecisions.length, 2, 'and every supported decision');
});

t.test('raw events about a person the reader may not see keep their place, with the data withheld', async (t) => {
  const f = await recorded(t);
  const reader = f.readers['provider supporting P-HS01'];
  if (!reader) throw new Error('no reader');
  const all = (await f.app.inject({ url: `/decisions/${f.decisionId}/events`, headers: f.bearer.auditor })).json() as { events: { id: string }[] };
  const answer = await f.app.inject({ url: `/decisions/${f.decisionId}/events`, headers: reader.headers });
  t.equal(answer.statusCode, 200);
  const { events } = answer.json() as { events: { id: string; type: string; revision: number; data: Record<string, unknown> }[] };
  t.same(events.map((e) => e.id), all.events.map((e) => e.id), 'every event, in order');
  const aboutOther = events.filter((e) => e.data.personId === 'P-HS02');
  t.same(aboutOther.map((e) => e.type).sort(), ['ChangeForPersonRecorded', 'SupportedDecisionRecorded']);
  for (const event of aboutOther) {
    t.same(event.data, { decisionId: f.decisionId, personId: 'P-HS02', withheld: 'you may not read what is recorded about this person' }, `${event.type} withheld`);
  }
  const own = events.find((e) => e.type === 'ChangeForPersonRecorded' && e.data.personId === 'P-HS01');
  t.match(own?.data, { before: factsAbout('P-HS01').before }, 'their own person’s change in full');
  t.match(events.find((e) => e.type === 'DecisionProposed')?.data, { title: hillsideProposal.title, proposedBy: { organisation: COUNCIL } }, 'facts that name no one’s life in full');
});
