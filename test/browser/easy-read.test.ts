// The Easy Read page in a real browser, as the self-advocate of the demo first meets each
// decision: axe-core (0 serious or critical), the Easy Read check on what is shown, no
// sideways scrolling at 320 px, and screenshots at 1280 px and 320 px in test-output/screenshots
// (easy-read-<n>-<width>.png, n the decision's place in the list; not committed).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import t from 'tap';
import { apiCodes } from '../../src/web/easy-read-codes.js';
import { pageFigures, pointsWithoutPicture } from '../../src/web/easy-read.js';
import { expectAccessible, screenshot, SCREENSHOTS, signIn, withSite } from './browser-kit.js';

/** A PNG's width in pixels: the first field of its IHDR chunk, 16 bytes in. */
const pngWidth = (file: string) => readFileSync(file).readUInt32BE(16);

await withSite(t, async (site) => {
  const codes = apiCodes(site.app.app.swagger());
  const { decisions } = (await site.app.app.inject({ url: '/decisions', headers: site.app.bearer['self-advocate'] })).json() as { decisions: { decisionId: string }[] };

  await t.test('each decision’s Easy Read page at 1280 px and 320 px', async (t) => {
    const page = await signIn(site, 'self-advocate');
    for (const [i, { decisionId }] of decisions.entries()) {
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${site.base}/app/decisions/${decisionId}`);
        const name = `easy-read-${i + 1} at ${width} px`;
        t.match(await page.locator('main h2').allInnerTexts(), ['What is being decided', 'What it means for you', 'What you said and what we did', 'Was it done with you?', 'What you can do']);
        // Removed first, so what is there afterwards was written by this run.
        const shot = `easy-read-${i + 1}-${width}`;
        const file = join(SCREENSHOTS, `${shot}.png`);
        rmSync(file, { force: true });
        await screenshot(page, shot);
        t.ok(existsSync(file) && pngWidth(file) === width, `${name}: screenshot written, ${width} px wide, at ${relative(process.cwd(), file)}`);
        await expectAccessible(t, page, name);
        const html = await page.content();
        const figures = pageFigures(html, codes);
        t.ok(figures.shareOverLimit <= 0.05, `${name}: at least 95% of ${figures.sentences} sentences have 15 words or fewer`);
        t.same([...figures.ids, ...figures.codes, ...figures.plurals], [], `${name}: no ids, codes or "(s)"`);
        t.same(pointsWithoutPicture(html), [], `${name}: a picture beside every point`);
        const sideways = await page.evaluate<number>('document.documentElement.scrollWidth');
        t.ok(sideways <= width, `${name}: no sideways scrolling (${sideways} px wide)`);
      }
    }
    await page.context().close();
  });
});
