// In CI the browser tests may not skip: a missing chromium fails the run there; on a
// developer's machine without it they say why they skipped.
import t from 'tap';
import { whyNoBrowser } from './browser-kit.js';

t.test('without chromium: a reason to skip on a developer’s machine, a failure in CI', async (t) => {
  t.match(whyNoBrowser({}, '/nowhere/chromium'), /\/nowhere\/chromium is missing/);
  t.throws(() => whyNoBrowser({ CI: 'true' }, '/nowhere/chromium'), /CI.*must not skip/);
  t.equal(whyNoBrowser({ CI: 'true' }, process.execPath), undefined, 'with a browser there, nothing stops them');
});
