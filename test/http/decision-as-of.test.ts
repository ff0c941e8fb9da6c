// GET /decisions/:id?asOf=: a decision exactly as it stood at a past moment, for auditors:
// its own state folded from its stream up to then, and the projections replayed to then.
import t from 'tap';
import type { Documents } from '../../projections/documents.js';
import type { Projection } from '../../projections/projection.js';
import { COUNCIL } from '../../src/demo/demo-scenario.js';
import type { ReplayWatchEvent } from '../../src/projection-runner/as-of-replays.js';
import { replayProjection } from '../../src/projection-runner/replay.js';
import type { StoredEvent } from '../../src/store/event-store.js';
import { hillsideProposal, viewOfHs01 } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';

t.test('before the decision it is undecided, after it the outcome, reasons and feedback show; before the proposal there was none', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer } = ctx;
  const post = async (url: string, payload: object, headers = bearer.commissioner) => {
    const answer = await app.inject({ method: 'POST', url, headers, payload });
    t.equal(answer.statusCode, 201, `${url} recorded`);
    return answer.json() as { decisionId: string; viewId: string; position: number };
  };
  const before = await ctx.store.headPosition();
  const momentBefore = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  const { decisionId, position: proposedAt } = await post('/decisions', hillsideProposal);
  const { viewId, position: viewedAt } = await post(`/decisions/${decisionId}/views`, viewOfHs01('I want to keep seeing my friends.'), bearer['self-advocate']);
  const { position: decidedAt } = await post(`/decisions/${decisionId}/decision`, {
    outcome: 'agreed-with-changes',
    reasons: 'People told us they want support in the community, with friends kept together.',
    decidedBy: [{ role: 'commissioner', organisation: COUNCIL }],
    claimedRung: 'co-production',
    reviewDate: '2027-06-30',
    answers: [{ viewId, answer: 'Friendship groups will stay together.' }],
  });
  await post(`/decisions/${decisionId}/feedback`, { to: [{ role: 'person-using-support', personId: 'P-HS01' }], format: 'easy-read', message: 'We agreed. Your friends stay with you.' });

  const asOf = async (moment: string | number, headers = bearer.auditor) =>
    app.inject({ url: `/decisions/${decisionId}?asOf=${encodeURIComponent(String(moment))}`, headers });

  const undecided = await asOf(viewedAt);
  t.equal(undecided.statusCode, 200);
  t.match(undecided.json(), { status: 'proposed', revision: 1, asOfPosition: viewedAt, youSaidWeDid: [{ viewId, answered: false }] });
  t.equal(undecided.json().made, undefined, 'no outcome yet');
  t.same(undecided.json().feedback ?? [], [], 'no feedback yet');

  const decided = await asOf(decidedAt);
  t.match(decided.json(), { status: 'decided', made: { outcome: 'agreed-with-changes', reasons: /friends kept together/ }, youSaidWeDid: [{ viewId, answered: true }] });
  t.same(decided.json().feedback ?? [], [], 'the feedback came after');

  const now = await asOf(new Date().toISOString());
  t.match(now.json(), { status: 'decided', feedback: [{ format: 'easy-read' }] });
  const current = await app.inject({ url: `/decisions/${decisionId}`, headers: bearer.auditor });
  const { asOfPosition: _a, ...currentRest } = current.json();
  const { asOfPosition: _b, ...nowRest } = now.json();
  t.same(nowRest, currentRest, 'as of now, the same answer as the current one');

  for (const moment of [before, proposedAt - 1, momentBefore]) {
    const none = await asOf(moment);
    t.equal(none.statusCode, 404, `nothing at ${moment}`);
    t.match(none.json(), { code: 'PL_ERR_DECISION_NOT_FOUND', detail: /had not been recorded at that moment/ });
  }
  const bad = await asOf('last tuesday');
  t.equal(bad.statusCode, 400);
  t.match(bad.json().detail, /asOf/);

  // The read rules for people are the same in the past as now.
  for (const role of ['self-advocate', 'provider', 'auditor'] as const) {
    const past = (await asOf(decidedAt, bearer[role])).json();
    const present = (await app.inject({ url: `/decisions/${decisionId}`, headers: bearer[role] })).json();
    t.same({ people: past.people, changes: past.changesForPeople }, { people: present.people, changes: present.changesForPeople }, `${role}: the same people visible`);
  }
});

t.test('in the past as now, a self-advocate sees their own needs and changes, and no one else’s', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer } = ctx;
  const post = async (url: string, payload: object) => {
    const answer = await app.inject({ method: 'POST', url, headers: bearer.commissioner, payload });
    t.equal(answer.statusCode, 201, `${url} recorded`);
    return answer.json() as { decisionId: string; position: number };
  };
  for (const [personId, flag] of [['P-HS01', 'EASY-READ'], ['P-HS02', 'BSL']] as const) {
    await post('/people', { personId, name: `Someone ${personId}`, communicationNeeds: [{ need: 'easy-read', flag }], supportedBy: [] });
  }
  const { decisionId } = await post('/decisions', { ...hillsideProposal, affects: { people: ['P-HS01', 'P-HS02'], groups: [] } });
  for (const personId of ['P-HS01', 'P-HS02']) {
    await post(`/decisions/${decisionId}/changes`, { personId, area: 'community', before: 'At the day centre.', after: `Out with friends (${personId}).`, direction: 'better', inPersonsOwnWords: false });
  }
  const { position } = await post(`/decisions/${decisionId}/feedback`, { to: [{ role: 'person-using-support', personId: 'P-HS01' }], format: 'easy-read', message: 'Thank you.' });

  const past = await app.inject({ url: `/decisions/${decisionId}?asOf=${position}`, headers: bearer['self-advocate'] });
  t.equal(past.statusCode, 200);
  const { people, changesForPeople } = past.json() as { people: unknown[]; changesForPeople: { changes: { personId: string }[] } };
  t.same(people, [
    { personId: 'P-HS01', visible: true, forgotten: false, communicationNeeds: [{ need: 'easy-read', flag: 'EASY-READ' }] },
    { personId: 'P-HS02', visible: false, forgotten: false, communicationNeeds: [] },
  ]);
  t.same(changesForPeople.changes.map((c) => c.personId), ['P-HS01'], 'only their own change');
  t.notMatch(past.body, 'BSL', 'not another person’s needs');
});

t.test('someone forgotten since is forgotten in the past too', async (t) => {
  const ctx = await testApp(t);
  const { app, bearer } = ctx;
  await app.inject({ method: 'POST', url: '/people', headers: bearer.commissioner, payload: { personId: 'P-HS01', name: 'Someone', communicationNeeds: [{ need: 'easy-read', flag: 'EASY-READ' }], supportedBy: [] } });
  const proposed = await app.inject({ method: 'POST', url: '/decisions', headers: bearer.commissioner, payload: hillsideProposal });
  const { decisionId, position } = proposed.json() as { decisionId: string; position: number };
  const forgotten = await app.inject({ method: 'DELETE', url: '/people/P-HS01/personal-data', headers: bearer.commissioner, payload: { reason: 'the-person-asked' } });
  t.equal(forgotten.statusCode, 200);

  const past = await app.inject({ url: `/decisions/${decisionId}?asOf=${position}`, headers: bearer.auditor });
  t.same(past.json().people, [{ personId: 'P-HS01', visible: true, forgotten: true, communicationNeeds: [] }]);
});

t.test('an impossible date is refused, naming asOf; a + sent unencoded is explained', async (t) => {
  const ctx = await testApp(t);
  const { decisionId } = (await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal })).json() as { decisionId: string };
  const head = await ctx.store.headPosition();
  for (const base of [`/decisions/${decisionId}`, '/projections/timeline']) {
    const impossible = await ctx.app.inject({ url: `${base}?asOf=2026-02-30`, headers: ctx.bearer.auditor });
    t.equal(impossible.statusCode, 400, `${base}: 30 February`);
    t.match(impossible.json(), { code: 'PL_ERR_VALIDATION', errors: [{ field: 'querystring.asOf', message: /2026-02-30.*does not exist|does not exist.*2026-02-30/ }] });
    const spaced = await ctx.app.inject({ url: `${base}?asOf=2026-03-01T10:00:00+00:00`, headers: ctx.bearer.auditor });
    t.equal(spaced.statusCode, 400, `${base}: + unencoded`);
    t.match(spaced.json(), { code: 'PL_ERR_VALIDATION', errors: [{ field: 'querystring.asOf', message: /%2B/ }] });
    const encoded = await ctx.app.inject({ url: `${base}?asOf=2099-03-01T10:00:00%2B00:00`, headers: ctx.bearer.auditor });
    t.equal(encoded.statusCode, 200, `${base}: + encoded as %2B`);
    t.equal(encoded.json().asOfPosition, head);
  }
  const leap = await ctx.app.inject({ url: '/projections/timeline?asOf=2028-02-29', headers: ctx.bearer.auditor });
  t.equal(leap.statusCode, 200, 'a leap day is a real day');
});

/** A decision with `options` options considered after it: one event per position. */
async function decisionWithOptions(ctx: TestApp, options: number) {
  const post = async (url: string, payload: object) => (await ctx.app.inject({ method: 'POST', url, headers: ctx.bearer.commissioner, payload })).json() as { decisionId: string };
  const { decisionId } = await post('/decisions', hillsideProposal);
  for (let i = 0; i < options; i++) {
    await post(`/decisions/${decisionId}/options`, { title: `Option ${i}`, description: 'Another way.', putForwardBy: { role: 'commissioner', organisation: COUNCIL } });
  }
  return { decisionId, head: await ctx.store.headPosition() };
}

/** Waits until what the requests already sent have done satisfies `done` (bounded; the assertions follow). */
async function until(done: () => boolean) {
  for (let turn = 0; turn < 2_000 && !done(); turn++) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** The replays' watch, counting each kind, with starts held until released. */
function watcher() {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const seen: ReplayWatchEvent[] = [];
  const count = (kind: ReplayWatchEvent['kind']) => seen.filter((e) => e.kind === kind).length;
  const watch = async (event: ReplayWatchEvent) => {
    seen.push(event);
    if (event.kind === 'started') await held;
  };
  return { watch, seen, count, release, mostAtOnce: () => Math.max(0, ...seen.flatMap((e) => (e.kind === 'started' ? [e.running] : []))) };
}

t.test('at most AS_OF_REPLAYS replays run at once; a few more wait their turn, the rest are told when to come back', async (t) => {
  const watched = watcher();
  const ctx = await testApp(t, undefined, { asOfReplays: { concurrent: 2, waiting: 3, watch: watched.watch } });
  const { decisionId } = await decisionWithOptions(ctx, 12);
  // Ten different moments at once, as a self-advocate: two replay, three wait, five are refused.
  const urls = Array.from({ length: 10 }, (_, i) => (i % 2 ? `/decisions/${decisionId}?asOf=${i + 2}` : `/projections/timeline?asOf=${i + 2}`));
  const asked = urls.map((url) => ctx.app.inject({ url, headers: ctx.bearer['self-advocate'] }));
  await until(() => watched.count('started') === 2 && watched.count('waiting') === 3 && watched.count('refused') === 5);
  t.equal(watched.count('started'), 2, 'two replays run');
  t.equal(watched.count('waiting'), 3, 'three wait their turn');
  t.equal(watched.count('refused'), 5, 'five are refused');
  watched.release();
  const answers = await Promise.all(asked);
  const refused = answers.filter((a) => a.statusCode === 503);
  t.equal(refused.length, 5);
  for (const answer of refused) {
    t.match(answer.json(), { code: 'PL_ERR_BUSY', detail: /Try again in a few seconds/ });
    t.equal(answer.headers['retry-after'], '5', 'with Retry-After');
    t.match(answer.headers['content-type'], 'application/problem+json');
  }
  t.equal(answers.filter((a) => a.statusCode === 200).length, 5, 'those that waited are answered');
  t.equal(watched.count('started'), 5, 'one replay each');
  t.equal(watched.mostAtOnce(), 2, 'never more than two at once');
  t.equal((await ctx.app.inject({ url: '/health' })).statusCode, 200);
});

t.test('requests for the same moment share one replay, and the last replays are kept; one decision at one moment is folded once', async (t) => {
  const watched = watcher();
  const ctx = await testApp(t, undefined, { asOfReplays: { concurrent: 1, waiting: 1, kept: 1, watch: watched.watch } });
  const { decisionId, head } = await decisionWithOptions(ctx, 3);
  const later = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
  const urls = [...Array.from({ length: 3 }, () => `/projections/timeline?asOf=${head}`), `/projections/involvement?asOf=${head + 100}`, `/projections/you-said-we-did?asOf=${later}`];
  const asked = urls.map((url) => ctx.app.inject({ url, headers: ctx.bearer.auditor }));
  await until(() => watched.count('joined') === urls.length - 1);
  t.equal(watched.count('started'), 1, 'one replay');
  t.equal(watched.count('joined'), urls.length - 1, 'every other request joins it: a later time and a later position are the same moment of this log');
  watched.release();
  const answers = await Promise.all(asked);
  t.same(answers.map((a) => a.statusCode), urls.map(() => 200), 'all answered, none refused');
  const again = await ctx.app.inject({ url: `/projections/you-said-we-did?asOf=${head}`, headers: ctx.bearer.auditor });
  t.equal(again.statusCode, 200);
  t.equal(watched.count('kept'), 1, 'a later request is answered from the replay kept');
  t.equal(watched.count('started'), 1, 'without replaying again');

  // One decision: folded from its own streams, once for a moment however many ask.
  const decisionUrls = [...Array.from({ length: 4 }, () => `/decisions/${decisionId}?asOf=${head}`), `/decisions/${decisionId}?asOf=${later}`];
  const decisionAnswers = await Promise.all(decisionUrls.map((url) => ctx.app.inject({ url, headers: ctx.bearer['self-advocate'] })));
  t.same(decisionAnswers.map((a) => a.statusCode), decisionUrls.map(() => 200));
  t.same(decisionAnswers.map((a) => a.json().asOfPosition), decisionUrls.map(() => head));
  t.equal(watched.count('started'), 2, 'one fold of the decision');
});

t.test('a long replay gives way, so the server goes on answering while it runs', async (t) => {
  const counted: Projection<{ counts: Documents<number> }> = {
    name: 'counted',
    version: 1,
    collections: { counts: {} },
    evolve: (state) => state.counts.set('events', (state.counts.get('events') ?? 0) + 1),
  };
  // Events already in memory: without giving way the whole fold would run in one turn of the event loop.
  async function* log(): AsyncGenerator<StoredEvent> {
    for (let position = 1; position <= 5_000; position++) {
      yield { id: `e${position}`, stream: 'decision-x', revision: position - 1, position, type: 'Noted', schemaVersion: 1, data: {}, metadata: {}, recordedAt: '2026-01-01T00:00:00.000Z' };
    }
  }
  let turns = 0;
  let done = false;
  const turn = () => {
    turns++;
    if (!done) setImmediate(turn);
  };
  setImmediate(turn);
  const replayed = await replayProjection(log(), counted);
  done = true;
  t.equal(replayed.state.counts.get('events'), 5_000);
  t.ok(turns >= 4, `other work ran ${turns} times during the replay`);
});
