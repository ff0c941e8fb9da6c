// The pages of issue 15: staff forms ask for whom a voice was recorded, how it was gathered,
// whether it was read back and when it happened; a self-advocate's own forms do not; the
// confirm / dispute forms offer the person's own facts in words; the decision page shows
// who said what beside every view; the as-of page offers "what had happened by".
import t from 'tap';
import { flagCodes } from '../../projections/coproduction-checks.js';
import { csrfOf, FORM, signIn } from '../support/page-session.js';
import { hillsideProposal, viewOfHs01 } from '../support/records.js';
import { testApp, type TestApp } from '../support/test-app.js';

const PERSON = 'P-HS01';

async function proposed(ctx: TestApp): Promise<string> {
  const answer = await ctx.app.inject({ method: 'POST', url: '/decisions', headers: ctx.bearer.commissioner, payload: hillsideProposal });
  return answer.json().decisionId;
}

/** The commissioner records what changed for P-HS01, gathered as given: a fact the person may then confirm or dispute. */
function changeRecordedFor(ctx: TestApp, decisionId: string, how: { gathered: string; readBack: boolean }) {
  return ctx.app.inject({
    method: 'POST',
    url: `/decisions/${decisionId}/changes`,
    headers: ctx.bearer.commissioner,
    payload: { personId: PERSON, area: 'community', before: 'At the centre all day.', after: 'Out in town twice a week.', direction: 'better', inPersonsOwnWords: false, provenance: { recordedFor: PERSON, ...how } },
  });
}

/** The commissioner records a view in P-HS01's words for them, gathered as given: a fact the person may then confirm or dispute. */
function viewRecordedFor(ctx: TestApp, decisionId: string, words: string, how: { gathered: string; readBack: boolean }) {
  return ctx.app.inject({
    method: 'POST',
    url: `/decisions/${decisionId}/views`,
    headers: ctx.bearer.commissioner,
    payload: { ...viewOfHs01(words), provenance: { recordedFor: PERSON, ...how } },
  });
}

/** Opens the form page as this token's holder and sends it with these values. */
async function fill(ctx: TestApp, token: string, url: string, values: Record<string, string | string[]>) {
  const { cookie } = await signIn(ctx, token);
  const page = await ctx.app.inject({ url, headers: { cookie } });
  const body = new URLSearchParams({ _csrf: csrfOf(page.body) });
  for (const [name, value] of Object.entries(values)) for (const v of [value].flat()) body.append(name, v);
  const sent = await ctx.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': FORM }, payload: body.toString() });
  return { page, sent, cookie };
}

const today = () => new Date().toISOString().slice(0, 10);

t.test('a commissioner records a view for a person by phone; the page says who said it and how it was recorded', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const url = `/app/decisions/${decisionId}/view`;
  const { page, sent, cookie } = await fill(ctx, ctx.secrets.commissioner, url, {
    by: `person:${PERSON}`,
    stance: 'supports',
    inOwnWords: 'I want to keep going to the allotment.',
    recordedFor: PERSON,
    gathered: 'phone',
    readBack: 'yes',
    occurredAt: today(),
  });
  t.match(page.body, /name="recordedFor"/, 'it asks whom it was recorded for');
  t.match(page.body, /value="phone"/, 'it asks how it was gathered, in words');
  t.match(page.body, /by phone/);
  t.match(page.body, /name="readBack"/, 'it asks whether it was read back');
  t.match(page.body, /name="occurredAt"/, 'it asks when it happened');
  t.equal(sent.statusCode, 303, sent.body);
  const after = await ctx.app.inject({ url: `/app/decisions/${decisionId}`, headers: { cookie } });
  t.match(after.body, /recorded by [^<]* by phone, read back to them and not yet confirmed by them/, 'the provenance sentence beside the view');
});

t.test('a staff view for a group sends no provenance when nobody is named', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const { sent } = await fill(ctx, ctx.secrets.commissioner, `/app/decisions/${decisionId}/view`, {
    by: `person:${PERSON}`,
    stance: 'unsure',
    inOwnWords: 'Not sure yet.',
  });
  t.equal(sent.statusCode, 303, sent.body);
});

t.test("a self-advocate's own view form asks no provenance and keeps its easy-read words", async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const { cookie } = await signIn(ctx, ctx.secrets['self-advocate']);
  const page = await ctx.app.inject({ url: `/app/decisions/${decisionId}/view`, headers: { cookie } });
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, /name="recordedFor"|name="gathered"|name="readBack"|name="occurredAt"/);
  t.match(page.body, /Use your own words\./);
});

t.test('information, involvement, decision and feedback forms ask when it happened; a date alone is enough', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  for (const slug of ['information', 'involvement', 'decide', 'view', 'change']) {
    const page = await ctx.app.inject({ url: `/app/decisions/${decisionId}/${slug}`, headers: { cookie } });
    t.match(page.body, /name="occurredAt"/, `${slug} asks when it happened`);
  }
  const { sent } = await fill(ctx, ctx.secrets.commissioner, `/app/decisions/${decisionId}/involvement`, {
    participant: `person:${PERSON}`,
    stage: 'deciding',
    rung: 'co-production',
    occurredAt: today(),
  });
  t.equal(sent.statusCode, 303, sent.body);
  const later = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const refused = await fill(ctx, ctx.secrets.commissioner, `/app/decisions/${decisionId}/involvement`, {
    participant: `person:${PERSON}`,
    stage: 'deciding',
    rung: 'co-production',
    occurredAt: later,
  });
  t.equal(refused.sent.statusCode, 400, 'a day in the future is refused');
  t.match(refused.sent.body, /in the future/);
  const unreadable = await fill(ctx, ctx.secrets.commissioner, `/app/decisions/${decisionId}/involvement`, {
    participant: `person:${PERSON}`,
    stage: 'deciding',
    rung: 'co-production',
    occurredAt: 'last tuesday',
  });
  t.equal(unreadable.sent.statusCode, 400);
  t.match(unreadable.sent.body, /Write a date, like 2026-03-01/);
});

t.test('the person confirms a view recorded for them from the pages, in easy-read words; the page then says "confirmed"', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const recorded = await viewRecordedFor(ctx, decisionId, 'I like the Tuesday group.', { gathered: 'phone', readBack: false });
  t.equal(recorded.statusCode, 201, recorded.body);
  const viewId: string = recorded.json().viewId;
  const url = `/app/decisions/${decisionId}/confirm`;
  const { page, sent, cookie } = await fill(ctx, ctx.secrets['self-advocate'], url, { which: `view|${viewId}|${PERSON}` });
  t.match(page.body, /Is this what you said\?/);
  t.match(page.body, /Yes, this is right/);
  t.match(page.body, /I like the Tuesday group\./, 'the fact in words');
  t.notMatch(page.body, new RegExp(`>${viewId}<`), 'not its id');
  t.notMatch(page.body, /name="gathered"/, 'the person gives no provenance');
  t.equal(sent.statusCode, 303, sent.body);
  // The full record names people by id for staff; a self-advocate reads it in Easy Read, as "you".
  const staff = await signIn(ctx, ctx.secrets.commissioner);
  const after = await ctx.app.inject({ url: `/app/decisions/${decisionId}/record`, headers: { cookie: staff.cookie } });
  t.match(after.body, /confirmed by P-HS01 on/);
  const theirs = await ctx.app.inject({ url: `/app/decisions/${decisionId}/record`, headers: { cookie } });
  t.match(theirs.body, /You said this is right on /, 'the self-advocate’s record says "you"');
  const again = await ctx.app.inject({ url, headers: { cookie } });
  t.notMatch(again.body, /I like the Tuesday group\./, 'a fact once answered is not offered again');
});

t.test('the person disputes a change recorded for them, in their own words', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const change = await changeRecordedFor(ctx, decisionId, { gathered: 'in-a-meeting', readBack: true });
  t.equal(change.statusCode, 201, change.body);
  const changeId: string = change.json().changeId;
  const { page, sent, cookie } = await fill(ctx, ctx.secrets['self-advocate'], `/app/decisions/${decisionId}/dispute`, {
    which: `change|${changeId}|${PERSON}`,
    inOwnWords: 'I only go out once a week.',
  });
  t.match(page.body, /No, this is wrong, and here is why/);
  t.match(page.body, /Out in town twice a week\./);
  t.equal(sent.statusCode, 303, sent.body);
  const staff = await signIn(ctx, ctx.secrets.commissioner);
  const after = await ctx.app.inject({ url: `/app/decisions/${decisionId}/record`, headers: { cookie: staff.cookie } });
  t.match(after.body, /disputed by P-HS01 on/);
  t.match(after.body, /I only go out once a week\./, 'their words beside it');
  const theirs = await ctx.app.inject({ url: `/app/decisions/${decisionId}/record`, headers: { cookie } });
  t.match(theirs.body, /You said this is wrong on /, 'the self-advocate’s record says "you"');
  t.match(theirs.body, /I only go out once a week\./, 'with their words');
  const pack = await ctx.app.inject({ url: `/decisions/${decisionId}/evidence`, headers: ctx.bearer.auditor });
  t.equal(pack.statusCode, 200);
  t.match(pack.body, /Recorded for P-HS01 by [^<]*, gathered in a meeting, read back to them\./, 'the evidence pack says who wrote it down, and how');
  t.match(pack.body, /Disputed by P-HS01 on \S+: “I only go out once a week\.” \(<a href="#event-/, 'and the dispute, with its words and a link to the timeline');
});

t.test('a commissioner recording a confirmation chooses the person’s fact and gives provenance', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const recorded = await viewRecordedFor(ctx, decisionId, 'I want to choose my staff.', { gathered: 'in-a-meeting', readBack: true });
  const viewId: string = recorded.json().viewId;
  const url = `/app/decisions/${decisionId}/confirm`;
  const { page, sent } = await fill(ctx, ctx.secrets.commissioner, url, { which: `view|${viewId}|${PERSON}`, gathered: 'phone', readBack: 'yes' });
  t.match(page.body, /P-HS01’s view: “I want to choose my staff\.”/, 'the person named with their fact');
  t.match(page.body, /name="gathered"/, 'provenance asked');
  t.equal(sent.statusCode, 303, sent.body);
  const missing = await fill(ctx, ctx.secrets.commissioner, `/app/decisions/${decisionId}/dispute`, { which: `view|${viewId}|${PERSON}`, inOwnWords: 'x' });
  t.not(missing.sent.statusCode, 303, 'already answered: not offered, nothing saved');
});

t.test('the decisions list filter offers every flag', async (t) => {
  const ctx = await testApp(t);
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  const page = await ctx.app.inject({ url: '/app/decisions', headers: { cookie } });
  for (const code of flagCodes) t.match(page.body, new RegExp(`<option value="${code}"`), code);
});

t.test("each check's note says what it counted and what not, in words, with links to the evidence", async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const told = await ctx.app.inject({
    method: 'POST',
    url: `/decisions/${decisionId}/involvement`,
    headers: ctx.bearer.commissioner,
    payload: { participant: { role: 'person-using-support', personId: PERSON }, stage: 'deciding', rung: 'informing' },
  });
  t.equal(told.statusCode, 201, told.body);
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  const page = await ctx.app.inject({ url: `/app/decisions/${decisionId}`, headers: { cookie } });
  t.match(page.body, /Not counted \(informing rung or below: told, not involved\): <a href="#event-[^"]+">/);
  t.notMatch(page.body, /not counted \(/, 'the raw note is not shown as it is');
});

t.test('the as-of page offers "what had happened by" beside "what the record said on"', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const { cookie } = await signIn(ctx, ctx.secrets.auditor);
  const asOf = new Date(Date.now() + 60_000).toISOString().slice(0, 16);
  const page = await ctx.app.inject({ url: `/app/audit?decision=${decisionId}&moment=${encodeURIComponent(asOf)}&asOfKind=happened`, headers: { cookie } });
  t.equal(page.statusCode, 200, page.body);
  t.match(page.body, /What had happened by/);
  t.match(page.body, /What the record said on/);
  t.match(page.body, /value="happened"[^>]*checked/, 'the kind chosen is kept');
  t.match(page.body, /<h2 id="then">What had happened by /, 'the answer says which question it answers');
  const byPosition = await ctx.app.inject({ url: `/app/audit?decision=${decisionId}&moment=1&asOfKind=happened`, headers: { cookie } });
  t.equal(byPosition.statusCode, 200);
  t.match(byPosition.body, /give a date and time/, 'a log position cannot say what had happened: said beside the field');
});

t.test('the evidence pack says who said it in the same sentence as the pages', async (t) => {
  const ctx = await testApp(t);
  const decisionId = await proposed(ctx);
  const change = await changeRecordedFor(ctx, decisionId, { gathered: 'phone', readBack: false });
  t.equal(change.statusCode, 201, change.body);
  const sentence = /Said by P-HS01, recorded by [^<,]+ by phone, not read back to them and not yet confirmed by them\./;
  const { cookie } = await signIn(ctx, ctx.secrets.commissioner);
  t.match((await ctx.app.inject({ url: `/app/decisions/${decisionId}/record`, headers: { cookie } })).body, sentence, 'the page');
  t.match((await ctx.app.inject({ url: `/decisions/${decisionId}/evidence`, headers: ctx.bearer.auditor })).body, sentence, 'the evidence pack');
});
