// The form of every command on the person register: its words and fields, written once,
// each named by the body path it fills (checked by formOf). The table's entries carry them.
import * as facts from '../domain/people/person-facts.js';
import { formOf } from './command-form.js';

export const registerPerson = formOf(facts.personRegistration, {
  slug: 'new', picture: 'people', title: 'Register a person', submit: 'Register', saved: 'The person is registered.',
  intro: ['Record a person who uses support.', 'Their name and contact details are kept sealed.'],
  fields: [
    { path: 'personId', label: 'Person id', kind: 'text', hint: 'Like P-HS01.' },
    { path: 'name', label: 'Name', kind: 'text' },
    { path: 'contactDetails', label: 'Contact details', kind: 'textarea', optional: true },
    { path: 'communicationNeeds', label: 'Communication needs', kind: 'needs', optional: true, choices: { words: 'communicationNeed' } },
    { path: 'needsDetail', label: 'More about their needs', kind: 'textarea', optional: true },
    { path: 'supportedBy', label: 'Providers who support them', kind: 'lines', optional: true, hint: 'One on each line.' },
  ],
});

export const recordCommunicationNeeds = formOf(facts.needsUpdate, {
  slug: 'communication-needs', picture: 'talk', title: 'Communication needs', submit: 'Save', saved: 'The communication needs are saved.', appliesTo: 'notForgotten',
  intro: ['Say how information should be given, so it can be understood.', 'These replace the needs recorded before.'],
  wordsFor: { 'self-advocate': { title: 'How I like information', intro: ['Tell us how you like information.', 'We will use it for you.'], submit: 'Save my needs', saved: 'Thank you. Your needs are saved.' } },
  fields: [
    { path: 'communicationNeeds', label: 'Communication needs', kind: 'needs', optional: true, choices: { words: 'communicationNeed' } },
    { path: 'needsDetail', label: 'More about the needs', kind: 'textarea', optional: true },
  ],
});

export const changeSupportingProviders = formOf(facts.supportUpdate, {
  slug: 'supporting-providers', picture: 'people', title: 'Change who supports this person', submit: 'Save', saved: 'The providers are saved.', appliesTo: 'notForgotten',
  intro: ['List the providers who support this person.', 'They may then read the person’s name.'],
  fields: [{ path: 'supportedBy', label: 'Providers who support them', kind: 'lines', optional: true, hint: 'One on each line.' }],
});

export const forgetPerson = formOf(facts.erasure, {
  slug: 'forget', picture: 'key', title: 'Forget this person', submit: 'Yes, forget this person', saved: 'The person is forgotten.', appliesTo: 'notForgotten', confirm: true,
  intro: [
    'Their name, contact details and needs will be destroyed for good.',
    'Their decisions stay, under their id only.',
    'This cannot be undone.',
  ],
  fields: [{ path: 'reason', label: 'Why', kind: 'radios', choices: { words: 'erasureReason' } }],
});
