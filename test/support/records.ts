// Records the tests write through the API, in the seeds' words.
import { COUNCIL, DAY_SERVICE_PROVIDER } from '../../src/demo/demo-scenario.js';

/** A commissioning decision about the Hillside day service that affects P-HS01 (the self-advocate token's person). */
export const hillsideProposal = {
  kind: 'commissioning',
  title: 'Change the day service at Hillside',
  summary: 'Move from a block-funded day centre to support in the community.',
  easyReadSummary: ['We want to change the day service.'],
  proposedBy: { role: 'commissioner', organisation: COUNCIL },
  affects: { people: ['P-HS01'], groups: [] },
  organisations: [DAY_SERVICE_PROVIDER],
};

/** A view from P-HS01, in their own words. */
export const viewOfHs01 = (inOwnWords: string) => ({ by: { role: 'person-using-support', personId: 'P-HS01' }, stance: 'supports', inOwnWords });
