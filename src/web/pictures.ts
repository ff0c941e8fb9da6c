// Simple pictures beside headings, drawn inline so they need no request and scale with
// the text. Each is hidden from screen readers: the heading beside it is its text.
import { html, trusted, type SafeHtml } from '../shared/html.js';

const shapes = {
  /** A sheet of paper: what is being decided. */
  paper: '<rect x="10" y="4" width="28" height="40" rx="3" fill="#fff" stroke="currentColor" stroke-width="3"/><path d="M16 14h16M16 22h16M16 30h10" stroke="currentColor" stroke-width="3"/>',
  /** Three people: who was involved. */
  people: '<circle cx="24" cy="14" r="6" fill="currentColor"/><circle cx="10" cy="20" r="5" fill="currentColor"/><circle cx="38" cy="20" r="5" fill="currentColor"/><path d="M14 42c0-9 4-16 10-16s10 7 10 16z" fill="currentColor"/><path d="M2 42c0-7 3-13 8-13s8 6 8 13zM30 42c0-7 3-13 8-13s8 6 8 13z" fill="currentColor" opacity=".7"/>',
  /** A warning triangle: risks. */
  risk: '<path d="M24 4 45 42H3z" fill="#ffdd00" stroke="currentColor" stroke-width="3" stroke-linejoin="round"/><path d="M24 17v12" stroke="currentColor" stroke-width="4"/><circle cx="24" cy="35" r="2.5" fill="currentColor"/>',
  /** An arrow going up: what changed. */
  change: '<path d="M8 40 20 26l8 8 14-18" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/><path d="M32 14h12v12" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>',
  /** A tick in a circle: was this co-produced? */
  check: '<circle cx="24" cy="24" r="20" fill="none" stroke="currentColor" stroke-width="3"/><path d="m14 25 7 7 13-15" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>',
  /** Two speech bubbles: you said — we did. */
  talk: '<path d="M4 8h24v16H14l-6 6v-6H4z" fill="#fff" stroke="currentColor" stroke-width="3" stroke-linejoin="round"/><path d="M44 20H22v14h12l6 6v-6h4z" fill="currentColor"/>',
  /** A clock: the timeline. */
  clock: '<circle cx="24" cy="24" r="19" fill="none" stroke="currentColor" stroke-width="3"/><path d="M24 12v13l8 5" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>',
  /** A pound coin: money. */
  money: '<circle cx="24" cy="24" r="19" fill="#ffdd00" stroke="currentColor" stroke-width="3"/><path d="M29 16c-2-3-9-3-9 3v15M15 26h11M15 34h17" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>',
  /** A pencil: a form to fill in. */
  pencil: '<path d="M8 40l3-11 22-22 8 8-22 22z" fill="#fff" stroke="currentColor" stroke-width="3" stroke-linejoin="round"/><path d="M28 12l8 8" stroke="currentColor" stroke-width="3"/>',
  /** A magnifying glass: looking back (audit) or finding. */
  look: '<circle cx="20" cy="20" r="13" fill="none" stroke="currentColor" stroke-width="4"/><path d="m30 30 12 12" stroke="currentColor" stroke-width="5" stroke-linecap="round"/>',
  /** A key: signing in. */
  key: '<circle cx="14" cy="24" r="9" fill="none" stroke="currentColor" stroke-width="4"/><path d="M23 24h21M36 24v8M42 24v6" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>',
  /** A list: decisions. */
  list: '<path d="M16 12h26M16 24h26M16 36h26" stroke="currentColor" stroke-width="4" stroke-linecap="round"/><circle cx="7" cy="12" r="3" fill="currentColor"/><circle cx="7" cy="24" r="3" fill="currentColor"/><circle cx="7" cy="36" r="3" fill="currentColor"/>',
  /** A ladder: co-production rungs. */
  ladder: '<path d="M14 4v40M34 4v40M14 12h20M14 22h20M14 32h20" stroke="currentColor" stroke-width="4"/>',
  /** One person: you. */
  you: '<circle cx="24" cy="13" r="8" fill="currentColor"/><path d="M10 44c0-12 6-20 14-20s14 8 14 20z" fill="currentColor"/>',
  /** A calendar: a date to remember. */
  calendar: '<rect x="5" y="9" width="38" height="34" rx="3" fill="#fff" stroke="currentColor" stroke-width="3"/><path d="M5 18h38M15 4v9M33 4v9" stroke="currentColor" stroke-width="3" stroke-linecap="round"/><rect x="12" y="25" width="8" height="7" fill="currentColor"/>',
  /** A thumb up: agreeing. */
  yes: '<path d="M6 22h8v20H6zM18 42h18c3 0 5-2 6-5l3-11c1-3-1-5-4-5H30l2-9c1-4-5-6-7-2l-7 12z" fill="currentColor"/>',
  /** A thumb down: not agreeing. */
  no: '<path d="M6 26h8V6H6zM18 6h18c3 0 5 2 6 5l3 11c1 3-1 5-4 5H30l2 9c1 4-5 6-7 2l-7-12z" fill="currentColor"/>',
  /** A question mark: not sure, or worried. */
  question: '<circle cx="24" cy="24" r="20" fill="none" stroke="currentColor" stroke-width="3"/><path d="M17 18c0-5 3-8 7-8s7 3 7 7c0 6-7 6-7 12" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round"/><circle cx="24" cy="37" r="2.5" fill="currentColor"/>',
  /** A book: the full record. */
  record: '<path d="M6 8h15c2 0 3 1 3 3v31c0-2-1-3-3-3H6zM42 8H27c-2 0-3 1-3 3v31c0-2 1-3 3-3h15z" fill="#fff" stroke="currentColor" stroke-width="3" stroke-linejoin="round"/>',
} as const;

export type Picture = keyof typeof shapes;

export function picture(name: Picture): SafeHtml {
  return trusted(`<svg class="picture" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">${shapes[name]}</svg>`);
}

/**
 * A picture beside a point of an Easy Read page: it is a meaningful picture, so it has its own
 * text (from easy-read-words.ts, where a council can change it) for people who cannot see it.
 */
export function pointPicture(name: Picture, alt: string): SafeHtml {
  return html`<svg class="picture" viewBox="0 0 48 48" width="48" height="48" role="img" aria-label="${alt}" focusable="false">${trusted(shapes[name])}</svg>`;
}

/** A heading with its picture; the heading's words are the picture's text. */
export function heading(level: 1 | 2 | 3, name: Picture, text: string, id?: string): SafeHtml {
  const tag = trusted(`h${level}`);
  return html`<${tag} class="with-picture"${id ? trusted(` id="${id}"`) : ''}>${picture(name)}<span>${text}</span></${tag}>`;
}
