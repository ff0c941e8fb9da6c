// The providers the tests name, registered in one place: a contract's provider, an ISF's
// holder, a move's new provider and a person's supporters must be registered providers.
import type { Test } from 'tap';
import { DAY_SERVICE_PROVIDER } from '../../src/demo/demo-scenario.js';
import { providerDecider } from '../../src/domain/providers/decide.js';
import { PROVIDER_REGISTER_STREAM } from '../../src/domain/providers/provider-events.js';
import type { TestApp } from './test-app.js';

/** Every provider a test registers, or names in a command a decider is given directly. */
export const TEST_PROVIDERS: readonly string[] = [DAY_SERVICE_PROVIDER, 'Wharfedale Living', 'Other Care Ltd', 'Real Life Options', 'Leeds Advocacy', 'Northfield Care'];

const council = { id: 'test-fixture', name: 'Commissioning team', role: 'commissioner' as const };

/** Registers the tests' providers through the command handler (no requests, so the request log is the test's own). */
export async function registerTestProviders(t: Test, ctx: Pick<TestApp, 'handler'>): Promise<void> {
  for (const name of TEST_PROVIDERS) {
    const now = new Date().toISOString();
    await ctx.handler
      .handle(providerDecider, PROVIDER_REGISTER_STREAM, { type: 'RegisterProvider', data: { name }, actor: council, now }, { commandId: `test-provider:${name}` })
      .catch((err: unknown) => t.fail(`${name} was not registered: ${String(err)}`));
  }
}
