// Issue 15: providers are registered organisations. A contract's provider, an ISF's holder,
// a move's new provider and a person's supporters must be in the provider register; the
// provider holding an ISF sees the allocations it holds and reads the person once they moved
// to it; a planned move hands reading over on its date, not when it is recorded.
import t from 'tap';
import { COUNCIL, DAY_SERVICE_PROVIDER } from '../../src/demo/demo-scenario.js';
import { signIn } from '../support/page-session.js';
import { hillsideProposal } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';

const HOLDER = 'Wharfedale Living';
const UNKNOWN = 'Nobody Registered Ltd';
const decided = { outcome: 'agreed', reasons: 'The tenants asked for their own budgets.', decidedBy: [{ role: 'commissioner', organisation: COUNCIL }], claimedRung: 'co-design', reviewDate: '2027-06-30', answers: [] };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const post = (ctx: TestApp, url: string, payload: object) => ctx.app.inject({ method: 'POST', url, headers: ctx.bearer.commissioner, payload });

async function must(ctx: TestApp, url: string, payload: object): Promise<Record<string, string>> {
  const answer = await post(ctx, url, payload);
  if (answer.statusCode !== 201) throw new Error(`fixture: POST ${url} answered ${answer.statusCode}: ${answer.body}`);
  return answer.json<Record<string, string>>();
}

async function providerToken(ctx: TestApp, organisation: string) {
  return { authorization: `Bearer ${(await ctx.tokens.create({ role: 'provider', name: `${organisation}, manager`, organisation }, new Date().toISOString())).token}` };
}

/** The day service's provider and the ISF holder registered, P-HS01 supported by the day service, a block planned for disaggregation. */
async function planned(ctx: TestApp) {
  for (const name of [DAY_SERVICE_PROVIDER, HOLDER]) await must(ctx, '/providers', { name });
  await must(ctx, '/people', { personId: 'P-HS01', name: 'Aisha Quill', communicationNeeds: [{ need: 'easy-read' }], supportedBy: [DAY_SERVICE_PROVIDER] });
  const { contractId = '' } = await must(ctx, '/contracts', { provider: DAY_SERVICE_PROVIDER, type: 'block', annualValue: 41_600_000, peopleCovered: ['P-HS01'], service: 'Hillside day centre', start: '2026-04-01' });
  const { decisionId = '' } = await must(ctx, '/decisions', { ...hillsideProposal, kind: 'disaggregation', contractId, money: { amount: 10_000_000, description: 'released each year' } });
  await must(ctx, `/decisions/${decisionId}/decision`, decided);
  await must(ctx, `/contracts/${contractId}/disaggregation`, { decisionId, timetable: [{ step: 'Budgets start', by: '2027-02-01' }], amountToRelease: 10_000_000 });
  return contractId;
}

t.test('the provider register: a commissioner registers a provider once, and every reader can list them', async (t) => {
  const ctx = await testApp(t);
  const first = await post(ctx, '/providers', { name: HOLDER });
  t.equal(first.statusCode, 201, first.body);
  t.match(first.json(), { provider: HOLDER, events: [{ type: 'ProviderRegistered' }] });
  t.match((await post(ctx, '/providers', { name: HOLDER })).json(), { status: 409, code: 'PL_ERR_ALREADY_EXISTS' }, 'a name is registered once');
  const byProvider = await ctx.app.inject({ method: 'POST', url: '/providers', headers: ctx.bearer.provider, payload: { name: 'Self Made Ltd' } });
  t.equal(byProvider.statusCode, 403, 'only commissioners register providers');
  const list = await ctx.app.inject({ url: '/providers', headers: ctx.bearer['self-advocate'] });
  t.equal(list.statusCode, 200);
  t.match(list.json(), { providers: [{ name: HOLDER, registeredAt: String }] });
  t.equal(list.json().providers.length, 1);
});

t.test('a provider not in the register is refused wherever it is named, and nothing is recorded', async (t) => {
  const ctx = await testApp(t);
  const contractId = await planned(ctx);
  const refusals = {
    'a contract’s provider': () => post(ctx, '/contracts', { provider: UNKNOWN, type: 'spot', annualValue: 100_000, service: 'Support at home', start: '2026-04-01' }),
    'a person’s supporters': () => post(ctx, '/people', { personId: 'P-HS02', name: 'Tom Quill', supportedBy: [UNKNOWN] }),
    'a change of supporters': () => post(ctx, '/people/P-HS01/supporting-providers', { supportedBy: [DAY_SERVICE_PROVIDER, UNKNOWN] }),
    'an ISF’s holder': () => post(ctx, `/contracts/${contractId}/allocations`, { personId: 'P-HS01', amount: 100_000, route: 'individual-service-fund', heldBy: UNKNOWN }),
  };
  for (const [what, send] of Object.entries(refusals)) {
    const head = await ctx.store.headPosition();
    const answer = await send();
    t.match({ status: answer.statusCode, ...answer.json(), head: await ctx.store.headPosition() }, { status: 422, code: 'PL_ERR_PROVIDER_NOT_REGISTERED', detail: new RegExp(UNKNOWN), head }, what);
  }
  const { allocationId = '' } = await must(ctx, `/contracts/${contractId}/allocations`, { personId: 'P-HS01', amount: 100_000, route: 'direct-payment' });
  const move = await post(ctx, `/contracts/${contractId}/transitions`, { personId: 'P-HS01', allocationId, date: day(-1), newProvider: UNKNOWN });
  t.match({ status: move.statusCode, ...move.json() }, { status: 422, code: 'PL_ERR_PROVIDER_NOT_REGISTERED' }, 'a move’s new provider');
  t.equal((await ctx.app.inject({ method: 'GET', url: '/people/P-HS01', headers: ctx.bearer.commissioner })).json().supportedBy.length, 1, 'the register is as it was');
});

t.test('the provider holding an ISF sees the allocations it holds, and reads the person once they moved to it', async (t) => {
  const ctx = await testApp(t);
  const contractId = await planned(ctx);
  const holder = await providerToken(ctx, HOLDER);
  const { allocationId = '' } = await must(ctx, `/contracts/${contractId}/allocations`, { personId: 'P-HS01', amount: 4_160_000, route: 'individual-service-fund', heldBy: HOLDER });
  const before = (await ctx.app.inject({ url: `/contracts/${contractId}`, headers: holder })).json();
  t.same(before.allocationsHeldByYou, [allocationId], 'the holder is told which allocations it holds');
  t.match(before.people, [{ personId: 'P-HS01', visible: false }], 'before the move it does not read the person');
  t.same((await ctx.app.inject({ url: `/contracts/${contractId}`, headers: ctx.bearer.provider })).json().allocationsHeldByYou, [], 'another provider holds none');
  t.notOk('allocationsHeldByYou' in (await ctx.app.inject({ url: `/contracts/${contractId}`, headers: ctx.bearer.commissioner })).json(), 'a commissioner holds nothing');

  await must(ctx, `/contracts/${contractId}/transitions`, { personId: 'P-HS01', allocationId, date: day(-1) });
  const after = (await ctx.app.inject({ url: `/contracts/${contractId}`, headers: holder })).json();
  t.match(after.people, [{ personId: 'P-HS01', visible: true, communicationNeeds: [{ need: 'easy-read' }] }], 'after the move the holder reads the person it holds the ISF of');
  t.equal((await ctx.app.inject({ url: '/people/P-HS01', headers: holder })).statusCode, 200, 'and their register entry');
  const { cookie } = await signIn(ctx, holder.authorization.slice('Bearer '.length));
  t.match((await ctx.app.inject({ url: `/app/contracts/${contractId}`, headers: { cookie } })).body, /You hold the Individual Service Fund of P-HS01\./, 'the contract page says so');
});

t.test('a planned move hands reading over on its date, not when it is recorded', async (t) => {
  const ctx = await testApp(t);
  const contractId = await planned(ctx);
  const holder = await providerToken(ctx, HOLDER);
  const { allocationId = '' } = await must(ctx, `/contracts/${contractId}/allocations`, { personId: 'P-HS01', amount: 4_160_000, route: 'individual-service-fund', heldBy: HOLDER });
  await must(ctx, `/contracts/${contractId}/transitions`, { personId: 'P-HS01', allocationId, date: day(60) });
  const readBy = async (headers: { authorization: string }) => (await ctx.app.inject({ url: '/people/P-HS01', headers })).statusCode;
  t.equal(await readBy(ctx.bearer.provider), 200, 'before the date the provider they are leaving still reads them');
  t.equal(await readBy(holder), 403, 'and the provider they will move to does not');
  t.match((await ctx.app.inject({ url: `/contracts/${contractId}`, headers: holder })).json().people, [{ personId: 'P-HS01', visible: false }]);
  const changes = (await ctx.store.readStream('person-P-HS01')).filter((e) => e.type === 'SupportingProvidersChanged');
  t.equal(changes.length, 1, 'the handover is recorded now, dated for later');
});
