// Every GET answer is described in the OpenAPI document by its read model's schema, not
// fastify's "Default Response".
import t from 'tap';
import { testApp } from '../support/test-app.js';

/** GET routes whose read models have no schema yet (issue 14, left for the next step): listed here so the gap is visible. */
const notYetDescribed = new Set([
  // A report assembled from the log and the projections, JSON or a printable page.
  '/people/{id}/subject-access',
  // A stream of JSON Lines: the type provider types a response schema's answer, and a stream is none.
  '/audit/export',
]);

interface Operation {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

t.test('every GET route has a 200 response schema', async (t) => {
  const { app } = await testApp(t);
  const doc: { paths: Record<string, { get?: Operation }> } = (await app.inject({ url: '/docs/json' })).json();
  // The pages (/app, and / which leads there) answer HTML for people, not the API's JSON.
  const isApi = (path: string) => path !== '/' && !path.startsWith('/app');
  const gets = Object.entries(doc.paths).flatMap(([path, item]) => (item.get && isApi(path) ? [{ path, operation: item.get }] : []));
  t.ok(gets.some((g) => g.path === '/decisions/{id}'), 'the decision routes are in the document');
  for (const { path, operation } of gets) {
    const ok = operation.responses?.['200'];
    const schemas = Object.values(ok?.content ?? {}).filter((c) => c.schema !== undefined);
    const described = ok !== undefined && schemas.length > 0;
    t.ok(described, `GET ${path} answers 200 with a schema`, notYetDescribed.has(path) ? { todo: 'no response schema yet' } : {});
  }
});

t.test('the nine check keys and the flag codes are enums in the decision’s schema', async (t) => {
  const { app } = await testApp(t);
  const text = (await app.inject({ url: '/docs/json' })).body;
  for (const key of ['involved-before-decision', 'self-advocates-agree', 'decided-without-people', 'risk-review-overdue']) {
    t.match(text, `"${key}"`, `${key} is named in the document`);
  }
});
