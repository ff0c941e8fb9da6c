// The person register as a specification, the rule for who reads a name, and sealing.
import t from 'tap';
import type { Actor } from '../../src/domain/actor.js';
import { personDecider, type PersonCommand } from '../../src/domain/people/decide.js';
import type { PersonEvent } from '../../src/domain/people/person-events.js';
import { mayReadPersonalData } from '../../src/domain/people/person.js';
import { PersonKeys } from '../../src/privacy/person-keys.js';
import { openPersonalData, sealPersonalData } from '../../src/privacy/personal-data.js';
import { specify } from '../support/decider-spec.js';
import { tempDir } from '../support/temp-dir.js';

const spec = specify(personDecider);
const now = '2026-10-01T09:00:00+01:00';
const commissioner: Actor = { id: 'tok-c', name: 'Commissioning team', role: 'commissioner' };
const own: Actor = { id: 'tok-s', name: 'Aisha', role: 'self-advocate', personId: 'P-HS01' };
const other: Actor = { id: 'tok-o', name: 'Tom', role: 'self-advocate', personId: 'P-HS02' };
const sealed = { alg: 'AES-256-GCM' as const, keyId: 'P-HS01', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', ciphertext: 'AAAA' };
const needs = [{ need: 'easy-read' as const }];
const registered: PersonEvent = { type: 'PersonRegistered', data: { personId: 'P-HS01', personal: sealed, communicationNeeds: needs, supportedBy: ['Hillside Support'], at: now } };
const forgotten: PersonEvent = { type: 'PersonalDataErased', data: { personId: 'P-HS01', reason: 'the-person-asked', at: now } };
const command = <C extends PersonCommand['type']>(type: C, data: Extract<PersonCommand, { type: C }>['data'], actor = commissioner) =>
  ({ type, data, actor, now }) as Extract<PersonCommand, { type: C }>;

t.test('the register', async (t) => {
  const registration = { personId: 'P-HS01', personal: sealed, communicationNeeds: needs, supportedBy: ['Hillside Support'] };
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

t.test('sealing: only the person’s own key opens it, and a destroyed key forgets them', async (t) => {
  const keys = await PersonKeys.open(tempDir(t));
  const key = keys.create('P-HS01');
  t.same(keys.keyFor('P-HS01'), key, 'the key is kept');
  const box = sealPersonalData({ name: 'Aisha Khan', contactDetails: '0113 496 0000' }, key, 'P-HS01');
  t.notOk(JSON.stringify(box).includes('Aisha'), 'no name in the sealed data');
  t.same(openPersonalData(box, key), { name: 'Aisha Khan', contactDetails: '0113 496 0000' });
  t.equal(openPersonalData(box, keys.create('P-HS02')), undefined, 'another person’s key');
  const flipped = Buffer.from(box.ciphertext, 'base64');
  flipped[0] = (flipped[0] ?? 0) ^ 1;
  t.equal(openPersonalData({ ...box, ciphertext: flipped.toString('base64') }, key), undefined, 'an altered ciphertext');
  t.equal(openPersonalData({ ...box, keyId: 'P-HS02' }, key), undefined, 'moved to another person');
  t.equal(await keys.destroy('P-HS01'), true);
  t.equal(keys.keyFor('P-HS01'), undefined, 'the key is gone');
  t.throws(() => keys.keyFor('../tokens'), { code: 'PL_ERR_VALIDATION' }, 'a key file is named only by a person id');
});
