// The evidence pack for one decision: a printable page an auditor, a board or the
// people involved can read without the API. Pure: it renders the plain data the route
// gathered (the decision, the projections, the verification) and escapes every piece of
// free text, since views and changes are in people's own words.
import type { ChangeRecord } from '../../projections/changes-for-people.js';
import type { Check, CoproductionReview } from '../../projections/coproduction-review.js';
import type { DecisionDetail } from '../../projections/decision-detail.js';
import type { Involvement } from '../../projections/involvement.js';
import type { Provenance } from '../../projections/provenance.js';
import type { RegisteredRisk } from '../../projections/risk-register.js';
import type { TimelineEntry } from '../../projections/timeline.js';
import type { ViewAndAnswer } from '../../projections/you-said-we-did.js';
import { partyWords } from '../../projections/party-words.js';
import { provenanceWords } from '../../projections/provenance-words.js';
import type { CommunicationNeeds } from '../domain/people/person-facts.js';
import type { Party } from '../domain/shared/vocabulary.js';
import { pounds } from '../shared/pounds.js';
import { html, printableDocument, trusted, type SafeHtml } from '../shared/html.js';
import type { BrokenPlace, VerificationReport } from './chain-verifier.js';

/** One person the decision affects, as far as the reader may see them. */
export interface AffectedPerson {
  personId: string;
  /** False when the reader may not see what is recorded about this person. */
  visible: boolean;
  forgotten: boolean;
  /** The formats they need (Accessible Information Standard), for readers who may see them. */
  communicationNeeds: CommunicationNeeds;
}

export interface StreamVerification {
  stream: string;
  ok: boolean;
  events: number;
  firstBroken?: BrokenPlace | undefined;
  summary: string;
}

export interface EvidencePackInput {
  generatedAt: string;
  /** The log position the projections below had reached. */
  asOfPosition: number;
  /** The decision as this reader may see it (its revision included). */
  decision: DecisionDetail;
  timeline: readonly TimelineEntry[];
  involvement: Involvement | null;
  risks: readonly (RegisteredRisk & { overdue: boolean })[];
  changes: readonly ChangeRecord[];
  /** False when some people's changes were left out because the reader may not see them. */
  seesEveryone: boolean;
  people: readonly AffectedPerson[];
  review: CoproductionReview | null;
  youSaidWeDid: readonly ViewAndAnswer[];
  verification: { storeKind: string; log: VerificationReport; stream: StreamVerification };
}

const parties = (list: readonly Party[] | undefined) => (list && list.length > 0 ? list.map(partyWords).join('; ') : '—');

const statusWords: Record<Check['status'], string> = { pass: 'Pass', fail: 'Fail', 'not-yet': 'Not yet' };

const eventLink = (id: string) => html`<a href="#event-${id}">${id}</a>`;

// Event ids in a check's note ("counted: <id>; not counted (why): <id>") link to their row in the timeline.
const EVENT_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;
const withLinks = (text: string): SafeHtml => html`${text.split(EVENT_ID).map((piece, i) => (i % 2 === 1 ? eventLink(piece) : piece))}`;

/**
 * Who said it and who wrote it down: first the sentence the pages show (provenanceWords), then
 * for the auditor the recorder in full (how gathered, read back or not), when it happened and
 * was recorded, and the person's answers with their words.
 */
function provenanceCell(saidBy: string, provenance: Provenance | undefined): SafeHtml {
  if (!provenance) return html`not recorded`;
  const sentence = provenanceWords(saidBy, provenance);
  const recorder = provenance.recordedBy ? [provenance.recordedBy.name, provenance.recordedBy.role, provenance.recordedBy.organisation].filter(Boolean).join(', ') : 'not recorded';
  const how = provenance.byThePerson
    ? html`Recorded by the person themself (${recorder}).`
    : html`Recorded for ${provenance.recordedFor ?? 'them'} by ${recorder}${provenance.gathered ? `, gathered ${provenance.gathered.replace(/-/g, ' ')}` : ''}${provenance.readBack === undefined ? '' : provenance.readBack ? ', read back to them' : ', not read back to them'}.`;
  const answers = provenance.answers.map(
    (a) => html`<br>${a.kind === 'confirmed' ? 'Confirmed' : 'Disputed'} by ${a.personId} on ${a.at}${a.inOwnWords ? html`: “${a.inOwnWords}”` : ''} (${eventLink(a.eventId)})`,
  );
  const unanswered = !provenance.byThePerson && provenance.answers.length === 0 ? html`<br>Not yet confirmed by them.` : '';
  return html`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.<br>${how}<br>Happened ${provenance.happenedAt}; recorded ${provenance.recordedAt}.${answers}${unanswered}`;
}

function section(id: string, title: string, body: SafeHtml): SafeHtml {
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>`;
}

function summarySection(input: EvidencePackInput): SafeHtml {
  const d = input.decision;
  return section(
    'summary',
    'Summary',
    html`<table>
<tr><th scope="row">Decision</th><td>${d.title}</td></tr>
<tr><th scope="row">Kind</th><td>${d.kind}</td></tr>
<tr><th scope="row">Status</th><td>${d.status}</td></tr>
<tr><th scope="row">Outcome</th><td>${d.outcome ?? 'not decided yet'}</td></tr>
<tr><th scope="row">Proposed by</th><td>${partyWords(d.proposedBy)}, ${d.proposedAt}</td></tr>
${d.made ? html`<tr><th scope="row">Decided by</th><td>${parties(d.made.decidedBy)}, ${d.made.at}</td></tr>
<tr><th scope="row">Reasons</th><td>${d.made.reasons}</td></tr>
<tr><th scope="row">Rung claimed</th><td>${d.made.claimedRung}</td></tr>
<tr><th scope="row">Review date</th><td>${d.made.reviewDate}</td></tr>` : ''}
${d.money ? html`<tr><th scope="row">Money</th><td>${pounds(d.money.amount)}: ${d.money.description}</td></tr>` : ''}
${d.contractId ? html`<tr><th scope="row">Contract</th><td>${d.contractId}</td></tr>` : ''}
<tr><th scope="row">Organisations</th><td>${d.organisations.join(', ') || '—'}</td></tr>
<tr><th scope="row">Groups affected</th><td>${d.affects.groups.join(', ') || '—'}</td></tr>
</table>
<p>${d.summary}</p>
<h3>In easy read</h3>
<ul>${d.easyReadSummary.map((sentence) => html`<li>${sentence}</li>`)}</ul>`,
  );
}

function peopleSection(input: EvidencePackInput): SafeHtml {
  const visible = input.people.filter((p) => p.visible);
  const hidden = input.people.length - visible.length;
  return section(
    'people',
    'People it affects, and the formats they need',
    html`${input.people.length === 0 ? html`<p>The decision names no one who uses support.</p>` : ''}
${visible.length > 0
  ? html`<table><tr><th>Person</th><th>Communication needs</th></tr>
${visible.map((p) => html`<tr><td>${p.forgotten ? 'forgotten person' : p.personId}</td><td>${p.forgotten ? '—' : p.communicationNeeds.map((n) => (n.flag ? `${n.need} (${n.flag})` : n.need)).join(', ') || 'none recorded'}</td></tr>`)}</table>`
  : ''}
${hidden > 0 ? html`<p>${hidden} more ${hidden === 1 ? 'person is' : 'people are'} affected whose details you may not see.</p>` : ''}`,
  );
}

function timelineSection(input: EvidencePackInput): SafeHtml {
  return section(
    'timeline',
    'Timeline: who did what, when',
    html`<table><tr><th>Position</th><th>When</th><th>Who</th><th>What</th><th>Event</th></tr>
${input.timeline.map(
  (e) =>
    html`<tr id="event-${e.eventId}"><td>${e.position}</td><td>${e.at}</td><td>${e.who ? [e.who.name, e.who.role, e.who.organisation].filter(Boolean).join(', ') : 'not recorded'}</td><td>${e.what}</td><td><small>${e.eventId}</small></td></tr>`,
)}</table>`,
  );
}

function involvementSection(input: EvidencePackInput): SafeHtml {
  const inv = input.involvement;
  if (!inv || inv.entries.length === 0) return section('involvement', 'Who was involved', html`<p>No involvement is recorded.</p>`);
  return section(
    'involvement',
    'Who was involved',
    html`<p>${inv.peopleWhoUseSupportTookPartBeforeDecision ? 'People who use support took part before the decision was made.' : 'No one who uses support took part before the decision was made.'}</p>
<table><tr><th>Who</th><th>Stage</th><th>Rung</th><th>Support</th><th>Before the decision</th><th>Event</th></tr>
${inv.entries.map(
  (e) =>
    html`<tr><td>${partyWords(e.party)}</td><td>${e.stage}</td><td>${e.rung}</td><td>${e.support.join(', ') || '—'}</td><td>${e.beforeDecision ? 'yes' : 'no'}</td><td><small>${e.eventId}</small></td></tr>`,
)}</table>`,
  );
}

function risksSection(input: EvidencePackInput): SafeHtml {
  if (input.risks.length === 0) return section('risks', 'Risks', html`<p>No risk is recorded.</p>`);
  return section(
    'risks',
    'Risks',
    html`<table><tr><th>Risk</th><th>Falls on</th><th>Status</th><th>Accepted with, and why</th><th>Who said so, and who wrote it down</th><th>Review</th></tr>
${input.risks.map(
  (r) =>
    html`<tr><td>${r.description}<br>likelihood ${r.likelihood}, impact ${r.impact}</td><td>${parties(r.fallsOn)}</td><td>${r.status}${r.happened ? ' (it happened)' : ''}</td><td>${parties(r.acceptedBy)}${r.whyWorthTaking ? html`<br>${r.whyWorthTaking}` : ''}${r.mitigations && r.mitigations.length > 0 ? html`<br>Mitigations: ${r.mitigations.join('; ')}` : ''}</td><td>${r.acceptedBy ? provenanceCell(r.acceptedBy.map(partyWords).join(', '), r.acceptanceProvenance) : '—'}</td><td>${r.reviewDue ?? '—'}${r.overdue ? html` <strong class="fail">overdue</strong>` : ''}${r.reviews.map((rv) => html`<br>${rv.at}: ${rv.outcome} — ${rv.notes}`)}</td></tr>`,
)}</table>`,
  );
}

function changesSection(input: EvidencePackInput): SafeHtml {
  const note = input.seesEveryone ? '' : html`<p>Only changes for people you may see are shown.</p>`;
  if (input.changes.length === 0) return section('changes', 'What changed for people', html`${note}<p>No change is recorded${input.seesEveryone ? '' : ' that you may see'}.</p>`);
  return section(
    'changes',
    'What changed for people',
    html`${note}<table><tr><th>Person</th><th>Area</th><th>Before</th><th>After</th><th>Better or worse</th><th>In their own words</th><th>Who said so, and who wrote it down</th></tr>
${input.changes.map(
  (c) =>
    html`<tr><td>${c.personId}</td><td>${c.area}</td><td>${c.before}</td><td>${c.after}</td><td>${c.direction}</td><td>${c.inPersonsOwnWords ? 'yes' : 'no'}</td><td>${provenanceCell(c.personId, c.provenance)}</td></tr>`,
)}</table>`,
  );
}

function reviewSection(input: EvidencePackInput): SafeHtml {
  const review = input.review;
  if (!review) return section('review', 'Was it co-produced?', html`<p>No review could be made.</p>`);
  return section(
    'review',
    'Was it co-produced? The nine checks',
    html`<p>${review.passed} of ${review.checks.length} checks pass. Highest rung reached by people who use support: ${review.highestRungReached ?? 'none'}. Rung claimed: ${review.claimedRung ?? 'not claimed yet'}.</p>
<table><tr><th>Check</th><th>Result</th><th>Why</th><th>Evidence (event ids)</th></tr>
${review.checks.map(
  (c) =>
    html`<tr><td>${c.number}. ${c.question}</td><td class="${c.status}"><strong>${statusWords[c.status]}</strong></td><td>${withLinks(c.note)}</td><td><small>${c.evidence.length > 0 ? c.evidence.map((id, i) => html`${i > 0 ? trusted('<br>') : ''}${eventLink(id)}`) : 'none'}</small></td></tr>`,
)}</table>
${review.selfAdvocateVerdicts.length > 0
  ? html`<h3>Self-advocates’ reviews</h3><ul>${review.selfAdvocateVerdicts.map(
      (v) => html`<li>${partyWords(v.by)}: ${v.rungReached} (${v.agrees ? 'agrees with the rung claimed' : 'disagrees with the rung claimed'}). “${v.comments}” Recorded by the self-advocate themself (${eventLink(v.eventId)}).</li>`,
    )}</ul>`
  : ''}
${review.flags.length > 0 ? html`<h3>Needs attention</h3><ul>${review.flags.map((f) => html`<li class="fail">${f.message}${f.evidence.length > 0 ? html` Evidence: ${f.evidence.map((id, i) => html`${i > 0 ? ', ' : ''}${eventLink(id)}`)}.` : ''}</li>`)}</ul>` : ''}`,
  );
}

function youSaidSection(input: EvidencePackInput): SafeHtml {
  if (input.youSaidWeDid.length === 0) return section('you-said', 'You said — we did', html`<p>No view is recorded.</p>`);
  return section(
    'you-said',
    'You said — we did',
    html`<table><tr><th>Who</th><th>You said</th><th>We did</th><th>Who said so, and who wrote it down</th></tr>
${input.youSaidWeDid.map(
  (v) =>
    html`<tr><td>${partyWords(v.by)}<br>${v.stance}, ${v.saidAt}</td><td>${v.youSaid}${v.reason ? html`<br><em>Why:</em> ${v.reason}` : ''}</td><td>${v.weDid ?? html`<strong class="not-yet">Not answered yet</strong>`}</td><td>${provenanceCell(partyWords(v.by), v.provenance)}</td></tr>`,
)}</table>`,
  );
}

function verificationSection(input: EvidencePackInput): SafeHtml {
  const { log, stream, storeKind } = input.verification;
  return section(
    'verification',
    'Was the record altered?',
    html`<p class="${stream.ok ? 'pass' : 'fail'}"><strong>This decision’s record: ${stream.ok ? 'intact' : 'ALTERED'}.</strong> ${stream.summary}</p>
<p class="${log.ok ? 'pass' : 'fail'}"><strong>The whole log (${storeKind}): ${log.ok ? `verified up to position ${log.lastPosition}` : `does NOT verify`}.</strong> ${log.summary}</p>
${log.firstBroken?.position !== undefined ? html`<p>First broken place: position ${log.firstBroken.position}${log.firstBroken.stream ? `, stream ${log.firstBroken.stream}` : ''}.</p>` : ''}`,
  );
}

export function renderEvidencePack(input: EvidencePackInput): string {
  const d = input.decision;
  const body = html`
<h1>Evidence pack: ${d.title}</h1>
<p>Decision ${d.decisionId}, at revision ${d.revision}. Made on ${input.generatedAt} from the record up to log position ${input.asOfPosition}.
People who use support are shown by their pseudonymous id.</p>
${summarySection(input)}
${peopleSection(input)}
${timelineSection(input)}
${involvementSection(input)}
${risksSection(input)}
${changesSection(input)}
${reviewSection(input)}
${youSaidSection(input)}
${verificationSection(input)}
`;
  return printableDocument({ title: `Evidence pack: ${d.title}`, body });
}
