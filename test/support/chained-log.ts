// A small, properly hash-chained log of decisions for the audit tests, written through
// the one command handler as the server writes it: every decision proposed first, then
// rounds of views, one per decision per round, so the streams interleave in the log.
import { randomUUID } from 'node:crypto';
import { CommandHandler } from '../../src/application/command-handler.js';
import type { Actor } from '../../src/domain/actor.js';
import { decisionDecider, type DecisionCommand } from '../../src/domain/decisions/decide.js';
import { decisionEventDefinitions, decisionStream } from '../../src/domain/decisions/decision-events.js';
import { EventRegistry } from '../../src/events/event-registry.js';
import type { EventStore } from '../../src/store/event-store.js';

export const chainedLogRegistry = (): EventRegistry => new EventRegistry().define(...decisionEventDefinitions);

const actor: Actor = { id: 'tok-c', name: 'Commissioning team', role: 'commissioner' };
export const chainedLogNow = '2026-03-02T10:00:00+00:00';

export interface ChainedLog {
  decisionIds: string[];
  /** Events written by this call. */
  events: number;
}

/**
 * Proposes `decisions` decisions, then records `viewsPerDecision` views on each: decisions × (1 + views) events.
 * Given `decisionIds` (decisions already in the log), it only adds the views to them.
 */
export async function writeChainedLog(
  store: EventStore,
  options: { decisions?: number; viewsPerDecision: number; decisionIds?: string[] },
): Promise<ChainedLog> {
  const handler = new CommandHandler(store, chainedLogRegistry());
  const run = (decisionId: string, command: Omit<DecisionCommand, 'actor' | 'now'>) =>
    handler.handle(decisionDecider, decisionStream(decisionId), { ...command, actor, now: chainedLogNow } as DecisionCommand, {
      commandId: randomUUID(),
    });
  const decisionIds = options.decisionIds ?? Array.from({ length: options.decisions ?? 0 }, () => randomUUID());
  let events = 0;
  if (!options.decisionIds) {
    for (const [n, decisionId] of decisionIds.entries()) {
      await run(decisionId, {
        type: 'ProposeDecision',
        data: {
          decisionId,
          kind: 'commissioning',
          title: `Day service ${n + 1}`,
          summary: 'Change the day service.',
          easyReadSummary: ['We want to change the day service.'],
          proposedBy: { role: 'commissioner', organisation: 'Leeds City Council' },
          affects: { people: ['P-7K2Q9M'], groups: [] },
          organisations: [],
        },
      });
      events++;
    }
  }
  for (let round = 0; round < options.viewsPerDecision; round++) {
    for (const decisionId of decisionIds) {
      await run(decisionId, {
        type: 'RecordView',
        data: { viewId: randomUUID(), by: { role: 'person-using-support', personId: 'P-7K2Q9M' }, stance: 'supports', inOwnWords: `I like it (${round})` },
      });
      events++;
    }
  }
  return { decisionIds, events };
}
