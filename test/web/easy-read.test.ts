import t from 'tap';
import { apiCodes } from '../../src/web/easy-read-codes.js';
import { checkEasyRead, MAX_WORDS_PER_SENTENCE, pageFigures, pointsWithoutPicture, sentencesOf, visibleText } from '../../src/web/easy-read.js';

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

t.test('a page’s figures: sentences of its visible text, those over 15 words, ids, codes and "(s)"', async (t) => {
  const long = 'This sentence has far too many words in it for anyone to read it easily at all today.';
  const page = `<html><head><title>Not counted at all here</title><style>p { color: red }</style></head><body><main>
<h1>A decision</h1><p>P-HS01 recorded a view (has-concerns). It is <strong>agreed-with-changes</strong>.</p>
<ul><li>One view(s) here</li><li>${long}</li></ul>
<svg role="img"><title>A picture title is not visible text</title><text>Rung 4</text></svg>
<p>Co-production is a word. Has-concerns&amp;more.</p></main></body></html>`;
  const f = pageFigures(page, ['has-concerns', 'agreed-with-changes']);
  t.equal(f.sentences, 8, 'heading, two sentences, two items, the picture’s own text, two sentences');
  t.equal(f.overLimit, 1);
  t.equal(f.shareOverLimit, 1 / 8);
  t.same(f.ids, ['P-HS01']);
  t.same(f.codes, ['has-concerns', 'agreed-with-changes', 'has-concerns'], 'whole words, in any case');
  t.same(f.plurals, ['w(s)']);
});

t.test('a code inside a longer word or code is not that code', async (t) => {
  t.same(pageFigures('<p>not-yet-done and unot-yet</p>', ['not-yet']).codes, []);
  t.same(pageFigures('<p>Ids look like P-HS01X9, not P-12 or XP-HS01.</p>', []).ids, ['P-HS01X9']);
});

t.test('visible text leaves out the head, styles, scripts and a picture’s title and description', async (t) => {
  t.same(sentencesOf(visibleText('<head><title>T</title></head><script>x()</script><p>Hello. How are you?</p><svg><desc>d</desc></svg>')), ['Hello.', 'How are you?']);
});

t.test('every list item in the main content needs its picture on the left', async (t) => {
  const page = `<nav><ul><li>Navigation is not a point</li></ul></nav><main><ul class="points">
<li><svg class="picture" role="img" aria-label="A tick"></svg><div><p>Has a picture.</p></div></li>
<li><p>No picture here.</p></li>
<li><p>A picture after the words</p><svg class="picture"></svg></li>
<li><img class="picture" alt="A key" src="/k.png"><p>An image counts.</p></li></ul></main>`;
  t.same(pointsWithoutPicture(page), ['No picture here.', 'A picture after the words']);
});

t.test('the API vocabulary’s codes: enum values with a hyphen, an underscore or a capital inside, not everyday words', async (t) => {
  const document = { paths: { '/x': { schema: { properties: { stance: { enum: ['supports', 'has-concerns'] }, role: { enum: ['self-advocate', 'care-manager'] } }, items: [{ enum: ['flagsOnly', 'has-concerns', 'snake_case', 3] }] } } } };
  t.same(apiCodes(document), ['care-manager', 'flagsOnly', 'has-concerns', 'snake_case']);
});
