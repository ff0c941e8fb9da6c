// Easy Read checks for what a commissioner writes as a decision's easy-read summary:
// sentences over 15 words, and words from the hard-words list (the jargon of the seeds:
// commissioning, disaggregation, personalisation…) with a plain word to use instead.
// Pure, so the proposal form can warn before anything is saved.

export const MAX_WORDS_PER_SENTENCE = 15;

/** Hard word (lower case; a phrase is matched as a phrase) → plain words to use instead. */
export const hardWords: Readonly<Record<string, string>> = {
  'individual service fund': 'money for your support that a provider looks after for you',
  'individual service funds': 'money for your support that a provider looks after for you',
  'direct payment': 'money paid to you for your support',
  'direct payments': 'money paid to you for your support',
  'personal budget': 'your own money for support',
  'block contract': 'one big payment for a service',
  'self-directed support': 'choosing your own support',
  'person-centred': 'about you and what you want',
  'co-production': 'working together as equals',
  'co-produced': 'made together',
  'co-design': 'planning together',
  commissioning: 'buying services',
  commissioner: 'person who buys services',
  commissioners: 'people who buy services',
  disaggregation: 'splitting up the money',
  disaggregate: 'split up the money',
  personalisation: 'support that fits you',
  stakeholders: 'people it matters to',
  stakeholder: 'person it matters to',
  procurement: 'buying',
  'tender': 'ask services to bid',
  're-tender': 'choose a service again',
  're-tendered': 'chosen again',
  framework: 'list of approved services',
  outcomes: 'what changes for you',
  provision: 'support',
  implementation: 'doing it',
  implement: 'do',
  mitigation: 'a way to make it safer',
  mitigations: 'ways to make it safer',
  facilitate: 'help',
  facilitators: 'helpers',
  allocation: 'share of money',
  allocate: 'give',
  eligibility: 'who can get it',
  'best interests': 'what others think is best for you',
  'mental capacity': 'being able to make a decision',
  respite: 'a short break',
  transition: 'change',
  utilise: 'use',
  expenditure: 'spending',
  remodelling: 'changing',
  consultation: 'asking people what they think',
  accountability: 'being responsible',
};

export type EasyReadWarning =
  | { line: number; kind: 'too-long'; words: number; message: string }
  | { line: number; kind: 'hard-word'; word: string; suggestion: string; message: string };

const wordsOf = (sentence: string): string[] => sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** Escapes a hard word for a regular expression that matches it as a whole word or phrase. */
function wholeWord(phrase: string): RegExp {
  const body = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}-])${body}(?![\\p{L}\\p{N}-])`, 'iu');
}
const hardWordPatterns = Object.entries(hardWords)
  // Longest first, so "individual service funds" is reported once, not also as a shorter phrase.
  .sort(([a], [b]) => b.length - a.length)
  .map(([word, suggestion]) => ({ word, suggestion, pattern: wholeWord(word) }));

/** One sentence per line; returns every warning, in line order (lines numbered from 1). */
export function checkEasyRead(sentences: readonly string[]): EasyReadWarning[] {
  const warnings: EasyReadWarning[] = [];
  sentences.forEach((raw, index) => {
    const sentence = raw.trim();
    if (!sentence) return;
    const line = index + 1;
    const count = wordsOf(sentence).length;
    if (count > MAX_WORDS_PER_SENTENCE) {
      warnings.push({
        line,
        kind: 'too-long',
        words: count,
        message: `Sentence ${line} has ${count} words. Easy read sentences have ${MAX_WORDS_PER_SENTENCE} words or fewer. Try two sentences.`,
      });
    }
    let rest = sentence;
    for (const { word, suggestion, pattern } of hardWordPatterns) {
      if (!pattern.test(rest)) continue;
      rest = rest.replace(new RegExp(pattern.source, 'giu'), ' ');
      warnings.push({ line, kind: 'hard-word', word, suggestion, message: `Sentence ${line} uses “${word}”. Try: “${suggestion}”.` });
    }
  });
  return warnings;
}

// The same rules over a whole page, as a reader sees it: the figures the issue asks for
// (sentences, the share over 15 words, pseudonymous ids, raw codes, "(s)" plurals) and,
// for the Easy Read page, whether every point has its picture beside it.

/** A pseudonymous person id as the domain writes it (P-7K2Q9M): a reader should never meet one. */
const PERSON_ID = /(?<![\p{L}\p{N}-])P-[A-Z0-9]{4,12}(?![\p{L}\p{N}-])/gu;
const PLURAL_S = /\p{L}\(s\)/gu;
// Elements that end a sentence where they end, whatever the punctuation: a heading, an item, a cell…
const BLOCK = /<\/?(?:p|li|h[1-6]|dt|dd|td|th|tr|caption|figcaption|summary|label|legend|option|button|div|section|ul|ol|dl|table|figure|nav|header|footer|main|form|fieldset|br|text)\b[^>]*>/gi;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

/** The text a reader sees, one block per line: no head, styles, scripts, or a picture's own title and description. */
export function visibleText(page: string): string {
  return page
    .replace(/<head\b[\s\S]*?<\/head>|<style\b[\s\S]*?<\/style>|<script\b[\s\S]*?<\/script>|<title\b[\s\S]*?<\/title>|<desc\b[\s\S]*?<\/desc>/gi, ' ')
    .replace(BLOCK, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole);
}

/** Sentences of visible text: each block, split after a full stop, question or exclamation mark. */
export function sentencesOf(text: string): string[] {
  return text
    .split('\n')
    .flatMap((block) => block.split(/(?<=[.!?])\s+/))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => wordsOf(s).length > 0);
}

export interface PageFigures {
  sentences: number;
  overLimit: number;
  /** overLimit / sentences, 0 when there are none. */
  shareOverLimit: number;
  /** Each pseudonymous id seen, once per time it appears. */
  ids: string[];
  /** Each raw code seen, once per time it appears. */
  codes: string[];
  plurals: string[];
}

const codePattern = (codes: readonly string[]) =>
  new RegExp(`(?<![\\p{L}\\p{N}-])(?:${[...codes].sort((a, b) => b.length - a.length).map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}-])`, 'giu');

/** The Easy Read figures of a page's HTML; `codes` is the API's vocabulary to look for (easy-read-codes.ts). */
export function pageFigures(page: string, codes: readonly string[]): PageFigures {
  const text = visibleText(page);
  const sentences = sentencesOf(text);
  const overLimit = sentences.filter((s) => wordsOf(s).length > MAX_WORDS_PER_SENTENCE).length;
  return {
    sentences: sentences.length,
    overLimit,
    shareOverLimit: sentences.length ? overLimit / sentences.length : 0,
    ids: text.match(PERSON_ID) ?? [],
    codes: codes.length ? (text.match(codePattern(codes)) ?? []).map((c) => c.toLowerCase()) : [],
    plurals: text.match(PLURAL_S) ?? [],
  };
}

/**
 * The list items in the page's main content with no picture beside them (their text, for a
 * message). A point's picture is an inline svg or img of class "picture" at its start.
 */
export function pointsWithoutPicture(page: string): string[] {
  const main = /<main\b[\s\S]*?<\/main>/i.exec(page)?.[0] ?? '';
  return main
    .split(/<li\b[^>]*>/i)
    .slice(1)
    .map((item) => item.split(/<\/li>|<li\b/i)[0] ?? '')
    .filter((item) => !/^\s*<(?:svg|img)\b[^>]*class="[^"]*\bpicture\b/i.test(item))
    .map((item) => visibleText(item).replace(/\s+/g, ' ').trim());
}
