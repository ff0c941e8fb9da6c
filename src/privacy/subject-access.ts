// Subject access (UK GDPR Art. 15): everything the log holds about one person, put
// together from what the route read (their register stream, the projections, and every
// event that mentions their pseudonymous id). Pure: no IO, no clock; the page is HTML
// made with the escaping template, since much of it is in people's own words.
import { describeEvent } from '../../projections/timeline.js';
import type { DecisionSummary } from '../../projections/decision-list.js';
import type { ChangeRecord } from '../../projections/changes-for-people.js';
import type { RegisteredRisk } from '../../projections/risk-register.js';
import type { ViewAndAnswer } from '../../projections/you-said-we-did.js';
import { partyWords } from '../../projections/party-words.js';
import { asContractEvent, CONTRACT_STREAM_PREFIX } from '../domain/contracts/contract-events.js';
import { asPersonEvent } from '../domain/people/person-events.js';
import type { CommunicationNeeds, PersonalFields } from '../domain/people/person-facts.js';
import type { StoredEvent } from '../events/event.js';
import { pounds } from '../shared/pounds.js';
import { html, printableDocument, type SafeHtml } from '../shared/html.js';
import { openPersonalData } from './personal-data.js';

/** The register entry as GET /people/:id describes it. */
export interface RegisterEntryNow {
  personId: string;
  forgotten: boolean;
  name: string;
  contactDetails: string | null;
  communicationNeeds: CommunicationNeeds;
  needsDetail: string | null;
  supportedBy: string[];
  registeredAt: string;
  revision: number;
}

export interface SubjectAccessInput {
  personId: string;
  generatedAt: string;
  /** The log position everything below was read up to. */
  asOfPosition: number;
  person: RegisterEntryNow;
  /** The person's register stream, in order. */
  registerEvents: readonly StoredEvent[];
  /** Their key, or undefined once destroyed: the sealed fields are then shown as forgotten. */
  key: Buffer | undefined;
  /** Decisions that name them as affected, or that any record below about them belongs to. */
  decisions: readonly DecisionSummary[];
  views: readonly (ViewAndAnswer & { decisionTitle: string })[];
  risks: readonly (RegisteredRisk & { overdue: boolean })[];
  changes: readonly ChangeRecord[];
  /** Every decision and contract event whose data names the person's id. */
  mentions: readonly StoredEvent[];
}

export interface RegisterRecord {
  position: number;
  eventId: string;
  type: string;
  at: string;
  recordedBy: RecordedBy | null;
  /** The sealed fields opened with their key; null when they can no longer be opened (forgotten). */
  personal: PersonalFields | null;
  sealed: boolean;
  communicationNeeds?: CommunicationNeeds;
  supportedBy?: string[];
  reason?: string;
}

export interface RecordedBy {
  role: string;
  organisation: string | null;
}

export interface MoneyRecord {
  position: number;
  eventId: string;
  contractId: string;
  type: string;
  at: string;
  what: string;
  amount: number | null;
  route: string | null;
  heldBy: string | null;
  date: string | null;
}

export interface MentionRecord {
  position: number;
  eventId: string;
  stream: string;
  type: string;
  at: string;
  what: string;
  recordedBy: RecordedBy | null;
  data: unknown;
}

export interface SubjectAccessReport {
  personId: string;
  generatedAt: string;
  asOfPosition: number;
  forgotten: boolean;
  /** Their name, or "forgotten person" once the key is gone. */
  name: string;
  person: RegisterEntryNow;
  communicationNeeds: CommunicationNeeds;
  register: RegisterRecord[];
  decisions: (DecisionSummary & { listedAsAffected: boolean })[];
  views: SubjectAccessInput['views'];
  risks: SubjectAccessInput['risks'];
  changes: SubjectAccessInput['changes'];
  budgets: MoneyRecord[];
  /** Every event in the log that names them, for completeness: the sections above are drawn from these. */
  records: MentionRecord[];
}

function recordedBy(event: StoredEvent): RecordedBy | null {
  const actor = event.metadata.actor;
  // The role and organisation, not the token's name: that is staff's, and free text.
  return actor ? { role: actor.role, organisation: actor.organisation ?? null } : null;
}

function atOf(event: StoredEvent): string {
  const data = event.data;
  return typeof data === 'object' && data !== null && 'at' in data && typeof data.at === 'string' ? data.at : event.recordedAt;
}

function registerRecord(event: StoredEvent, key: Buffer | undefined): RegisterRecord | undefined {
  const person = asPersonEvent(event);
  if (!person) return undefined;
  const base = { position: event.position, eventId: event.id, type: event.type, at: atOf(event), recordedBy: recordedBy(event) };
  const open = (sealed: Parameters<typeof openPersonalData>[0] | undefined) => (sealed && key ? (openPersonalData(sealed, key) ?? null) : null);
  switch (person.type) {
    case 'PersonRegistered':
      return { ...base, personal: open(person.data.personal), sealed: true, communicationNeeds: person.data.communicationNeeds, supportedBy: person.data.supportedBy };
    case 'CommunicationNeedsRecorded':
      return { ...base, personal: open(person.data.personal), sealed: person.data.personal !== undefined, communicationNeeds: person.data.communicationNeeds };
    case 'SupportingProvidersChanged':
      return { ...base, personal: null, sealed: false, supportedBy: person.data.supportedBy };
    case 'PersonalDataErased':
      return { ...base, personal: null, sealed: false, reason: person.data.reason };
    default: {
      const unhandled: never = person;
      return unhandled;
    }
  }
}

function moneyRecord(event: StoredEvent, personId: string): MoneyRecord | undefined {
  const contract = asContractEvent(event);
  if (!contract) return undefined;
  const base = { position: event.position, eventId: event.id, contractId: contract.data.contractId, type: event.type, at: contract.data.at };
  const none = { amount: null, route: null, heldBy: null, date: null };
  switch (contract.type) {
    case 'IndividualBudgetAllocated':
      if (contract.data.personId !== personId) return undefined;
      return { ...base, ...none, what: 'an individual budget was allocated', amount: contract.data.amount, route: contract.data.route, heldBy: contract.data.heldBy ?? null };
    case 'PersonMovedToNewArrangement':
      if (contract.data.personId !== personId) return undefined;
      return { ...base, ...none, what: 'moved to their new arrangement', date: contract.data.date };
    case 'AllocationEnded':
      if (contract.data.personId !== personId) return undefined;
      return { ...base, ...none, what: 'their allocation ended', date: contract.data.date };
    case 'ContractRegistered':
      if (!contract.data.peopleCovered.includes(personId)) return undefined;
      return { ...base, ...none, what: `covered by a ${contract.data.type} contract with ${contract.data.provider}`, amount: contract.data.annualValue, date: contract.data.start };
    default:
      return undefined;
  }
}

export function assembleSubjectAccess(input: SubjectAccessInput): SubjectAccessReport {
  const { personId } = input;
  const register = input.registerEvents.flatMap((event) => registerRecord(event, input.key) ?? []);
  const budgets = input.mentions.filter((e) => e.stream.startsWith(CONTRACT_STREAM_PREFIX)).flatMap((e) => moneyRecord(e, personId) ?? []);
  const records = input.mentions.map((event) => ({
    position: event.position,
    eventId: event.id,
    stream: event.stream,
    type: event.type,
    at: atOf(event),
    what: describeEvent(event).what,
    recordedBy: recordedBy(event),
    data: event.data,
  }));
  return {
    personId,
    generatedAt: input.generatedAt,
    asOfPosition: input.asOfPosition,
    forgotten: input.person.forgotten,
    name: input.person.name,
    person: input.person,
    communicationNeeds: input.person.communicationNeeds,
    register,
    decisions: input.decisions.map((d) => ({ ...d, listedAsAffected: d.people.includes(personId) })),
    views: input.views,
    risks: input.risks,
    changes: input.changes,
    budgets,
    records,
  };
}

// ---- The printable page -------------------------------------------------------------

function byText(by: RecordedBy | null): string {
  if (!by) return 'not recorded';
  return by.organisation ? `${by.role}, ${by.organisation}` : by.role;
}

function section(title: string, empty: string, rows: readonly unknown[], body: () => SafeHtml): SafeHtml {
  return html`<section><h2>${title}</h2>${rows.length === 0 ? html`<p>${empty}</p>` : body()}</section>`;
}

export function renderSubjectAccessPage(report: SubjectAccessReport): string {
  const { person } = report;
  const needs = report.communicationNeeds.map((n) => (n.flag ? `${n.need} (${n.flag})` : n.need)).join(', ') || 'none recorded';
  const body = html`
<h1>What Partnership Log holds about ${report.personId}</h1>
<p>Made on ${report.generatedAt} from the record up to log position ${report.asOfPosition}.
People who use support appear in decisions only by their pseudonymous id, ${report.personId}.</p>
${report.forgotten ? html`<p><strong>This person was forgotten:</strong> their key was destroyed, so their name, contact details and needs detail can no longer be read by anyone. They are shown as “${report.name}”.</p>` : ''}

<section>
<h2>The register</h2>
<table>
<tr><th scope="row">Name</th><td>${report.name}</td></tr>
<tr><th scope="row">Contact details</th><td>${person.contactDetails ?? (report.forgotten ? report.name : 'none recorded')}</td></tr>
<tr><th scope="row">Communication needs</th><td>${needs}</td></tr>
<tr><th scope="row">Detail of their needs</th><td>${person.needsDetail ?? (report.forgotten ? report.name : 'none recorded')}</td></tr>
<tr><th scope="row">Supported by</th><td>${person.supportedBy.join(', ') || 'no provider'}</td></tr>
<tr><th scope="row">Registered</th><td>${person.registeredAt}</td></tr>
</table>
<h3>Every entry in the register</h3>
<table>
<tr><th>Position</th><th>When</th><th>What</th><th>By</th><th>Details</th></tr>
${report.register.map(
  (r) => html`<tr><td>${r.position}</td><td>${r.at}</td><td>${r.type}</td><td>${byText(r.recordedBy)}</td><td>${registerDetails(r, report.name)}</td></tr>`,
)}
</table>
</section>

${section('Decisions about them', 'No decision names them.', report.decisions, () => html`<table>
<tr><th>Decision</th><th>Kind</th><th>Status</th><th>Outcome</th><th>Named as affected</th></tr>
${report.decisions.map((d) => html`<tr><td>${d.title}<br><small>${d.decisionId}</small></td><td>${d.kind}</td><td>${d.status}</td><td>${d.outcome ?? '—'}</td><td>${d.listedAsAffected ? 'yes' : 'no'}</td></tr>`)}
</table>`)}

${section('What they said, and what was done', 'No view of theirs is recorded.', report.views, () => html`<table>
<tr><th>Decision</th><th>Given by</th><th>They said</th><th>We did</th></tr>
${report.views.map((v) => html`<tr><td>${v.decisionTitle}</td><td>${partyWords(v.by)}<br>${v.stance}, ${v.saidAt}</td><td>${v.youSaid}${v.reason ? html`<br><em>Why:</em> ${v.reason}` : ''}</td><td>${v.weDid ?? 'not answered yet'}</td></tr>`)}
</table>`)}

${section('Risks they bear', 'No risk is recorded as falling on them.', report.risks, () => html`<table>
<tr><th>Decision</th><th>Risk</th><th>Status</th><th>Accepted with</th><th>Review</th></tr>
${report.risks.map((r) => html`<tr><td>${r.decisionTitle}</td><td>${r.description}<br>likelihood ${r.likelihood}, impact ${r.impact}</td><td>${r.status}${r.happened ? ' (it happened)' : ''}</td><td>${(r.acceptedBy ?? []).map(partyWords).join('; ') || '—'}${r.whyWorthTaking ? html`<br>${r.whyWorthTaking}` : ''}</td><td>${r.reviewDue ?? '—'}${r.overdue ? ' (overdue)' : ''}</td></tr>`)}
</table>`)}

${section('What changed for them', 'No change is recorded for them.', report.changes, () => html`<table>
<tr><th>Decision</th><th>Area</th><th>Before</th><th>After</th><th>Better or worse</th><th>In their own words</th></tr>
${report.changes.map((c) => html`<tr><td>${c.decisionTitle}</td><td>${c.area}</td><td>${c.before}</td><td>${c.after}</td><td>${c.direction}</td><td>${c.inPersonsOwnWords ? 'yes' : 'no'}</td></tr>`)}
</table>`)}

${section('Their budget and contracts', 'No contract or budget names them.', report.budgets, () => html`<table>
<tr><th>Contract</th><th>When</th><th>What</th><th>Amount</th><th>Route</th><th>Date</th></tr>
${report.budgets.map((b) => html`<tr><td>${b.contractId}</td><td>${b.at}</td><td>${b.what}</td><td>${b.amount === null ? '—' : pounds(b.amount)}</td><td>${b.route ?? '—'}${b.heldBy ? ` held by ${b.heldBy}` : ''}</td><td>${b.date ?? '—'}</td></tr>`)}
</table>`)}

${section('Every record that names them', 'No record names them.', report.records, () => html`<table>
<tr><th>Position</th><th>When</th><th>What</th><th>By</th><th>Record</th></tr>
${report.records.map((r) => html`<tr><td>${r.position}</td><td>${r.at}</td><td>${r.what}</td><td>${byText(r.recordedBy)}</td><td><small>${r.stream}<br>${r.eventId}</small></td></tr>`)}
</table>`)}
`;
  return printableDocument({ title: `Subject access: ${report.personId}`, body });
}

function registerDetails(record: RegisterRecord, forgottenName: string): SafeHtml {
  const parts: SafeHtml[] = [];
  if (record.personal) {
    parts.push(html`name: ${record.personal.name}`);
    if (record.personal.contactDetails) parts.push(html`contact: ${record.personal.contactDetails}`);
    if (record.personal.needsDetail) parts.push(html`needs detail: ${record.personal.needsDetail}`);
  } else if (record.sealed) {
    parts.push(html`sealed details: ${forgottenName}`);
  }
  if (record.communicationNeeds) parts.push(html`needs: ${record.communicationNeeds.map((n) => n.need).join(', ') || 'none'}`);
  if (record.supportedBy) parts.push(html`supported by: ${record.supportedBy.join(', ') || 'no provider'}`);
  if (record.reason) parts.push(html`reason: ${record.reason}`);
  return html`${parts.map((p, i) => (i === 0 ? p : html`<br>${p}`))}`;
}
