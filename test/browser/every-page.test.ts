// axe-core on every page, signed in as each role (and signed out), with a screenshot of each,
// at 1280 px and again at 320 px (no sideways scrolling, picture text at least 14 px).
import t from 'tap';
import type { Page } from 'playwright-core';
import type { Test } from 'tap';
import { expectAccessible, expectFitsPhone, type Role, screenshot, signIn, withSite } from './browser-kit.js';

await withSite(t, async (site) => {
  /** Every link on the page whose path matches, without repeats. */
  const links = async (page: Page, selector: string): Promise<string[]> => {
    const hrefs = await Promise.all((await page.locator(selector).all()).map((a) => a.getAttribute('href')));
    return [...new Set(hrefs.filter((h): h is string => Boolean(h)))];
  };

  const visit = async (tt: Test, page: Page, role: string, path: string, name: string) => {
    await page.goto(`${site.base}${path}`);
    await screenshot(page, `${role}-${name}`);
    await expectAccessible(tt, page, `${name} as ${role}`);
    await expectFitsPhone(tt, page, `${role}-${name}`);
  };

  await t.test('signed out: the sign-in page', async (t) => {
    const context = await site.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await visit(t, page, 'signed-out', '/app/sign-in', 'sign-in');
    await context.close();
  });

  const roles: Role[] = ['self-advocate', 'commissioner', 'provider', 'auditor'];
  for (const role of roles) {
    await t.test(`every page the ${role} can reach`, async (t) => {
      const page = await signIn(site, role);
      await visit(t, page, role, '/app/decisions?flag=rung-disagreement', 'decisions-flagged');
      await visit(t, page, role, '/app/decisions', 'decisions');
      const decisions = await links(page, '.cards h3 a');
      t.ok(decisions.length >= 3, 'the demo decisions are listed');
      // Each decision page, and each form once (the same form on another decision is the same page).
      const formsSeen = new Set<string>();
      for (const [i, href] of decisions.entries()) {
        await visit(t, page, role, href, `decision-${i + 1}`);
        for (const form of await links(page, '.actions a')) {
          // The export is a download, not a page; the evidence pack is the API's printable page, checked below.
          if (form.startsWith('/app/audit/export') || form.endsWith('/evidence')) continue;
          const slug = form.split('/').at(-1) ?? '';
          if (formsSeen.has(slug)) continue;
          formsSeen.add(slug);
          await visit(t, page, role, form, `form-${slug}`);
        }
      }
      await page.goto(`${site.base}/app/decisions`);
      for (const href of await links(page, 'a[href="/app/decisions/new"]')) await visit(t, page, role, href, 'propose');
      await visit(t, page, role, '/app/contracts', 'contracts');
      const contracts = await links(page, '.cards h2 a');
      for (const href of [...contracts, ...(await links(page, 'a[href="/app/contracts/new"]'))]) {
        await visit(t, page, role, href, href.endsWith('/new') ? 'contract-new' : 'contract');
        for (const form of await links(page, '.actions a')) await visit(t, page, role, form, `contract-${form.split('/').at(-1)}`);
      }
      await visit(t, page, role, '/app/reports/partnership-board', 'board-report');
      if (role === 'auditor') {
        const first = decisions[0]?.split('/').at(-1) ?? '';
        await visit(t, page, role, `/app/audit?verify=1`, 'audit-verified');
        await t.resolveMatch(page.locator('main').textContent(), /Verified/, 'verification ran and passed');
        await visit(t, page, role, `/app/audit?decision=${first}&moment=20`, 'audit-as-of');
        await t.resolveMatch(page.locator('#then').textContent(), /As it stood at log position 20/);
        const now = encodeURIComponent(new Date().toISOString());
        await visit(t, page, role, `/app/audit?decision=${first}&moment=${now}&asOfKind=happened`, 'audit-happened-by');
        await t.resolveMatch(page.locator('#then').textContent(), /What had happened by/);
      }
      await page.context().close();
    });
  }

  await t.test('an administrator’s page', async (t) => {
    const page = await signIn(site, 'admin');
    await visit(t, page, 'admin', '/app', 'home');
    await visit(t, page, 'admin', '/app/reports/partnership-board', 'board-report');
    await page.context().close();
  });
});
