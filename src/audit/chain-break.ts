// The way out for a log damaged by the concurrent-retry defect (issue 12, item 1): two
// copies of one request with the same Idempotency-Key raced, the store kept one, and the
// handler chained the stream's next event to the hash of the copy it had built itself.
// Both events are intact; only the link between them points to a hash that is not in the
// log. Nothing is rewritten: an administrator records a ChainBreakAcknowledged event that
// names exactly that link, after checking it has the defect's signature, and verify then
// reports the link as acknowledged (by whom, where) instead of failing on it.
import { z } from 'zod';
import type { Command, Decider } from '../domain/decider.js';
import { refuse } from '../errors.js';
import type { EventDefinition } from '../events/event-registry.js';
import { deterministicEventId } from '../events/event-ids.js';

/** A link between two intact events that points to a hash not in the log. */
export interface AcknowledgedLink {
  stream: string;
  revision: number;
  /** The previousHash the event carries. */
  foundPreviousHash: string | null;
  /** The hash of the stream's previous event, which it should have carried. */
  expectedPreviousHash: string | null;
}

export const CHAIN_BREAK_STREAM = 'audit-chain-breaks';
const ACKNOWLEDGED = 'ChainBreakAcknowledged';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in hex');

export const chainBreakAcknowledged = z.object({
  stream: z.string().min(1).max(200),
  revision: z.number().int().min(1),
  foundPreviousHash: sha256Hex.nullable(),
  expectedPreviousHash: sha256Hex.nullable(),
  reason: z.literal('concurrent-idempotent-retry'),
  /** The id of the earlier event and the keyed command that wrote it: the defect's signature. */
  previousEventId: z.uuid(),
  previousCommandId: z.string().min(1).max(400),
  at: z.iso.datetime({ offset: true }),
});

export const chainBreakEventDefinitions: EventDefinition[] = [{ type: ACKNOWLEDGED, version: 1, schema: chainBreakAcknowledged }];

/** The link an event acknowledges, if it is a well-formed acknowledgement in its own stream. */
export function acknowledgedBy(event: { stream: string; type: string; data: unknown }): AcknowledgedLink | undefined {
  if (event.stream !== CHAIN_BREAK_STREAM || event.type !== ACKNOWLEDGED) return undefined;
  const parsed = chainBreakAcknowledged.safeParse(event.data);
  if (!parsed.success) return undefined;
  const { stream, revision, foundPreviousHash, expectedPreviousHash } = parsed.data;
  return { stream, revision, foundPreviousHash, expectedPreviousHash };
}

/** What the administrator's request found in the log, read by the route. */
export interface BrokenLinkEvidence {
  /** The break verify reports first. */
  link: AcknowledgedLink;
  /** The stream's event before the break, as stored. */
  previous: { id: string; revision: number; hash: string | null; correlationId: string | undefined };
  /** The event whose link is broken, as stored. */
  broken: { revision: number; previousHash: string | null };
}

type AcknowledgeChainBreak = Command<'AcknowledgeChainBreak', BrokenLinkEvidence>;
type ChainBreakEvent = { type: typeof ACKNOWLEDGED; data: z.output<typeof chainBreakAcknowledged> };
type Acknowledged = readonly string[];

/** How many events one command writes at most: the earlier event is the index-th of its command. */
const MAX_EVENTS_PER_COMMAND = 16;

function decide(command: AcknowledgeChainBreak, acknowledged: Acknowledged): ChainBreakEvent[] {
  const { link, previous, broken } = command.data;
  const key = `${link.stream}#${link.revision}`;
  if (acknowledged.includes(key)) refuse('PL_ERR_ALREADY_EXISTS', `The link at ${link.stream} revision ${link.revision} was already acknowledged.`);
  if (broken.revision !== link.revision || previous.revision !== link.revision - 1) {
    refuse('PL_ERR_VALIDATION', 'The events read do not stand on either side of the broken link.');
  }
  if (broken.previousHash !== link.foundPreviousHash || previous.hash !== link.expectedPreviousHash) {
    refuse('PL_ERR_VALIDATION', 'The stored events do not show the break verify reported; verify again.');
  }
  // The defect needed two copies of one keyed command: the earlier event's id derives from that command's id.
  const commandId = previous.correlationId;
  const keyed = commandId !== undefined && commandId.includes(':');
  const derived = keyed && Array.from({ length: MAX_EVENTS_PER_COMMAND }, (_, i) => deterministicEventId(commandId, i)).includes(previous.id);
  if (!derived || commandId === undefined) {
    refuse(
      'PL_ERR_VALIDATION',
      'This break does not have the signature of the concurrent-retry defect (the event before it was not written by a request with an Idempotency-Key): treat it as tampering and investigate.',
    );
  }
  return [
    {
      type: ACKNOWLEDGED,
      data: { ...link, reason: 'concurrent-idempotent-retry', previousEventId: previous.id, previousCommandId: commandId, at: command.now },
    },
  ];
}

export const chainBreakDecider: Decider<Acknowledged, AcknowledgeChainBreak, ChainBreakEvent> = {
  initialState: () => [],
  evolve: (acknowledged, event) => [...acknowledged, `${event.data.stream}#${event.data.revision}`],
  decide,
};
