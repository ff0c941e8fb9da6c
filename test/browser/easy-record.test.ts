// The full record and the evidence pack as the demo's self-advocate reaches them, in a real
// browser: axe-core (0 serious or critical) at 1280 px and 320 px, no sideways scrolling, the
// Easy Read check on what is shown, and the evidence pack printing without the navigation.
import t from 'tap';
import { apiCodes } from '../../src/web/easy-read-codes.js';
import { pageFigures } from '../../src/web/easy-read.js';
import { expectAccessible, expectFitsPhone, screenshot, signIn, withSite } from './browser-kit.js';

await withSite(t, async (site) => {
  const codes = apiCodes(site.app.app.swagger());
  const { decisions } = (await site.app.app.inject({ url: '/decisions', headers: site.app.bearer['self-advocate'] })).json() as { decisions: { decisionId: string }[] };

  await t.test('each decision’s record and evidence pack, as a self-advocate', async (t) => {
    const page = await signIn(site, 'self-advocate');
    for (const [i, { decisionId }] of decisions.entries()) {
      for (const part of ['record', 'evidence']) {
        const name = `self-advocate-${part}-${i + 1}`;
        const answer = await page.goto(`${site.base}/app/decisions/${decisionId}/${part}`);
        t.equal(answer?.status(), 200, `${name} opens`);
        await screenshot(page, name);
        await expectAccessible(t, page, name);
        await expectFitsPhone(t, page, name);
        const figures = pageFigures(await page.content(), codes);
        t.ok(figures.shareOverLimit <= 0.05 && figures.ids.length === 0 && figures.codes.length === 0 && figures.plurals.length === 0, `${name} passes the Easy Read check`);
        t.equal(await page.locator(`main a[href="/app/decisions/${decisionId}/easy-read"]`).count() >= 1, true, `${name} links the Easy Read page`);
      }
    }
    await page.emulateMedia({ media: 'print' });
    t.notOk(await page.locator('nav.main').isVisible(), 'the evidence pack prints without the navigation');
    await page.context().close();
  });
});
