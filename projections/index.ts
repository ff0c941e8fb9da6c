// Every read model in this folder, by name: what `npm run replay` can rebuild as of
// any moment. (decision-facts-index and communication-formats are folds the projections
// share, not projections of their own.)
import { PartnershipLogError } from '../src/errors.js';
import { changesForPeople } from './changes-for-people.js';
import { contracts } from './contracts.js';
import { coproductionReview } from './coproduction-review.js';
import { decisionRecords } from './decision-records.js';
import { decisionList } from './decision-list.js';
import { involvement } from './involvement.js';
import type { Projection } from './projection.js';
import { riskRegister } from './risk-register.js';
import { timeline } from './timeline.js';
import { youSaidWeDid } from './you-said-we-did.js';

export const allProjections: readonly Projection<unknown>[] = [
  decisionList,
  involvement,
  riskRegister,
  changesForPeople,
  coproductionReview,
  youSaidWeDid,
  timeline,
  contracts,
  decisionRecords,
];

export function projectionByName(name: string): Projection<unknown> {
  const found = allProjections.find((projection) => projection.name === name);
  if (!found) {
    const names = allProjections.map((projection) => projection.name).join(', ');
    throw new PartnershipLogError('PL_ERR_PROJECTION_NOT_FOUND', `There is no projection called ${JSON.stringify(name)}. The projections are: ${names}.`);
  }
  return found;
}
