// A token for each role of the demo: who the demo's requests are made as.
import type { TokenStore } from '../auth/token-store.js';
import type { UserRole } from '../domain/actor.js';
import { COUNCIL, DAY_SERVICE_PROVIDER } from './demo-people.js';

export interface DemoTokens {
  commissioner: string;
  provider: string;
  'self-advocate': string;
  auditor: string;
  admin: string;
}

/** A fresh token for each role (the secrets are shown once; only hashes are kept). */
export async function createDemoTokens(tokens: TokenStore, now: string): Promise<DemoTokens> {
  const make = async (role: UserRole, name: string, extra: { organisation?: string; personId?: string } = {}) =>
    (await tokens.create({ role, name, ...extra }, now)).token;
  return {
    commissioner: await make('commissioner', 'Jo Fielding, commissioning manager', { organisation: COUNCIL }),
    provider: await make('provider', 'Hillside Support, service manager', { organisation: DAY_SERVICE_PROVIDER }),
    'self-advocate': await make('self-advocate', 'Speaking Up Together member', { personId: 'P-HS01' }),
    auditor: await make('auditor', 'Internal audit'),
    admin: await make('admin', 'Partnership Log administrator'),
  };
}
