// Issue 15, as specifications: registering a provider; every command that names a provider
// refused when the register does not hold it; who supports a person judged on a day, so a
// planned move hands over on its date.
import t from 'tap';
import { foldEvents } from '../../projections/projection.js';
import { peopleDirectory, supportedByOrganisation } from '../../projections/people-directory.js';
import type { Actor } from '../../src/domain/actor.js';
import type { ContractEvent } from '../../src/domain/contracts/contract-events.js';
import { contractDecider, type ContractCommand } from '../../src/domain/contracts/decide.js';
import { personDecider, type PersonCommand } from '../../src/domain/people/decide.js';
import type { PersonEvent } from '../../src/domain/people/person-events.js';
import { supportersOn, type SupporterChange } from '../../src/domain/people/person.js';
import { providerDecider } from '../../src/domain/providers/decide.js';
import { PROVIDER_REGISTER_STREAM } from '../../src/domain/providers/provider-events.js';
import { specify } from '../support/decider-spec.js';
import { storedEvents } from '../support/stored-events.js';

const now = '2026-10-01T09:00:00+01:00';
const actor: Actor = { id: 'tok-c', name: 'Commissioning team', role: 'commissioner' };
const registered: readonly string[] = ['Hillside Support', 'Wharfedale Living'];
const contractId = '11111111-1111-4111-8111-111111111111';
const allocationId = '33333333-3333-4333-8333-333333333333';

t.test('a provider is registered once', async (t) => {
  const spec = specify(providerDecider);
  const register = { type: 'RegisterProvider' as const, data: { name: 'Wharfedale Living' }, actor, now };
  spec.given([]).when(register).then(t, [{ type: 'ProviderRegistered', data: { name: 'Wharfedale Living', at: now } }]);
  spec.given([{ type: 'ProviderRegistered', data: { name: 'Wharfedale Living', at: now } }]).when(register).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS');
  spec.given([{ type: 'ProviderRegistered', data: { name: 'Hillside Support', at: now } }]).when(register).then(t, [{ type: 'ProviderRegistered', data: { name: 'Wharfedale Living', at: now } }], 'another name');
  t.equal(PROVIDER_REGISTER_STREAM, 'provider-register', 'one stream holds every name');
});

t.test('a contract names only registered providers: its provider, an ISF’s holder, a move’s new provider', async (t) => {
  const spec = specify(contractDecider);
  const command = <C extends ContractCommand['type']>(type: C, data: Extract<ContractCommand, { type: C }>['data']) =>
    ({ type, data, actor, now, registeredProviders: registered }) as Extract<ContractCommand, { type: C }>;
  const registration = { provider: 'Hillside Support', type: 'block' as const, annualValue: 41_600_000, peopleCovered: ['P-HS01'], service: 'Day centre', start: '2024-04-01', contractId };
  const contract: ContractEvent = { type: 'ContractRegistered', data: { ...registration, at: now } };
  const plan: ContractEvent = { type: 'DisaggregationPlanned', data: { decisionId: contractId, timetable: [{ step: 'Budgets start', by: '2027-02-01' }], amountToRelease: 10_000_000, contractId, at: now } };
  const allocated: ContractEvent = { type: 'IndividualBudgetAllocated', data: { personId: 'P-HS01', amount: 100_000, route: 'direct-payment', allocationId, contractId, at: now } };

  spec.given([]).when(command('RegisterContract', registration)).then(t, [contract], 'a registered provider');
  spec.given([]).when(command('RegisterContract', { ...registration, provider: 'Unknown Ltd' })).thenRefuses(t, 'PL_ERR_PROVIDER_NOT_REGISTERED', 'a contract’s provider');
  spec.given([contract, plan]).when(command('AllocateIndividualBudget', { personId: 'P-HS01', amount: 100_000, route: 'individual-service-fund', heldBy: 'Unknown Ltd', allocationId })).thenRefuses(t, 'PL_ERR_PROVIDER_NOT_REGISTERED', 'an ISF’s holder');
  spec.given([contract, plan]).when(command('AllocateIndividualBudget', { personId: 'P-HS01', amount: 100_000, route: 'individual-service-fund', heldBy: 'Wharfedale Living', allocationId })).then(t, [
    { type: 'IndividualBudgetAllocated', data: { personId: 'P-HS01', amount: 100_000, route: 'individual-service-fund', heldBy: 'Wharfedale Living', allocationId, contractId, at: now } },
  ], 'an ISF held by a registered provider');
  spec.given([contract, plan, allocated]).when(command('RecordPersonMoved', { personId: 'P-HS01', allocationId, date: '2027-02-01', newProvider: 'Unknown Ltd' })).thenRefuses(t, 'PL_ERR_PROVIDER_NOT_REGISTERED', 'a move’s new provider');
  spec.given([contract, plan, allocated]).when(command('RecordPersonMoved', { personId: 'P-HS01', allocationId, date: '2027-02-01' })).then(t, [
    { type: 'PersonMovedToNewArrangement', data: { personId: 'P-HS01', allocationId, date: '2027-02-01', contractId, at: now } },
  ], 'a move to no provider names none');
});

t.test('the person register names only registered providers as supporters', async (t) => {
  const spec = specify(personDecider);
  const command = <C extends PersonCommand['type']>(type: C, data: Extract<PersonCommand, { type: C }>['data']) =>
    ({ type, data, actor, now, registeredProviders: registered }) as Extract<PersonCommand, { type: C }>;
  const sealed = { alg: 'AES-256-GCM' as const, keyId: 'P-HS01', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', ciphertext: 'AAAA' };
  const registration = { personId: 'P-HS01', personal: sealed, communicationNeeds: [], supportedBy: ['Hillside Support'] };
  spec.given([]).when(command('RegisterPerson', { ...registration, supportedBy: ['Hillside Support', 'Unknown Ltd'] })).thenRefuses(t, 'PL_ERR_PROVIDER_NOT_REGISTERED', 'registering');
  // Stored before the register existed: a supporter nobody registered stays, a new one must be registered.
  const earlier: PersonEvent = { type: 'PersonRegistered', data: { ...registration, supportedBy: ['Old Name Ltd'], at: now } };
  spec.given([earlier]).when(command('ChangeSupportingProviders', { supportedBy: ['Old Name Ltd', 'Unknown Ltd'] })).thenRefuses(t, 'PL_ERR_PROVIDER_NOT_REGISTERED', 'a change adding an unregistered provider');
  spec.given([earlier]).when(command('ChangeSupportingProviders', { supportedBy: ['Old Name Ltd', 'Wharfedale Living'] })).then(t, [
    { type: 'SupportingProvidersChanged', data: { personId: 'P-HS01', supportedBy: ['Old Name Ltd', 'Wharfedale Living'], at: now } },
  ], 'one already supporting them may stay');
});

t.test('who supports a person is judged on a day: a planned move hands over on its date', async (t) => {
  const changes: SupporterChange[] = [
    { from: '2026-10-01', supportedBy: ['Hillside Support', 'Leeds Advocacy'] },
    { from: '2027-02-01', moved: { from: 'Hillside Support', to: 'Wharfedale Living' } },
    // Set after the move was planned, before its date: the move still happens on its date.
    { from: '2026-11-01', supportedBy: ['Hillside Support', 'Leeds Advocacy', 'Real Life Options'] },
  ];
  t.same(supportersOn(changes, '2026-09-30'), [], 'before registration nobody');
  t.same(supportersOn(changes, '2026-10-15'), ['Hillside Support', 'Leeds Advocacy']);
  t.same(supportersOn(changes, '2027-01-31'), ['Hillside Support', 'Leeds Advocacy', 'Real Life Options'], 'before the date the old provider supports them');
  t.same(supportersOn(changes, '2027-02-01'), ['Leeds Advocacy', 'Real Life Options', 'Wharfedale Living'], 'from the date the new one does, the old one no longer');

  const at = '2026-10-01T09:00:00.000Z';
  const events = storedEvents([
    { stream: 'person-P-HS01', event: { type: 'PersonRegistered', data: { personId: 'P-HS01', personal: { alg: 'AES-256-GCM', keyId: 'P-HS01', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', ciphertext: 'AAAA' }, communicationNeeds: [], supportedBy: ['Hillside Support'], at } } },
    {
      stream: 'person-P-HS01',
      event: { type: 'SupportingProvidersChanged', data: { personId: 'P-HS01', supportedBy: ['Wharfedale Living'], followingMove: { contractId, allocationId, date: '2027-02-01', from: 'Hillside Support', to: 'Wharfedale Living' }, at } },
    },
    {
      stream: 'person-P-HS02',
      event: { type: 'PersonRegistered', data: { personId: 'P-HS02', personal: { alg: 'AES-256-GCM', keyId: 'P-HS02', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', ciphertext: 'AAAA' }, communicationNeeds: [], supportedBy: ['Hillside Support'], at } },
    },
    { stream: 'person-P-HS02', event: { type: 'SupportingProvidersChanged', data: { personId: 'P-HS02', supportedBy: ['Wharfedale Living'], followingMove: { contractId, allocationId, date: '2026-09-01', from: 'Hillside Support', to: 'Wharfedale Living' }, at } } },
  ]);
  const directory = foldEvents(peopleDirectory, events);
  t.same(supportedByOrganisation(directory, 'Hillside Support', '2027-01-31'), ['P-HS01'], 'the day before a planned move the old provider supports them (a move recorded late counts from its recording)');
  t.same(supportedByOrganisation(directory, 'Wharfedale Living', '2027-01-31'), ['P-HS02'], 'and the new provider does not yet');
  t.same(supportedByOrganisation(directory, 'Hillside Support', '2027-02-01'), [], 'on the date the old provider no longer');
  t.same(supportedByOrganisation(directory, 'Wharfedale Living', '2027-02-01'), ['P-HS01', 'P-HS02'], 'and the new one does');
});
