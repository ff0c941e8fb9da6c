// recorded(): a request schema's fields without its rules, so a read model's answer takes
// whatever was stored, while what it parses to stays what the request parses to.
import t from 'tap';
import { z } from 'zod';
import { recorded, type Recorded } from '../../projections/recorded-shape.js';
import * as facts from '../../src/domain/decisions/decision-facts.js';
import { isoDate, isoDateTime, organisationName } from '../../src/domain/shared/vocabulary.js';

const stored = z.object({ at: isoDateTime, reviewDate: isoDate.optional() });
const view = recorded(facts.view);

t.test('what today’s rules refuse, the recorded shape takes as it was stored', async (t) => {
  const concernWithoutReason = { by: { role: 'self-advocate', personId: 'P-HS01' }, stance: 'has-concerns', inOwnWords: '  \u200B  ' };
  t.notOk(facts.view.safeParse(concernWithoutReason).success, 'the request refuses invisible words and a concern without its reason');
  t.same(view.parse(concernWithoutReason), concernWithoutReason, 'the record keeps them, untrimmed');
  const impossible = { at: '2026-02-30T10:00:00+15:00', reviewDate: '2026-02-30' };
  t.notOk(stored.safeParse(impossible).success);
  t.same(recorded(stored).parse(impossible), impossible, 'a day off the calendar and an offset beyond ±14:00');
  t.same(recorded(facts.proposal.shape.money).parse({ amount: -1.5, description: '' }), { amount: -1.5, description: '' }, 'money as stored');
});

t.test('the fields, their kinds and the enums stay', async (t) => {
  t.same(Object.keys(view.shape), Object.keys(facts.view.shape));
  t.notOk(view.safeParse({ by: { role: 'self-advocate' }, stance: 'maybe', inOwnWords: 'x' }).success, 'an enum value no schema knows');
  t.notOk(view.safeParse({ by: { role: 'self-advocate' }, stance: 'supports' }).success, 'a field that is not optional');
  t.notOk(recorded(stored).safeParse({ at: 7 }).success, 'a number where text was recorded');
  t.equal(recorded(z.object({ provider: organisationName })).shape.provider.description, organisationName.description, 'descriptions kept for the API document');
  t.ok(organisationName.description);
});

t.test('what passes the request parses the same way, defaults included', async (t) => {
  const proposal = {
    kind: 'commissioning',
    title: 'Day service',
    summary: 'Change the day service.',
    easyReadSummary: ['We want to change it.'],
    proposedBy: { role: 'commissioner', organisation: 'Leeds City Council' },
    affects: {},
  };
  t.same(recorded(facts.proposal).parse(proposal), facts.proposal.parse(proposal));
  // The type of what it parses to is the request's: a change there that the mapping misses fails to compile.
  const sameOutput: z.output<Recorded<typeof facts.proposal>> = facts.proposal.parse(proposal);
  const andBack: z.output<typeof facts.proposal> = recorded(facts.proposal).parse(proposal);
  t.ok(sameOutput && andBack);
});

t.test('a schema kind it has no rule-free form for is refused when the read model is built', async (t) => {
  t.throws(() => recorded(z.object({ when: z.date() })), /no rule-free form for a date schema/);
});
