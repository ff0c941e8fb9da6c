import t from 'tap';
import { checkEasyRead, MAX_WORDS_PER_SENTENCE } from '../../src/web/easy-read.js';

t.test('short sentences in everyday words pass', async (t) => {
  t.same(checkEasyRead(['We want to give each person their own budget.', 'You can choose how your support is spent.']), []);
});

t.test('a sentence over 15 words is flagged with its line and word count', async (t) => {
  const long = 'The council will look again at how the money for the day centre is spent every single year from now on.';
  const warnings = checkEasyRead(['A short one.', long]);
  t.equal(warnings.length, 1);
  t.match(warnings[0], { line: 2, kind: 'too-long', words: 21 });
  t.match(warnings[0]?.message, /21 words/);
});

t.test('exactly the limit passes', async (t) => {
  const fifteen = Array.from({ length: MAX_WORDS_PER_SENTENCE }, () => 'word').join(' ');
  t.same(checkEasyRead([fifteen]), []);
});

t.test('hard words are flagged with a plain word to use instead', async (t) => {
  const warnings = checkEasyRead(['The disaggregation of the block contract.', 'Commissioning is changing.']);
  t.same(
    warnings.map((w) => (w.kind === 'hard-word' ? [w.line, w.word] : [w.line, w.kind])),
    [
      [1, 'block contract'],
      [1, 'disaggregation'],
      [2, 'commissioning'],
    ],
  );
  t.match(warnings[0], { suggestion: 'one big payment for a service' });
});

t.test('a phrase is reported once, not again as a shorter phrase inside it', async (t) => {
  const warnings = checkEasyRead(['You can have an Individual Service Funds budget.']);
  t.same(warnings.map((w) => (w.kind === 'hard-word' ? w.word : w.kind)), ['individual service funds']);
});

t.test('hard words match whole words only, in any case', async (t) => {
  t.same(checkEasyRead(['We will implement it.']).length, 1);
  t.same(checkEasyRead(['Implementation starts soon.']).map((w) => w.kind), ['hard-word']);
  t.same(checkEasyRead(['Our frameworks team.']), [], 'a longer word is not the hard word');
});

t.test('blank lines are ignored and lines keep their numbers', async (t) => {
  const warnings = checkEasyRead(['', 'It is respite.']);
  t.match(warnings, [{ line: 2, word: 'respite' }]);
});
