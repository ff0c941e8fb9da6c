// What a command's form says, beside its entry: its words, its fields by the body paths they
// fill, where each choice's options come from and when the form is offered. The pages
// (src/web/forms/) render, read and send every form from this alone.
import type { z } from 'zod';
import type { UserRole } from '../domain/actor.js';
import type { ContractType, FundingRoute } from '../domain/contracts/contract-facts.js';
import type * as decisionFacts from '../domain/decisions/decision-facts.js';
import type { DecisionKind, Outcome } from '../domain/decisions/decision-facts.js';
import type { CommunicationNeed, erasure } from '../domain/people/person-facts.js';
import type { ConfirmableFact, HowGathered } from '../domain/shared/provenance.js';
import type { AccessibleFormat, LifeArea, Rung, Stage, level, participationSupport } from '../domain/shared/vocabulary.js';

/** How a form field is shown and read: `radios`, `select` and `checkboxes` take their options from `choices`. */
export type FormFieldKind =
  | 'text' | 'textarea' | 'date' | 'datetime' | 'money' | 'lines' | 'ids' | 'checkbox' | 'radios' | 'select' | 'checkboxes'
  /** When something happened: a day ("2026-03-01"), or a day and a time, as people remember meetings by the day. */
  | 'when'
  /** One box per view not yet answered (the decision's "you said — we did"). */
  | 'answers'
  /** A few rows of a step and its date (a disaggregation's timetable). */
  | 'steps'
  /** Communication needs ticked from the Accessible Information Standard's list. */
  | 'needs';

/** The enums whose words the forms offer as choices; the pages' word table for each is typed by its enum. */
export interface ChoiceEnums {
  stance: z.output<typeof decisionFacts.stance>;
  outcome: Outcome;
  decisionKind: DecisionKind;
  rung: Rung;
  stage: Stage;
  participationSupport: z.output<typeof participationSupport>;
  level: z.output<typeof level>;
  lifeArea: LifeArea;
  direction: z.output<typeof decisionFacts.changeForPerson>['direction'];
  accessibleFormat: AccessibleFormat;
  timing: z.output<typeof decisionFacts.informationShared>['timing'];
  riskReviewOutcome: z.output<typeof decisionFacts.riskReviewed>['outcome'];
  supportedDecisionMode: z.output<typeof decisionFacts.supportedDecision>['mode'];
  finding: z.output<typeof decisionFacts.challengeResolution>['finding'];
  contractType: ContractType;
  fundingRoute: FundingRoute;
  communicationNeed: CommunicationNeed;
  erasureReason: z.output<typeof erasure>['reason'];
  howGathered: HowGathered;
  confirmableFact: ConfirmableFact;
}

/** What a record offers to choose from: its parties, its people, its open risks… */
export type RecordChoice =
  | 'parties'
  | 'authors'
  | 'people'
  | 'openRisks'
  | 'acceptedRisks'
  | 'openChallenges'
  | 'otherDecisions'
  | 'disaggregationDecisions'
  | 'contracts'
  | 'peopleCovered'
  | 'currentAllocations'
  /** The views, risk acceptances and changes recorded for a person that they have not confirmed or disputed yet. */
  | 'factsToAnswer';

export type ChoiceSource = { words: keyof ChoiceEnums; except?: readonly string[] } | { from: RecordChoice };

/** When a form is offered, by what the record is now. */
export type FormCondition =
  | 'open'
  | 'notClosed'
  | 'decided'
  | 'hasOpenRisk'
  | 'hasAcceptedRisk'
  | 'hasOpenChallenge'
  /** Not closed, and something recorded for a person is waiting for them (or, for staff, anyone) to confirm or dispute it. */
  | 'hasFactToAnswer'
  | 'blockToSplit'
  | 'moneyReleased'
  | 'hasAllocations'
  | 'contractCurrent'
  | 'notForgotten';

/** A value the form fills in itself instead of asking: the signed-in party, or their organisation as a list. */
export type FixedValue = 'me' | 'myOrganisations' | { value: string };

/** A body path, one level deep at most (`affects.people`), or a path parameter (`riskId`). */
export type FieldPath<Body> = {
  [Key in keyof Body & string]-?: Key | (NonNullable<Body[Key]> extends readonly unknown[] ? never : NonNullable<Body[Key]> extends object ? `${Key}.${keyof NonNullable<Body[Key]> & string}` : never);
}[keyof Body & string];

export interface FormField<Path extends string = string> {
  /** Where the answer goes: a body path or a path parameter. */
  path: Path;
  /** The field's name in the page, when it differs from its path (`affects.people` is asked as `people`). */
  name?: string;
  label: string;
  hint?: string;
  kind: FormFieldKind;
  choices?: ChoiceSource;
  optional?: boolean;
  /** Asked only of these roles (the others send `fixed`, or nothing). */
  onlyFor?: readonly UserRole[];
  /** Not asked: filled in from who is signed in. */
  fixed?: FixedValue;
  /** For someone who speaks for themself: chosen for them to start with (themself, or ticked). */
  mine?: boolean;
  /** Lines checked against easy-read rules before saving. */
  easyRead?: boolean;
  /** Other paths in the API's body whose errors belong to this field. */
  api?: readonly string[];
  /**
   * Read from one choice that stands for several values ("view|its id|P-HS01"): this field
   * sends the part at `index` of what was chosen in the field named `of`; asked only when it is that field.
   */
  part?: { of: string; index: number };
}

/** The picture beside a form's title, from the pages' set (src/web/pictures.ts checks each exists). */
export type FormPicture = 'paper' | 'people' | 'risk' | 'change' | 'check' | 'talk' | 'money' | 'pencil' | 'key' | 'list' | 'ladder';

export interface FormWords {
  title: string;
  /** Short sentences above the form, one idea each. */
  intro: readonly string[];
  submit: string;
  /** Said on the record's page once it is saved. */
  saved: string;
}

/** What a generated form needs besides the schemas: its words and fields, written once beside the command. */
export interface CommandForm<Name extends string = string> extends FormWords {
  /** The last part of the form's address, under its record. */
  slug: string;
  picture: FormPicture;
  /** Other words for some roles: easy read for self-advocates, say. */
  wordsFor?: Partial<Record<UserRole, Partial<FormWords>>>;
  appliesTo?: FormCondition;
  /** Asked on a page of its own that says what will happen, with a cancel link (forgetting a person). */
  confirm?: boolean;
  fields: readonly FormField<Name>[];
}

/** A form checked against its command's body schema (and its path's parameters): a field naming no path of it is a type error. */
export function formOf<Body extends z.ZodType, Param extends string = never>(
  _body: Body,
  form: CommandForm<FieldPath<z.input<Body>> | NoInfer<Param>>,
  _params: readonly Param[] = [],
): CommandForm<FieldPath<z.input<Body>> | Param> {
  return form;
}
