// The form of the provider register's one command: its words and fields, written once,
// each named by the body path it fills (checked by formOf). The table's entry carries it.
import * as facts from '../domain/providers/provider-facts.js';
import { formOf } from './command-form.js';

export const registerProvider = formOf(facts.providerRegistration, {
  slug: 'new', picture: 'people', title: 'Register a provider', submit: 'Register', saved: 'The provider is registered.',
  intro: ['Record an organisation that provides support.', 'Contracts, budgets and people can then name it.'],
  fields: [{ path: 'name', label: 'Name of the organisation', kind: 'text', hint: 'As it should appear everywhere, like Hillside Support.' }],
});
