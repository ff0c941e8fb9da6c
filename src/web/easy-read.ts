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
