// The benchmark's realistic log must be what the server would have written: the same
// events and metadata as the command handler's, chains that verify, every kind of fact.
import t from 'tap';
import { appendPlannedCommands, planDomainCommands, writeDomainLog } from '../../bench/domain-workload.js';
import { verifyEmbeddedLog } from '../../src/audit/verify-log.js';
import { CommandHandler } from '../../src/application/command-handler.js';
import { decisionDecider } from '../../src/domain/decisions/decide.js';
import { personDecider } from '../../src/domain/people/decide.js';
import { createRegistry } from '../../src/registry.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { EventStore, StoredEvent } from '../../src/store/event-store.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';

async function readAll(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/** When it was recorded is the writer's clock, and the hashes cover it: everything else must match. */
const asWritten = ({ recordedAt: _recordedAt, metadata, ...event }: StoredEvent) => {
  const { recordedAt: _time, hash: _hash, previousHash: _previous, ...rest } = metadata;
  return { ...event, metadata: rest };
};

t.test('the same commands give the same log as through the command handler, byte for byte but the clock and the hashes over it', async (t) => {
  const plan = [...planDomainCommands({ decisions: 12, seed: 7, inFlight: 4 })];
  const registry = createRegistry();

  const throughHandler = await openEmbeddedStore({ dataDir: tempDir(t), registry, logger: memoryLogger().logger });
  t.teardown(() => throughHandler.close());
  const handler = new CommandHandler(throughHandler, registry);
  for (const planned of plan) {
    if (planned.aggregate === 'decision') await handler.handle(decisionDecider, planned.stream, planned.command, planned.context);
    else await handler.handle(personDecider, planned.stream, planned.command, planned.context);
  }

  const direct = await openEmbeddedStore({ dataDir: tempDir(t), registry, logger: memoryLogger().logger });
  t.teardown(() => direct.close());
  const summary = await appendPlannedCommands(direct, registry, plan);

  const expected = await readAll(throughHandler);
  const actual = await readAll(direct);
  t.equal(summary.events, plan.length, 'one event per command');
  t.equal(actual.length, expected.length);
  t.same(actual.map(asWritten), expected.map(asWritten));
  t.equal(summary.decisions, 12);
  t.ok(actual.every((e) => e.metadata.recordedAt === e.recordedAt && typeof e.metadata.hash === 'string'), 'chained, with the recorded time under the hash');
});

t.test('a log of a given size: every kind of fact, realistic payloads, chains that verify', async (t) => {
  const dataDir = tempDir(t);
  const registry = createRegistry();
  const store = await openEmbeddedStore({ dataDir, registry, logger: memoryLogger().logger });
  const summary = await writeDomainLog(store, registry, { events: 3_000, seed: 1 });
  const events = await readAll(store);
  await store.close();

  t.equal(summary.events, 3_000);
  t.equal(events.length, 3_000);
  t.ok(summary.meanDataBytes > 300 && summary.meanDataBytes < 600, `payloads of about 400 bytes (${Math.round(summary.meanDataBytes)})`);
  t.ok(summary.openDecisionIds.length > 100 && summary.openDecisionIds.length <= summary.decisions, 'open decisions are listed');
  const types = new Set(events.map((e) => e.type));
  for (const type of [
    'PersonRegistered',
    'DecisionProposed',
    'InformationShared',
    'ParticipantInvolved',
    'ViewRecorded',
    'OptionConsidered',
    'RiskIdentified',
    'RiskAccepted',
    'DecisionMade',
    'FeedbackGiven',
    'ChangeForPersonRecorded',
    'CoproductionReviewed',
    'RiskReviewed',
  ]) {
    t.ok(types.has(type), `${type} is in the log`);
  }
  const streams = events.slice(200, 260).map((e) => e.stream);
  t.ok(new Set(streams).size > 20, 'decisions in flight interleave in the log');
  t.ok(events.every((e) => typeof e.metadata.hash === 'string' && e.metadata.actor !== undefined && e.metadata.requestId !== undefined));

  const report = await verifyEmbeddedLog(dataDir);
  t.ok(report.ok, report.summary);
  t.equal(report.unchained, 0, 'every event is chained');
});
