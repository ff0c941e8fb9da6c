// Two quarters of Hillside's proposals and the council's smaller decisions (history for the
// Partnership Board report): a weekend staffing change withdrawn, choosing your own worker
// agreed but never fed back, the Tuesday club moved after a challenge not upheld by a panel
// without people, and easy-read review letters still open. Days are days before the demo loads.
import { idOf, type Post } from './demo-client.js';
import { dayFromToday, daysAgo, sharedDaysAgo } from './demo-history-dates.js';
import { aishaForTheGroup, commissioner, DAY_SERVICE_PROVIDER, person, provider } from './demo-people.js';
import type { DemoTokens } from './demo-tokens.js';

const heardInAMeeting = (personId: string) => ({ provenance: { recordedFor: personId, gathered: 'in-a-meeting', readBack: true } });
const paths = (id: string) => (path: string) => `/decisions/${id}/${path}`;
const sister = { role: 'family-carer', onBehalfOf: 'P-HS04', label: 'family carer (sister)' };

/** Hillside proposes sharing staff between houses at weekends, hears families, and withdraws it. */
export async function weekendStaffing(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council, provider: hillside } = tokens;
  const on = paths(idOf(await post(hillside, '/decisions', {
    kind: 'provider-change',
    title: 'Share staff between two houses at weekends',
    summary: 'Hillside Support proposes that one team covers both houses at weekends, so fewer staff are on each shift.',
    easyReadSummary: ['Staff would move between two houses at weekends.', 'There would be fewer staff in each house.'],
    proposedBy: provider,
    affects: { people: ['P-HS02', 'P-HS04'], groups: ['people living in the Hillside houses'] },
    organisations: [DAY_SERVICE_PROVIDER],
    ...daysAgo(130),
  }), 'decisionId'));
  await post(hillside, on('involvement'), { participant: provider, stage: 'identifying-the-need', rung: 'co-design', support: [], ...daysAgo(128) });
  // Families' and people's words are recorded by the council: a provider speaks only for itself.
  await post(council, on('views'), {
    by: sister,
    stance: 'opposes',
    inOwnWords: 'Weekends are when he goes out. With fewer staff he would stay in.',
    reason: 'Fewer staff at weekends means no trips out.',
    ...daysAgo(118),
  });
  await post(council, on('views'), {
    by: person('P-HS04'),
    stance: 'opposes',
    inOwnWords: 'I go to the allotment on Saturdays. I need my worker.',
    reason: 'Saturday is his allotment day.',
    ...daysAgo(118),
    provenance: { recordedFor: 'P-HS04', gathered: 'by-their-advocate', readBack: true },
  });
  await post(hillside, on('withdrawal'), { reason: 'People and families told us weekends matter most. We will find another way to cover shifts.' });
}

/** Hillside proposes that people choose their own worker; the council agrees, but nobody is told and the risk is taken for people. */
export async function chooseYourWorker(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council, provider: hillside } = tokens;
  const on = paths(idOf(await post(hillside, '/decisions', {
    kind: 'provider-change',
    title: 'People choose their own support worker at their review',
    summary: 'At each person’s review they meet workers who could support them and choose who they want, as the people we support asked.',
    easyReadSummary: ['You can meet new staff.', 'You choose who supports you.'],
    proposedBy: provider,
    affects: { people: ['P-HS06', 'P-HS08'], groups: ['people Hillside supports'] },
    organisations: [DAY_SERVICE_PROVIDER],
    ...daysAgo(120),
  }), 'decisionId'));
  await post(hillside, on('information'), { sharedWith: [person('P-HS06'), person('P-HS08')], format: 'easy-read', timing: 'before-asking-for-views', sharedAt: sharedDaysAgo(118), description: 'Easy-read leaflet “Choose who supports you”' });
  for (const personId of ['P-HS06', 'P-HS08']) {
    await post(hillside, on('involvement'), { participant: person(personId), stage: 'designing-options', rung: 'engagement', support: ['easy-read-papers-in-advance'], ...daysAgo(110) });
  }
  await post(hillside, on('involvement'), { participant: provider, stage: 'designing-options', rung: 'co-design', support: [], ...daysAgo(110) });
  // Written down at the meeting and not read back: it waits for her to confirm it.
  const view = await post(council, on('views'), {
    by: person('P-HS08'),
    stance: 'supports',
    inOwnWords: 'I want to meet new staff before they work with me.',
    ...daysAgo(105),
    provenance: { recordedFor: 'P-HS08', gathered: 'in-a-meeting', readBack: false },
  });
  const risk = idOf(await post(hillside, on('risks'), { description: 'A person may wait longer for support while the worker they chose is found.', fallsOn: [person('P-HS06'), person('P-HS08')], likelihood: 'medium', impact: 'low' }), 'riskId');
  await post(council, `${on('risks')}/${risk}/acceptance`, {
    acceptedBy: [provider, commissioner],
    whyWorthTaking: 'Support from someone a person chose lasts longer.',
    mitigations: ['Cover from the current team while waiting'],
    reviewDate: dayFromToday(-10),
    ...daysAgo(96),
  });
  await post(council, on('decision'), {
    outcome: 'agreed',
    reasons: 'People told us who supports them matters most.',
    decidedBy: [commissioner],
    claimedRung: 'co-design',
    reviewDate: dayFromToday(-5),
    answers: [{ viewId: idOf(view, 'viewId'), answer: 'You will meet new staff at your review and choose.' }],
    ...daysAgo(95),
  });
  await post(council, on('changes'), {
    personId: 'P-HS08', area: 'choice-and-control', direction: 'better', inPersonsOwnWords: true, mayBeQuoted: true,
    before: 'Staff were chosen for me.', after: 'I met three workers. I chose the one who likes music too.', ...daysAgo(40), ...heardInAMeeting('P-HS08'),
  });
}

/** The Tuesday club moves to the library; a family's challenge is not upheld by a panel of staff alone. */
export async function tuesdayClub(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council, provider: hillside, 'self-advocate': aisha } = tokens;
  const on = paths(idOf(await post(council, '/decisions', {
    kind: 'commissioning',
    title: 'Move the Tuesday club from the centre to the library',
    summary: 'The Tuesday club would meet at the town library, so people meet others who live nearby.',
    easyReadSummary: ['The Tuesday club will meet at the library.', 'You can meet people who live near you.'],
    proposedBy: commissioner,
    affects: { people: ['P-HS03', 'P-HS04', 'P-HS08'], groups: ['Tuesday club members'] },
    organisations: [DAY_SERVICE_PROVIDER],
    ...daysAgo(100),
  }), 'decisionId'));
  await post(council, on('information'), { sharedWith: [person('P-HS03')], format: 'british-sign-language', timing: 'before-asking-for-views', sharedAt: sharedDaysAgo(98), description: 'BSL video invitation to the library visit' });
  await post(council, on('information'), { sharedWith: [person('P-HS04'), person('P-HS08')], format: 'easy-read', timing: 'before-asking-for-views', sharedAt: sharedDaysAgo(98), description: 'Easy-read invitation to the library visit' });
  for (const personId of ['P-HS03', 'P-HS04', 'P-HS08']) {
    await post(council, on('involvement'), { participant: person(personId), stage: 'designing-options', rung: 'engagement', support: ['accessible-venue'], ...daysAgo(92) });
  }
  await post(hillside, on('involvement'), { participant: provider, stage: 'implementing', rung: 'engagement', support: [], ...daysAgo(92) });
  await post(council, on('involvement'), { participant: commissioner, stage: 'deciding', rung: 'engagement', support: [], ...daysAgo(75) });
  const views = [
    await post(council, on('views'), { by: sister, stance: 'has-concerns', inOwnWords: 'The library is noisy. He gets upset in noise.', reason: 'He needs a quiet room.', ...daysAgo(90) }),
    await post(council, on('views'), { by: person('P-HS03'), stance: 'supports', inOwnWords: 'I like the library. I can borrow films there.', ...daysAgo(89), provenance: { recordedFor: 'P-HS03', gathered: 'in-a-meeting', readBack: true } }),
  ];
  await post(council, on('decision'), {
    outcome: 'agreed',
    reasons: 'Members liked the library visit. It has a quiet room.',
    decidedBy: [commissioner],
    claimedRung: 'engagement',
    reviewDate: dayFromToday(105),
    answers: [
      { viewId: idOf(views[0] ?? {}, 'viewId'), answer: 'The library has a quiet room for the club.' },
      { viewId: idOf(views[1] ?? {}, 'viewId'), answer: 'You can borrow films after the club.' },
    ],
    ...daysAgo(75),
  });
  await post(council, on('feedback'), { to: [person('P-HS03'), person('P-HS04'), person('P-HS08'), sister], format: 'easy-read', message: 'The club meets at the library from next month. Here is a map.', ...daysAgo(70) });
  const challenge = idOf(await post(council, on('challenges'), { by: sister, reason: 'The quiet room is booked by others on Tuesdays.' }), 'challengeId');
  await post(council, `${on('challenges')}/${challenge}/resolution`, {
    panel: [commissioner, { role: 'care-manager', label: 'care manager' }],
    finding: 'not-upheld',
    reasons: 'The library has booked the quiet room for the club every Tuesday.',
  });
  await post(hillside, on('changes'), {
    personId: 'P-HS04', area: 'community', direction: 'better', inPersonsOwnWords: false,
    before: 'Went to the club at the centre.', after: 'Goes to the library club and uses the quiet room.', ...daysAgo(30),
  });
  await post(council, on('changes'), {
    personId: 'P-HS08', area: 'relationships', direction: 'better', inPersonsOwnWords: true, mayBeQuoted: true,
    before: 'I only saw people from the centre.', after: 'I have a new friend from the library.', ...daysAgo(20), ...heardInAMeeting('P-HS08'),
  });
  await post(aisha, on('coproduction-reviews'), { by: aishaForTheGroup, rungReached: 'engagement', comments: 'We were asked and listened to. We did not plan it together.' });
}

/** Easy-read letters for everyone's annual review: proposed last month, still open. */
export async function reviewLetters(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council } = tokens;
  const on = paths(idOf(await post(council, '/decisions', {
    kind: 'commissioning',
    title: 'Easy-read letters for every annual review',
    summary: 'Every letter about a person’s annual review would be sent in the format they need, starting with easy read.',
    easyReadSummary: ['Letters about your review will be easy to read.'],
    proposedBy: commissioner,
    affects: { people: ['P-HS03', 'P-HS05', 'P-HS07'], groups: ['everyone with an annual review'] },
    organisations: [],
    ...daysAgo(30),
  }), 'decisionId'));
  await post(council, on('involvement'), { participant: person('P-HS05'), stage: 'identifying-the-need', rung: 'co-design', support: ['time-to-prepare'], ...daysAgo(25) });
  await post(council, on('views'), { by: person('P-HS05'), stance: 'supports', inOwnWords: 'I could not read my last review letter. I want big print.', ...daysAgo(20), ...heardInAMeeting('P-HS05') });
}
