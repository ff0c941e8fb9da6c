// In a real browser: a commissioner makes a printed sign-in card, and a self-advocate uses
// it with the keyboard alone: sent to a decision, asked to sign in, types the card's code
// as a supporter reads it (spaces, small letters), and lands on that decision.
import t from 'tap';
import { expectAccessible, focusState, screenshot, signIn, withSite } from './browser-kit.js';

await withSite(t, async (site) => {
  await t.test('from the printed sign-in card to the page they were sent to, by keyboard alone', async (t) => {
    // The commissioner makes the card.
    const staff = await signIn(site, 'commissioner');
    await staff.goto(`${site.base}/app/sign-in-cards`);
    await expectAccessible(t, staff, 'the sign-in cards page');
    await staff.fill('#f-personId', 'P-HS01');
    await staff.fill('#f-name', 'Sam');
    await Promise.all([staff.waitForResponse((r) => r.request().method() === 'POST'), staff.click('main button[type=submit]')]);
    await staff.waitForLoadState('load');
    t.equal(await staff.locator('h1').innerText(), 'Sign-in card for Sam');
    await expectAccessible(t, staff, 'the sign-in card');
    await screenshot(staff, 'sign-in-card');
    t.equal(await staff.locator('.card-qr svg').count(), 1, 'the QR code is on the card');
    await staff.emulateMedia({ media: 'print' });
    t.notOk(await staff.locator('header.site').isVisible(), 'printed, the card has no banner or navigation');
    t.ok(await staff.locator('.sign-in-card').isVisible(), 'printed, the card is there');
    await screenshot(staff, 'sign-in-card-print');
    const code = (await staff.locator('#card-code').innerText()).trim();

    // The self-advocate was sent a link to a decision.
    const decisions = await site.app.app.inject({ url: '/decisions', headers: site.app.bearer.commissioner });
    const decisionId = String((decisions.json() as { decisions: { decisionId: string }[] }).decisions[0]?.decisionId);
    const context = await site.browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${site.base}/app/decisions/${decisionId}`);
    t.match(page.url(), /\/app\/sign-in\?next=/, 'asked to sign in first');
    await expectAccessible(t, page, 'the sign-in page');

    let focus = await focusState(page);
    for (let i = 0; i < 10 && focus.tag !== 'summary'; i++) {
      await page.keyboard.press('Tab');
      focus = await focusState(page);
      t.ok(focus.visible, `focus on ${focus.tag}#${focus.id || focus.text} is visible`);
    }
    t.equal(focus.text, 'Show the code as I type it');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    focus = await focusState(page);
    t.equal(focus.id, 'f-code', 'the field where the code can be seen');
    await page.keyboard.type(code.toLowerCase().replaceAll('-', ' '));
    t.equal(await page.inputValue('#f-code'), code.toLowerCase().replaceAll('-', ' '), 'what was typed is shown');
    await expectAccessible(t, page, 'the sign-in page, code shown');
    await Promise.all([page.waitForURL(new RegExp(`/app/decisions/${decisionId}$`)), page.keyboard.press('Enter')]);
    t.match(await page.locator('header.site').innerText(), /Signed in as Sam \(self-advocate\)/);
    await context.close();
  });
});
