// The disaggregation story: the block contract becomes Individual Service Funds,
// co-produced with the eight people, then carried out and reviewed.
import { idOf, type Post } from './demo-client.js';
import { carryOutDisaggregation } from './demo-contract.js';
import { aishaForTheGroup, commissioner, DAY_SERVICE_PROVIDER, demoPeople, person, provider, selfAdvocates } from './demo-people.js';
import type { DemoTokens } from './demo-tokens.js';

/** The block contract becomes Individual Service Funds, co-produced with the eight people. */
export async function disaggregation(post: Post, tokens: DemoTokens, contractId: string): Promise<void> {
  const { commissioner: council, provider: hillside } = tokens;
  const proposed = await post(council, '/decisions', {
    kind: 'disaggregation',
    title: 'Turn the Hillside day centre block contract into Individual Service Funds',
    summary:
      'The council pays Hillside Support one block sum for the day centre. We propose to release most of it as Individual Service Funds, ' +
      'so each person can choose how their support is spent, with whom and where, and keep the centre open two days a week for those who want it.',
    easyReadSummary: [
      'The council pays for the day centre in one big amount.',
      'We want to give each person their own budget.',
      'You can choose how your support is spent.',
      'You can keep going to the centre if you want.',
    ],
    proposedBy: commissioner,
    affects: { people: demoPeople.map((p) => p.personId), groups: ['people who use the Hillside day centre', 'their families'] },
    contractId,
    money: { amount: 33_280_000, description: 'to be released from the block as Individual Service Funds each year' },
    organisations: [DAY_SERVICE_PROVIDER],
  });
  const id = idOf(proposed, 'decisionId');
  const on = (path: string) => `/decisions/${id}/${path}`;
  // The first planning meeting is held now and typed up only after the decision: a meeting recorded late.
  const planningMeetingHeld = new Date().toISOString();

  await post(council, on('information'), {
    sharedWith: [...demoPeople.map((p) => person(p.personId)), { role: 'family-carer', label: 'Hillside families group' }],
    format: 'easy-read',
    timing: 'before-asking-for-views',
    sharedAt: '2026-09-01T10:00:00+01:00',
    description: 'Easy-read booklet “Your own budget” posted two weeks before the first meeting',
  });
  await post(council, on('information'), {
    sharedWith: [person('P-HS03')],
    format: 'british-sign-language',
    timing: 'before-asking-for-views',
    sharedAt: '2026-09-02T10:00:00+01:00',
    description: 'BSL video of the booklet',
  });
  await post(council, on('information'), {
    sharedWith: [person('P-HS05')],
    format: 'large-print',
    timing: 'before-asking-for-views',
    sharedAt: '2026-09-02T11:00:00+01:00',
    description: 'Large-print copy of the booklet',
  });
  await post(council, on('information'), {
    sharedWith: [person('P-HS07')],
    format: 'audio',
    timing: 'before-asking-for-views',
    sharedAt: '2026-09-02T12:00:00+01:00',
    description: 'Audio recording of the booklet',
  });

  for (const p of demoPeople) {
    await post(council, on('involvement'), {
      participant: person(p.personId),
      stage: 'designing-options',
      rung: 'co-design',
      support: p.needs.includes('advocate' as never) ? ['advocate', 'easy-read-papers-in-advance', 'time-to-prepare'] : ['easy-read-papers-in-advance', 'time-to-prepare', 'accessible-venue'],
    });
  }
  await post(council, on('involvement'), { participant: { role: 'family-carer', onBehalfOf: 'P-HS04', label: 'family carer (sister)' }, stage: 'designing-options', rung: 'co-design', support: ['time-to-prepare'] });
  await post(council, on('involvement'), { participant: provider, stage: 'designing-options', rung: 'co-design', support: [] });
  await post(council, on('involvement'), { participant: commissioner, stage: 'deciding', rung: 'co-production', support: [] });
  await post(council, on('involvement'), { participant: { role: 'partnership-board', label: 'Leeds Learning Disability Partnership Board' }, stage: 'deciding', rung: 'co-production', support: ['accessible-venue'] });

  const views = [
    await post(tokens['self-advocate'], on('views'), {
      by: person('P-HS01'),
      stance: 'supports',
      inOwnWords: 'I want to go swimming with my friend on Tuesdays, not sit at the centre all day.',
    }),
    await post(council, on('views'), {
      by: person('P-HS02'),
      stance: 'has-concerns',
      inOwnWords: 'I like my own budget idea but I do not want to lose my friends from the centre.',
      reason: 'My friends are at the centre and I only see them there.',
      provenance: { recordedFor: 'P-HS02', gathered: 'in-a-meeting', readBack: true },
    }),
    await post(council, on('views'), {
      by: { role: 'family-carer', onBehalfOf: 'P-HS04', label: 'family carer (sister)' },
      stance: 'opposes',
      inOwnWords: 'The centre gives our family a break. Who will arrange everything if it closes?',
      reason: 'Managing a budget would fall on me, and the risks and the time this takes have not been acknowledged.',
    }),
    await post(hillside, on('views'), {
      by: provider,
      stance: 'has-concerns',
      inOwnWords: 'We support this, but the complexity, the risks and the time it takes must be planned for together.',
      reason: 'Staff contracts and the building lease run to March; moving too fast would hurt the people we support.',
    }),
    // Said on the phone, written down by the council and read back; P-HS01 then confirms it with her own token.
    await post(council, on('views'), {
      by: person('P-HS01'),
      stance: 'has-concerns',
      inOwnWords: 'I want to choose my own support worker, someone who likes swimming too.',
      reason: 'The worker I have now does not like the water.',
      provenance: { recordedFor: 'P-HS01', gathered: 'phone', readBack: true },
    }),
  ];
  await post(tokens['self-advocate'], on('confirmations'), {
    fact: 'view',
    factId: idOf(views[4] ?? {}, 'viewId'),
    personId: 'P-HS01',
    inOwnWords: 'Yes, that is what I said.',
  });

  await post(council, on('options'), {
    title: 'Keep the block contract as it is',
    description: 'The centre stays open five days a week under one contract.',
    pros: ['Nothing changes for people who like the centre'],
    cons: ['People cannot choose other activities', 'Money is tied to the building'],
    putForwardBy: commissioner,
  });
  await post(council, on('options'), {
    title: 'Individual Service Funds held by a provider each person chooses',
    description: 'Each person gets a budget held by Hillside or another provider they choose; the centre opens two days a week.',
    pros: ['Choice and control', 'People keep the friendships they want'],
    cons: ['Takes time to plan each person’s support'],
    putForwardBy: selfAdvocates,
  });

  const risk = await post(council, on('risks'), {
    description: 'People may lose touch with friends they made at the centre.',
    fallsOn: [person('P-HS02'), person('P-HS06')],
    likelihood: 'medium',
    impact: 'high',
  });
  const riskId = idOf(risk, 'riskId');
  await post(council, `${on('risks')}/${riskId}/acceptance`, {
    acceptedBy: [person('P-HS02'), { role: 'advocate', onBehalfOf: 'P-HS06', label: 'independent advocate' }, commissioner],
    whyWorthTaking: 'Friendships can grow outside the centre too; the chance to choose is worth it if friends are helped to keep meeting.',
    mitigations: ['Two centre days a week stay open', 'Budgets can be pooled so friends do things together', 'Check in after three months'],
    reviewDate: '2027-03-01',
  });
  // P-HS02 has no token of her own: the council records her confirmation, saying how it heard it.
  await post(council, on('confirmations'), {
    fact: 'risk-acceptance',
    factId: riskId,
    personId: 'P-HS02',
    inOwnWords: 'Yes. I will take the chance if I can still see my friends.',
    provenance: { recordedFor: 'P-HS02', gathered: 'in-a-meeting', readBack: true },
  });
  const risk2 = await post(hillside, on('risks'), {
    description: 'Staff may leave before new rotas are agreed, leaving gaps in support.',
    fallsOn: [provider],
    likelihood: 'medium',
    impact: 'medium',
  });
  await post(council, `${on('risks')}/${idOf(risk2, 'riskId')}/acceptance`, {
    acceptedBy: [provider, commissioner],
    whyWorthTaking: 'Keeping staff who know people matters; the council pays transition costs for six months.',
    mitigations: ['Transition funding until September 2027'],
    reviewDate: '2027-01-15',
  });

  await post(council, on('decision'), {
    outcome: 'agreed-with-changes',
    reasons: 'People told us they want choice; we will move slowly and keep two centre days so friendships are not lost.',
    decidedBy: [commissioner, { role: 'partnership-board', label: 'Leeds Learning Disability Partnership Board' }],
    claimedRung: 'co-production',
    reviewDate: '2027-06-30',
    answers: [
      { viewId: idOf(views[0] ?? {}, 'viewId'), answer: 'Your budget can pay for support to go swimming on Tuesdays.' },
      { viewId: idOf(views[1] ?? {}, 'viewId'), answer: 'The centre stays open two days a week, and friends can pool budgets to meet.' },
      { viewId: idOf(views[2] ?? {}, 'viewId'), answer: 'Hillside can hold the budget as an Individual Service Fund, so the family does not manage money.' },
      { viewId: idOf(views[3] ?? {}, 'viewId'), answer: 'We agreed a twelve-month timetable and six months of transition funding.' },
      { viewId: idOf(views[4] ?? {}, 'viewId'), answer: 'Your budget lets you choose who supports you, and you can interview them.' },
    ],
  });
  await post(council, on('feedback'), {
    to: [...demoPeople.map((p) => person(p.personId)), provider],
    format: 'easy-read',
    message: 'What we decided and why, in easy read, with what happens next and who to ask.',
  });
  // Typed up after the decision, dated when it happened: the review counts it before the decision, the record shows it was late.
  await post(council, on('involvement'), {
    participant: { role: 'partnership-board', label: 'Leeds Learning Disability Partnership Board' },
    stage: 'identifying-the-need',
    rung: 'co-design',
    support: ['accessible-venue', 'easy-read-papers-in-advance'],
    notes: 'First planning meeting, typed up after the decision.',
    occurredAt: planningMeetingHeld,
  });

  await carryOutDisaggregation(post, council, contractId, id);

  await post(tokens['self-advocate'], on('changes'), {
    personId: 'P-HS01',
    area: 'community',
    before: 'I sat at the centre every day.',
    after: 'I go swimming with my friend on Tuesdays and to the library on Fridays.',
    direction: 'better',
    inPersonsOwnWords: true,
  });
  await post(hillside, on('changes'), {
    personId: 'P-HS02',
    area: 'relationships',
    before: 'Saw friends only at the centre.',
    after: 'Meets two friends from the centre at the bowling alley, with pooled budgets.',
    direction: 'better',
    inPersonsOwnWords: false,
  });
  const hs04Change = await post(hillside, on('changes'), {
    personId: 'P-HS04',
    area: 'support',
    before: 'Five centre days a week.',
    after: 'Three centre days and one day at the allotment; his sister says the breaks are shorter.',
    direction: 'no-change',
    inPersonsOwnWords: false,
  });
  // P-HS04 disputes it through his advocate; the council records his words, saying how it heard them.
  await post(council, on('disputes'), {
    fact: 'change',
    factId: idOf(hs04Change, 'changeId'),
    personId: 'P-HS04',
    inOwnWords: 'It is better for me. I love the allotment. Nobody asked me, they asked my sister.',
    provenance: { recordedFor: 'P-HS04', gathered: 'by-their-advocate', readBack: true },
  });
  await post(hillside, on('changes'), {
    personId: 'P-HS06',
    area: 'work',
    before: 'No paid work.',
    after: 'Works two mornings a week at the garden centre café with a job coach.',
    direction: 'better',
    inPersonsOwnWords: false,
  });
  await post(tokens['self-advocate'], on('coproduction-reviews'), {
    by: aishaForTheGroup,
    rungReached: 'co-design',
    comments: 'We helped design the options, but the council decided the timetable without us.',
  });
}
