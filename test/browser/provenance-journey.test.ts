// In a real browser (issue 15): a commissioner writes down a view P-HS01 gave by phone; P-HS01,
// signed in with their own self-advocate token, finds it under "Is this what you said?",
// confirms it, and the decision page then says it is confirmed.
import t from 'tap';
import { hillsideProposal } from '../support/records.js';
import { expectAccessible, screenshot, signIn, submit, withSite } from './browser-kit.js';

const THEIR_VIEW = 'I want to keep going to the allotment on Thursdays.';

await withSite(t, async (site) => {
  const proposed = await site.app.app.inject({ method: 'POST', url: '/decisions', headers: site.app.bearer.commissioner, payload: hillsideProposal });
  const decisionPage = `${site.base}/app/decisions/${proposed.json().decisionId}`;

  await t.test('a commissioner records a view for P-HS01 by phone; P-HS01 confirms it from the pages; the page then says so', async (t) => {
    const staff = await signIn(site, 'commissioner');
    await staff.goto(decisionPage);
    await Promise.all([staff.waitForURL(/\/view$/), staff.getByRole('link', { name: 'Give your view' }).click()]);
    await staff.check('input[name="by"][value="person:P-HS01"]');
    await staff.check('#f-stance-0');
    await staff.fill('#f-inOwnWords', THEIR_VIEW);
    await staff.selectOption('#f-recordedFor', 'P-HS01');
    await staff.getByLabel('by phone').check();
    await staff.check('#f-readBack');
    await screenshot(staff, 'commissioner-view-for-a-person');
    await expectAccessible(t, staff, 'the view form with its provenance filled in');
    await submit(staff);
    const written = staff.locator('section[aria-labelledby="you-said"] li', { hasText: THEIR_VIEW });
    await t.resolveMatch(written.textContent(), /recorded by .* by phone, read back to them and not yet confirmed by them/);
    await staff.context().close();

    const person = await signIn(site, 'self-advocate');
    await person.goto(decisionPage);
    await Promise.all([person.waitForURL(/\/confirm$/), person.getByRole('link', { name: 'Is this what you said? Yes, this is right' }).click()]);
    await t.resolveMatch(person.locator('main').textContent(), /Is this what you said\?/);
    await person.getByLabel(`Your view: “${THEIR_VIEW}”`).check();
    await screenshot(person, 'self-advocate-confirm');
    await expectAccessible(t, person, 'the confirm form for a self-advocate');
    await submit(person);
    await t.resolveMatch(person.getByRole('status').textContent(), /It now says you confirmed it/);
    await t.resolveMatch(person.locator('section[aria-labelledby="you-said"] li', { hasText: THEIR_VIEW }).textContent(), /You said this is right on/, 'the Easy Read page says "you"');
    // The full record names people by id for staff; a self-advocate reads it in Easy Read, as "you".
    await person.goto(`${decisionPage}/record`);
    const theirs = person.locator('section[aria-labelledby="you-said"] li', { hasText: THEIR_VIEW });
    await t.resolveMatch(theirs.textContent(), /You said this is right on/, 'the self-advocate’s record says "you"');
    await screenshot(person, 'self-advocate-decision-confirmed');
    await expectAccessible(t, person, 'the decision page after confirming');
    await person.context().close();
    const commissioner = await signIn(site, 'commissioner');
    await commissioner.goto(`${decisionPage}/record`);
    const confirmed = commissioner.locator('section[aria-labelledby="you-said"] li', { hasText: THEIR_VIEW });
    await t.resolveMatch(confirmed.textContent(), /confirmed by P-HS01 on/);
    await commissioner.context().close();
  });
});
