// Every command's form, opened from the page where it belongs by each role that may use it,
// checked with axe-core (no serious or critical violation), with a screenshot of each: the
// staff forms with their provenance and "when it happened" fields, the confirm and dispute forms.
import t from 'tap';
import { COUNCIL } from '../../src/demo/demo-scenario.js';
import { everyCommandForm, type RecordKind } from '../../src/web/forms/command-forms.js';
import { hillsideProposal } from '../support/records.js';
import { expectAccessible, expectFitsPhone, type Role, screenshot, signIn, withSite } from './browser-kit.js';

await withSite(t, async (site) => {
  const { app, bearer } = site.app;
  const post = async (url: string, role: keyof typeof bearer, payload: object) => {
    const answer = await app.inject({ method: 'POST', url, headers: bearer[role], payload });
    if (answer.statusCode !== 201) throw new Error(`POST ${url}: ${answer.statusCode} ${answer.body}`);
    return answer.json() as Record<string, string>;
  };

  // Beside the demo: a decision with an open risk, an accepted one and an open challenge, and a block not yet split,
  // so every form applies to some record.
  const council = { role: 'commissioner', organisation: COUNCIL };
  const { decisionId = '' } = await post('/decisions', 'commissioner', hillsideProposal);
  const risk = { description: 'Fewer staff on trips', fallsOn: [council], likelihood: 'low', impact: 'medium' };
  await post(`/decisions/${decisionId}/risks`, 'commissioner', risk);
  const { riskId = '' } = await post(`/decisions/${decisionId}/risks`, 'commissioner', risk);
  await post(`/decisions/${decisionId}/risks/${riskId}/acceptance`, 'commissioner', { acceptedBy: [council], whyWorthTaking: 'People want the trips.', reviewDate: '2027-01-01' });
  // A view written down for P-HS01 by the commissioner, so the confirm and dispute forms have something to offer.
  const byPhone = { recordedFor: 'P-HS01', gathered: 'phone', readBack: true };
  await post(`/decisions/${decisionId}/views`, 'commissioner', { by: { role: 'person-using-support', personId: 'P-HS01' }, stance: 'supports', inOwnWords: 'I like the Tuesday group.', provenance: byPhone });
  await post(`/decisions/${decisionId}/challenges`, 'self-advocate', { by: { role: 'person-using-support', personId: 'P-HS01' }, reason: 'Nobody asked us.' });
  await post('/contracts', 'commissioner', { provider: 'Hillside Support', type: 'block', annualValue: 100_000_00, service: 'Evening club', start: '2026-04-01' });

  const decisions = (await app.inject({ url: '/decisions', headers: bearer.commissioner })).json().decisions as { decisionId: string }[];
  const contracts = (await app.inject({ url: '/projections/contracts', headers: bearer.commissioner })).json().contracts as { contractId: string }[];
  const recordPages: Record<RecordKind, string[]> = {
    decisions: decisions.map((d) => `/app/decisions/${d.decisionId}`),
    contracts: contracts.map((c) => `/app/contracts/${c.contractId}`),
    people: ['/app/people/P-HS01'],
    providers: [],
  };
  const listPages: Record<RecordKind, string> = { decisions: '/app/decisions', contracts: '/app/contracts', people: '/app/people', providers: '/app/providers' };

  const roles: Role[] = ['commissioner', 'provider', 'self-advocate'];
  for (const role of roles) {
    await t.test(`every form the ${role} may use is reachable from its page and accessible`, async (t) => {
      const actor = site.app.tokens.authenticate(site.app.secrets[role]);
      if (!actor) throw new Error(`no ${role} token`);
      const forms = everyCommandForm({ actor, csrf: '' }).filter((f) => f.spec.roles.includes(role));
      t.ok(forms.length > 0, `the ${role} has forms`);
      const page = await signIn(site, role);
      for (const { kind, starts, spec } of forms) {
        const candidates = starts ? [listPages[kind]] : recordPages[kind];
        const target = starts ? `/app/${kind}/new` : undefined;
        let opened: string | undefined;
        for (const from of candidates) {
          await page.goto(`${site.base}${from}`);
          const link = page.locator(target ? `main a[href="${target}"]` : `main a[href$="/${spec.slug}"]`).first();
          if ((await link.count()) === 0) continue;
          opened = (await link.getAttribute('href')) ?? undefined;
          break;
        }
        if (!opened) {
          t.fail(`${spec.title({ actor, csrf: '' })} (${kind}/${spec.slug}) is linked from no page the ${role} reaches`);
          continue;
        }
        const answer = await page.goto(`${site.base}${opened}`);
        t.equal(answer?.status(), 200, `${kind}/${spec.slug} opens for the ${role}`);
        await t.resolveMatch(page.locator('h1').textContent(), spec.title({ actor, csrf: '' }), 'with its title');
        await screenshot(page, `${role}-form-${kind}-${spec.slug}`);
        await expectAccessible(t, page, `${kind}/${spec.slug} as ${role}`);
        await expectFitsPhone(t, page, `${role}-form-${kind}-${spec.slug}`);
      }
      await page.context().close();
    });
  }
});
