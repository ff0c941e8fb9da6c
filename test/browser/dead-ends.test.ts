// In a real browser, under the pages' CSP (no script): after a failed submit the error
// summary has the focus; an unknown address, a forbidden form and a closed form are pages
// with navigation in plain words; printing hides the site around the record and opens
// "More detail"; the evidence pack opens with the page session and prints its own way.
import t from 'tap';
import { COUNCIL } from '../../src/demo/demo-scenario.js';
import { hillsideProposal } from '../support/records.js';
import type { Page } from 'playwright-core';
import { expectAccessible, expectFitsPhone, focusState, type Role, signIn, submit, WIDE, withSite } from './browser-kit.js';

await withSite(t, async (site) => {
  const { app, bearer } = site.app;
  const propose = async () => (await app.inject({ method: 'POST', url: '/decisions', headers: bearer.commissioner, payload: hillsideProposal })).json().decisionId as string;
  const open = await propose();
  const decided = await propose();
  const decision = { outcome: 'agreed', reasons: 'The building closes.', decidedBy: [{ role: 'commissioner', organisation: COUNCIL }], claimedRung: 'consultation', reviewDate: '2027-06-30', answers: [] };
  await app.inject({ method: 'POST', url: `/decisions/${decided}/decision`, headers: bearer.commissioner, payload: decision });

  /** Signed in without bypassing the CSP (no axe here): what works must work under the pages' own policy. */
  const signInUnderCsp = async (role: Role): Promise<Page> => {
    const context = await site.browser.newContext({ viewport: { width: WIDE, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${site.base}/app/sign-in`);
    await page.fill('#f-token', site.app.secrets[role]);
    await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/sign-in')), page.click('button[type=submit]')]);
    return page;
  };

  await t.test('after a failed submit the error summary has the focus, with no script', async (t) => {
    const page = await signInUnderCsp('self-advocate');
    await page.goto(`${site.base}/app/decisions/${open}/view`);
    await submit(page);
    t.match(await page.title(), /^Error: /, 'the title says there is an error');
    const focus = await focusState(page);
    t.equal(focus.id, 'error-summary', 'document.activeElement is the error summary');
    t.ok(focus.visible, 'and its focus can be seen');
    await page.keyboard.press('Tab');
    const next = await focusState(page);
    t.equal(next.tag, 'a', 'one Tab reaches the first error’s link');
    await page.context().close();
  });

  await t.test('dead ends are pages with navigation, in plain words', async (t) => {
    const page = await signIn(site, 'self-advocate');
    const unknown = await page.goto(`${site.base}/app/no/such/page`);
    t.equal(unknown?.status(), 404);
    await t.resolveMatch(page.locator('h1').textContent(), /We could not find that page/);
    t.equal(await page.locator('nav.main').count(), 1, 'with the navigation');
    await expectAccessible(t, page, 'not found');
    await expectFitsPhone(t, page, 'self-advocate-not-found');

    const forbidden = await page.goto(`${site.base}/app/decisions/${open}/decide`);
    t.equal(forbidden?.status(), 403);
    await t.resolveMatch(page.locator('h1').textContent(), /You cannot do this/);
    t.equal(await page.locator('nav.main').count(), 1, 'with the navigation');

    const closed = await page.goto(`${site.base}/app/decisions/${decided}/view`);
    t.equal(closed?.status(), 403);
    await t.resolveMatch(page.locator('main').textContent(), /This decision has been made\.[\s\S]*So you cannot give your view now\./);
    t.equal(await page.locator(`main a[href="/app/decisions/${decided}/challenge"]`).count(), 1, 'a link to challenge it instead');
    await expectAccessible(t, page, 'form not open');
    await expectFitsPhone(t, page, 'self-advocate-form-not-open');
    await page.context().close();
  });

  await t.test('printing the record: no navigation or buttons, More detail open, link addresses printed', async (t) => {
    const page = await signInUnderCsp('commissioner');
    await page.goto(`${site.base}/app/decisions/${decided}/record`);
    await page.emulateMedia({ media: 'print' });
    t.notOk(await page.locator('nav.main').isVisible(), 'no navigation');
    t.equal(await page.locator('main button:visible').count(), 0, 'no buttons');
    const details = page.locator('details');
    if ((await details.count()) > 0) {
      const inside = details.first().locator(':scope > :not(summary)').first();
      t.ok(await inside.isVisible(), '“More detail” is open when printed');
    }
    const after = await page.evaluate(`getComputedStyle(document.querySelector('main a[href^="/app"]'), '::after').content`);
    t.match(String(after), /\/app\//, 'a link’s address is printed after it');
    await page.emulateMedia({ media: 'screen' });

    const pack = page.locator(`main a[href="/app/decisions/${decided}/evidence"]`);
    t.equal(await pack.count(), 1, 'the decision page links the evidence pack');
    const answer = await page.goto(`${site.base}/app/decisions/${decided}/evidence`);
    t.equal(answer?.status(), 200, 'which opens with the page session');
    t.match(await page.evaluate(`getComputedStyle(document.body).fontFamily`), /system-ui/, 'its own stylesheet applies under its CSP (not the browser’s default font)');
    await page.context().close();
  });
});
