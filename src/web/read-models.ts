// The parts of the API's answers the pages show. The API's own zod schemas and projections
// define them; these are the pages' narrower view, so a new field there changes nothing here.
import type { Party } from '../domain/shared/vocabulary.js';

export interface DecisionSummary {
  decisionId: string;
  kind: string;
  title: string;
  status: string;
  contractId?: string;
  outcome?: string;
  proposedAt: string;
  decidedAt?: string;
  reviewDate?: string;
  people: string[];
}

export interface InvolvementEntry {
  party: Party;
  stage: string;
  rung: string;
  support: string[];
  beforeDecision: boolean;
  eventId: string;
}

export interface RiskRow {
  riskId: string;
  description: string;
  fallsOn: Party[];
  likelihood: string;
  impact: string;
  status: string;
  acceptedBy?: Party[];
  whyWorthTaking?: string;
  mitigations?: string[];
  reviewDue?: string;
  overdue?: boolean;
  eventIds: string[];
}

export interface ChangeRow {
  changeId: string;
  personId: string;
  area: string;
  before: string;
  after: string;
  direction: 'better' | 'worse' | 'no-change';
  inPersonsOwnWords: boolean;
  eventId: string;
}

export interface YouSaidWeDidRow {
  viewId: string;
  by: Party;
  stance: string;
  youSaid: string;
  reason?: string;
  weDid?: string;
  answered: boolean;
  viewEventId: string;
  answerEventId?: string;
}

export interface Check {
  number: number;
  key: string;
  question: string;
  status: 'pass' | 'fail' | 'not-yet';
  note: string;
  evidence: string[];
}

export interface CoproductionReviewRow {
  checks: Check[];
  passed: number;
  highestRungReached: string | null;
  claimedRung: string | null;
  flags: { code: string; message: string }[];
}

export interface DecisionDetail {
  decisionId: string;
  kind: string;
  title: string;
  summary: string;
  easyReadSummary: string[];
  status: string;
  proposedBy: Party;
  affects: { people: string[]; groups: string[] };
  organisations: string[];
  contractId?: string;
  money?: { amount: number; description: string };
  made?: { outcome: string; reasons: string; claimedRung: string; reviewDate: string };
  risks: RiskRow[];
  involvement: { entries: InvolvementEntry[] } | null;
  changesForPeople: { changes: ChangeRow[] };
  youSaidWeDid: YouSaidWeDidRow[];
  coproductionReview: CoproductionReviewRow | null;
  feedback?: { to: Party[]; format: string; message: string }[];
  challenges?: { by: Party; reason: string; challengeId: string }[];
}

export interface TimelineEntry {
  position: number;
  eventId: string;
  at: string;
  type: string;
  what: string;
  who: { name: string; role: string; organisation?: string };
}

export interface ContractMoney {
  value: number;
  released: number;
  allocated: number;
  releasedNotYetAllocated: number;
  remainingInBlock: number;
  peopleMoved: number;
}

export interface ContractDetail {
  contractId: string;
  provider: string;
  type: string;
  service: string;
  start: string;
  end?: string;
  status: string;
  annualValue: number;
  peopleCovered: string[];
  allocations: { personId: string; amount: number; route: string; heldBy?: string; allocationId: string; movedOn?: string; endedOn?: string }[];
  disaggregation?: { decisionId: string; amountToRelease: number; timetable: { step: string; by: string }[] };
  money: ContractMoney;
}

export interface ContractRow {
  contractId: string;
  provider: string;
  type: string;
  service: string;
  status: string;
  value: number;
  released: number;
  allocated: number;
  remainingInBlock: number;
  peopleCovered: string[];
  peopleMoved: string[];
}
