// The Partnership Board report in a real browser, over the demo: the full report (as a
// commissioner and as a provider) and its Easy Read version (as a self-advocate meets it
// first), axe-core at 1280 px and 320 px, no sideways scrolling and no chart text under
// 14 px at 320 px, the Easy Read check on what is shown, and the report on paper (print media).
// Screenshots at 1280 px: test-output/screenshots/board-report.png and board-report-easy-read.png.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { apiCodes } from '../../src/web/easy-read-codes.js';
import { pageFigures, pointsWithoutPicture } from '../../src/web/easy-read.js';
import { expectAccessible, expectFitsPhone, screenshot, SCREENSHOTS, signIn, withSite } from './browser-kit.js';

await withSite(t, async (site) => {
  const codes = apiCodes(site.app.app.swagger());
  // The page as it first opens: this quarter, against the quarter before.
  const REPORT = '/app/reports/partnership-board';

  /** Removed first, so a screenshot there afterwards was written by this run. */
  const freshScreenshot = async (tt: Test, page: Parameters<typeof screenshot>[0], name: string) => {
    const file = join(SCREENSHOTS, `${name}.png`);
    rmSync(file, { force: true });
    await screenshot(page, name);
    tt.ok(existsSync(file), `screenshot at test-output/screenshots/${name}.png`);
  };

  await t.test('the full report, as a commissioner: accessible, fits a phone, charts readable, prints cleanly', async (t) => {
    const page = await signIn(site, 'commissioner');
    await page.goto(`${site.base}${REPORT}`);
    t.match(await page.locator('main h2').allInnerTexts(), ['Decisions', 'Was it co-produced?', 'Listen, act, learn', 'Risks', 'What changed for people', 'Money', 'Challenges', 'Things to look at']);
    t.equal(await page.locator('main figure').count(), 3, 'three charts, each a figure');
    t.equal(await page.locator('main figure figcaption').count(), 3, 'each with its words');
    await freshScreenshot(t, page, 'board-report');
    await expectAccessible(t, page, 'the Board report');
    await expectFitsPhone(t, page, 'board-report');
    // Chart words are the page's text: at least 14 px at 320 px, whatever the picture's scale.
    await page.setViewportSize({ width: 320, height: 800 });
    const smallest = await page.evaluate<number>(`Math.min(...[...document.querySelectorAll('.report-chart figcaption, .report-chart .bar-label, .report-chart .bar-name, .report-chart .bar-value')].map((el) => parseFloat(getComputedStyle(el).fontSize)))`);
    t.ok(smallest >= 14, `chart text at 320 px is at least 14 px (smallest ${smallest} px)`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate<string[]>(`[...document.querySelectorAll('nav.main, main form, .csv-link, .report-links')].filter((el) => getComputedStyle(el).display !== 'none').map((el) => el.className || el.tagName)`);
    t.same(hidden, [], 'on paper: no navigation, form, downloads or links to other versions');
    const after = await page.evaluate<string>(`getComputedStyle(document.querySelector('.report a[href^="/app/decisions/"]') || document.body, '::after').content`);
    t.ok(after === 'none' || after === '""' || after === 'normal', `on paper: no address printed after a decision's link (${after})`);
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();
  });

  await t.test('the printable version and a provider’s report', async (t) => {
    const page = await signIn(site, 'provider');
    await page.goto(`${site.base}${REPORT}`);
    await t.resolveMatch(page.locator('main').textContent(), /It covers only the decisions about your organisation, Hillside Support\./);
    await expectAccessible(t, page, 'the Board report as a provider');
    await page.goto(`${site.base}/app/reports/partnership-board/print?from=2026-01-01&to=2026-12-31`);
    await expectAccessible(t, page, 'the printable Board report');
    await expectFitsPhone(t, page, 'board-report-print');
    await page.context().close();
  });

  await t.test('the Easy Read report, as a self-advocate meets it first', async (t) => {
    const page = await signIn(site, 'self-advocate');
    await page.goto(`${site.base}${REPORT}`);
    await t.resolveMatch(page.locator('main h1').textContent(), /What we tell the Partnership Board/);
    await freshScreenshot(t, page, 'board-report-easy-read');
    await expectAccessible(t, page, 'the Easy Read Board report');
    const html = await page.content();
    const figures = pageFigures(html, codes);
    t.ok(figures.shareOverLimit <= 0.05, `at least 95% of ${figures.sentences} sentences have 15 words or fewer`);
    t.same([...figures.ids, ...figures.codes, ...figures.plurals], [], 'no ids, codes or "(s)"');
    t.same(pointsWithoutPicture(html), [], 'a picture beside every point');
    await expectFitsPhone(t, page, 'board-report-easy-read');
    await page.context().close();
  });
});
