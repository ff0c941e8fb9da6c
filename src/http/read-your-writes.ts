// Read-your-writes: a read waits (briefly) until the projections have passed the log's
// head as it was when the read arrived, so a write that succeeded before is reflected.
import { PartnershipLogError } from '../errors.js';
import type { ProjectionRunner } from '../projection-runner/projection-runner.js';
import type { EventStore } from '../store/event-store.js';

const WAIT_MS = 2_000;

export async function readYourWrites(store: EventStore, runner: ProjectionRunner, waitMs = WAIT_MS): Promise<void> {
  const head = await store.headPosition();
  if (await runner.waitFor(head, waitMs)) return;
  throw new PartnershipLogError(
    'PL_ERR_NOT_CAUGHT_UP',
    `The projections are at position ${runner.position} and the log at ${head}; try again in a moment.`,
  );
}
