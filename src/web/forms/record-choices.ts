// What each kind of record offers a form to choose from (its parties, people, open risks,
// budgets…) and which of the forms' conditions it meets now. Read from the read models the
// API answers with, so a form offers only what the record holds.
import type { ChoiceEnums, FormCondition, RecordChoice } from '../../commands/command-form.js';
import type { ContractDetail } from '../../../projections/contract-detail.js';
import type { ContractSummary } from '../../../projections/contracts.js';
import type { DecisionDetail } from '../../../projections/decision-detail.js';
import type { DecisionSummary } from '../../../projections/decision-list.js';
import type { Provenance } from '../../../projections/provenance.js';
import type { Viewer } from '../layout.js';
import { areaWords, partyNamer, pounds } from '../words.js';
import type { Choice } from './form-kit.js';
import { authorChoices, isSelfAdvocate, partyChoices, type PartyContext } from './party-choices.js';

/** What a record gives its forms: the choices it offers and the conditions it meets. */
export interface RecordOffer {
  choices: (source: RecordChoice) => Choice[];
  holds: (condition: FormCondition) => boolean;
  unanswered: readonly { viewId: string; label: string }[];
}

const none: Choice[] = [];
/** Whom a form may be about: the reader themself, or (for staff) the people by id; a self-advocate names no one else. */
function whoAmongPeople(viewer: Viewer, people: readonly string[]): Choice[] {
  if (viewer.actor.personId) return [{ value: viewer.actor.personId, label: 'Me' }];
  return isSelfAdvocate(viewer) ? none : people.map((p) => ({ value: p, label: p }));
}

const factWords: Record<ChoiceEnums['confirmableFact'], string> = { view: 'view', 'risk-acceptance': 'agreement to take a risk', change: 'change' };

interface RecordedFact {
  fact: ChoiceEnums['confirmableFact'];
  id: string;
  people: readonly (string | undefined)[];
  provenance: Provenance | undefined;
  said: string;
}

/**
 * The facts recorded for people on this decision that they have not answered yet, in words:
 * for a self-advocate only their own, and not what they recorded themself. Each choice
 * stands for the fact, its id and the person ("view|id|P-HS01"), read apart by the form.
 */
function factsToAnswer(d: DecisionDetail, viewer: Viewer): Choice[] {
  const me = viewer.actor.personId;
  const personOf = (p: { personId?: string | undefined; onBehalfOf?: string | undefined }) => p.personId ?? p.onBehalfOf;
  const facts: RecordedFact[] = [
    ...d.youSaidWeDid.map((v) => ({ fact: 'view' as const, id: v.viewId, people: [personOf(v.by), v.provenance?.recordedFor], provenance: v.provenance, said: `“${v.youSaid}”` })),
    ...d.risks.flatMap((r) => (r.acceptedBy
      ? [{ fact: 'risk-acceptance' as const, id: r.riskId, people: [...r.fallsOn, ...r.acceptedBy].map(personOf).concat(r.acceptanceProvenance?.recordedFor), provenance: r.acceptanceProvenance, said: `“${r.description}”` }]
      : [])),
    ...d.changesForPeople.changes.map((c) => ({ fact: 'change' as const, id: c.changeId, people: [c.personId, c.provenance?.recordedFor], provenance: c.provenance, said: `${areaWords[c.area]}: now “${c.after}”` })),
  ];
  return facts.flatMap((f) => {
    if (f.provenance?.byThePerson) return [];
    // Staff answer for anyone; a self-advocate only for themself (none when the token is not bound to a person).
    const people = [...new Set(f.people)].filter((p): p is string => p !== undefined && (isSelfAdvocate(viewer) ? p === me : me === undefined || p === me));
    return people
      .filter((p) => !f.provenance?.answers.some((a) => a.personId === p))
      .map((p) => ({ value: `${f.fact}|${f.id}|${p}`, label: `${p === me ? 'Your' : `${p}’s`} ${factWords[f.fact]}: ${f.said}` }));
  });
}

export function decisionOffer(decision: DecisionDetail, viewer: Viewer, others: readonly DecisionSummary[] = []): RecordOffer {
  const d = decision;
  const nameParty = partyNamer(viewer.actor);
  const commissioners = d.proposedBy.role === 'commissioner' && d.proposedBy.organisation ? [d.proposedBy.organisation] : [];
  const partyContext: PartyContext = { people: d.affects.people, organisations: d.organisations, commissioners };
  const open = d.status === 'proposed' || d.status === 'deferred';
  const closed = d.status === 'withdrawn' || d.status === 'superseded';
  const choices: Partial<Record<RecordChoice, () => Choice[]>> = {
    parties: () => partyChoices(viewer.actor, partyContext),
    authors: () => authorChoices(viewer.actor, partyContext),
    people: () => whoAmongPeople(viewer, d.affects.people),
    openRisks: () => d.risks.filter((r) => r.status === 'open').map((r) => ({ value: r.riskId, label: r.description })),
    acceptedRisks: () => d.risks.filter((r) => r.status === 'accepted').map((r) => ({ value: r.riskId, label: r.description })),
    openChallenges: () => d.challenges.filter((c) => !c.resolution).map((c) => ({ value: c.challengeId, label: `${nameParty(c.by)}: “${c.reason}”` })),
    factsToAnswer: () => factsToAnswer(d, viewer),
    otherDecisions: () => others.filter((o) => o.decisionId !== d.decisionId).map((o) => ({ value: o.decisionId, label: o.title })),
  };
  const holds: Partial<Record<FormCondition, boolean>> = {
    open,
    notClosed: !closed,
    decided: d.status === 'decided',
    hasOpenRisk: d.risks.some((r) => r.status === 'open'),
    hasAcceptedRisk: d.risks.some((r) => r.status === 'accepted'),
    hasOpenChallenge: d.challenges.some((c) => !c.resolution),
    hasFactToAnswer: !closed && factsToAnswer(d, viewer).length > 0,
  };
  return {
    choices: (source) => choices[source]?.() ?? none,
    holds: (condition) => holds[condition] ?? false,
    unanswered: d.youSaidWeDid.filter((v) => !v.answered).map((v) => ({ viewId: v.viewId, label: `Answer to ${nameParty(v.by)}: “${v.youSaid}”` })),
  };
}

export function contractOffer(contract: ContractDetail, decisions: readonly DecisionSummary[]): RecordOffer {
  const current = contract.status !== 'ended';
  const allocations = contract.allocations.filter((a) => !a.ended);
  const choices: Partial<Record<RecordChoice, () => Choice[]>> = {
    disaggregationDecisions: () => decisions.filter((d) => d.kind === 'disaggregation').map((d) => ({ value: d.decisionId, label: d.title })),
    peopleCovered: () => contract.peopleCovered.map((p) => ({ value: p, label: p })),
    currentAllocations: () => allocations.map((a) => ({ value: a.allocationId, label: `${a.personId}: ${pounds(a.amount)} a year` })),
  };
  const holds: Partial<Record<FormCondition, boolean>> = {
    blockToSplit: contract.type === 'block' && current && !contract.disaggregation,
    moneyReleased: contract.disaggregation !== undefined && current,
    hasAllocations: allocations.length > 0 && current,
    contractCurrent: current,
  };
  return { choices: (source) => choices[source]?.() ?? none, holds: (condition) => holds[condition] ?? false, unanswered: [] };
}

export function personOffer(person: { forgotten: boolean }): RecordOffer {
  return { choices: () => none, holds: (condition) => condition === 'notForgotten' && !person.forgotten, unanswered: [] };
}

/** What a form that starts a record offers: the contracts a proposal may name. */
export function newRecordOffer(contracts: readonly ContractSummary[]): RecordOffer {
  return {
    choices: (source) => (source === 'contracts' ? contracts.map((c) => ({ value: c.contractId, label: `${c.provider}: ${c.service}` })) : none),
    holds: () => true,
    unanswered: [],
  };
}
