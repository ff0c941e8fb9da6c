// A decision as its readers see it: the decision as recorded, with what the other
// projections say about it, after the read rules for people's own lives (README, "Who can
// read it"). GET /decisions/:id (now and as of a past moment), the evidence pack and the
// pages all use this one function and its schema.
import { z } from 'zod';
import { changesFor, changesForPeople, changesSchema } from './changes-for-people.js';
import { coproductionReviewSchema } from './coproduction-checks.js';
import { coproductionReview, reviewDecision } from './coproduction-review.js';
import { decisionSummarySchema } from './decision-list.js';
import { decisionRecordOf, decisionRecords, decisionRecordSchema, type DecisionRecord } from './decision-records.js';
import { involvement, involvementOf, involvementSchema } from './involvement.js';
import { peopleAsSeenBy, personAsSeenSchema, withForgottenNow, type PeopleDirectoryState } from './people-directory.js';
import type { Collections, Projection } from './projection.js';
import { recorded } from './recorded-shape.js';
import { listRisks, riskRegister, riskRowSchema } from './risk-register.js';
import { viewsAndAnswers, youSaidWeDid, youSaidWeDidRowSchema } from './you-said-we-did.js';

/** Everyone, or the people a reader may read about. */
export type ReadablePeople = 'everyone' | ReadonlySet<string>;

export const mayReadIn = (readable: ReadablePeople) => (personId: string) => readable === 'everyone' || readable.has(personId);

const detailFields = decisionRecordSchema.extend({
  // The register's risks replace the record's: with their reviews, whom they fall on and whether a review is overdue.
  risks: z.array(riskRowSchema),
  involvement: involvementSchema.nullable(),
  changesForPeople: changesSchema,
  youSaidWeDid: z.array(youSaidWeDidRowSchema),
  coproductionReview: coproductionReviewSchema.nullable(),
  /** So information can be shared in the format each person needs (Accessible Information Standard). */
  people: z.array(personAsSeenSchema),
});
// Rule-free as a whole: the other read models' rows reuse request shapes too (a party, a person's needs).
export const decisionDetailSchema = recorded(detailFields);
export type DecisionDetail = z.infer<typeof decisionDetailSchema>;

/** GET /decisions/:id: the detail with the log position the projections had reached (or were replayed to). */
export const decisionDetailAnswer = decisionDetailSchema.extend({ asOfPosition: z.number().int() });

/** GET /decisions: every decision in one line, newest first. */
export const decisionListAnswer = recorded(z.object({ decisions: z.array(decisionSummarySchema), asOfPosition: z.number().int() }));

/** The projections' states a detail is made from: current ones, or replayed to a past moment. */
export type StateOf = <S extends Collections<S>>(projection: Projection<S>) => S;

export interface DecisionDetailQuery {
  decisionId: string;
  stateOf: StateOf;
  /** Who was forgotten and who needs which formats. */
  directory: PeopleDirectoryState;
  /** For a past moment, the directory now: whoever is forgotten now is forgotten in every view of the past. */
  forgottenNow?: PeopleDirectoryState | undefined;
  /** Judges what is overdue. */
  now: string;
  readable: ReadablePeople;
}

/** The decision as this reader may see it, or undefined when it was not (yet) recorded. */
export function decisionDetail({ decisionId, stateOf, directory, forgottenNow, now, readable }: DecisionDetailQuery): DecisionDetail | undefined {
  const record = decisionRecordOf(stateOf(decisionRecords), decisionId);
  if (!record) return undefined;
  const mayRead = mayReadIn(readable);
  const people = record.affects.people;
  return {
    ...decisionAsSeenBy(record, mayRead),
    risks: listRisks(stateOf(riskRegister), now, { decisionId }),
    involvement: involvementOf(stateOf(involvement), decisionId) ?? null,
    changesForPeople: changesFor(stateOf(changesForPeople), { decisionId, readable: readable === 'everyone' ? undefined : readable }),
    youSaidWeDid: viewsAndAnswers(stateOf(youSaidWeDid), { decisionId }),
    coproductionReview: reviewDecision(stateOf(coproductionReview), decisionId, now) ?? null,
    people: peopleAsSeenBy(forgottenNow ? withForgottenNow(directory, forgottenNow, people) : directory, people, mayRead),
  };
}

/** A decision as this reader may see it: the facts about people's own lives that they may not read are left out. */
export function decisionAsSeenBy(decision: DecisionRecord, mayRead: (personId: string) => boolean): DecisionRecord {
  return {
    ...decision,
    changes: decision.changes.filter((c) => mayRead(c.personId)),
    supportedDecisions: decision.supportedDecisions.filter((s) => mayRead(s.personId)),
  };
}
