// Every read model in this folder, by name: what `npm run replay` can rebuild as of
// any moment. (decision-facts-index and communication-formats are folds the projections
// share, not projections of their own.)
import { PartnershipLogError } from '../src/errors.js';
import type { Projection } from './projection.js';
import { servedProjections } from './queries.js';

/** The one list of projections (queries.ts): what the server keeps current is what replay can rebuild. */
export const allProjections: readonly Projection[] = servedProjections;

export function projectionByName(name: string): Projection {
  const found = allProjections.find((projection) => projection.name === name);
  if (!found) {
    const names = allProjections.map((projection) => projection.name).join(', ');
    throw new PartnershipLogError('PL_ERR_PROJECTION_NOT_FOUND', `There is no projection called ${JSON.stringify(name)}. The projections are: ${names}.`);
  }
  return found;
}
