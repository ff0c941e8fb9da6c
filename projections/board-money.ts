// The Partnership Board report's money: each contract in force in the period, as it stood at
// the period's end (released, allocated by route, remaining in the block, people moved), and
// the share of spending that is individualised at the end of each month, from the dates the
// allocations were made and ended.
import { contractMoney } from '../src/domain/contracts/contract.js';
import { fundingRoute } from '../src/domain/contracts/contract-facts.js';
import type { BoardReport } from './board-report-schema.js';
import { movesOn, type ContractRecord, type ContractsState } from './contracts.js';

const day = (iso: string) => iso.slice(0, 10);

/** The contract as it stood at the end of `date` (a day): the plan and the allocations made by then, and not ended by then. */
function asItStood(record: ContractRecord, date: string): ContractRecord {
  const disaggregation = record.disaggregation && day(record.disaggregation.at) <= date ? record.disaggregation : undefined;
  const allocations = record.allocations
    .filter((a) => day(a.at) <= date)
    .map(({ ended, ...a }) => (ended && ended.date <= date ? { ...a, ended } : a));
  const { disaggregation: _plan, ...rest } = record;
  return { ...rest, ...(disaggregation ? { disaggregation } : {}), allocations };
}

function inForce(record: ContractRecord, date: string): boolean {
  const end = record.ended?.date ?? record.end;
  return record.start <= date && day(record.registeredAt) <= date && (end === undefined || end >= date);
}

/** The last day of each month from `from` to `to`, the last one being `to` itself. */
function monthEnds(from: string, to: string): string[] {
  const ends: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    if (last >= to) return [...ends, to];
    ends.push(last);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

export interface MoneyScope {
  contract?: string | undefined;
  /** Only the contracts this organisation holds. */
  organisation?: string | undefined;
}

/** `peopleCount` applies the small-number rule to the people moved. */
export function boardMoney(
  state: ContractsState,
  period: { from: string; to: string },
  scope: MoneyScope,
  peopleCount: (n: number) => BoardReport['money']['contracts'][number]['peopleMoved'],
): BoardReport['money'] {
  const records = [...state.contracts.values()]
    .map((c) => c.record)
    .filter((r) => (scope.contract === undefined || r.contractId === scope.contract) && (scope.organisation === undefined || r.provider === scope.organisation));
  const inPeriod = records.filter((r) => r.start <= period.to && day(r.registeredAt) <= period.to && (r.ended?.date ?? r.end ?? '9999-12-31') >= period.from);
  const contracts = inPeriod.map((record) => {
    const then = asItStood(record, period.to);
    const money = contractMoney(then);
    const byRoute = new Map<string, number>();
    for (const a of then.allocations) if (a.ended === undefined) byRoute.set(a.route, (byRoute.get(a.route) ?? 0) + a.amount);
    return {
      contractId: record.contractId,
      provider: record.provider,
      released: money.released,
      allocatedByRoute: fundingRoute.options.filter((route) => byRoute.has(route)).map((route) => ({ route, amount: byRoute.get(route) ?? 0 })),
      remainingInBlock: money.remainingInBlock,
      peopleMoved: peopleCount(movesOn(then, period.to).peopleMovedByToday),
    };
  });
  const individualisedOverTime = monthEnds(period.from, period.to).map((date) => {
    let total = 0;
    let individualised = 0;
    for (const record of records) {
      if (!inForce(record, date)) continue;
      total += record.annualValue;
      individualised += record.type === 'individual-service-fund' ? record.annualValue : contractMoney(asItStood(record, date)).allocated;
    }
    return { month: date.slice(0, 7), share: total === 0 ? 0 : individualised / total };
  });
  return { contracts, individualisedOverTime };
}
