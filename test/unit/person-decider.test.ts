// The person register as a specification, the rule for who reads a name, and the
// formats the co-production review reads from the register's need codes.
import t from 'tap';
import type { Actor } from '../../src/domain/actor.js';
import { fold } from '../../src/domain/decider.js';
import { personDecider, type PersonCommand } from '../../src/domain/people/decide.js';
import type { PersonEvent } from '../../src/domain/people/person-events.js';
import { mayReadPersonalData } from '../../src/domain/people/person.js';
import { communicationFormats } from '../../projections/communication-formats.js';
import { specify } from '../support/decider-spec.js';
import { TEST_PROVIDERS } from '../support/providers.js';
import { storedEvents } from '../support/stored-events.js';

const spec = specify(personDecider);
const now = '2026-10-01T09:00:00+01:00';
const at = now;
const commissioner: Actor = { id: 'tok-c', name: 'Commissioning team', role: 'commissioner' };
const own: Actor = { id: 'tok-s', name: 'Aisha', role: 'self-advocate', personId: 'P-HS01' };
const other: Actor = { id: 'tok-o', name: 'Tom', role: 'self-advocate', personId: 'P-HS02' };
const sealed = { alg: 'AES-256-GCM' as const, keyId: 'P-HS01', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', ciphertext: 'AAAA' };
const needs = [{ need: 'easy-read' as const, flag: 'EASY-READ' }];
const registered: PersonEvent = { type: 'PersonRegistered', data: { personId: 'P-HS01', personal: sealed, communicationNeeds: needs, supportedBy: ['Hillside Support'], at: now } };
const forgotten: PersonEvent = { type: 'PersonalDataErased', data: { personId: 'P-HS01', reason: 'the-person-asked', at: now } };
const command = <C extends PersonCommand['type']>(type: C, data: Extract<PersonCommand, { type: C }>['data'], actor = commissioner) =>
  ({ type, data, actor, now, registeredProviders: TEST_PROVIDERS }) as Extract<PersonCommand, { type: C }>;

const registration = { personId: 'P-HS01', personal: sealed, communicationNeeds: needs, supportedBy: ['Hillside Support'] };

t.test('who supports a person follows their move to a new provider', async (t) => {
  const followingMove = { contractId: '11111111-1111-4111-8111-111111111111', allocationId: '33333333-3333-4333-8333-333333333333', date: '2027-02-01', from: 'Hillside Support', to: 'Wharfedale Living' };
  const supportedByTwo: PersonEvent = { type: 'PersonRegistered', data: { ...registration, supportedBy: ['Hillside Support', 'Leeds Advocacy'], at: now } };
  spec
    .given([supportedByTwo])
    .when(command('ChangeSupportingProviders', { followingMove }))
    .then(t, [{ type: 'SupportingProvidersChanged', data: { personId: 'P-HS01', supportedBy: ['Leeds Advocacy', 'Wharfedale Living'], followingMove, at: now } }], 'the provider they left stops, the one they moved to starts, others stay');
  spec
    .given([registered])
    .when(command('ChangeSupportingProviders', { followingMove: { ...followingMove, to: 'Hillside Support' } }))
    .then(t, [{ type: 'SupportingProvidersChanged', data: { personId: 'P-HS01', supportedBy: ['Hillside Support'], followingMove: { ...followingMove, to: 'Hillside Support' }, at: now } }], 'a move within the same provider keeps it, once');
  spec.given([]).when(command('ChangeSupportingProviders', { followingMove })).thenRefuses(t, 'PL_ERR_PERSON_NOT_FOUND', 'nobody in the register');
  spec.given([registered, forgotten]).when(command('ChangeSupportingProviders', { followingMove })).thenRefuses(t, 'PL_ERR_PERSON_FORGOTTEN', 'nor a forgotten person');
});

t.test('the register', async (t) => {
  spec.given([]).when(command('RegisterPerson', registration)).then(t, [registered]);
  spec.given([registered]).when(command('RegisterPerson', registration)).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS');
  spec.given([]).when(command('ChangeSupportingProviders', { supportedBy: [] })).thenRefuses(t, 'PL_ERR_PERSON_NOT_FOUND');
  spec
    .given([registered])
    .when(command('ChangeSupportingProviders', { supportedBy: ['Wharfedale Living'] }))
    .then(t, [{ type: 'SupportingProvidersChanged', data: { personId: 'P-HS01', supportedBy: ['Wharfedale Living'], at: now } }]);
  const bsl = [{ need: 'british-sign-language' as const }];
  spec.given([registered]).when(command('RecordCommunicationNeeds', { communicationNeeds: bsl }, own)).then(t, [{ type: 'CommunicationNeedsRecorded', data: { personId: 'P-HS01', communicationNeeds: bsl, at: now } }], 'a self-advocate records their own needs');
  spec.given([registered]).when(command('RecordCommunicationNeeds', { communicationNeeds: bsl }, other)).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON');
  spec.given([registered]).when(command('ForgetPerson', { reason: 'the-person-asked' })).then(t, [forgotten]);
  spec.given([registered, forgotten]).when(command('ForgetPerson', { reason: 'the-person-asked' })).thenRefuses(t, 'PL_ERR_PERSON_FORGOTTEN');
  spec.given([registered, forgotten]).when(command('RecordCommunicationNeeds', { communicationNeeds: bsl })).thenRefuses(t, 'PL_ERR_PERSON_FORGOTTEN');
  spec.given([registered, forgotten]).when(command('ChangeSupportingProviders', { supportedBy: [] })).thenRefuses(t, 'PL_ERR_PERSON_FORGOTTEN', 'nothing more is recorded about a forgotten person');
  spec.given([registered, forgotten]).when(command('RegisterPerson', registration)).thenRefuses(t, 'PL_ERR_ALREADY_EXISTS', 'a forgotten id is not reused');
  spec.given([]).when(command('RegisterPerson', { ...registration, personal: { ...sealed, keyId: 'P-HS02' } })).thenRefuses(t, 'PL_ERR_VALIDATION', 'sealed with someone else’s key');
  const resealed = { ...sealed, iv: 'BBBBBBBBBBBBBBBB' };
  spec
    .given([registered])
    .when(command('RecordCommunicationNeeds', { communicationNeeds: bsl, personal: resealed }))
    .then(t, [{ type: 'CommunicationNeedsRecorded', data: { personId: 'P-HS01', communicationNeeds: bsl, personal: resealed, at } }], 'new needs detail arrives sealed');
  spec.given([registered]).when(command('RecordCommunicationNeeds', { communicationNeeds: bsl, personal: { ...sealed, keyId: 'P-HS02' } })).thenRefuses(t, 'PL_ERR_VALIDATION');
  spec.given([]).when(command('ForgetPerson', { reason: 'registered-in-error' })).thenRefuses(t, 'PL_ERR_PERSON_NOT_FOUND');
  spec.given([registered]).when(command('ChangeSupportingProviders', { supportedBy: [] }, other)).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', 'a self-advocate token acts for its own person only, whatever the command');
});

t.test('who may name whom in the register', async (t) => {
  const bsl = [{ need: 'british-sign-language' as const }];
  const supporting: Actor = { id: 'tok-p', name: 'Hillside', role: 'provider', organisation: 'Hillside Support' };
  const stranger: Actor = { id: 'tok-q', name: 'Other Care', role: 'provider', organisation: 'Other Care Ltd' };
  const group: Actor = { id: 'tok-g', name: 'Speak Up', role: 'self-advocate' };
  spec.given([registered]).when(command('RecordCommunicationNeeds', { communicationNeeds: bsl }, group)).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', 'an unbound self-advocate token records nobody’s needs');
  spec.given([registered]).when(command('RecordCommunicationNeeds', { communicationNeeds: bsl }, stranger)).thenRefuses(t, 'PL_ERR_NOT_OWN_ORGANISATION', 'a provider names no one it does not support');
  spec.given([registered]).when(command('ChangeSupportingProviders', { supportedBy: ['Other Care Ltd'] }, supporting)).thenRefuses(t, 'PL_ERR_NOT_OWN_ORGANISATION', 'a provider never names another provider as supporting someone');
  spec.given([]).when(command('RegisterPerson', registration, supporting)).thenRefuses(t, 'PL_ERR_NOT_OWN_ORGANISATION', 'nobody supports a person before they are registered');
  spec.given([]).when(command('RegisterPerson', registration, own)).thenRefuses(t, 'PL_ERR_NOT_OWN_PERSON', 'a self-advocate token names no organisation as supporting');
  spec
    .given([registered])
    .when(command('ChangeSupportingProviders', { supportedBy: ['Other Care Ltd', 'Hillside Support'] }))
    .then(t, [{ type: 'SupportingProvidersChanged', data: { personId: 'P-HS01', supportedBy: ['Other Care Ltd', 'Hillside Support'], at: now } }], 'a commissioner names any provider');
});

t.test('the register’s state: needs replaced, supporters changed, forgotten', async (t) => {
  const resealed = { ...sealed, iv: 'BBBBBBBBBBBBBBBB' };
  const events: PersonEvent[] = [
    registered,
    { type: 'CommunicationNeedsRecorded', data: { personId: 'P-HS01', communicationNeeds: [{ need: 'audio' }], personal: resealed, at } },
    { type: 'SupportingProvidersChanged', data: { personId: 'P-HS01', supportedBy: [], at } },
    forgotten,
  ];
  t.match(fold(personDecider, events), { status: 'forgotten', communicationNeeds: [{ need: 'audio' }], supportedBy: [], sealed: [sealed, resealed], forgottenAt: now });
});

t.test('the formats each person needs, for the co-production review', async (t) => {
  const [registration, update, other] = storedEvents([
    { stream: 'person-P-HS01', event: { type: 'PersonRegistered', data: { ...registered.data, communicationNeeds: [{ need: 'easy-read' }, { need: 'interpreter' }, { need: 'translated' }, { need: 'advocate' }] } } },
    { stream: 'person-P-HS01', event: { type: 'CommunicationNeedsRecorded', data: { personId: 'P-HS01', communicationNeeds: [{ need: 'british-sign-language', flag: 'BSL' }], at } } },
    { stream: 'person-P-HS01', event: forgotten },
  ]);
  t.same(registration && communicationFormats(registration), { personId: 'P-HS01', formats: ['easy-read', 'translated'] }, 'an interpreter means translated information; an advocate asks for no format');
  t.same(update && communicationFormats(update), { personId: 'P-HS01', formats: ['british-sign-language'] });
  t.equal(other && communicationFormats(other), undefined, 'other register events say nothing about formats');
});

t.test('who may read a name', async (t) => {
  const person = { personId: 'P-HS01', supportedBy: ['Hillside Support'] };
  t.ok(mayReadPersonalData(commissioner, person));
  t.ok(mayReadPersonalData({ id: 'a', name: 'Audit', role: 'auditor' }, person));
  t.ok(mayReadPersonalData({ id: 'p', name: 'Hillside', role: 'provider', organisation: 'Hillside Support' }, person));
  t.notOk(mayReadPersonalData({ id: 'q', name: 'Other', role: 'provider', organisation: 'Other Care Ltd' }, person));
  t.ok(mayReadPersonalData(own, person));
  t.notOk(mayReadPersonalData(other, person));
  t.notOk(mayReadPersonalData({ id: 's', name: 'Group', role: 'self-advocate' }, person), 'an unbound self-advocate token');
  t.notOk(mayReadPersonalData({ id: 'x', name: 'Admin', role: 'admin' }, person));
});
