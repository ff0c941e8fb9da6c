// The community connections story: a provider's proposal, still being discussed.
import { idOf, type Post } from './demo-client.js';
import { DAY_SERVICE_PROVIDER, person, provider } from './demo-people.js';
import type { DemoTokens } from './demo-tokens.js';

/** A provider's proposal: help people build community connections so they rely less on paid staff. */
export async function communityConnections(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council, provider: hillside } = tokens;
  const proposed = await post(hillside, '/decisions', {
    kind: 'provider-change',
    title: 'Help people build community connections so they rely less on paid staff',
    summary:
      'Hillside Support proposes to spend part of its staff time as community connectors: finding clubs, groups and neighbours for each person, ' +
      'so people have friends and activities that do not need paid staff to be there all the time.',
    easyReadSummary: ['We want to help you make more friends near where you live.', 'You can do things you like with people you choose.', 'Staff will still help when you need them.'],
    proposedBy: provider,
    affects: { people: ['P-HS02', 'P-HS05', 'P-HS06', 'P-HS08'], groups: ['people Hillside supports'] },
    organisations: [DAY_SERVICE_PROVIDER],
  });
  const id = idOf(proposed, 'decisionId');
  const on = (path: string) => `/decisions/${id}/${path}`;
  await post(hillside, on('information'), {
    sharedWith: [person('P-HS02'), person('P-HS06'), person('P-HS08')],
    format: 'easy-read',
    timing: 'before-asking-for-views',
    sharedAt: '2026-10-05T10:00:00+01:00',
    description: 'Easy-read leaflet “Friends near you”',
  });
  for (const personId of ['P-HS02', 'P-HS06', 'P-HS08']) {
    await post(hillside, on('involvement'), { participant: person(personId), stage: 'identifying-the-need', rung: 'engagement', support: ['easy-read-papers-in-advance'] });
  }
  await post(hillside, on('involvement'), { participant: provider, stage: 'identifying-the-need', rung: 'co-design', support: [] });
  // People's own views, gathered at Hillside's meeting, are recorded by the commissioner: a provider speaks only for itself.
  await post(council, on('views'), {
    by: person('P-HS08'),
    stance: 'supports',
    inOwnWords: 'I want to join the choir at church. I need someone to come the first time.',
  });
  await post(council, on('views'), {
    by: person('P-HS06'),
    stance: 'unsure',
    inOwnWords: 'I like my support worker. I do not want to lose her.',
  });
  await post(hillside, on('options'), {
    title: 'Community connector role, two days a week',
    description: 'One experienced support worker becomes a community connector two days a week.',
    pros: ['People meet others who are not paid to be there'],
    cons: ['Fewer staff hours on those days'],
    putForwardBy: provider,
  });
  const risk = await post(hillside, on('risks'), {
    description: 'Someone may be without paid support at a community group when they need help.',
    fallsOn: [person('P-HS06'), person('P-HS08')],
    likelihood: 'low',
    impact: 'medium',
  });
  void risk;
}
