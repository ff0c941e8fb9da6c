// What one stream's command needs to know of another (a disaggregation decision of its
// contract, a disaggregation plan of its decision), read fresh from the log.
import type { CommandHandler } from '../application/command-handler.js';
import { contractContext, contractDecider, type DecisionContext } from '../domain/contracts/decide.js';
import { contractStream } from '../domain/contracts/contract-events.js';
import type { ContractContext } from '../domain/decisions/decide.js';
import { decisionDecider } from '../domain/decisions/decide.js';
import { decisionStream } from '../domain/decisions/decision-events.js';
import { refuse } from '../errors.js';

export class ContractLookup {
  readonly #handler: CommandHandler;

  constructor(handler: CommandHandler) {
    this.#handler = handler;
  }

  async context(contractId: string): Promise<ContractContext> {
    const { state } = await this.#handler.load(contractDecider, contractStream(contractId));
    if (state.status === 'none') refuse('PL_ERR_CONTRACT_NOT_FOUND', `There is no contract ${contractId}.`);
    return contractContext(state);
  }
}

export class DecisionLookup {
  readonly #handler: CommandHandler;

  constructor(handler: CommandHandler) {
    this.#handler = handler;
  }

  async context(decisionId: string): Promise<DecisionContext> {
    const { state } = await this.#handler.load(decisionDecider, decisionStream(decisionId));
    if (state.status === 'none') refuse('PL_ERR_DECISION_NOT_FOUND', `There is no decision ${decisionId}.`);
    return { decisionId, kind: state.kind, contractId: state.contractId, status: state.status, outcome: state.outcome };
  }
}
