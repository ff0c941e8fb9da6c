// The two checks whose status depends on `now` (7, feedback given; 8, changes recorded),
// judged from a few dates and counts. The co-production review and the Partnership Board
// report both call these, so a decision passes or fails them the same way in each.
import type { Check } from './coproduction-checks.js';
import { FEEDBACK_DAYS } from './coproduction-evidence.js';

const DAY_MS = 24 * 60 * 60 * 1000;

type Judged = Pick<Check, 'status' | 'note'>;

/** Check 7. `madeMs`: when the decision in force happened (undefined while not made); `feedbackAfter`: feedback given after it. */
export function feedbackCheck(madeMs: number | undefined, feedbackAfter: number, nowMs: number): Judged {
  if (madeMs === undefined) return { status: 'not-yet', note: 'The decision has not been made' };
  if (feedbackAfter > 0) return { status: 'pass', note: `Feedback given ${feedbackAfter} time(s)` };
  const daysSince = (nowMs - madeMs) / DAY_MS;
  if (daysSince > FEEDBACK_DAYS) return { status: 'fail', note: `No feedback ${Math.floor(daysSince)} days after the decision` };
  return { status: 'not-yet', note: `No feedback yet; ${Math.max(0, Math.ceil(FEEDBACK_DAYS - daysSince))} day(s) left of ${FEEDBACK_DAYS}` };
}

/** Whether the decision's review date (a day) has passed at `nowMs`. */
export function reviewIsDue(reviewDate: string | undefined, nowMs: number): boolean {
  return reviewDate !== undefined && Date.parse(reviewDate) < nowMs;
}

/** Check 8. `reviewDate`: the decision in force's (undefined while not made); `changesCounted`: changes after it, not disputed. */
export function changesCheck(reviewDate: string | undefined, changesCounted: number, nowMs: number): Judged {
  if (reviewDate === undefined) return { status: 'not-yet', note: 'The decision has not been made' };
  if (changesCounted > 0) return { status: 'pass', note: `${changesCounted} change(s) recorded` };
  if (reviewIsDue(reviewDate, nowMs)) return { status: 'fail', note: 'The review date has passed and no change for anyone was recorded' };
  return { status: 'not-yet', note: 'No change recorded yet' };
}
