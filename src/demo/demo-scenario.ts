// The demo: a populated record a newcomer can explore in a minute, in the words of the
// seeds. It goes through the HTTP API with a token per role, so every event carries its
// actor, passes the same checks as real use and sits in the same hash chains.
import type { FastifyInstance } from 'fastify';
import type { TokenStore } from '../auth/token-store.js';
import type { UserRole } from '../domain/actor.js';

export const COUNCIL = 'Leeds City Council';
export const DAY_SERVICE_PROVIDER = 'Hillside Support';
export const SELF_ADVOCACY_GROUP = 'Speaking Up Together self-advocacy group';

/** Eight people who went to the Hillside day centre. Made up; only the register holds the names. */
export const demoPeople = [
  { personId: 'P-HS01', name: 'Aisha Khan', needs: ['easy-read'], contact: 'via Hillside Support' },
  { personId: 'P-HS02', name: 'Tom Barker', needs: ['easy-read', 'advocate'], contact: 'tom.barker@example.org' },
  { personId: 'P-HS03', name: 'Grace Okafor', needs: ['british-sign-language'], contact: 'text 07700 900123' },
  { personId: 'P-HS04', name: 'Daniel Price', needs: ['easy-read'], contact: 'via his sister, Ruth Price' },
  { personId: 'P-HS05', name: 'Mary Whitfield', needs: ['large-print'], contact: '0113 496 0001' },
  { personId: 'P-HS06', name: 'Sam Lee', needs: ['easy-read', 'advocate'], contact: 'via his advocate' },
  { personId: 'P-HS07', name: 'Joseph Hart', needs: ['audio'], contact: '0113 496 0002' },
  { personId: 'P-HS08', name: 'Priya Shah', needs: ['easy-read'], contact: 'priya.shah@example.org' },
] as const;

export interface DemoTokens {
  commissioner: string;
  provider: string;
  'self-advocate': string;
  auditor: string;
  admin: string;
}

/** A fresh token for each role (the secrets are shown once; only hashes are kept). */
export async function createDemoTokens(tokens: TokenStore, now: string): Promise<DemoTokens> {
  const make = async (role: UserRole, name: string, extra: { organisation?: string; personId?: string } = {}) =>
    (await tokens.create({ role, name, ...extra }, now)).token;
  return {
    commissioner: await make('commissioner', 'Jo Fielding, commissioning manager', { organisation: COUNCIL }),
    provider: await make('provider', 'Hillside Support, service manager', { organisation: DAY_SERVICE_PROVIDER }),
    'self-advocate': await make('self-advocate', 'Speaking Up Together (self-advocate for P-HS01)', { personId: 'P-HS01' }),
    auditor: await make('auditor', 'Internal audit'),
    admin: await make('admin', 'Partnership Log administrator'),
  };
}

type Body = Record<string, unknown>;

/** Posts through the API and fails loudly: a demo that does not load is a bug. */
function client(app: FastifyInstance) {
  return async function post(token: string, url: string, body: Body): Promise<Record<string, unknown>> {
    const response = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: body });
    if (response.statusCode !== 201) throw new Error(`demo: POST ${url} answered ${response.statusCode}: ${response.body}`);
    return response.json<Record<string, unknown>>();
  };
}

function idOf(answer: Record<string, unknown>, key: string): string {
  const value = answer[key];
  if (typeof value !== 'string') throw new Error(`demo: the answer has no ${key}`);
  return value;
}

const person = (personId: string) => ({ role: 'person-using-support', personId });
const commissioner = { role: 'commissioner', organisation: COUNCIL };
const provider = { role: 'provider', organisation: DAY_SERVICE_PROVIDER };
const selfAdvocates = { role: 'self-advocate', label: SELF_ADVOCACY_GROUP };
/** The self-advocate token speaks as its own person (P-HS01), a member of the group. */
const aishaForTheGroup = { role: 'self-advocate', personId: 'P-HS01', label: SELF_ADVOCACY_GROUP };

export async function loadDemoScenario(app: FastifyInstance, tokens: DemoTokens): Promise<{ events: number }> {
  const post = client(app);
  const { commissioner: council, provider: hillside } = tokens;
  const everyone = demoPeople.map((p) => p.personId);
  let events = 0;
  const count = async (token: string, url: string, body: Body) => {
    const answer = await post(token, url, body);
    events += Array.isArray(answer.events) ? answer.events.length : 0;
    return answer;
  };

  // The register: each person once, with the formats they need.
  for (const p of demoPeople) {
    await count(council, '/people', {
      personId: p.personId,
      name: p.name,
      contactDetails: p.contact,
      communicationNeeds: p.needs.map((need) => ({ need })),
      supportedBy: [DAY_SERVICE_PROVIDER],
    });
  }

  // The block contract for the day centre.
  const contract = await count(council, '/contracts', {
    provider: DAY_SERVICE_PROVIDER,
    type: 'block',
    annualValue: 41_600_000,
    peopleCovered: everyone,
    service: 'Hillside day centre: weekday day service for adults with learning disabilities',
    start: '2024-04-01',
    end: '2027-03-31',
  });
  const contractId = idOf(contract, 'contractId');

  await disaggregation(count, tokens, contractId);
  await communityConnections(count, tokens);
  await lipService(count, tokens);
  void hillside;
  return { events };
}

type Post = (token: string, url: string, body: Body) => Promise<Record<string, unknown>>;

/** The block contract becomes Individual Service Funds, co-produced with the eight people. */
async function disaggregation(post: Post, tokens: DemoTokens, contractId: string): Promise<void> {
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
  ];

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
    ],
  });
  await post(council, on('feedback'), {
    to: [...demoPeople.map((p) => person(p.personId)), provider],
    format: 'easy-read',
    message: 'What we decided and why, in easy read, with what happens next and who to ask.',
  });

  await post(council, `/contracts/${contractId}/disaggregation`, {
    decisionId: id,
    timetable: [
      { step: 'Plan each person’s support with them', by: '2026-12-31' },
      { step: 'Budgets start', by: '2027-02-01' },
      { step: 'Review with people and families', by: '2027-06-30' },
    ],
    amountToRelease: 33_280_000,
  });
  const routes = ['individual-service-fund', 'individual-service-fund', 'direct-payment', 'individual-service-fund', 'individual-service-fund', 'individual-service-fund', 'direct-payment', 'individual-service-fund'];
  for (const [index, p] of demoPeople.entries()) {
    const route = routes[index] ?? 'individual-service-fund';
    const allocation = await post(council, `/contracts/${contractId}/allocations`, {
      personId: p.personId,
      amount: 4_160_000,
      route,
      ...(route === 'individual-service-fund' ? { heldBy: DAY_SERVICE_PROVIDER } : {}),
    });
    if (index < 6) {
      await post(council, `/contracts/${contractId}/transitions`, { personId: p.personId, allocationId: idOf(allocation, 'allocationId'), date: '2027-02-01' });
    }
  }

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
  await post(hillside, on('changes'), {
    personId: 'P-HS04',
    area: 'support',
    before: 'Five centre days a week.',
    after: 'Three centre days and one day at the allotment; his sister says the breaks are shorter.',
    direction: 'no-change',
    inPersonsOwnWords: false,
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

/** A provider's proposal: help people build community connections so they rely less on paid staff. */
async function communityConnections(post: Post, tokens: DemoTokens): Promise<void> {
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

/** A commissioning decision taken with lip-service involvement: told afterwards, one person present, no feedback. */
async function lipService(post: Post, tokens: DemoTokens): Promise<void> {
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
