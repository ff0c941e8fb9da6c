// Walks every role against every route the app serves: a role the matrix does not admit
// gets 403 (401 without a token) and nothing is written; an admitted role gets past the
// door (here to a 400, 404 or 2xx, since the ids and bodies are placeholders).
import t from 'tap';
import { userRole } from '../../src/domain/actor.js';
import { commandPermissions } from '../../src/commands/command-tables.js';
import { servedCommands } from '../support/served-commands.js';
import { testApp } from '../support/test-app.js';
import { registerTestProviders } from '../support/providers.js';

const placeholders: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000001',
  riskId: '00000000-0000-4000-8000-000000000002',
  challengeId: '00000000-0000-4000-8000-000000000003',
  name: 'timeline',
};

t.test('every role against every route', async (t) => {
  const ctx = await testApp(t);
  await registerTestProviders(t, ctx);
  const { app, routes, bearer } = ctx;
  const guarded = routes.filter((r) => r.roles !== 'public');
  const urlOf = (pattern: string) => pattern.replace(/:(\w+)/g, (_, name: string) => (name === 'id' && pattern.startsWith('/people') ? 'P-ZZ99' : (placeholders[name] ?? 'x')));

  t.ok(guarded.length >= 35, `the app serves ${guarded.length} guarded routes`);
  const isPage = (url: string) => url === '/' || url.startsWith('/app');
  t.same(
    routes.filter((r) => r.roles === 'public').map((r) => r.url).filter((u) => !u.startsWith('/docs') && !isPage(u)).sort(),
    ['/audit/public-key', '/health'],
    'only health, the audit public key, the API documentation and the pages are public',
  );
  // The pages check their own session (and act through the API with the signed-in token).
  const pages = routes.filter((r) => isPage(r.url) && r.method === 'GET' && !r.url.includes(':') && r.url !== '/app/sign-in' && !r.url.startsWith('/app/assets'));
  t.ok(pages.length >= 5, `${pages.length} pages`);
  for (const page of pages) {
    const anonymous = await app.inject({ url: page.url });
    t.ok([302, 303].includes(anonymous.statusCode) && /\/app(\/sign-in)?/.test(String(anonymous.headers.location)), `GET ${page.url} without a session goes to sign in (${anonymous.statusCode} ${anonymous.headers.location})`);
  }

  const head = await ctx.store.headPosition();
  for (const route of guarded) {
    const url = urlOf(route.url);
    const method = route.method as 'GET' | 'POST' | 'DELETE';
    const payload = method === 'POST' ? {} : undefined;
    const anonymous = await app.inject({ method, url, payload });
    t.equal(anonymous.statusCode, 401, `${route.method} ${route.url} without a token`);
    for (const role of userRole.options) {
      const response = await app.inject({ method, url, payload, headers: bearer[role] });
      if (route.roles.includes(role)) {
        t.notOk([401, 403].includes(response.statusCode), `${role} may ${route.method} ${route.url} (${response.statusCode})`);
      } else {
        t.equal(response.statusCode, 403, `${role} may not ${route.method} ${route.url}`);
        t.equal(response.json().code, 'PL_ERR_FORBIDDEN');
      }
    }
  }
  t.equal(await ctx.store.headPosition(), head, 'no refusal wrote anything');

  t.test('the matrix keeps its promises', async (t) => {
    // Counted from the list of commands, not from the POSTs served (sign-in and token routes are POSTs too).
    const served = await servedCommands(ctx);
    for (const [command, roles] of Object.entries(commandPermissions)) {
      // Forgetting destroys a key after the event is written, so it is its own DELETE route, not a command route.
      const route = command === 'ForgetPerson' ? { method: 'DELETE', url: '/people/:id/personal-data' } : served.get(command);
      const entries = routes.filter((r) => r.method === route?.method && r.url === route.url);
      t.equal(entries.length, 1, `${command} is served by one route (${route?.method ?? '?'} ${route?.url ?? 'none'})`);
      t.same(entries[0]?.roles, roles, `${command} admits exactly the roles the permissions give it`);
    }
    t.equal(served.size, Object.keys(commandPermissions).length - 1, 'no route records a command the permissions do not list');
    t.same(new Set(guarded.filter((r) => r.url.startsWith('/admin')).flatMap((r) => r.roles)), new Set(['admin']), 'token administration is for admins only');
    t.ok(guarded.filter((r) => r.url.startsWith('/audit')).every((r) => r.roles.length === 1 && r.roles[0] === 'auditor'), 'audit routes are for auditors only');
    t.ok(
      guarded.filter((r) => r.method !== 'GET').every((r) => !r.roles.includes('auditor')),
      'auditors write nothing',
    );
  });
});
