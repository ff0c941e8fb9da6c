// The context loaders the entries name: what one command needs to know from elsewhere (the
// people a provider supports, the contract a disaggregation concerns, the decision a plan
// is made under, the providers registered), read fresh from the log and the register.
import type { Actor } from '../domain/actor.js';
import { contractStream } from '../domain/contracts/contract-events.js';
import { contractContext, contractDecider, type DecisionContext } from '../domain/contracts/decide.js';
import { decisionDecider, type ContractContext } from '../domain/decisions/decide.js';
import { decisionStream, type DecisionEvent } from '../domain/decisions/decision-events.js';
import { providerDecider } from '../domain/providers/decide.js';
import { PROVIDER_REGISTER_STREAM } from '../domain/providers/provider-events.js';
import { refuse } from '../errors.js';
import type { CommandDependencies } from './command-table.js';

/** Whom the actor may name: a provider's supported people (the deciders check names against them). */
export const supportedPeople = async ({ actor }: { actor: Actor }, deps: CommandDependencies): Promise<readonly string[]> => deps.supportedPeople(actor);

/** The providers in the register, read fresh from its stream: the deciders refuse a provider named that is not among them. */
export const registeredProviders = async (_input: unknown, { handler }: CommandDependencies): Promise<readonly string[]> =>
  (await handler.load(providerDecider, PROVIDER_REGISTER_STREAM)).state.providers;

/** A proposal's context: the contract it concerns, if any, and whom a provider may name. */
export async function proposalContext(
  input: { actor: Actor; body: { contractId?: string | undefined } },
  deps: CommandDependencies,
): Promise<{ contract: ContractContext | undefined; supportedPeople: readonly string[] }> {
  const contract = input.body.contractId ? await contractOf(deps, input.body.contractId) : undefined;
  return { contract, supportedPeople: await supportedPeople(input, deps) };
}

/** The decision a disaggregation plan is made under. */
export const planDecision = async ({ body }: { body: { decisionId: string } }, deps: CommandDependencies): Promise<DecisionContext> => decisionOf(deps, body.decisionId);

async function contractOf({ handler }: CommandDependencies, contractId: string): Promise<ContractContext> {
  const { state } = await handler.load(contractDecider, contractStream(contractId));
  if (state.status === 'none') refuse('PL_ERR_CONTRACT_NOT_FOUND', `There is no contract ${contractId}.`);
  return contractContext(state);
}

async function decisionOf({ handler }: CommandDependencies, decisionId: string): Promise<DecisionContext> {
  const { state } = await handler.load(decisionDecider, decisionStream(decisionId));
  if (state.status === 'none') refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${decisionId}.`);
  const { state: agreedRelease } = await handler.load(agreedReleaseOfDecision, decisionStream(decisionId));
  return { decisionId, kind: state.kind, contractId: state.contractId, status: state.status, outcome: state.outcome, agreedRelease };
}

/**
 * What a disaggregation decision agreed to release: the money its proposal put to the
 * decision, which the decision agreed. Folded apart from the decider's state, which keeps only
 * what the decision's own rules need.
 */
const agreedReleaseOfDecision = {
  initialState: (): number | undefined => undefined,
  evolve: (release: number | undefined, event: DecisionEvent): number | undefined => (event.type === 'DecisionProposed' ? event.data.money?.amount : release),
};
