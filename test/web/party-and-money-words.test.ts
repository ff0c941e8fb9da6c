// One way of writing money and of naming a party, for the pages, their choices, the
// evidence pack and the subject access report alike.
import t from 'tap';
import { authorChoices, partyChoices } from '../../src/web/forms/party-choices.js';
import { partyWords, pounds } from '../../src/web/words.js';

t.test('money is written in pounds with its pence, whole pounds too', async (t) => {
  t.equal(pounds(4_160_000), '£41,600.00');
  t.equal(pounds(416_050), '£4,160.50');
  t.equal(pounds(5), '£0.05');
  t.equal(pounds(0), '£0.00');
});

t.test('a party is named by its id or organisation, then its role', async (t) => {
  t.equal(partyWords({ role: 'person-using-support', personId: 'P-HS01' }), 'P-HS01 (a person who uses support)');
  t.equal(partyWords({ role: 'self-advocate', personId: 'P-HS01', onBehalfOf: 'P-HS01' }), 'P-HS01 (self-advocate)');
  t.equal(partyWords({ role: 'provider', organisation: 'Hillside Support' }), 'Hillside Support (provider)');
  t.equal(partyWords({ role: 'family-carer', label: 'Family carers', onBehalfOf: 'P-HS04' }), 'Family carers (family carer), for P-HS04');
  t.equal(partyWords({ role: 'partnership-board' }), 'Partnership board');
});

t.test('the forms offer people and organisations by the same words', async (t) => {
  const commissioner = { id: 'token-1', role: 'commissioner' as const, name: 'Jo', organisation: 'Leeds City Council' };
  const labels = partyChoices(commissioner, { people: ['P-HS08'], organisations: ['Hillside Support'], commissioners: [] }).map((c) => c.label);
  t.ok(labels.includes(partyWords({ role: 'person-using-support', personId: 'P-HS08' })), 'a person');
  t.ok(labels.includes(partyWords({ role: 'provider', organisation: 'Hillside Support' })), 'a provider');
  t.ok(labels.includes(partyWords({ role: 'commissioner', organisation: 'Leeds City Council' })), 'their own council');
});

t.test('a self-advocate may record only as themself: the domain’s rule, reached through the command layer', async (t) => {
  const selfAdvocate = { id: 'token-2', role: 'self-advocate' as const, name: 'Sam', personId: 'P-HS01' };
  const values = authorChoices(selfAdvocate, { people: ['P-HS02'], organisations: ['Hillside Support'], commissioners: [] }).map((c) => c.value);
  t.same(values, ['person:P-HS01', 'self-advocate-for:P-HS01']);
  const provider = { id: 'token-3', role: 'provider' as const, name: 'Hillside', organisation: 'Hillside Support' };
  t.same(
    authorChoices(provider, { people: ['P-HS02'], organisations: [], commissioners: ['Leeds City Council'] }).map((c) => c.value),
    ['provider:Hillside Support'],
    'a provider speaks only for itself',
  );
});
