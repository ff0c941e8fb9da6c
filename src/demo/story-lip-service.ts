// The lip-service story: a commissioning decision the co-production review flags.
import { idOf, type Post } from './demo-client.js';
import { aishaForTheGroup, commissioner, person } from './demo-people.js';
import type { DemoTokens } from './demo-tokens.js';

/** A commissioning decision taken with lip-service involvement: told afterwards, one person present, no feedback. */
export async function lipService(post: Post, tokens: DemoTokens): Promise<void> {
  const { commissioner: council } = tokens;
  const proposed = await post(council, '/decisions', {
    kind: 'commissioning',
    title: 'Re-tender the short breaks (respite) service',
    summary: 'The short breaks service will be re-tendered on a framework contract with a lower hourly rate from April.',
    easyReadSummary: ['We will choose a new short breaks service.', 'It will cost less per hour.'],
    proposedBy: commissioner,
    affects: { people: ['P-HS04', 'P-HS07'], groups: ['families who use short breaks'] },
    organisations: [],
  });
  const id = idOf(proposed, 'decisionId');
  const on = (path: string) => `/decisions/${id}/${path}`;
  await post(council, on('involvement'), { participant: commissioner, stage: 'deciding', rung: 'co-production', support: [] });
  await post(council, on('involvement'), { participant: person('P-HS07'), stage: 'deciding', rung: 'informing', support: [] });
  await post(council, on('decision'), {
    outcome: 'agreed',
    reasons: 'The budget for next year is lower; the framework gives better value.',
    decidedBy: [commissioner],
    claimedRung: 'co-production',
    reviewDate: '2027-04-30',
    answers: [],
  });
  await post(council, on('information'), {
    sharedWith: [person('P-HS04'), person('P-HS07'), { role: 'family-carer', label: 'Short breaks families' }],
    format: 'standard',
    timing: 'after-asking-for-views',
    sharedAt: '2026-11-01T09:00:00+00:00',
    description: 'Letter telling families the decision had been made',
  });
  await post(tokens['self-advocate'], on('challenges'), {
    by: aishaForTheGroup,
    reason: 'Families were told afterwards in a standard letter. Only one person who uses short breaks was there, and nobody asked us.',
  });
  await post(tokens['self-advocate'], on('coproduction-reviews'), {
    by: aishaForTheGroup,
    rungReached: 'informing',
    comments: 'This was lip service: we were told, not asked.',
  });
}
