// One journey per role, end to end, using only the pages: a commissioner proposes, shares
// information, records involvement, decides and gives feedback; a provider proposes a change
// and records what changed for a person it supports; a self-advocate gives a view and reviews
// co-production; an auditor verifies the log and looks at a decision as it stood.
import t from 'tap';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, signIn, withSite } from './browser-kit.js';

const COMMUNITY = 'Help people build community connections so they rely less on paid staff';
const ME = 'P-HS01 (a person who uses support)';

await withSite(t, async (site) => {
  /** Follows a link on the page and sends the form it leads to, filled by `fill`; waits for the saved notice. */
  const useForm = async (page: Page, link: string, slug: string, fill: () => Promise<void>) => {
    await Promise.all([page.waitForURL(new RegExp(`/${slug}$`)), page.getByRole('link', { name: link, exact: true }).click()]);
    await fill();
    await Promise.all([page.waitForURL(new RegExp(`saved=${slug}`)), page.click('main button[type=submit]')]);
  };

  await t.test('a commissioner: propose → information → involvement → decide → feedback', async (t) => {
    const page = await signIn(site, 'commissioner');
    await page.goto(`${site.base}/app/decisions`);
    await useForm(page, 'Propose a decision', 'new', async () => {
      await page.check('#f-kind-0');
      await page.fill('#f-title', 'Open the day centre in the evening');
      await page.fill('#f-summary', 'People asked for an evening club at the day centre.');
      await page.fill('#f-easyReadSummary', 'We want an evening club.\nTell us what you think.');
      await page.fill('#f-people', 'P-HS01');
      await page.fill('#f-organisations', 'Hillside Support');
    });
    await t.resolveMatch(page.locator('h1').textContent(), /Open the day centre in the evening/);
    await useForm(page, 'Share information', 'information', async () => {
      await page.getByLabel(ME).check();
      await page.check('#f-format-0');
      await page.check('#f-timing-0');
      await page.fill('#f-sharedAt', '2026-03-01T10:00');
      await page.fill('#f-description', 'An easy-read letter about the evening club');
    });
    await useForm(page, 'Record who was involved', 'involvement', async () => {
      await page.selectOption('#f-participant', `person:P-HS01`);
      await page.check('#f-stage-0');
      await page.check('#f-rung-6');
    });
    await useForm(page, 'Make the decision', 'decide', async () => {
      await page.check('#f-outcome-0');
      await page.fill('#f-reasons', 'People want it and the staff can do it.');
      await page.getByLabel(ME).check();
      await page.getByLabel('Leeds City Council (commissioner)').check();
      await page.check('#f-claimedRung-5');
      await page.fill('#f-reviewDate', '2027-09-30');
    });
    await useForm(page, 'Give feedback', 'feedback', async () => {
      await page.getByLabel(ME).check();
      await page.check('#f-format-0');
      await page.fill('#f-message', 'We said yes to the evening club.');
    });
    await t.resolveMatch(page.getByRole('status').textContent(), /The feedback is recorded/);
    await screenshot(page, 'journey-commissioner-after-feedback');
    await expectAccessible(t, page, 'the decision after the commissioner’s journey');
    await page.context().close();
  });

  await t.test('a provider: propose a change → record a change for a person it supports', async (t) => {
    const page = await signIn(site, 'provider');
    await page.goto(`${site.base}/app/decisions`);
    await useForm(page, 'Propose a change', 'new', async () => {
      await page.fill('#f-title', 'Add a Saturday walk');
      await page.fill('#f-summary', 'Hillside Support proposes a Saturday walking group.');
      await page.fill('#f-easyReadSummary', 'We want a walk on Saturdays.');
      await page.fill('#f-people', 'P-HS01');
    });
    await useForm(page, 'Record a change for a person', 'change', async () => {
      await page.selectOption('#f-personId', 'P-HS01');
      await page.check('#f-area-3');
      await page.fill('#f-before', 'Stayed in at weekends.');
      await page.fill('#f-after', 'Walks with friends on Saturdays.');
      await page.check('#f-direction-0');
    });
    await t.resolveMatch(page.locator('main').textContent(), /Walks with friends on Saturdays/, 'the change is on the decision’s page');
    await screenshot(page, 'journey-provider-after-change');
    await page.context().close();
  });

  await t.test('a self-advocate: give a view → review co-production', async (t) => {
    const page = await signIn(site, 'self-advocate');
    await page.goto(`${site.base}/app/decisions`);
    await Promise.all([page.waitForURL(/\/app\/decisions\/[0-9a-f-]{36}$/), page.getByRole('link', { name: COMMUNITY }).click()]);
    await useForm(page, 'Give your view', 'view', async () => {
      await page.check('#f-stance-0');
      await page.fill('#f-inOwnWords', 'I would like to join a gardening club.');
    });
    await useForm(page, 'Was this co-produced? Give your review', 'coproduction-review', async () => {
      await page.check('#f-rungReached-3');
      await page.fill('#f-comments', 'They asked us, but they decided.');
    });
    await t.resolveMatch(page.getByRole('status').textContent(), /Your review is saved/);
    await screenshot(page, 'journey-self-advocate-after-review');
    await page.context().close();
  });

  await t.test('an auditor: verify the log, then a decision as it stood', async (t) => {
    const page = await signIn(site, 'auditor');
    await page.goto(`${site.base}/app/audit`);
    await Promise.all([page.waitForURL(/verify=1/), page.getByRole('button', { name: 'Run verification' }).click()]);
    await t.resolveMatch(page.locator('main').textContent(), /Verified/);
    await page.fill('#f-moment', '20');
    await Promise.all([page.waitForURL(/moment=20/), page.getByRole('button', { name: 'Show the decision then' }).click()]);
    await t.resolveMatch(page.locator('#then').textContent(), /As it stood at log position 20/);
    await screenshot(page, 'journey-auditor-as-of');
    await page.context().close();
  });
});
