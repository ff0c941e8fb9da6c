// Issue 15: money and people follow the decision. A disaggregation plan releases what the
// decision agreed (or says why not); a move to a new provider moves who supports the person,
// so the provider they left stops reading their needs and the one they moved to starts.
import t from 'tap';
import { COUNCIL, DAY_SERVICE_PROVIDER } from '../../src/demo/demo-scenario.js';
import { hillsideProposal } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { registerTestProviders } from '../support/providers.js';

const NEW_PROVIDER = 'Wharfedale Living';
const decided = { outcome: 'agreed', reasons: 'The tenants asked for their own budgets.', decidedBy: [{ role: 'commissioner', organisation: COUNCIL }], claimedRung: 'co-design', reviewDate: '2027-06-30', answers: [] };
const timetable = [{ step: 'Budgets start', by: '2027-02-01' }];

async function post(ctx: TestApp, url: string, payload: object, headers = ctx.bearer.commissioner) {
  return ctx.app.inject({ method: 'POST', url, headers, payload });
}

async function must(ctx: TestApp, url: string, payload: object): Promise<Record<string, string>> {
  const answer = await post(ctx, url, payload);
  if (answer.statusCode !== 201) throw new Error(`fixture: POST ${url} answered ${answer.statusCode}: ${answer.body}`);
  return answer.json<Record<string, string>>();
}

/** A block contract and a disaggregation decision agreeing to release £100,000 a year. */
async function agreedDisaggregation(ctx: TestApp) {
  const { contractId = '' } = await must(ctx, '/contracts', { provider: DAY_SERVICE_PROVIDER, type: 'block', annualValue: 41_600_000, peopleCovered: ['P-HS01'], service: 'Hillside day centre', start: '2026-04-01' });
  const { decisionId = '' } = await must(ctx, '/decisions', {
    ...hillsideProposal,
    kind: 'disaggregation',
    contractId,
    money: { amount: 10_000_000, description: 'to be released from the block each year' },
  });
  await must(ctx, `/decisions/${decisionId}/decision`, decided);
  return { contractId, decisionId };
}

t.test('a plan releasing another amount than the decision agreed is refused unless it says why', async (t) => {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const { contractId, decisionId } = await agreedDisaggregation(ctx);
  const more = await post(ctx, `/contracts/${contractId}/disaggregation`, { decisionId, timetable, amountToRelease: 12_000_000 });
  t.equal(more.statusCode, 422, more.body);
  t.match(more.json(), { code: 'PL_ERR_MONEY_NOT_CONSERVED', detail: /£120,000\.00.*£100,000\.00/ });
  const reason = 'Two more tenants chose their own budgets; the panel agreed the larger amount.';
  const explained = await post(ctx, `/contracts/${contractId}/disaggregation`, { decisionId, timetable, amountToRelease: 12_000_000, reasonForDifferentAmount: reason });
  t.equal(explained.statusCode, 201, explained.body);
  const stored = (await ctx.store.readStream(`contract-${contractId}`)).find((e) => e.type === 'DisaggregationPlanned');
  t.match(stored?.data, { amountToRelease: 12_000_000, reasonForDifferentAmount: reason }, 'the reason is in the record');
});

t.test('who supports a person follows their move to a new provider', async (t) => {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const now = new Date().toISOString();
  const newProvider = { authorization: `Bearer ${(await ctx.tokens.create({ role: 'provider', name: 'Wharfedale, manager', organisation: NEW_PROVIDER }, now)).token}` };
  await must(ctx, '/people', { personId: 'P-HS01', name: 'Aisha Quill', communicationNeeds: [{ need: 'easy-read', flag: 'EASY-READ' }], supportedBy: [DAY_SERVICE_PROVIDER] });
  const readBy = (headers: { authorization: string }) => ctx.app.inject({ url: '/people/P-HS01', headers });
  t.equal((await readBy(ctx.bearer.provider)).statusCode, 200, 'before the move the provider supporting them reads their needs');
  t.equal((await readBy(newProvider)).statusCode, 403, 'and the new provider does not');

  const { contractId, decisionId } = await agreedDisaggregation(ctx);
  await must(ctx, `/contracts/${contractId}/disaggregation`, { decisionId, timetable, amountToRelease: 10_000_000 });
  const { allocationId = '' } = await must(ctx, `/contracts/${contractId}/allocations`, { personId: 'P-HS01', amount: 4_160_000, route: 'individual-service-fund', heldBy: NEW_PROVIDER });
  const move = { personId: 'P-HS01', allocationId, date: '2026-11-01' };
  const headers = { ...ctx.bearer.commissioner, 'idempotency-key': 'move-P-HS01' };
  const moved = await ctx.app.inject({ method: 'POST', url: `/contracts/${contractId}/transitions`, headers, payload: move });
  t.equal(moved.statusCode, 201, moved.body);

  const old = await readBy(ctx.bearer.provider);
  t.equal(old.statusCode, 403, 'the provider they left no longer reads their needs');
  const now2 = await readBy(newProvider);
  t.equal(now2.statusCode, 200, now2.body);
  t.match(now2.json(), { communicationNeeds: [{ need: 'easy-read' }] }, 'the provider they moved to does');
  const register = await ctx.store.readStream('person-P-HS01');
  const change = register.filter((e) => e.type === 'SupportingProvidersChanged');
  t.equal(change.length, 1, 'one event on the register');
  t.match(change[0]?.data, { supportedBy: [NEW_PROVIDER], followingMove: { contractId, allocationId, from: DAY_SERVICE_PROVIDER, to: NEW_PROVIDER } });

  const retried = await ctx.app.inject({ method: 'POST', url: `/contracts/${contractId}/transitions`, headers, payload: move });
  t.equal(retried.statusCode, 201, 'a retry with the same key is answered from the record');
  t.equal((await ctx.store.readStream('person-P-HS01')).filter((e) => e.type === 'SupportingProvidersChanged').length, 1, 'and records nothing twice');
});
