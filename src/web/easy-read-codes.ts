// The API's vocabulary as a reader must never meet it: every enum value of the API document
// (the zod schemas of every command and answer) that is a code rather than a word — one with
// a hyphen, an underscore or a capital inside ("has-concerns", "agreed-with-changes").
// Pure: the document is passed in (app.swagger() in the tests), so a new enum value is checked
// the day it is added.

/** Codes that are also everyday English, spelt the same way in a sentence. */
export const ALSO_ENGLISH: ReadonlySet<string> = new Set(['co-production', 'co-design', 'self-advocate', 'easy-read']);

const looksLikeACode = (value: string) => /[-_]|\p{Ll}\p{Lu}/u.test(value) && !ALSO_ENGLISH.has(value.toLowerCase());

/** Every enum value in the document that looks like a code, without repeats, sorted. */
export function apiCodes(document: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' && Array.isArray(value)) for (const v of value) if (typeof v === 'string' && looksLikeACode(v)) found.add(v);
      walk(value);
    }
  };
  walk(document);
  return [...found].sort();
}
