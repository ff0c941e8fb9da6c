// Provenance in a plain sentence, the one way the pages and the evidence pack say who said a
// view, a risk acceptance or a change, who wrote it down and how, and the person's answer:
// "said by P-HS01, recorded by Northway Homes in a meeting, read back to them and confirmed
// by P-HS01 on 3 March 2027".
import type { HowGathered } from '../src/domain/shared/provenance.js';
import { dateWords } from '../src/shared/date-words.js';
import type { Provenance } from './provenance.js';

/** Typed by the enum, so a new way of gathering is a type error until it has its words. */
export const howGatheredWords: Record<HowGathered, string> = {
  'in-a-meeting': 'in a meeting',
  'by-their-advocate': 'by their advocate',
  'easy-read-form': 'from an easy-read form',
  phone: 'by phone',
  'in-writing': 'in writing',
  other: 'another way',
};

export function provenanceWords(saidBy: string, provenance: Provenance): string {
  const recorder = provenance.recordedBy?.organisation ?? provenance.recordedBy?.name ?? provenance.recordedBy?.role ?? 'someone';
  const parts = [provenance.byThePerson ? `said and recorded by ${saidBy}` : `said by ${saidBy}, recorded by ${recorder}`];
  if (!provenance.byThePerson) {
    if (provenance.gathered) parts[0] += ` ${howGatheredWords[provenance.gathered]}`;
    if (provenance.readBack !== undefined) parts.push(provenance.readBack ? 'read back to them' : 'not read back to them');
  }
  for (const answer of provenance.answers) parts.push(`${answer.kind} by ${answer.personId} on ${dateWords(answer.at)}`);
  if (!provenance.byThePerson && provenance.answers.length === 0) parts.push('not yet confirmed by them');
  const sentence = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0] ?? '';
  return provenance.happenedAt.slice(0, 10) === provenance.recordedAt.slice(0, 10)
    ? sentence
    : `${sentence} (it happened on ${dateWords(provenance.happenedAt)}, recorded on ${dateWords(provenance.recordedAt)})`;
}
