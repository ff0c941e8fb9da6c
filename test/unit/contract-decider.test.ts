// The contract aggregate as a specification: given events, when a command, then events
// or a refusal — for every command and every rule, above all that money is conserved.
import t from 'tap';
import type { Actor } from '../../src/domain/actor.js';
import { contractMoney, type Contract } from '../../src/domain/contracts/contract.js';
import type { ContractEvent } from '../../src/domain/contracts/contract-events.js';
import { contractDecider, type ContractCommand, type DecisionContext } from '../../src/domain/contracts/decide.js';
import { fold } from '../../src/domain/decider.js';
import { specify } from '../support/decider-spec.js';

const spec = specify(contractDecider);
const now = '2026-10-01T09:00:00+01:00';
const contractId = '11111111-1111-4111-8111-111111111111';
const decisionId = '22222222-2222-4222-8222-222222222222';
const allocationId = '33333333-3333-4333-8333-333333333333';
const actor: Actor = { id: 'tok-c', name: 'Commissioning team', role: 'commissioner' };
const command = <C extends ContractCommand['type']>(type: C, data: Extract<ContractCommand, { type: C }>['data']) =>
  ({ type, data, actor, now }) as Extract<ContractCommand, { type: C }>;

const registration = { provider: 'Hillside Support', type: 'block' as const, annualValue: 41_600_000, peopleCovered: ['P-HS01', 'P-HS02'], service: 'Day centre', start: '2024-04-01' };
const registered: ContractEvent = { type: 'ContractRegistered', data: { ...registration, contractId, at: now } };
const agreed: DecisionContext = { decisionId, kind: 'disaggregation', contractId, status: 'decided', outcome: 'agreed' };
const plan = { decisionId, timetable: [{ step: 'Budgets start', by: '2027-02-01' }], amountToRelease: 10_000_000 };
const planned: ContractEvent = { type: 'DisaggregationPlanned', data: { ...plan, contractId, at: now } };
const allocation = { personId: 'P-HS01', amount: 6_000_000, route: 'direct-payment' as const };
const allocated: ContractEvent = { type: 'IndividualBudgetAllocated', data: { ...allocation, allocationId, contractId, at: now } };
const moved: ContractEvent = { type: 'PersonMovedToNewArrangement', data: { personId: 'P-HS01', allocationId, date: '2027-02-01', contractId, at: now } };
const ended: ContractEvent = { type: 'ContractEnded', data: { date: '2027-03-31', reason: 'Replaced by individual budgets.', contractId, at: now } };

t.test('RegisterContract', async (t) => {
  spec.given([]).when(command('RegisterContract', { ...registration, contractId })).then(t, [registered]);
  spec.given([registered]).when(command('RegisterContract', { ...registration, contractId })).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS');
});

t.test('PlanDisaggregation', async (t) => {
  spec.given([registered]).when(command('PlanDisaggregation', { ...plan, decision: agreed })).then(t, [planned]);
  spec.given([]).when(command('PlanDisaggregation', { ...plan, decision: agreed })).thenRefuses(t, 'PL_ERR_CONTRACT_NOT_FOUND');
  spec.given([registered, planned]).when(command('PlanDisaggregation', { ...plan, decision: agreed })).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS', 'planned once');
  const spot: ContractEvent = { type: 'ContractRegistered', data: { ...registration, type: 'spot', contractId, at: now } };
  spec.given([spot]).when(command('PlanDisaggregation', { ...plan, decision: agreed })).thenRefuses(t, 'PL_ERR_NOT_A_BLOCK_CONTRACT');
  spec.given([registered]).when(command('PlanDisaggregation', { ...plan, decision: { ...agreed, kind: 'commissioning' } })).thenRefuses(t, 'PL_ERR_WRONG_DECISION_KIND');
  spec.given([registered]).when(command('PlanDisaggregation', { ...plan, decision: { ...agreed, contractId: decisionId } })).thenRefuses(t, 'PL_ERR_WRONG_DECISION_KIND', 'about another contract');
  spec.given([registered]).when(command('PlanDisaggregation', { ...plan, decision: { ...agreed, status: 'proposed', outcome: undefined } })).thenRefuses(t, 'PL_ERR_DECISION_NOT_MADE');
  spec.given([registered]).when(command('PlanDisaggregation', { ...plan, decision: { ...agreed, outcome: 'declined' } })).thenRefuses(t, 'PL_ERR_DECISION_NOT_MADE', 'declined');
  spec.given([registered]).when(command('PlanDisaggregation', { ...plan, amountToRelease: 41_600_001, decision: agreed })).thenRefuses(t, 'PL_ERR_MONEY_NOT_CONSERVED', 'more than the block');
  spec.given([registered, ended]).when(command('PlanDisaggregation', { ...plan, decision: agreed })).thenRefuses(t, 'PL_ERR_CONTRACT_ENDED');
});

t.test('AllocateIndividualBudget', async (t) => {
  spec.given([registered, planned]).when(command('AllocateIndividualBudget', { ...allocation, allocationId })).then(t, [allocated]);
  spec.given([registered]).when(command('AllocateIndividualBudget', { ...allocation, allocationId })).thenRefuses(t, 'PL_ERR_MONEY_NOT_CONSERVED', 'nothing released yet');
  spec.given([registered, planned, allocated]).when(command('AllocateIndividualBudget', { ...allocation, allocationId })).thenRefuses(t, 'PL_ERR_ALLOCATION_EXISTS');
  spec
    .given([registered, planned, allocated])
    .when(command('AllocateIndividualBudget', { personId: 'P-HS02', amount: 4_000_001, route: 'trust', allocationId: contractId }))
    .thenRefuses(t, 'PL_ERR_MONEY_NOT_CONSERVED', 'over what was released');
  t.throws(
    () => contractDecider.decide(command('AllocateIndividualBudget', { personId: 'P-HS02', amount: 4_000_001, route: 'trust', allocationId: contractId }), fold(contractDecider, [registered, planned, allocated])),
    { message: /£40,000\.01.*£100,000\.00 released, £60,000\.00 already allocated, £40,000\.00 left/ },
    'the refusal names the amounts in pounds',
  );
});

t.test('RecordPersonMoved', async (t) => {
  spec.given([registered, planned, allocated]).when(command('RecordPersonMoved', { personId: 'P-HS01', allocationId, date: '2027-02-01' })).then(t, [moved]);
  spec.given([registered, planned]).when(command('RecordPersonMoved', { personId: 'P-HS01', allocationId, date: '2027-02-01' })).thenRefuses(t, 'PL_ERR_ALLOCATION_NOT_FOUND');
  spec.given([registered, planned, allocated, moved]).when(command('RecordPersonMoved', { personId: 'P-HS01', allocationId, date: '2027-02-01' })).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS', 'moved once');
});

t.test('VaryContract and EndContract', async (t) => {
  const variation = { change: 'Value reduced after the first year.', newAnnualValue: 30_000_000 };
  spec.given([registered, planned]).when(command('VaryContract', variation)).then(t, [{ type: 'ContractVaried', data: { ...variation, contractId, at: now } }]);
  spec.given([registered, planned]).when(command('VaryContract', { ...variation, newAnnualValue: 9_999_999 })).thenRefuses(t, 'PL_ERR_MONEY_NOT_CONSERVED', 'not below what was released');
  spec.given([registered]).when(command('EndContract', { date: '2027-03-31', reason: 'Replaced by individual budgets.' })).then(t, [ended]);
  spec.given([registered, ended]).when(command('EndContract', { date: '2027-03-31', reason: 'Again.' })).thenRefuses(t, 'PL_ERR_CONTRACT_ENDED');
});

t.test('money is conserved: released plus what stays in the block is the value', async (t) => {
  const state = fold(contractDecider, [registered, planned, allocated, moved]) as Contract;
  const money = contractMoney(state);
  t.equal(money.released + money.remainingInBlock, money.value);
  t.ok(money.allocated <= money.released);
  t.match(money, { value: 41_600_000, released: 10_000_000, allocated: 6_000_000, releasedNotYetAllocated: 4_000_000, peopleMoved: 1 });
});
