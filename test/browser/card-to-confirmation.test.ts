// In a real browser, by keyboard alone (issue 16's "done when"): a commissioner makes a
// printed sign-in card for P-HS01; a supporter types the card's short code into the sign-in
// page; the self-advocate goes from their first page to a decision where staff wrote down
// their view, opens "Is this what you said?", confirms it, and the Easy Read page says so.
// After each context's first page there is no click and no goto: only Tab, typing, Space
// and Enter. Every page reached is checked with axe-core, wide and at 320 px.
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { hillsideProposal } from '../support/records.js';
import { expectAccessible, expectFitsPhone, focusState, screenshot, signIn, WIDE, withSite } from './browser-kit.js';

const THEIR_VIEW = 'I want to keep going to the allotment on Thursdays.';
const DECISION_TITLE = 'Change the Thursday allotment group';
// A long list page takes many Tabs; more than this and the page is a keyboard trap or a maze.
const MOST_TABS = 120;

type Focus = Awaited<ReturnType<typeof focusState>>;

/** Presses Tab until the focus is on what `wanted` picks out, checking at each stop that the focus can be seen. */
async function tabTo(t: Test, page: Page, what: string, wanted: (focus: Focus) => boolean): Promise<void> {
  const hidden: string[] = [];
  for (let tabs = 1; tabs <= MOST_TABS; tabs++) {
    await page.keyboard.press('Tab');
    const focus = await focusState(page);
    if (!focus.visible && focus.tag !== 'body') hidden.push(`${focus.tag}#${focus.id || focus.text}`);
    if (wanted(focus)) {
      t.comment(`${tabs} Tab presses to ${what}`);
      t.same(hidden, [], `the focus can be seen at every stop on the way to ${what}`);
      return;
    }
  }
  t.fail(`${what} cannot be reached with Tab (${MOST_TABS} presses)`);
  throw new Error(`${what} is not reachable by keyboard`);
}

/** Presses Enter on what has the focus and waits for the page it leads to (waitForURL waits for its load). */
async function enterAndLand(page: Page, address: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(address), page.keyboard.press('Enter')]);
}

async function checkPage(t: Test, page: Page, name: string): Promise<void> {
  await expectAccessible(t, page, name);
  await screenshot(page, `card-journey-${name}`);
  await expectFitsPhone(t, page, `card-journey-${name}`);
}

await withSite(t, async (site) => {
  // A decision about P-HS01 where a commissioner wrote down, by phone, what P-HS01 said.
  const proposed = await site.app.app.inject({ method: 'POST', url: '/decisions', headers: site.app.bearer.commissioner, payload: { ...hillsideProposal, title: DECISION_TITLE } });
  const decisionId: string = proposed.json().decisionId;
  const view = { by: { role: 'person-using-support', personId: 'P-HS01' }, stance: 'supports', inOwnWords: THEIR_VIEW, provenance: { recordedFor: 'P-HS01', gathered: 'phone', readBack: true } };
  const recorded = await site.app.app.inject({ method: 'POST', url: `/decisions/${decisionId}/views`, headers: site.app.bearer.commissioner, payload: view });

  await t.test('from a printed sign-in card to a confirmed view, by keyboard alone', async (t) => {
    t.equal(recorded.statusCode, 201, 'the view written down for P-HS01 by phone is recorded');

    // The commissioner makes the card.
    const staff = await signIn(site, 'commissioner');
    await staff.goto(`${site.base}/app/sign-in-cards`);
    await checkPage(t, staff, 'sign-in-cards');
    await tabTo(t, staff, 'the person’s id', (f) => f.id === 'f-personId');
    await staff.keyboard.type('P-HS01');
    await tabTo(t, staff, 'the name on the card', (f) => f.id === 'f-name');
    await staff.keyboard.type('Sam');
    await Promise.all([staff.waitForResponse((r) => r.request().method() === 'POST'), staff.keyboard.press('Enter')]);
    await staff.waitForLoadState('load');
    t.equal(await staff.locator('h1').innerText(), 'Sign-in card for Sam');
    await checkPage(t, staff, 'sign-in-card');
    await staff.emulateMedia({ media: 'print' });
    t.ok(await staff.locator('#card-code').isVisible(), 'the printed card shows the code');
    const code = (await staff.locator('#card-code').innerText()).trim();
    t.match(code, /^[A-Z0-9]{4}(-[A-Z0-9]{4})+$/, 'a short code in groups a supporter can read out');
    await staff.context().close();

    // The supporter types the code from the card.
    const context = await site.browser.newContext({ bypassCSP: true, viewport: { width: WIDE, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${site.base}/app/sign-in`);
    await checkPage(t, page, 'sign-in');
    await tabTo(t, page, '"Show the code as I type it"', (f) => f.tag === 'summary');
    await page.keyboard.press('Enter');
    await tabTo(t, page, 'the field where the code can be seen', (f) => f.id === 'f-code');
    await page.keyboard.type(code);
    await enterAndLand(page, /\/app\/decisions$/);
    t.match(await page.locator('header.site').innerText(), /Signed in as Sam \(self-advocate\)/, 'signed in as the person on the card');
    await checkPage(t, page, 'their-decisions');

    // The self-advocate goes to the decision, and to what was written down for them.
    await tabTo(t, page, `the link to "${DECISION_TITLE}"`, (f) => f.tag === 'a' && f.text.startsWith(DECISION_TITLE.slice(0, 30)));
    await enterAndLand(page, new RegExp(`/app/decisions/${decisionId}$`));
    t.match(await page.locator('main').innerText(), /Someone else wrote this down for you/i, 'the Easy Read page says staff wrote it down for them');
    await checkPage(t, page, 'easy-read-before');
    await tabTo(t, page, '"Is this what you said? Yes, this is right"', (f) => f.tag === 'a' && f.text.startsWith('Is this what you said? Yes'));
    await enterAndLand(page, /\/confirm$/);
    await checkPage(t, page, 'confirm-form');
    await tabTo(t, page, 'their view', (f) => f.tag === 'input' && f.name === 'which');
    await page.keyboard.press(' ');
    t.ok(await page.getByLabel(`Your view: “${THEIR_VIEW}”`).isChecked(), 'their view is chosen, with the Space bar');
    await tabTo(t, page, '"Yes, this is right"', (f) => f.tag === 'button' && f.text === 'Yes, this is right');
    await enterAndLand(page, new RegExp(`/app/decisions/${decisionId}\\?saved=confirm$`));

    // Back on the Easy Read page, which says it is confirmed.
    await t.resolveMatch(page.getByRole('status').textContent(), /It now says you confirmed it/);
    await t.resolveMatch(page.locator('section[aria-labelledby="you-said"] li', { hasText: THEIR_VIEW }).textContent(), /You said this is right on/, 'the Easy Read page says "you" confirmed it');
    await checkPage(t, page, 'easy-read-confirmed');
    await context.close();
  });
});
