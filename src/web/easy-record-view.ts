// The full record of one decision as a self-advocate reads it: the sections of the staff
// record (decision-view.ts), in Easy Read. Their own person is "you", everyone else is named
// in words (partyNamer) and counted when there are several, codes are words, and each
// sentence is one idea. What people wrote (views, reasons, notes) is shown word for word,
// one sentence a line, with its label on a line of its own so the label adds no words to it.
import { html, type SafeHtml } from '../shared/html.js';
import type { Party } from '../commands/domain-words.js';
import type { DecisionDetail } from '../../projections/decision-detail.js';
import type { Provenance } from '../../projections/provenance.js';
import type { RiskRow } from '../../projections/risk-register.js';
import type { TimelineEntry } from '../../projections/timeline.js';
import { actions, involvementSection, marks, type Action } from './decision-view.js';
import { easyDirection, easyEventWords, easyHeadings, easyOutcome, easyRecordWords as w, easyRolePlural, easySentences as say, easyStance, easyStatus } from './easy-read-words.js';
import { heading } from './pictures.js';
import { areaWords, choiceWords, dateTimeWords, dateWords, directionWords, flagWords, kindWords, partyNamer, pounds, rungWords, words } from './words.js';

/** Who is reading: their own person id, and how the record names people to them. */
interface Reader {
  me: string | undefined;
  name: (party: Party) => string;
}

const evidenceHref = (eventId: string) => `#event-${eventId}`;

/** A text someone wrote, one sentence a paragraph, every word kept. */
const paragraphs = (text: string) => html`${text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '').map((s) => html`<p>${s}</p>`)}`;

/** Names in words; several people of one role who are not the reader are counted ("7 people who use support"). */
function namesOf(parties: readonly Party[], reader: Reader): string[] {
  const counted = (p: Party) => p.personId !== undefined && p.personId !== reader.me;
  const named: string[] = [];
  for (const party of parties) {
    const many = parties.filter((p) => counted(p) && p.role === party.role).length;
    const label = counted(party) && many > 1 ? `${many} ${easyRolePlural[party.role]}` : reader.name(party);
    if (!named.includes(label)) named.push(label);
  }
  return named;
}

const nameList = (parties: readonly Party[], reader: Reader) => html`<ul>${namesOf(parties, reader).map((n) => html`<li>${n}</li>`)}</ul>`;

function inWords(names: readonly string[]): string {
  const [last, ...rest] = [...names].reverse();
  return rest.length ? `${rest.reverse().join(', ')} ${w.and} ${last}` : (last ?? '');
}

const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** Who said it, who wrote it down and how, and the person's answer: one short sentence each. */
function provenanceNote(saidBy: string | undefined, provenance: Provenance | undefined, reader: Reader, aboutYou: boolean): SafeHtml {
  if (!provenance) return html``;
  const recorder = provenance.recordedBy?.organisation ?? provenance.recordedBy?.name ?? provenance.recordedBy?.role ?? w.someone;
  const said = provenance.byThePerson
    ? [saidBy ? w.saidAndWrote(saidBy) : '']
    : [saidBy ? w.said(saidBy) : '', w.wroteItDown(capital(recorder), provenance.gathered ? words(choiceWords.howGathered, provenance.gathered) : undefined), provenance.readBack === undefined ? '' : w.readBack(provenance.readBack)];
  const dates = provenance.happenedAt.slice(0, 10) === provenance.recordedAt.slice(0, 10) ? [] : [w.happenedOn(dateWords(provenance.happenedAt)), w.writtenOn(dateWords(provenance.recordedAt))];
  const unanswered = !provenance.byThePerson && provenance.answers.length === 0 ? [w.notYetAnswered(aboutYou)] : [];
  const answers = provenance.answers.map((a) => {
    const yours = a.personId === reader.me;
    const when = dateWords(a.at);
    const sentence = a.kind === 'confirmed' ? (yours ? say.youConfirmed(when) : w.theyConfirmed(when)) : yours ? say.youDisputed(when) : w.theyDisputed(when);
    return html`<p class="provenance">${sentence} <a href="${evidenceHref(a.eventId)}">${w.seeWhen}</a></p>${a.inOwnWords ? html`<p><strong>${yours ? say.yourWords : w.theirWords}</strong></p>${paragraphs(a.inOwnWords)}` : ''}`;
  });
  return html`<p class="provenance">${[...said, ...dates, ...unanswered].filter(Boolean).join(' ')}</p>${answers}`;
}

function whatIsDecided(d: DecisionDetail, reader: Reader): SafeHtml {
  const made = d.made;
  const people = d.affects.people;
  const you = reader.me !== undefined && people.includes(reader.me);
  return html`<section aria-labelledby="what">
${heading(2, 'paper', easyHeadings.what, 'what')}
<ul class="easy-read">${d.easyReadSummary.map((s) => html`<li>${s}</li>`)}</ul>
<p>${easyStatus[d.status]}${made ? html` ${easyOutcome[made.outcome]}` : ''}</p>
${made ? html`<p><strong>${w.why}:</strong></p>${paragraphs(made.reasons)}<p>${say.reviewBy(dateWords(made.reviewDate))}</p>` : ''}
<details>
<summary>More detail</summary>
<p>${words(kindWords, d.kind)}.</p>
${paragraphs(d.summary)}
${d.money ? html`<p><strong>Money:</strong> ${pounds(d.money.amount)}, ${d.money.description}.</p>` : ''}
<p><strong>${w.proposedBy}</strong> ${reader.name(d.proposedBy)}.</p>
${people.length ? html`<p>${w.affects(you, people.length - (you ? 1 : 0))}</p>` : ''}
${d.contractId ? html`<p><a href="/app/contracts/${d.contractId}">See the contract</a></p>` : ''}
</details>
</section>`;
}

function involvement(d: DecisionDetail, reader: Reader): SafeHtml {
  return involvementSection(
    d,
    (e) =>
      html`<tr id="involved-${e.eventId}"><th scope="row">${reader.name(e.party)}</th><td>${words(choiceWords.stage, e.stage)}${e.beforeDecision ? '' : html` ${w.afterTheDecision}`}</td><td>${words(rungWords, e.rung)}</td><td>${e.support.length ? e.support.map((s) => words(choiceWords.participationSupport, s)).join(', ') : w.noHelp}</td></tr>`,
  );
}

function riskCard(r: RiskRow, reader: Reader): SafeHtml {
  const aboutYou = r.fallsOn.some((p) => p.personId === reader.me);
  return html`<li>
<h3>${r.description}</h3>
<dl class="facts">
<dt>Who it could affect</dt><dd>${nameList(r.fallsOn, reader)}</dd>
<dt>How likely</dt><dd>${words(choiceWords.level, r.likelihood)}</dd>
<dt>How bad</dt><dd>${words(choiceWords.level, r.impact)}</dd>
${r.acceptedBy ? html`<dt>Who agreed to take it</dt><dd>${nameList(r.acceptedBy, reader)}</dd>` : ''}
${r.whyWorthTaking ? html`<dt>Why it is worth it</dt><dd>${paragraphs(r.whyWorthTaking)}</dd>` : ''}
${r.mitigations?.length ? html`<dt>How we make it safer</dt><dd><ul>${r.mitigations.map((m) => html`<li>${m}</li>`)}</ul></dd>` : ''}
${r.acceptedBy && r.acceptanceProvenance ? html`<dt>Who said so, and who wrote it down</dt><dd>${provenanceNote(undefined, r.acceptanceProvenance, reader, aboutYou)}</dd>` : ''}
${r.reviewDue ? html`<dt>We check it again by</dt><dd>${dateWords(r.reviewDue)}${r.overdue ? html` <span class="tag fail">Overdue</span>` : ''}</dd>` : ''}
</dl>
</li>`;
}

function risks(d: DecisionDetail, reader: Reader): SafeHtml {
  const accepted = d.risks.filter((r) => r.acceptedBy);
  const open = d.risks.filter((r) => !r.acceptedBy);
  return html`<section aria-labelledby="risks">
${heading(2, 'risk', 'Risks we agreed to take', 'risks')}
${accepted.length ? html`<ul class="cards">${accepted.map((r) => riskCard(r, reader))}</ul>` : html`<p>No risks have been agreed yet.</p>`}
${open.length ? html`<h3>Risks not agreed yet</h3><ul class="cards">${open.map((r) => riskCard(r, reader))}</ul>` : ''}
</section>`;
}

function changes(d: DecisionDetail, reader: Reader): SafeHtml {
  const list = d.changesForPeople.changes;
  return html`<section aria-labelledby="changed">
${heading(2, 'change', 'What changed for people', 'changed')}
${list.length === 0
  ? html`<p>Nothing has been recorded yet.</p>`
  : html`<ul class="cards">${list.map((c) => {
      const yours = c.personId === reader.me;
      return html`<li id="change-${c.changeId}">
<h3>${reader.name({ role: 'person-using-support', personId: c.personId })}: ${words(areaWords, c.area)}.</h3>
<p>${yours ? easyDirection[c.direction].words : `${words(directionWords, c.direction)}.`}</p>
<dl class="facts"><dt>${w.before}</dt><dd>${paragraphs(c.before)}</dd><dt>${w.now}</dt><dd>${paragraphs(c.after)}</dd></dl>
<p>${c.inPersonsOwnWords ? w.ownWords(yours) : w.someoneElseWrote}</p>
${provenanceNote(undefined, c.provenance, reader, yours)}
</li>`;
    })}</ul>`}
</section>`;
}

/** The checks, the self-advocates' own reviews and the things to look at: answers and counts, not the auditors' notes. */
function coproduced(d: DecisionDetail, reader: Reader): SafeHtml {
  const review = d.coproductionReview;
  if (!review) return html``;
  return html`<section aria-labelledby="coproduced">
${heading(2, 'check', 'Was this co-produced?', 'coproduced')}
<p>${say.checks(review.passed, review.checks.length)}</p>
<ol class="cards">${review.checks.map(
    (c) => html`<li>
<p><span class="${c.status}"><span class="mark" aria-hidden="true">${marks[c.status].sign}</span> ${marks[c.status].words}.</span> ${c.question}</p>
<p>${w.evidence(c.evidence.length)}</p>
</li>`,
  )}</ol>
${review.selfAdvocateVerdicts.length
  ? html`<h3>What self-advocates said</h3><ul class="cards">${review.selfAdvocateVerdicts.map((v) => {
      const yours = v.by.personId !== undefined && v.by.personId === reader.me;
      return html`<li><p><strong>${reader.name(v.by)}:</strong> ${words(rungWords, v.rungReached)}.</p>
<p>${w.verdictAgrees(yours, v.agrees)}</p>
${paragraphs(v.comments)}
<p class="provenance">${w.ownReview(yours)} <a href="${evidenceHref(v.eventId)}">${w.seeWhen}</a></p></li>`;
    })}</ul>`
  : ''}
${review.flags.length ? html`<h3>Things to look at</h3><ul>${review.flags.map((f) => html`<li>${words(flagWords, f.code)}.</li>`)}</ul>` : ''}
</section>`;
}

function youSaidWeDid(d: DecisionDetail, reader: Reader): SafeHtml {
  const rows = d.youSaidWeDid;
  return html`<section aria-labelledby="you-said">
${heading(2, 'talk', 'You said — we did', 'you-said')}
${rows.length === 0
  ? html`<p>Nobody has given a view yet.</p>`
  : html`<ul class="cards">${rows.map((r) => {
      const yours = r.by.personId !== undefined && r.by.personId === reader.me;
      const stance = easyStance[r.stance];
      return html`<li id="view-${r.viewId}">
<h3>${yours ? stance.you : `${reader.name(r.by)} ${stance.other}`}</h3>
<dl class="facts"><dt>${yours ? w.youSaid : w.theySaid}</dt><dd>${paragraphs(r.youSaid)}</dd>
${r.reason ? html`<dt>${w.why}</dt><dd>${paragraphs(r.reason)}</dd>` : ''}
<dt>${w.weDid}</dt><dd>${r.weDid ? paragraphs(r.weDid) : say.noAnswer}</dd></dl>
${provenanceNote(reader.name(r.by), r.provenance, reader, yours)}
</li>`;
    })}</ul>`}
${d.feedback?.length
  ? html`<h3>Feedback we gave</h3><ul>${d.feedback.map((f) => html`<li>${paragraphs(f.message)}<p>${words(choiceWords.accessibleFormat, f.format)}.</p><p>${w.sentTo(inWords(namesOf(f.to, reader)))}</p></li>`)}</ul>`
  : ''}
</section>`;
}

/** Steps in words; the same step by the same person in the same minute is one line, with how many times. */
function timeline(entries: readonly TimelineEntry[]): SafeHtml {
  const steps = new Map<string, TimelineEntry[]>();
  for (const entry of entries) {
    const key = `${dateTimeWords(entry.at)}|${entry.who?.name ?? ''}|${entry.type}`;
    steps.set(key, [...(steps.get(key) ?? []), entry]);
  }
  const stepWords = new Map<string, string>(Object.entries(easyEventWords));
  return html`<section aria-labelledby="timeline">
${heading(2, 'clock', 'Timeline', 'timeline')}
<ol class="timeline">${[...steps.values()].map(([first, ...more]) =>
    first
      ? html`<li id="event-${first.eventId}">${more.map((e) => html`<span id="event-${e.eventId}"></span>`)}<p><strong>${dateTimeWords(first.at)}</strong></p>
<p>${first.who?.name} ${stepWords.get(first.type) ?? w.otherStep}.${more.length ? html` ${w.timesOver(more.length + 1)}` : ''}</p></li>`
      : '',
  )}</ol>
</section>`;
}

/** Every section of a decision in Easy Read, under the page's own h1; `reader` is the signed-in person. */
export function easyRecordSections(d: DecisionDetail, entries: readonly TimelineEntry[], available: readonly Action[], actor: { role: string; personId?: string | undefined }): SafeHtml {
  const reader: Reader = { me: actor.personId, name: partyNamer(actor) };
  return html`${whatIsDecided(d, reader)}
${actions(available)}
${involvement(d, reader)}
${risks(d, reader)}
${changes(d, reader)}
${coproduced(d, reader)}
${youSaidWeDid(d, reader)}
${timeline(entries)}`;
}
