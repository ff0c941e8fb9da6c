// Read schemas never reject stored history: a decision and a contract whose events carry text
// and dates today's request rules refuse (stored before a rule was tightened, or by another
// writer) are still answered, by the API and by the pages.
import t from 'tap';
import { z } from 'zod';
import { contractEventDefinitions, contractStream } from '../../src/domain/contracts/contract-events.js';
import { decisionEventDefinitions, decisionStream } from '../../src/domain/decisions/decision-events.js';
import { EventRegistry } from '../../src/events/event-registry.js';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { signIn } from '../support/page-session.js';
import { memoryLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';
import { testApp } from '../support/test-app.js';

const decisionId = '00000000-0000-4000-8000-000000000001';
const viewId = '00000000-0000-4000-8000-000000000002';
const contractId = '00000000-0000-4000-8000-000000000003';
const allocationId = '00000000-0000-4000-8000-000000000004';
// A day off the calendar and an offset beyond ±14:00.
const at = '2026-02-30T10:00:00+15:00';
const invisible = '\u200B\u2800';
const actor = { id: 'tok-c', role: 'commissioner', name: 'Commissioning team' };

/** The registry's event types, each taking any payload: the rules of today are not asked. */
const withoutToday = (definitions: readonly { type: string; version: number }[]) => definitions.map(({ type, version }) => ({ type, version, schema: z.unknown() }));

async function writeOldHistory(dataDir: string): Promise<void> {
  const registry = new EventRegistry().define(...withoutToday(decisionEventDefinitions), ...withoutToday(contractEventDefinitions));
  const store = await openEmbeddedStore({ dataDir, registry, logger: memoryLogger().logger });
  const event = (type: string, data: Record<string, unknown>) => ({ id: crypto.randomUUID(), type, data, metadata: { actor } });
  await store.append(
    decisionStream(decisionId),
    [
      event('DecisionProposed', {
        decisionId,
        at,
        kind: 'commissioning',
        title: invisible,
        summary: '  Padded, as it was once stored.  ',
        easyReadSummary: [invisible],
        proposedBy: { role: 'commissioner', organisation: ' ' },
        affects: { people: ['P-HS01'], groups: [] },
        organisations: [],
      }),
      event('ViewRecorded', { decisionId, at, viewId, by: { role: 'person-using-support', personId: 'P-HS01' }, stance: 'has-concerns', inOwnWords: invisible }),
      event('DecisionMade', { decisionId, at, outcome: 'agreed', reasons: invisible, decidedBy: [{ role: 'commissioner', label: '' }], claimedRung: 'co-production', reviewDate: '2026-02-30', answers: [] }),
    ],
    { expectedRevision: 'no_stream' },
  );
  await store.append(
    contractStream(contractId),
    [
      event('ContractRegistered', { contractId, at, provider: invisible, type: 'block', annualValue: 1_000, peopleCovered: ['P-HS01'], service: ' ', start: '2026-02-30' }),
      event('DisaggregationPlanned', { contractId, at, decisionId, timetable: [], amountToRelease: 500 }),
      event('IndividualBudgetAllocated', { contractId, at, allocationId, personId: 'P-HS01', amount: 500, route: 'individual-service-fund' }),
    ],
    { expectedRevision: 'no_stream' },
  );
  await store.close();
}

t.test('a decision and a contract stored under older rules are answered, not a 500', async (t) => {
  const dataDir = tempDir(t);
  await writeOldHistory(dataDir);
  const ctx = await testApp(t, dataDir);
  const decision = await ctx.app.inject({ url: `/decisions/${decisionId}`, headers: ctx.bearer.commissioner });
  t.equal(decision.statusCode, 200, decision.statusCode === 200 ? 'GET /decisions/:id' : decision.body);
  t.match(decision.json(), { title: invisible, proposedAt: at, summary: '  Padded, as it was once stored.  ', made: { reviewDate: '2026-02-30' }, views: [{ stance: 'has-concerns', inOwnWords: invisible }] }, 'as stored');
  t.equal((await ctx.app.inject({ url: '/decisions', headers: ctx.bearer.commissioner })).statusCode, 200, 'the list');
  const contract = await ctx.app.inject({ url: `/contracts/${contractId}`, headers: ctx.bearer.commissioner });
  t.equal(contract.statusCode, 200, contract.statusCode === 200 ? 'GET /contracts/:id' : contract.body);
  t.match(contract.json(), { provider: invisible, start: '2026-02-30', disaggregation: { timetable: [] }, money: { released: 500, allocated: 500 } });

  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  for (const url of [`/app/decisions/${decisionId}`, '/app/decisions', `/app/contracts/${contractId}`, '/app/contracts']) {
    const page = await ctx.app.inject({ url, headers: { cookie } });
    t.equal(page.statusCode, 200, `${url} ${page.statusCode === 200 ? '' : page.body.slice(0, 300)}`);
  }
});
