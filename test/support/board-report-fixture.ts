// A Partnership Board report as GET /reports/partnership-board answers it, for the pages'
// tests: one quarter against the one before, with counts that went up, down and stayed the
// same, "fewer than 5" people on either side, quotes, three contracts and three months.
// Parsed with the report's own schema, so a change to the schema is a change here too.
import { boardReportSchema, type BoardReport } from '../../projections/board-report-schema.js';

const c = (now: number, before: number) => ({ now, before, change: now > before ? 'up' : now < before ? 'down' : 'same' });

export const boardReportFixture: BoardReport = boardReportSchema.parse({
  period: { from: '2026-07-01', to: '2026-09-30', previousFrom: '2026-04-01', previousTo: '2026-06-30' },
  filters: {},
  generatedAt: '2026-10-02T09:30:00.000Z',
  asOfPosition: 412,
  scope: 'everything',
  decisions: {
    proposed: c(15, 12),
    made: c(9, 11),
    deferred: c(2, 2),
    superseded: c(1, 0),
    withdrawn: c(0, 1),
    byKind: [
      { kind: 'commissioning', proposed: c(7, 6), made: c(4, 5) },
      { kind: 'provider-change', proposed: c(5, 4), made: c(3, 4) },
      { kind: 'disaggregation', proposed: c(3, 2), made: c(2, 2) },
    ],
    openPastReview: [{ decisionId: 'd-open-1', title: 'Day opportunities in Armley', reviewDate: '2026-09-01' }],
  },
  coproduction: {
    checks: [
      { key: 'involved-before-decision', pass: c(8, 7), fail: c(1, 4), notYet: c(0, 0) },
      { key: 'not-the-only-one', pass: c(7, 7), fail: c(2, 4), notYet: c(0, 0) },
      { key: 'accessible-information-first', pass: c(6, 5), fail: c(3, 6), notYet: c(0, 0) },
      { key: 'three-partners', pass: c(6, 8), fail: c(3, 3), notYet: c(0, 0) },
      { key: 'views-answered', pass: c(9, 10), fail: c(0, 1), notYet: c(0, 0) },
      { key: 'risks-accepted-with-bearers', pass: c(5, 4), fail: c(1, 2), notYet: c(3, 5) },
      { key: 'feedback-given', pass: c(6, 9), fail: c(1, 2), notYet: c(2, 0) },
      { key: 'changes-recorded', pass: c(3, 6), fail: c(0, 1), notYet: c(6, 4) },
      { key: 'self-advocates-agree', pass: c(4, 3), fail: c(2, 1), notYet: c(3, 7) },
    ],
    ladder: [
      { rung: 'coercion', claimed: 0, saidByPeople: 0 },
      { rung: 'educating', claimed: 0, saidByPeople: 0 },
      { rung: 'informing', claimed: 0, saidByPeople: 1 },
      { rung: 'consultation', claimed: 1, saidByPeople: 2 },
      { rung: 'engagement', claimed: 2, saidByPeople: 2 },
      { rung: 'co-design', claimed: 3, saidByPeople: 1 },
      { rung: 'co-production', claimed: 3, saidByPeople: 0 },
    ],
    disagreements: [
      { decisionId: 'd-tech-1', title: 'Sleep-in support replaced by a responder service', claimed: 'co-production', saidByPeople: ['consultation'] },
      { decisionId: 'd-split-1', title: 'Splitting the Hillside block contract', claimed: 'co-design', saidByPeople: ['informing', 'engagement'] },
    ],
  },
  listening: {
    viewsFromPeople: c(23, 18),
    inOwnWords: c(14, 9),
    recordedForThem: c(9, 9),
    confirmedByThem: c(6, 4),
    answered: c(21, 15),
    daysToFeedback: { median: 6, worst: 34 },
    withoutFeedback: [{ decisionId: 'd-hub-1', title: 'A community hub in Bramley' }],
  },
  risks: {
    accepted: c(6, 5),
    acceptedWithThePeople: c(5, 3),
    acceptedForThem: c(1, 2),
    peopleBearing: { now: 7, before: { fewerThan: 5 }, change: 'unknown' },
    acceptedBy: [
      { role: 'person-using-support', count: 5 },
      { role: 'commissioner', count: 6 },
      { role: 'provider', count: 4 },
    ],
    reviewsDue: c(4, 2),
    reviewsOverdue: [{ decisionId: 'd-travel-1', title: 'Travelling on the bus alone', due: '2026-08-15' }],
  },
  changes: {
    recorded: c(11, 11),
    peopleWithAChange: { now: { fewerThan: 5 }, before: { fewerThan: 5 }, change: 'unknown' },
    byArea: [
      { area: 'home', better: 3, worse: 0, noChange: 1 },
      { area: 'community', better: 4, worse: 1, noChange: 0 },
      { area: 'choice-and-control', better: 2, worse: 0, noChange: 0 },
    ],
    quotes: [
      { area: 'community', direction: 'better', words: 'I go to the allotment on Tuesdays with my friend now.' },
      { area: 'home', direction: 'no-change', words: 'It is still too noisy at night.' },
    ],
  },
  money: {
    contracts: [
      {
        contractId: 'c-hillside',
        provider: 'Hillside Support',
        released: 18_000_000,
        allocatedByRoute: [
          { route: 'direct-payment', amount: 4_160_000 },
          { route: 'individual-service-fund', amount: 9_880_000 },
        ],
        remainingInBlock: 30_000_000,
        peopleMoved: 6,
      },
      {
        contractId: 'c-aire',
        provider: 'Aire Valley Care',
        released: 5_200_000,
        allocatedByRoute: [{ route: 'trust', amount: 2_600_000 }],
        remainingInBlock: 41_000_000,
        peopleMoved: { fewerThan: 5 },
      },
      { contractId: 'c-kirkstall', provider: 'Kirkstall Homes', released: 0, allocatedByRoute: [], remainingInBlock: 22_500_000, peopleMoved: 0 },
    ],
    individualisedOverTime: [
      { month: '2026-07', share: 0.12 },
      { month: '2026-08', share: 0.15 },
      { month: '2026-09', share: 0.19 },
    ],
  },
  challenges: {
    raised: c(3, 1),
    resolved: c(2, 2),
    outcomes: [
      { finding: 'upheld', count: 1 },
      { finding: 'partly-upheld', count: 1 },
      { finding: 'not-upheld', count: 0 },
    ],
    panelsWithPeople: c(1, 2),
    panelsWithoutPeople: c(1, 0),
  },
  flags: [
    { code: 'no-feedback', decisions: [{ decisionId: 'd-hub-1', title: 'A community hub in Bramley' }] },
    {
      code: 'rung-disagreement',
      decisions: [
        { decisionId: 'd-tech-1', title: 'Sleep-in support replaced by a responder service' },
        { decisionId: 'd-split-1', title: 'Splitting the Hillside block contract' },
      ],
    },
    { code: 'panel-without-people', decisions: [{ decisionId: 'd-tech-1', title: 'Sleep-in support replaced by a responder service' }] },
  ],
});

/** The same report as a provider's: only the decisions about its own organisation. */
export const providerReportFixture: BoardReport = { ...boardReportFixture, scope: 'organisation', filters: { organisation: 'Hillside Support' } };
