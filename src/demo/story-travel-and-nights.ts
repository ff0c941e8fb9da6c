// Two quarters of the council's decisions (history for the Partnership Board report): travel
// training made with people, a Friday closure deferred, night support by phone challenged and
// superseded by a choice each person makes. Days are days before the demo loads. The history
// leaves P-HS01's and P-HS02's own record (views, risks, being affected) to the first stories.
import { idOf, type Post } from './demo-client.js';
import { dayFromToday, daysAgo, sharedDaysAgo } from './demo-history-dates.js';
import { aishaForTheGroup, commissioner, DAY_SERVICE_PROVIDER, person, provider } from './demo-people.js';
import type { DemoTokens } from './demo-tokens.js';

const heardInAMeeting = (personId: string) => ({ provenance: { recordedFor: personId, gathered: 'in-a-meeting', readBack: true } });
const paths = (id: string) => (path: string) => `/decisions/${id}/${path}`;

/** Travel training instead of the minibus: co-produced, answered, and what changed recorded in people's words. */
export async function travelTraining(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council, 'self-advocate': aisha } = tokens;
  const on = paths(idOf(await post(council, '/decisions', {
    kind: 'commissioning',
    title: 'Travel training instead of the day centre minibus',
    summary: 'People who want to travel on their own get travel training and a bus pass. The minibus runs only for those who need it.',
    easyReadSummary: ['You can learn to use the bus.', 'Someone will go with you at first.', 'The minibus is still there if you need it.'],
    proposedBy: commissioner,
    affects: { people: ['P-HS05', 'P-HS07', 'P-HS08'], groups: ['people who use the Hillside minibus'] },
    organisations: [DAY_SERVICE_PROVIDER],
    ...daysAgo(175),
  }), 'decisionId'));
  await post(council, on('information'), { sharedWith: [person('P-HS08')], format: 'easy-read', timing: 'before-asking-for-views', sharedAt: sharedDaysAgo(172), description: 'Easy-read leaflet “Going out on the bus”' });
  await post(council, on('information'), { sharedWith: [person('P-HS05')], format: 'large-print', timing: 'before-asking-for-views', sharedAt: sharedDaysAgo(172), description: 'Large-print copy of the leaflet' });
  await post(council, on('information'), { sharedWith: [person('P-HS07')], format: 'audio', timing: 'before-asking-for-views', sharedAt: sharedDaysAgo(172), description: 'Audio recording of the leaflet' });
  for (const personId of ['P-HS05', 'P-HS07', 'P-HS08']) {
    await post(council, on('involvement'), { participant: person(personId), stage: 'designing-options', rung: 'co-design', support: ['easy-read-papers-in-advance', 'time-to-prepare'], ...daysAgo(165) });
  }
  await post(council, on('involvement'), { participant: provider, stage: 'designing-options', rung: 'co-design', support: [], ...daysAgo(165) });
  await post(council, on('involvement'), { participant: commissioner, stage: 'deciding', rung: 'co-production', support: [], ...daysAgo(140) });
  const views = [
    await post(council, on('views'), { by: person('P-HS07'), stance: 'supports', inOwnWords: 'I want to go to the shops on my own. I need to learn the bus first.', ...daysAgo(160), ...heardInAMeeting('P-HS07') }),
    await post(council, on('views'), { by: person('P-HS05'), stance: 'has-concerns', inOwnWords: 'I cannot read the bus times. They are too small.', reason: 'The timetable at the stop is in small print.', ...daysAgo(160), ...heardInAMeeting('P-HS05') }),
    await post(council, on('views'), { by: person('P-HS08'), stance: 'supports', inOwnWords: 'I want someone with me the first few times.', ...daysAgo(158), provenance: { recordedFor: 'P-HS08', gathered: 'phone', readBack: true } }),
  ];
  // P-HS08 has no token of her own: the council records her confirmation, saying how it heard it.
  await post(council, on('confirmations'), { fact: 'view', factId: idOf(views[2] ?? {}, 'viewId'), personId: 'P-HS08', inOwnWords: 'Yes. That is what I said on the phone.', ...heardInAMeeting('P-HS08') });
  const risk = idOf(await post(council, on('risks'), { description: 'Someone may get lost on the bus.', fallsOn: [person('P-HS05'), person('P-HS08')], likelihood: 'medium', impact: 'medium' }), 'riskId');
  await post(council, `${on('risks')}/${risk}/acceptance`, {
    acceptedBy: [person('P-HS05'), person('P-HS08'), commissioner],
    whyWorthTaking: 'Going out on your own is part of an ordinary life. The risk is small with training.',
    mitigations: ['A trainer travels with each person until they feel ready', 'A card with a phone number to call'],
    reviewDate: dayFromToday(-30),
    ...daysAgo(150),
    ...heardInAMeeting('P-HS05'),
  });
  // Agreed at the meeting; each person's agreement is read back and confirmed, so the risk is taken with them.
  for (const personId of ['P-HS05', 'P-HS08']) {
    await post(council, on('confirmations'), { fact: 'risk-acceptance', factId: risk, personId, inOwnWords: 'Yes. I want to try the bus.', ...heardInAMeeting(personId) });
  }
  await post(council, on('decision'), {
    outcome: 'agreed',
    reasons: 'People asked to travel on their own. Training makes it safe.',
    decidedBy: [commissioner],
    claimedRung: 'co-production',
    reviewDate: dayFromToday(-50),
    answers: [
      { viewId: idOf(views[0] ?? {}, 'viewId'), answer: 'You will have travel training. Then you can go to the shops.' },
      { viewId: idOf(views[1] ?? {}, 'viewId'), answer: 'We asked for bus times in big print at your stop.' },
      { viewId: idOf(views[2] ?? {}, 'viewId'), answer: 'A trainer will go with you until you feel ready.' },
    ],
    ...daysAgo(140),
  });
  await post(council, on('feedback'), { to: [person('P-HS05'), person('P-HS07'), person('P-HS08'), provider], format: 'easy-read', message: 'What we decided about travel training, and who to ask.', ...daysAgo(131) });
  await post(council, on('changes'), {
    personId: 'P-HS07', area: 'community', direction: 'better', inPersonsOwnWords: true, mayBeQuoted: true,
    before: 'The minibus took me everywhere.', after: 'I go to the shops on the bus on my own.', ...daysAgo(60), ...heardInAMeeting('P-HS07'),
  });
  await post(council, on('changes'), {
    personId: 'P-HS05', area: 'choice-and-control', direction: 'better', inPersonsOwnWords: true,
    before: 'I waited for the minibus.', after: 'I choose when I go out.', ...daysAgo(45), ...heardInAMeeting('P-HS05'),
  });
  await post(aisha, on('coproduction-reviews'), { by: aishaForTheGroup, rungReached: 'co-production', comments: 'We planned the travel training with the council. It was our idea.' });
}

/** Closing the centre on Fridays: families objected, so the decision was deferred, and its review has passed. */
export async function fridayClosure(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council } = tokens;
  const on = paths(idOf(await post(council, '/decisions', {
    kind: 'commissioning',
    title: 'Close the Hillside day centre on Fridays',
    summary: 'The centre would close on Fridays and the money would pay for activities people choose in the community.',
    easyReadSummary: ['The centre might close on Fridays.', 'You could do other things on Fridays.'],
    proposedBy: commissioner,
    affects: { people: ['P-HS03', 'P-HS07'], groups: ['people who use the centre on Fridays', 'their families'] },
    organisations: [DAY_SERVICE_PROVIDER],
    ...daysAgo(160),
  }), 'decisionId'));
  await post(council, on('information'), { sharedWith: [{ role: 'family-carer', label: 'Hillside families group' }], format: 'standard', timing: 'before-asking-for-views', sharedAt: sharedDaysAgo(158), description: 'Letter to families about Fridays' });
  for (const personId of ['P-HS03', 'P-HS07']) {
    await post(council, on('involvement'), { participant: person(personId), stage: 'identifying-the-need', rung: 'consultation', support: ['accessible-venue'], ...daysAgo(150) });
  }
  await post(council, on('views'), {
    by: { role: 'family-carer', onBehalfOf: 'P-HS07', label: 'family carer (father)' },
    stance: 'opposes',
    inOwnWords: 'Friday is the only day I can work. Nobody asked us what we would do.',
    reason: 'Families rely on Fridays for work and rest.',
    ...daysAgo(148),
  });
  await post(council, on('views'), { by: person('P-HS03'), stance: 'unsure', inOwnWords: 'I like Fridays at the centre. I might like the art group too.', ...daysAgo(148), ...heardInAMeeting('P-HS03') });
  await post(council, on('decision'), {
    outcome: 'deferred',
    reasons: 'We need to hear from more families first. We will ask again with easy-read papers and a BSL video.',
    decidedBy: [commissioner],
    claimedRung: 'consultation',
    reviewDate: dayFromToday(-40),
    answers: [],
    ...daysAgo(120),
  });
  await post(council, on('feedback'), { to: [{ role: 'family-carer', label: 'Hillside families group' }], format: 'standard', message: 'Nothing changes on Fridays for now. We will ask you again.', ...daysAgo(116) });
}

/** Night support by phone, agreed without the people it affects, challenged, upheld and superseded by each person's choice. */
export async function nightSupport(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council, provider: hillside, 'self-advocate': aisha } = tokens;
  const first = idOf(await post(council, '/decisions', {
    kind: 'commissioning',
    title: 'Night support by phone instead of sleep-in staff',
    summary: 'Sleep-in staff at the two Hillside houses would be replaced by a phone and sensor service that calls a responder.',
    easyReadSummary: ['At night there would be no staff in the house.', 'You could call for help with a phone.'],
    proposedBy: commissioner,
    affects: { people: ['P-HS02', 'P-HS06'], groups: ['people living in the Hillside houses'] },
    organisations: [DAY_SERVICE_PROVIDER],
    ...daysAgo(150),
  }), 'decisionId');
  const onFirst = paths(first);
  await post(council, onFirst('involvement'), { participant: commissioner, stage: 'deciding', rung: 'co-production', support: [], ...daysAgo(115) });
  await post(hillside, onFirst('involvement'), { participant: provider, stage: 'designing-options', rung: 'consultation', support: [], ...daysAgo(130) });
  await post(council, onFirst('views'), {
    by: person('P-HS06'),
    stance: 'opposes',
    inOwnWords: 'I get scared at night. I want a real person there.',
    reason: 'He wakes most nights and needs someone he knows.',
    ...daysAgo(125),
    provenance: { recordedFor: 'P-HS06', gathered: 'by-their-advocate', readBack: true },
  });
  const risk = idOf(await post(council, onFirst('risks'), { description: 'Someone may need help at night and wait too long.', fallsOn: [person('P-HS06')], likelihood: 'medium', impact: 'high' }), 'riskId');
  await post(council, `${onFirst('risks')}/${risk}/acceptance`, {
    acceptedBy: [commissioner, provider],
    whyWorthTaking: 'Responders can arrive within twenty minutes.',
    mitigations: ['Sensors by each bed'],
    reviewDate: dayFromToday(-60),
    ...daysAgo(112),
  });
  await post(council, onFirst('decision'), { outcome: 'agreed', reasons: 'The phone service costs less and gives people more privacy.', decidedBy: [commissioner], claimedRung: 'co-production', reviewDate: dayFromToday(-20), answers: [], ...daysAgo(110) });
  const challenge = idOf(await post(aisha, onFirst('challenges'), { by: aishaForTheGroup, reason: 'Nobody asked the people who sleep there. Their view got no answer.' }), 'challengeId');
  await post(council, `${onFirst('challenges')}/${challenge}/resolution`, {
    panel: [person('P-HS03'), { role: 'family-carer', label: 'Hillside families group' }, commissioner, { role: 'care-manager', label: 'care manager' }],
    finding: 'upheld',
    reasons: 'People were not asked. A new decision must be made with them.',
  });
  await post(aisha, onFirst('coproduction-reviews'), { by: aishaForTheGroup, rungReached: 'informing', comments: 'We were told. We were not asked.' });

  const second = idOf(await post(council, '/decisions', {
    kind: 'commissioning',
    title: 'Night support: each person chooses sleep-in staff or a phone service',
    summary: 'Each person living in the Hillside houses chooses, with their advocate, whether they keep sleep-in staff or use the phone service.',
    easyReadSummary: ['You choose what help you have at night.', 'You can keep staff in the house.', 'Or you can use a phone.'],
    proposedBy: commissioner,
    affects: { people: ['P-HS02', 'P-HS06'], groups: ['people living in the Hillside houses'] },
    organisations: [DAY_SERVICE_PROVIDER],
    ...daysAgo(85),
  }), 'decisionId');
  const on = paths(second);
  await post(council, on('information'), { sharedWith: [person('P-HS02'), person('P-HS06')], format: 'easy-read', timing: 'before-asking-for-views', sharedAt: sharedDaysAgo(84), description: 'Easy-read booklet “Help at night: you choose”' });
  for (const personId of ['P-HS02', 'P-HS06']) {
    await post(council, on('involvement'), { participant: person(personId), stage: 'designing-options', rung: 'co-design', support: ['advocate', 'easy-read-papers-in-advance'], ...daysAgo(75) });
  }
  await post(council, on('involvement'), { participant: provider, stage: 'designing-options', rung: 'co-design', support: [], ...daysAgo(75) });
  await post(council, on('involvement'), { participant: commissioner, stage: 'deciding', rung: 'co-production', support: [], ...daysAgo(60) });
  const views = [
    await post(hillside, on('views'), { by: provider, stance: 'supports', inOwnWords: 'We can offer both. Staff who know people will stay on at night.', ...daysAgo(72) }),
    await post(council, on('views'), { by: { role: 'advocate', onBehalfOf: 'P-HS06', label: 'independent advocate' }, stance: 'supports', inOwnWords: 'He wants staff he knows at night. He is happy to choose.', ...daysAgo(72) }),
  ];
  const nightRisk = idOf(await post(council, on('risks'), { description: 'Someone who chooses the phone may feel lonely at night.', fallsOn: [person('P-HS06')], likelihood: 'low', impact: 'medium' }), 'riskId');
  await post(council, `${on('risks')}/${nightRisk}/acceptance`, {
    acceptedBy: [{ role: 'advocate', onBehalfOf: 'P-HS06', label: 'independent advocate' }, commissioner],
    whyWorthTaking: 'He wants to try the phone on two nights a week. He can change his mind at any time.',
    mitigations: ['A check-in call each evening'],
    reviewDate: dayFromToday(30),
    ...daysAgo(62),
  });
  await post(council, on('decision'), {
    outcome: 'agreed-with-changes',
    reasons: 'Each person chooses. The phone service is there for those who want it.',
    decidedBy: [commissioner],
    claimedRung: 'co-production',
    reviewDate: dayFromToday(120),
    answers: [
      { viewId: idOf(views[0] ?? {}, 'viewId'), answer: 'Each person chooses. Staff they know stay on for those who want them.' },
      { viewId: idOf(views[1] ?? {}, 'viewId'), answer: 'He keeps staff he knows at night.' },
    ],
    ...daysAgo(60),
  });
  await post(council, `/decisions/${first}/supersession`, { supersededBy: second, reason: 'The challenge was upheld: each person now chooses their night support.' });
  // Told five weeks after the decision: late feedback the report should show.
  await post(council, on('feedback'), { to: [person('P-HS02'), person('P-HS06'), provider], format: 'easy-read', message: 'What you chose for nights, and who to call.', ...daysAgo(24) });
  await post(hillside, on('changes'), {
    personId: 'P-HS02', area: 'home', direction: 'better', inPersonsOwnWords: false,
    before: 'Worried that staff would stop staying at night.', after: 'Keeps sleep-in staff she knows; sleeps better.', ...daysAgo(12),
  });
  await post(aisha, on('coproduction-reviews'), { by: aishaForTheGroup, rungReached: 'co-design', comments: 'This time we were asked. The council still set the timetable.' });
}
