// What the real-browser tests share: Debian's chromium driven by playwright-core, the
// real app on a port with the demo record, signing in through the page, axe-core checks
// and screenshots in test-output/screenshots (not committed).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Test } from 'tap';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { testApp, type TestApp } from '../support/test-app.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
export type Role = 'commissioner' | 'provider' | 'self-advocate' | 'auditor' | 'admin';

/**
 * Why the browser tests cannot run here, or undefined when they can. In CI (CI set) a
 * missing browser throws instead: there the tests must run, and a skip would pass unseen.
 */
export function whyNoBrowser(env: NodeJS.ProcessEnv = process.env, chromium = CHROMIUM): string | undefined {
  if (existsSync(chromium)) return undefined;
  const reason = `${chromium} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does this in CI)`;
  if (env.CI) throw new Error(`CI is set, so the browser tests must not skip: ${reason}`);
  return reason;
}

export interface Site {
  app: TestApp;
  base: string;
  browser: Browser;
}

/** The app with the demo record, listening on a free port, and one browser for the file. */
export async function openSite(t: Test): Promise<Site> {
  const app = await testApp(t);
  await loadDemoScenario(app.app, app.secrets);
  const base = await app.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run'],
  });
  t.teardown(() => browser.close());
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { app, base, browser };
}

/**
 * Runs a file's browser tests against the demo site, or says plainly why they are skipped
 * (no chromium here; with CI set, whyNoBrowser makes that a failure instead).
 */
export async function withSite(t: Test, tests: (site: Site) => Promise<void>): Promise<void> {
  const skip = whyNoBrowser();
  if (skip) {
    t.comment(`Skipping the browser tests: ${skip}`);
    t.plan(0, skip);
    return;
  }
  await tests(await openSite(t));
}

/** A fresh browser context (its own cookies) signed in as the role, through the sign-in page. */
export async function signIn(site: Site, role: Role): Promise<Page> {
  // bypassCSP only so the test can inject axe-core: the pages forbid every script.
  const context = await site.browser.newContext({ bypassCSP: true, viewport: { width: WIDE, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${site.base}/app/sign-in`);
  await page.fill('#f-token', site.app.secrets[role]);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/sign-in')), page.click('button[type=submit]')]);
  return page;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core on the page; answers the serious and critical violations, printed for a reader. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  // A string, so this file needs no DOM types: it runs in the page.
  const violations = await page.evaluate<AxeViolation[]>(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } }).then((result) => result.violations)`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}${v.nodes[0]?.failureSummary ? ` — ${v.nodes[0].failureSummary}` : ''}`);
}

export async function expectAccessible(t: Test, page: Page, name: string): Promise<void> {
  const found = await seriousViolations(page);
  if (found.length) t.comment(`axe on ${name} (${page.url()}):\n  ${found.join('\n  ')}`);
  t.same(found, [], `axe: no serious or critical WCAG 2.2 A/AA violation on ${name}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`), fullPage: true });
}

/** What the keyboard focus is on, and whether it can be seen (an outline or a ring). */
export async function focusState(page: Page): Promise<{ tag: string; id: string; name: string; text: string; visible: boolean }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', id: '', name: '', text: '', visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== 'none';
    return { tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '', text: (el.textContent || '').trim().slice(0, 40), visible: outline || ring };
  })()`);
}

/** Clicks the form's button and waits for the page the server answers with. */
export async function submit(page: Page): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('main button[type=submit]')]);
  await page.waitForLoadState('load');
}

export const WIDE = 1280;
export const PHONE = 320;

/** How wide the page is, and the SVG text drawn smaller than 14 px (its font size times the picture's scale), at this width. */
export async function reflowAt(page: Page, width: number): Promise<{ scrollWidth: number; smallText: string[] }> {
  await page.setViewportSize({ width, height: 800 });
  return page.evaluate(`(() => {
    const smallText = [...document.querySelectorAll('svg text')].flatMap((el) => {
      const scale = el.getScreenCTM() ? Math.hypot(el.getScreenCTM().a, el.getScreenCTM().b) : 1;
      const size = parseFloat(getComputedStyle(el).fontSize) * scale;
      return size < 14 ? [(el.textContent || '').trim().slice(0, 30) + ' at ' + size.toFixed(1) + 'px'] : [];
    });
    return { scrollWidth: document.documentElement.scrollWidth, smallText };
  })()`);
}

/** At 320 px wide: no sideways scrolling, no picture text under 14 px, and axe-core still finds nothing serious; then back to wide. */
export async function expectFitsPhone(t: Test, page: Page, name: string): Promise<void> {
  const { scrollWidth, smallText } = await reflowAt(page, PHONE);
  t.ok(scrollWidth <= PHONE, `${name} fits ${PHONE} px without scrolling sideways (scrollWidth ${scrollWidth})`);
  t.same(smallText, [], `${name}: picture text at least 14 px at ${PHONE} px`);
  await expectAccessible(t, page, `${name} at ${PHONE} px`);
  await screenshot(page, `${name}-${PHONE}px`);
  await page.setViewportSize({ width: WIDE, height: 900 });
}
