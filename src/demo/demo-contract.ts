// The day centre's block contract: registered before the stories, then (once the
// disaggregation decision is made) planned, allocated to individual budgets, people moved.
import { idOf, type Post } from './demo-client.js';
import { DAY_SERVICE_PROVIDER, demoPeople } from './demo-people.js';

/** The block contract for the day centre; answers its id. */
export async function registerBlockContract(post: Post, council: string): Promise<string> {
  const contract = await post(council, '/contracts', {
    provider: DAY_SERVICE_PROVIDER,
    type: 'block',
    annualValue: 41_600_000,
    peopleCovered: demoPeople.map((p) => p.personId),
    service: 'Hillside day centre: weekday day service for adults with learning disabilities',
    start: '2024-04-01',
    end: '2027-03-31',
  });
  return idOf(contract, 'contractId');
}

/** The plan the disaggregation decision agreed: money released, a budget for each person, six moved so far. */
export async function carryOutDisaggregation(post: Post, council: string, contractId: string, decisionId: string): Promise<void> {
  await post(council, `/contracts/${contractId}/disaggregation`, {
    decisionId,
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
}
