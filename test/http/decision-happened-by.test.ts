// GET /decisions/:id?asOf=…&asOfKind=happened: "what had happened by" a moment, beside the
// default "what the record said on" it. A meeting recorded after it happened is in the first
// as of a moment between the two, and not in the second (issue 15).
import t from 'tap';
import { hillsideProposal } from '../support/records.js';
import { testApp } from '../support/test-app.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

t.test('a meeting recorded late: what had happened by then and what the record said then differ', async (t) => {
  const { app, bearer } = await testApp(t);
  const proposed = await app.inject({ method: 'POST', url: '/decisions', headers: bearer.commissioner, payload: hillsideProposal });
  t.equal(proposed.statusCode, 201);
  const { decisionId } = proposed.json<{ decisionId: string }>();
  await pause();
  const meetingHeld = new Date().toISOString();
  await pause();
  const moment = new Date().toISOString();
  await pause();
  const meeting = { participant: { role: 'person-using-support', personId: 'P-HS01' }, stage: 'designing-options', rung: 'co-design', support: [], occurredAt: meetingHeld };
  const recorded = await app.inject({ method: 'POST', url: `/decisions/${decisionId}/involvement`, headers: bearer.commissioner, payload: meeting });
  t.equal(recorded.statusCode, 201, 'the meeting is recorded after it happened');

  const asOf = (kind?: string) =>
    app.inject({ url: `/decisions/${decisionId}?asOf=${encodeURIComponent(moment)}${kind ? `&asOfKind=${kind}` : ''}`, headers: bearer.auditor });
  const saidThen = await asOf();
  t.equal(saidThen.statusCode, 200);
  t.same(saidThen.json().involvement.entries, [], 'what the record said then: no meeting yet');
  t.same((await asOf('recorded')).json().involvement.entries, [], 'recorded is the default');
  const happenedBy = await asOf('happened');
  t.equal(happenedBy.statusCode, 200);
  t.match(happenedBy.json().involvement.entries, [{ party: { personId: 'P-HS01' }, rung: 'co-design' }], 'what had happened by then: the meeting');

  const byPosition = await app.inject({ url: `/decisions/${decisionId}?asOf=1&asOfKind=happened`, headers: bearer.auditor });
  t.match(byPosition.json(), { status: 400, code: 'PL_ERR_VALIDATION', detail: /give asOf as an ISO-8601 time/ });
});
