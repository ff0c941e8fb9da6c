// The demo a newcomer sees: it loads through the API on an empty folder, and the record
// it leaves answers the questions the product exists for.
import t from 'tap';
import { demoPeople, loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { testApp } from '../support/test-app.js';

t.test('the demo scenario loads and tells its story', async (t) => {
  const { app, bearer, secrets } = await testApp(t);
  const { events } = await loadDemoScenario(app, secrets);
  t.ok(events > 60, `${events} events`);
  const get = async (url: string, headers = bearer.commissioner) => (await app.inject({ url, headers })).json();

  const decisions = (await get('/decisions')).decisions;
  // Two quarters of history add decisions of each kind: every kind is there, not one of each.
  t.same([...new Set(decisions.map((d: { kind: string }) => d.kind))].sort(), ['commissioning', 'disaggregation', 'provider-change']);

  const flags = (await get('/projections/coproduction-review?flags=true')).flags.map((f: { code: string }) => f.code);
  t.ok(flags.includes('only-one-person'), 'the lip-service decision is flagged: only one person took part');
  t.ok(flags.includes('rung-disagreement'), 'self-advocates disagree with the rung claimed');

  const disaggregation = decisions.find((d: { kind: string }) => d.kind === 'disaggregation');
  const contract = await get(`/contracts/${disaggregation.contractId}`);
  t.match(contract.money, { value: 41_600_000, released: 33_280_000, allocated: 33_280_000, remainingInBlock: 8_320_000, peopleMoved: 6 });
  t.equal(contract.allocations.length, demoPeople.length);
  t.match(contract.people.find((p: { personId: string }) => p.personId === 'P-HS01'), { visible: true, communicationNeeds: [{ need: 'easy-read' }] }, 'a contract shows the needs of the people it covers');
  const seenByOne = (await get(`/contracts/${disaggregation.contractId}`, bearer['self-advocate'])).people as { personId: string; visible: boolean; communicationNeeds: unknown[] }[];
  t.ok(seenByOne.every((p) => p.visible === (p.personId === 'P-HS01') && (p.visible || p.communicationNeeds.length === 0)), 'a self-advocate sees only their own person’s needs');
  const summary = (await get(`/projections/contracts?contract=${disaggregation.contractId}`)).contracts;
  t.match(summary, [{ value: 41_600_000, released: 33_280_000, allocated: 33_280_000, remainingInBlock: 8_320_000 }], 'the contracts projection agrees');
  t.equal(summary[0].peopleMoved, 6, 'peopleMoved is a count in every answer (issue 15: consistent names)');

  // A person's allocation ends (they move on); its money is free to allocate again.
  const [first] = contract.allocations;
  const end = await app.inject({
    method: 'POST',
    url: `/contracts/${disaggregation.contractId}/allocations/${first.allocationId}/end`,
    headers: bearer.commissioner,
    payload: { date: '2027-06-01', reason: 'A new allocation replaces this one after their review.' },
  });
  t.equal(end.statusCode, 201, end.body);
  const after = await get(`/contracts/${disaggregation.contractId}`);
  t.equal(after.money.allocated, 33_280_000 - first.amount, 'the ended allocation no longer counts');
  const replacement = await app.inject({
    method: 'POST',
    url: `/contracts/${disaggregation.contractId}/allocations`,
    headers: bearer.commissioner,
    payload: { personId: first.personId, amount: first.amount, route: first.route, ...(first.heldBy ? { heldBy: first.heldBy } : {}) },
  });
  t.equal(replacement.statusCode, 201, replacement.body);
  const twice = await app.inject({
    method: 'POST',
    url: `/contracts/${disaggregation.contractId}/allocations/${first.allocationId}/end`,
    headers: bearer.commissioner,
    payload: { date: '2027-06-02', reason: 'again' },
  });
  t.equal(twice.json().code, 'PL_ERR_ALREADY_EXISTS', 'an allocation ends once');
  const byProvider = await app.inject({
    method: 'POST',
    url: `/contracts/${disaggregation.contractId}/allocations/${first.allocationId}/end`,
    headers: bearer.provider,
    payload: { date: '2027-06-02', reason: 'no' },
  });
  t.equal(byProvider.statusCode, 403, 'only a commissioner ends an allocation');

  const review = (await get(`/decisions/${disaggregation.decisionId}`)).coproductionReview;
  t.ok(review.passed >= 6, `the disaggregation passes ${review.passed} of 9 checks`);
});
