// In a real browser: a self-advocate gives a view with the keyboard alone and sees it in
// "you said — we did"; a commissioner makes the decision with an answer to that view and
// gives feedback; a provider proposes a change, past the easy-read warnings.
import t from 'tap';
import type { Page } from 'playwright-core';
import type { Test } from 'tap';
import { expectAccessible, focusState, screenshot, signIn, submit, withSite } from './browser-kit.js';

const COMMUNITY = 'Help people build community connections so they rely less on paid staff';
const MY_VIEW = 'I want to go to the choir with my friend from the centre.';
const OUR_ANSWER = 'A community connector will go with you to the choir the first time.';

await withSite(t, async (site) => {
  const openDecision = async (page: Page, title: string) => {
    await page.goto(`${site.base}/app/decisions`);
    await Promise.all([page.waitForURL(/\/app\/decisions\/[0-9a-f-]{36}$/), page.getByRole('link', { name: title }).click()]);
  };

  /** Presses a key and checks the focus moved somewhere visible; answers what has focus. */
  const press = async (tt: Test, page: Page, key: string) => {
    await page.keyboard.press(key);
    const focus = await focusState(page);
    tt.ok(focus.visible, `after ${key}, focus on ${focus.tag}#${focus.id || focus.name || focus.text} is visible`);
    return focus;
  };

  await t.test('a self-advocate gives a view with the keyboard alone and sees it in “you said — we did”', async (t) => {
    const page = await signIn(site, 'self-advocate');
    await openDecision(page, COMMUNITY);
    await screenshot(page, 'self-advocate-decision-before-view');
    await Promise.all([page.waitForURL(/\/view$/), page.getByRole('link', { name: 'Give your view' }).click()]);

    // From the top of the page: Tab until the first question ("Who is this from?", already "Me").
    let focus = await press(t, page, 'Tab');
    t.equal(focus.text, 'Skip to the main content', 'the skip link comes first');
    for (let i = 0; i < 20 && focus.name !== 'by'; i++) focus = await press(t, page, 'Tab');
    t.equal(focus.id, 'f-by-0', 'the first question has focus, on the chosen answer “Me”');
    focus = await press(t, page, 'Tab');
    t.equal(focus.name, 'stance', 'Tab moves to the next question');
    await page.keyboard.press('Space');
    t.ok(await page.isChecked('#f-stance-0'), 'Space chooses “I agree”');
    focus = await press(t, page, 'Tab');
    t.equal(focus.id, 'f-inOwnWords');
    await page.keyboard.type(MY_VIEW);
    focus = await press(t, page, 'Shift+Tab');
    t.equal(focus.name, 'stance', 'Shift+Tab goes back');
    focus = await press(t, page, 'Tab');
    focus = await press(t, page, 'Tab');
    t.equal(focus.id, 'f-reason');
    focus = await press(t, page, 'Tab');
    t.equal(focus.tag, 'button', 'then the button to send it');
    await screenshot(page, 'self-advocate-view-form-keyboard');
    await Promise.all([page.waitForURL(/saved=view/), page.keyboard.press('Enter')]);

    await t.resolveMatch(page.getByRole('status').textContent(), /Your view is saved/);
    const youSaid = page.locator('section[aria-labelledby="you-said"]');
    const mine = youSaid.locator('li', { hasText: MY_VIEW });
    t.equal(await mine.count(), 1, 'the view is in “you said — we did”');
    await t.resolveMatch(mine.textContent(), /No answer yet/);
    await screenshot(page, 'self-advocate-decision-after-view');
    await expectAccessible(t, page, 'the decision page after giving a view');
    await page.context().close();
  });

  await t.test('a form that is refused shows each error beside its field and keeps what was typed', async (t) => {
    const page = await signIn(site, 'self-advocate');
    await openDecision(page, COMMUNITY);
    await Promise.all([page.waitForURL(/\/view$/), page.getByRole('link', { name: 'Give your view' }).click()]);
    await page.check('#f-stance-2');
    await page.fill('#f-inOwnWords', 'I do not want this.');
    await submit(page);
    await t.resolveMatch(page.locator('.error-summary').textContent(), /Why\?: A concern or an objection must give its reason/);
    await t.resolveMatch(page.locator('#f-reason-error').textContent(), /must give its reason/);
    t.equal(await page.inputValue('#f-inOwnWords'), 'I do not want this.', 'what was typed is kept');
    t.ok(await page.isChecked('#f-stance-2'), 'the choice is kept');
    await screenshot(page, 'self-advocate-view-form-errors');
    await expectAccessible(t, page, 'the view form with errors');
    await page.context().close();
  });

  await t.test('a commissioner makes the decision, answers the view, and gives feedback', async (t) => {
    const page = await signIn(site, 'commissioner');
    await openDecision(page, COMMUNITY);
    await Promise.all([page.waitForURL(/\/decide$/), page.getByRole('link', { name: 'Make the decision' }).click()]);
    await page.check('#f-outcome-0');
    await page.fill('#f-reasons', 'People told us they want friends outside paid support.');
    await page.getByLabel('Leeds City Council (commissioner)').check();
    await page.getByLabel('Hillside Support (provider)').check();
    await page.check('#f-claimedRung-5');
    await page.fill('#f-reviewDate', '2027-09-30');
    await page.getByLabel(MY_VIEW, { exact: false }).fill(OUR_ANSWER);
    await screenshot(page, 'commissioner-decide-form');
    await Promise.all([page.waitForURL(/saved=decide/), page.click('main button[type=submit]')]);
    const mine = page.locator('section[aria-labelledby="you-said"] li', { hasText: MY_VIEW });
    await t.resolveMatch(mine.textContent(), new RegExp(`We did:\\s*${OUR_ANSWER}`), 'the answer is shown under the view');

    await Promise.all([page.waitForURL(/\/feedback$/), page.getByRole('link', { name: 'Give feedback' }).click()]);
    await page.getByLabel('P-HS08 (a person who uses support)').check();
    await page.check('#f-format-0');
    await page.fill('#f-message', 'We said yes. A connector will help you meet people near you.');
    await Promise.all([page.waitForURL(/saved=feedback/), page.click('main button[type=submit]')]);
    await t.resolveMatch(page.locator('section[aria-labelledby="you-said"]').textContent(), /A connector will help you meet people/);
    await screenshot(page, 'commissioner-decision-after-feedback');
    await page.context().close();
  });

  await t.test('the self-advocate sees the answer', async (t) => {
    const page = await signIn(site, 'self-advocate');
    await openDecision(page, COMMUNITY);
    await t.resolveMatch(page.locator('section[aria-labelledby="you-said"] li', { hasText: MY_VIEW }).textContent(), new RegExp(OUR_ANSWER));
    await page.context().close();
  });

  await t.test('a provider proposes a change, warned first about hard words and long sentences', async (t) => {
    const page = await signIn(site, 'provider');
    await page.goto(`${site.base}/app/decisions`);
    await Promise.all([page.waitForURL(/\/new$/), page.getByRole('link', { name: 'Propose a change' }).click()]);
    await submit(page);
    await t.resolveMatch(page.locator('.error-summary').textContent(), /Title: Please fill this in/);
    await screenshot(page, 'provider-propose-errors');
    await expectAccessible(t, page, 'the proposal form with errors');

    await page.fill('#f-title', 'Open the centre on Saturdays');
    await page.fill('#f-summary', 'Hillside Support proposes to open the day centre on Saturday mornings for people who work in the week.');
    await page.fill('#f-easyReadSummary', 'The centre will open on Saturdays.\nThis is personalisation of the provision for the people who work during all of the week days.');
    await page.fill('#f-people', 'P-HS06, P-HS08');
    await submit(page);
    const warnings = await page.locator('.warning-summary').textContent();
    t.match(warnings, /personalisation/, 'a hard word is flagged');
    t.match(warnings, /Sentence 2 has 17 words/, 'a long sentence is flagged');
    t.equal(await page.inputValue('#f-title'), 'Open the centre on Saturdays', 'what was typed is kept');
    await screenshot(page, 'provider-propose-easy-read-warnings');
    await expectAccessible(t, page, 'the proposal form with easy-read warnings');

    await page.check('#f-saveAnyway');
    await Promise.all([page.waitForURL(/saved=new/), page.click('main button[type=submit]')]);
    await t.resolveMatch(page.locator('h1').textContent(), /Open the centre on Saturdays/);
    await screenshot(page, 'provider-proposed-change');
    await page.context().close();
  });

  await t.test('a POST without the form’s CSRF value is refused with a plain page', async (t) => {
    const page = await signIn(site, 'self-advocate');
    const answer = await page.request.post(`${site.base}/app/decisions/new`, { form: { title: 'x' } });
    t.equal(answer.status(), 403);
    t.match(await answer.text(), /This form has expired/);
    await page.context().close();
  });
});
