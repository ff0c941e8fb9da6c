// The form of every command on a contract: its words and fields, written once, each named
// by the body path it fills (checked by formOf). The table's entries carry them.
import * as facts from '../domain/contracts/contract-facts.js';
import { formOf } from './command-form.js';

export const registerContract = formOf(facts.contractRegistration, {
  slug: 'new', picture: 'money', title: 'Register a contract', submit: 'Register', saved: 'The contract is registered.',
  intro: ['Record a contract: who provides it, what for, and how much it is worth each year.'],
  fields: [
    { path: 'provider', label: 'Provider', kind: 'text' },
    { path: 'type', label: 'Type', kind: 'radios', choices: { words: 'contractType' } },
    { path: 'service', label: 'Service', kind: 'text' },
    { path: 'annualValue', label: 'Value each year, in pounds', kind: 'money' },
    { path: 'peopleCovered', label: 'People covered', kind: 'ids', optional: true, hint: 'Person ids, like P-HS01, separated by commas.' },
    { path: 'start', label: 'Start date', kind: 'date' },
    { path: 'end', label: 'End date', kind: 'date', optional: true },
  ],
});

export const planDisaggregation = formOf(facts.disaggregationPlan, {
  slug: 'disaggregation', picture: 'money', title: 'Plan a disaggregation', submit: 'Save the plan', saved: 'The plan is saved.', appliesTo: 'blockToSplit',
  intro: ['Plan how money is released from the block to people’s own budgets, and when.'],
  fields: [
    { path: 'decisionId', label: 'The decision this carries out', kind: 'radios', choices: { from: 'disaggregationDecisions' } },
    { path: 'amountToRelease', label: 'Money to release each year, in pounds', kind: 'money' },
    { path: 'reasonForDifferentAmount', label: 'Why this differs from the amount the decision agreed', kind: 'textarea', optional: true, hint: 'Only if the money to release is not what the decision agreed.' },
    { path: 'timetable', label: 'Step', kind: 'steps' },
  ],
});

export const allocateIndividualBudget = formOf(facts.budgetAllocation, {
  slug: 'allocation', picture: 'money', title: 'Allocate a budget', submit: 'Allocate', saved: 'The budget is allocated.', appliesTo: 'moneyReleased',
  intro: ['Give a person their own budget from the money released.'],
  fields: [
    { path: 'personId', label: 'Person', kind: 'select', choices: { from: 'peopleCovered' } },
    { path: 'amount', label: 'Amount each year, in pounds', kind: 'money' },
    { path: 'route', label: 'How the money reaches them', kind: 'radios', choices: { words: 'fundingRoute' } },
    { path: 'heldBy', label: 'Provider who holds it', kind: 'text', optional: true, hint: 'For an Individual Service Fund: the provider the person chose.' },
  ],
});

export const recordPersonMoved = formOf(facts.personMoved, {
  slug: 'moved', picture: 'people', title: 'Record that a person moved', submit: 'Save', saved: 'The move is recorded.', appliesTo: 'hasAllocations',
  intro: ['Record the day a person moved to their own budget.'],
  fields: [
    { path: 'allocationId', label: 'Whose budget', kind: 'radios', choices: { from: 'currentAllocations' } },
    { path: 'personId', label: 'Person', kind: 'select', choices: { from: 'peopleCovered' } },
    { path: 'date', label: 'Date they moved', kind: 'date' },
    { path: 'newProvider', label: 'Provider now supporting them', kind: 'text', optional: true, hint: 'For a budget held or spent with a provider. An Individual Service Fund moves to the provider holding it.' },
  ],
});

export const endAllocation = formOf(
  facts.allocationEnding,
  {
    slug: 'end-allocation', picture: 'money', title: 'End a budget', submit: 'End the budget', saved: 'The budget is ended. Its money is back with what was released.', appliesTo: 'hasAllocations',
    intro: ['End a person’s budget: they left, or a new budget replaces it.', 'Its money goes back to what was released.'],
    fields: [
      { path: 'allocationId', label: 'Which budget', kind: 'radios', choices: { from: 'currentAllocations' } },
      { path: 'date', label: 'Date it ends', kind: 'date' },
      { path: 'reason', label: 'Why', kind: 'textarea' },
    ],
  },
  ['allocationId'],
);

export const varyContract = formOf(facts.contractVariation, {
  slug: 'variation', picture: 'pencil', title: 'Vary the contract', submit: 'Save the variation', saved: 'The variation is recorded.', appliesTo: 'contractCurrent',
  intro: ['Record what changed in the contract, and why.'],
  fields: [
    { path: 'change', label: 'What changed', kind: 'textarea' },
    { path: 'reasons', label: 'Why', kind: 'textarea' },
    { path: 'newAnnualValue', label: 'New value each year, in pounds', kind: 'money', optional: true },
    { path: 'newEnd', label: 'New end date', kind: 'date', optional: true },
  ],
});

export const endContract = formOf(facts.contractEnding, {
  slug: 'end', picture: 'money', title: 'End the contract', submit: 'End the contract', saved: 'The contract is ended.', appliesTo: 'contractCurrent',
  intro: ['Record the day the contract ends, and why.'],
  fields: [
    { path: 'date', label: 'Date it ends', kind: 'date' },
    { path: 'reason', label: 'Why', kind: 'textarea' },
  ],
});
