// Forms that start a record (propose a decision, register a contract) and the forms on a
// contract (plan a disaggregation, allocate a budget).
import { checkEasyRead } from '../easy-read.js';
import type { Viewer } from '../layout.js';
import type { ContractDetail, ContractRow, DecisionSummary } from '../read-models.js';
import { pounds } from '../words.js';
import type { Field, FormSpec } from './form-kit.js';

export interface NewDecisionContext {
  viewer: Viewer;
  contracts: readonly ContractRow[];
}

export const proposeDecision: FormSpec<NewDecisionContext> = {
  slug: 'new',
  command: 'ProposeDecision',
  title: (viewer) => (viewer.actor.role === 'provider' ? 'Propose a change' : 'Propose a decision'),
  picture: 'pencil',
  intro: ['Say what you want to decide, and who it affects.', 'Write an easy-read summary: one short sentence on each line.'],
  submit: 'Propose',
  saved: 'The proposal is saved.',
  fields: (ctx) => {
    const provider = ctx.viewer.actor.role === 'provider';
    const fields: Field[] = [
      ...(provider
        ? []
        : [
            {
              name: 'kind',
              label: 'What kind of decision',
              kind: 'radios' as const,
              choices: [
                { value: 'commissioning', label: 'Buying or changing a service' },
                { value: 'disaggregation', label: 'Splitting a block contract into people’s own budgets' },
              ],
            },
          ]),
      { name: 'title', label: 'Title', kind: 'text' },
      { name: 'summary', label: 'Summary', kind: 'textarea' },
      {
        name: 'easyReadSummary',
        label: 'Easy-read summary',
        kind: 'lines',
        hint: 'One sentence on each line. Use 15 words or fewer in each sentence, and everyday words.',
      },
      { name: 'people', label: 'People it affects', kind: 'text', optional: true, hint: 'Person ids, like P-HS01, separated by commas.', api: ['affects.people'] },
      { name: 'groups', label: 'Groups it affects', kind: 'lines', optional: true, hint: 'One on each line.', api: ['affects.groups', 'affects'] },
      ...(provider
        ? []
        : [
            {
              name: 'contractId',
              label: 'Contract',
              kind: 'select' as const,
              optional: true,
              hint: 'A decision to split a block contract names it.',
              choices: ctx.contracts.map((c) => ({ value: c.contractId, label: `${c.provider}: ${c.service}` })),
            },
            { name: 'amount', label: 'Money involved, in pounds', kind: 'money' as const, optional: true, api: ['money.amount', 'money'] },
            { name: 'moneyDescription', label: 'What the money is for', kind: 'text' as const, optional: true, api: ['money.description'] },
            { name: 'organisations', label: 'Providers it concerns', kind: 'lines' as const, optional: true, hint: 'One on each line.' },
          ]),
    ];
    return fields;
  },
  warnings: (r) => checkEasyRead(r.lines('easyReadSummary')),
  request: (r, ctx) => {
    const { actor } = ctx.viewer;
    const provider = actor.role === 'provider';
    const amount = r.pence('amount');
    const moneyDescription = r.optional('moneyDescription');
    return {
      url: '/decisions',
      body: {
        kind: provider ? 'provider-change' : r.optional('kind'),
        title: r.text('title'),
        summary: r.text('summary'),
        easyReadSummary: r.lines('easyReadSummary'),
        proposedBy: { role: actor.role, organisation: actor.organisation },
        affects: { people: r.words('people'), groups: r.lines('groups') },
        contractId: provider ? undefined : r.optional('contractId'),
        money: amount !== undefined || moneyDescription ? { amount, description: moneyDescription } : undefined,
        organisations: provider && actor.organisation ? [actor.organisation] : r.lines('organisations'),
      },
    };
  },
};

export const registerContract: FormSpec<{ viewer: Viewer }> = {
  slug: 'new',
  command: 'RegisterContract',
  title: () => 'Register a contract',
  picture: 'money',
  intro: ['Record a contract: who provides it, what for, and how much it is worth each year.'],
  submit: 'Register',
  saved: 'The contract is registered.',
  fields: () => [
    { name: 'provider', label: 'Provider', kind: 'text' },
    { name: 'type', label: 'Type', kind: 'radios', choices: ['block', 'spot', 'framework', 'individual-service-fund'].map((t) => ({ value: t, label: t.replace(/-/g, ' ') })) },
    { name: 'service', label: 'Service', kind: 'text' },
    { name: 'annualValue', label: 'Value each year, in pounds', kind: 'money' },
    { name: 'peopleCovered', label: 'People covered', kind: 'text', optional: true, hint: 'Person ids, like P-HS01, separated by commas.' },
    { name: 'start', label: 'Start date', kind: 'date' },
    { name: 'end', label: 'End date', kind: 'date', optional: true },
  ],
  request: (r) => ({
    url: '/contracts',
    body: {
      provider: r.text('provider'),
      type: r.optional('type'),
      service: r.text('service'),
      annualValue: r.pence('annualValue'),
      peopleCovered: r.words('peopleCovered'),
      start: r.optional('start'),
      end: r.optional('end'),
    },
  }),
};

export interface ContractFormContext {
  viewer: Viewer;
  contract: ContractDetail;
  decisions: readonly DecisionSummary[];
}

const STEPS = 3;

export const planDisaggregation: FormSpec<ContractFormContext, ContractDetail> = {
  slug: 'disaggregation',
  command: 'PlanDisaggregation',
  title: () => 'Plan a disaggregation',
  picture: 'money',
  intro: ['Plan how money is released from the block to people’s own budgets, and when.'],
  submit: 'Save the plan',
  saved: 'The plan is saved.',
  appliesTo: (c) => c.type === 'block' && c.status !== 'ended' && !c.disaggregation,
  fields: (ctx) => [
    {
      name: 'decisionId',
      label: 'The decision this carries out',
      kind: 'radios',
      choices: ctx.decisions.filter((d) => d.kind === 'disaggregation').map((d) => ({ value: d.decisionId, label: d.title })),
    },
    { name: 'amountToRelease', label: 'Money to release each year, in pounds', kind: 'money', hint: `The block is worth ${pounds(ctx.contract.annualValue)} a year.` },
    ...Array.from({ length: STEPS }, (_, i): Field[] => [
      { name: `step-${i + 1}`, label: `Step ${i + 1}`, kind: 'text', optional: i > 0, api: [`timetable.${i}.step`, ...(i === 0 ? ['timetable'] : [])] },
      { name: `by-${i + 1}`, label: `Step ${i + 1} done by`, kind: 'date', optional: i > 0, api: [`timetable.${i}.by`] },
    ]).flat(),
  ],
  request: (r, ctx) => ({
    url: `/contracts/${ctx.contract.contractId}/disaggregation`,
    body: {
      decisionId: r.optional('decisionId'),
      amountToRelease: r.pence('amountToRelease'),
      timetable: Array.from({ length: STEPS }, (_, i) => ({ step: r.text(`step-${i + 1}`), by: r.optional(`by-${i + 1}`) })).filter((s, i) => i === 0 || s.step || s.by),
    },
  }),
};

export const allocateBudget: FormSpec<ContractFormContext, ContractDetail> = {
  slug: 'allocation',
  command: 'AllocateIndividualBudget',
  title: () => 'Allocate a budget',
  picture: 'money',
  intro: ['Give a person their own budget from the money released.'],
  submit: 'Allocate',
  saved: 'The budget is allocated.',
  appliesTo: (c) => c.disaggregation !== undefined && c.status !== 'ended',
  fields: (ctx) => [
    { name: 'personId', label: 'Person', kind: 'select', choices: ctx.contract.peopleCovered.map((p) => ({ value: p, label: p })) },
    { name: 'amount', label: 'Amount each year, in pounds', kind: 'money', hint: `Released but not yet allocated: ${pounds(ctx.contract.money.releasedNotYetAllocated)}.` },
    {
      name: 'route',
      label: 'How the money reaches them',
      kind: 'radios',
      choices: [
        { value: 'direct-payment', label: 'Direct payment' },
        { value: 'individual-service-fund', label: 'Individual Service Fund' },
        { value: 'indirect-payment', label: 'Indirect payment' },
        { value: 'trust', label: 'Trust' },
        { value: 'council-managed', label: 'Managed by the council' },
      ],
    },
    { name: 'heldBy', label: 'Provider who holds it', kind: 'text', optional: true, hint: 'For an Individual Service Fund: the provider the person chose.' },
  ],
  request: (r, ctx) => ({
    url: `/contracts/${ctx.contract.contractId}/allocations`,
    body: { personId: r.optional('personId'), amount: r.pence('amount'), route: r.optional('route'), heldBy: r.optional('heldBy') },
  }),
};
