// When a person moves to a new provider, who supports them follows: the move is recorded on
// the contract, then the same request records the change on the person's register stream
// (SupportingProvidersChanged, naming the move), so the provider they left stops reading and
// the one they moved to starts. The register's command id is derived from the move's event id,
// so a retry of the move (same Idempotency-Key) replays both and records nothing twice.
import type { CommandResult } from '../application/command-handler.js';
import type { ContractState } from '../domain/contracts/contract.js';
import { personDecider } from '../domain/people/decide.js';
import { personStream } from '../domain/people/person-events.js';
import type { Actor } from '../domain/actor.js';
import type { CommandDependencies } from './command-table.js';
import { registeredProviders } from './context-loaders.js';

interface MoveRequest {
  actor: Actor;
  now: string;
  params: { id: string };
  body: { personId: string; allocationId: string; date: string; newProvider?: string | undefined };
}

export async function supportersFollowTheMove(input: MoveRequest, run: () => Promise<CommandResult<ContractState>>, deps: CommandDependencies): Promise<CommandResult<ContractState>> {
  const { handler } = deps;
  const recorded = await run();
  const contract = recorded.state;
  const moveEvent = recorded.events.find((event) => event.type === 'PersonMovedToNewArrangement');
  if (contract.status === 'none' || !moveEvent) return recorded;
  const { personId, allocationId, date } = input.body;
  const to = input.body.newProvider ?? contract.allocations.find((a) => a.allocationId === allocationId)?.heldBy;
  // A move to no provider (a direct payment, a trust) leaves the register as it is.
  if (to === undefined) return recorded;
  const { state: person } = await handler.load(personDecider, personStream(personId));
  // Contracts may name people the register does not hold (or no longer holds): nothing follows then.
  if (person.status !== 'registered') return recorded;
  const followingMove = { contractId: contract.contractId, allocationId, date, from: contract.provider, to };
  await handler.handle(
    personDecider,
    personStream(personId),
    { type: 'ChangeSupportingProviders', data: { followingMove }, actor: input.actor, now: input.now, registeredProviders: await registeredProviders(input, deps) },
    { commandId: `supporters-follow:${moveEvent.id}` },
  );
  return recorded;
}
