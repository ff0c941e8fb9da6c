// The contracts projection: given contract events, then the money and the people,
// per contract and across all of them.
import t from 'tap';
import { contractDetail } from '../../projections/contract-detail.js';
import { allContracts, contractRecordOf, contracts, contractSummary, individualisedSpending } from '../../projections/contracts.js';
import { peopleDirectory } from '../../projections/people-directory.js';
import { contractsQuery } from '../../projections/queries.js';
import { foldEvents, inMemoryState } from '../../projections/projection.js';
import { contractStream, type ContractEvent } from '../../src/domain/contracts/contract-events.js';
import type { DecisionEvent } from '../../src/domain/decisions/decision-events.js';
import { storedEvents } from '../support/stored-events.js';

const at = '2026-10-01T09:00:00+01:00';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const block = id(1);
const isf = id(2);
const spot = id(3);
const decisionId = id(9);
const people = ['P-HS01', 'P-HS02', 'P-HS03'];

const blockEvents: ContractEvent[] = [
  {
    type: 'ContractRegistered',
    data: { contractId: block, provider: 'Hillside Support', type: 'block', annualValue: 40_000_000, peopleCovered: people, service: 'Hillside day centre', start: '2024-04-01', at },
  },
  { type: 'DisaggregationPlanned', data: { contractId: block, decisionId, timetable: [{ step: 'Budgets start', by: '2027-02-01' }], amountToRelease: 30_000_000, at } },
  { type: 'IndividualBudgetAllocated', data: { contractId: block, allocationId: id(11), personId: 'P-HS01', amount: 10_000_000, route: 'individual-service-fund', heldBy: 'Hillside Support', at } },
  { type: 'IndividualBudgetAllocated', data: { contractId: block, allocationId: id(12), personId: 'P-HS02', amount: 8_000_000, route: 'direct-payment', at } },
  { type: 'PersonMovedToNewArrangement', data: { contractId: block, personId: 'P-HS01', allocationId: id(11), date: '2027-02-01', at } },
  { type: 'PersonMovedToNewArrangement', data: { contractId: block, personId: 'P-HS02', allocationId: id(12), date: '2027-02-01', at } },
  // P-HS02's Direct Payment is replaced by an Individual Service Fund: they count once as moved.
  { type: 'AllocationEnded', data: { contractId: block, allocationId: id(12), personId: 'P-HS02', date: '2027-06-30', reason: 'Chose an Individual Service Fund instead.', at } },
  { type: 'IndividualBudgetAllocated', data: { contractId: block, allocationId: id(13), personId: 'P-HS02', amount: 9_000_000, route: 'individual-service-fund', heldBy: 'Wharfedale Living', at } },
  { type: 'PersonMovedToNewArrangement', data: { contractId: block, personId: 'P-HS02', allocationId: id(13), date: '2027-07-01', at } },
  { type: 'IndividualBudgetAllocated', data: { contractId: block, allocationId: id(14), personId: 'P-HS03', amount: 5_000_000, route: 'trust', at } },
];
const isfEvents: ContractEvent[] = [
  {
    type: 'ContractRegistered',
    data: { contractId: isf, provider: 'Wharfedale Living', type: 'individual-service-fund', annualValue: 6_000_000, peopleCovered: ['P-WL01'], service: 'Supported living', start: '2025-01-01', at },
  },
  { type: 'ContractVaried', data: { contractId: isf, change: 'More hours of support.', reasons: 'Agreed at the annual review.', newAnnualValue: 10_000_000, at } },
];
const spotEvents: ContractEvent[] = [
  { type: 'ContractRegistered', data: { contractId: spot, provider: 'Other Care Ltd', type: 'spot', annualValue: 50_000_000, peopleCovered: [], service: 'Respite', start: '2023-01-01', at } },
  { type: 'ContractEnded', data: { contractId: spot, date: '2026-03-31', reason: 'No longer needed.', at } },
];
const unrelated: DecisionEvent = {
  type: 'DecisionWithdrawn',
  data: { decisionId, reason: 'Not a contract event.', at },
};

const stored = storedEvents([
  ...blockEvents.map((event) => ({ stream: contractStream(block), event })),
  ...isfEvents.map((event) => ({ stream: contractStream(isf), event })),
  ...spotEvents.map((event) => ({ stream: contractStream(spot), event })),
  { stream: `decision-${decisionId}`, event: unrelated },
]);
const state = foldEvents(contracts, stored);

t.test('a disaggregated block: money released, allocated and remaining, people moved', async (t) => {
  const summary = contractSummary(state, block);
  t.match(summary, {
    contractId: block,
    type: 'block',
    status: 'active',
    value: 40_000_000,
    released: 30_000_000,
    allocated: 24_000_000,
    releasedNotYetAllocated: 6_000_000,
    remainingInBlock: 10_000_000,
    disaggregationDecisionId: decisionId,
    peopleCovered: people,
    peopleMoved: 2,
    individualisedShare: 0.6,
  });
  t.same(summary?.allocationsByRoute, {
    'direct-payment': { people: 0, amount: 0 },
    'individual-service-fund': { people: 2, amount: 19_000_000 },
    'indirect-payment': { people: 0, amount: 0 },
    trust: { people: 1, amount: 5_000_000 },
    'council-managed': { people: 0, amount: 0 },
  }, 'current allocations only: the replaced Direct Payment is gone');
  t.equal((summary?.released ?? 0) + (summary?.remainingInBlock ?? 0), summary?.value, 'released plus remaining is the value');
});

t.test('variations and endings', async (t) => {
  t.match(contractSummary(state, isf), { value: 10_000_000, released: 0, allocated: 0, remainingInBlock: 10_000_000, peopleMoved: 0, individualisedShare: 1 }, 'an Individual Service Fund contract is individualised in itself');
  t.match(contractSummary(state, spot), { status: 'ended', end: '2026-03-31' });
  t.equal(contractSummary(state, id(99)), undefined, 'an unknown contract');
  t.same(allContracts(state).map((c) => c.contractId), [block, isf, spot], 'in the order they last changed');
});

t.test('the share of spending that is individualised', async (t) => {
  t.same(individualisedSpending(state), {
    totalValue: 50_000_000,
    individualised: 34_000_000,
    allocatedFromBlocks: 24_000_000,
    individualServiceFundContracts: 10_000_000,
    share: 0.68,
  }, 'allocations from blocks plus Individual Service Fund contracts, over the contracts in force (the ended spot contract is left out)');
  t.same(individualisedSpending(inMemoryState(contracts)), { totalValue: 0, individualised: 0, allocatedFromBlocks: 0, individualServiceFundContracts: 0, share: 0 });
});

t.test('as of an earlier moment: before the replacement allocation', async (t) => {
  const earlier = foldEvents(contracts, stored.slice(0, 7));
  t.match(contractSummary(earlier, block), { allocated: 10_000_000, peopleMoved: 2, allocationsByRoute: { 'direct-payment': { people: 0, amount: 0 } } });
});

t.test('the query the API serves', async (t) => {
  const now = '2027-08-01T00:00:00+01:00';
  t.match(contractsQuery.answer(state, { now }), { contracts: [{ contractId: block }, { contractId: isf }, { contractId: spot }], individualisedSpending: { share: 0.68 } });
  t.match(contractsQuery.answer(state, { now, contract: isf }), { contracts: [{ contractId: isf }] });
  t.match(contractsQuery.answer(state, { now, contract: id(99) }), { contracts: [] });
  t.equal(contractsQuery.projection.name, 'contracts');
});

t.test('a move dated in the future is planned, not done: judged on the reader’s today', async (t) => {
  const record = contractRecordOf(state, block);
  t.ok(record, 'the block is recorded');
  if (!record) return;
  // P-HS01 moves on 1 February 2027; P-HS02 first moved then too (a later replacement allocation does not undo it).
  t.same(
    contractSummary(state, block, '2026-11-29'),
    { ...contractSummary(state, block), moves: [{ personId: 'P-HS01', date: '2027-02-01', planned: true }, { personId: 'P-HS02', date: '2027-02-01', planned: true }], peopleMovedByToday: 0, peoplePlannedToMove: 2 },
    'before the date: both moves are planned and nobody has moved',
  );
  t.match(contractSummary(state, block, '2027-02-01'), { peopleMovedByToday: 2, peoplePlannedToMove: 0, moves: [{ planned: false }, { planned: false }] }, 'on the date they count as moved');
  t.match(contractSummary(state, block, '2027-02-01'), { peopleMoved: 2, moves: [{ personId: 'P-HS01' }, { personId: 'P-HS02' }] }, 'peopleMoved counts every recorded move, as in a contract’s money; moves names them');
  t.match(contractDetail(record, inMemoryState(peopleDirectory), 'everyone', '2026-11-29'), { money: { peopleMoved: 2 }, peopleMovedByToday: 0, peoplePlannedToMove: 2 }, 'the contract answer says the same');
  t.match(allContracts(state, '2027-03-01').find((c) => c.contractId === block), { peopleMovedByToday: 2 }, 'and the list of contracts');
  t.match(contractsQuery.answer(state, { now: '2026-11-29T10:00:00Z' }), { contracts: [{ contractId: block, peopleMovedByToday: 0, peoplePlannedToMove: 2 }] }, 'the query judges on the reader’s now');
});
