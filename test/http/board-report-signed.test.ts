// A signed, dated copy of the Partnership Board report (GET /reports/partnership-board/signed),
// checked later by an auditor with `npm run verify -- --report`: its signatures, its checkpoint,
// and the report made again from the log. A changed figure is refused, even signed by the key.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { readSigningKeyFile } from '../../src/audit/checkpoint.js';
import { reportHash, signBoardReport, signedBoardReport, signedReportProblem, type SignedBoardReport } from '../../src/audit/signed-report.js';
import { loadDemoScenario } from '../../src/demo/demo-scenario.js';
import { runCli } from '../support/cli-runner.js';
import { tempDir } from '../support/temp-dir.js';
import { outsideCheckpointKey, testApp } from '../support/test-app.js';

const to = new Date().toISOString().slice(0, 10);
const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const url = `/reports/partnership-board/signed?from=${from}&to=${to}`;

/** The copy with one more decision proposed than the log holds. */
const withChangedFigure = (copy: SignedBoardReport): SignedBoardReport => {
  const report = structuredClone(copy.report);
  report.decisions.proposed.now += 1;
  return { ...copy, report };
};

t.test('a signed copy holds under the server’s key, and a changed figure is refused', async (t) => {
  const keyFile = outsideCheckpointKey(t);
  const ctx = await testApp(t, undefined, { checkpointKeyFile: keyFile });
  const { app, bearer, secrets } = ctx;
  await loadDemoScenario(app, secrets);
  const answer = await app.inject({ url, headers: bearer.auditor });
  t.equal(answer.statusCode, 200);
  const copy = signedBoardReport.parse(answer.json());
  const fingerprint = String((await app.inject({ url: '/audit/public-key' })).headers['x-key-fingerprint']);
  t.equal(copy.checkpoint.statement.lastPosition, copy.report.asOfPosition, 'the checkpoint is at the report’s position');
  t.equal(signedReportProblem(copy, fingerprint), undefined, 'its signatures hold');
  t.match(signedReportProblem(withChangedFigure(copy), fingerprint), /changed after signing/);
  const rehashed = withChangedFigure(copy);
  t.match(signedReportProblem({ ...rehashed, reportHash: reportHash(rehashed.report) }, fingerprint), /signature over the report/, 'a new hash needs a new signature');
  t.match(signedReportProblem(copy, '0'.repeat(64)), /not the key you trust/);

  t.equal((await app.inject({ url, headers: bearer.commissioner })).statusCode, 200, 'a commissioner may have one too');
  t.equal((await app.inject({ url, headers: bearer.provider })).statusCode, 403, 'made for readers who read everyone');

  const folder = tempDir(t, 'pl-report-');
  const file = (name: string, value: unknown) => {
    const path = join(folder, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };
  const verify = (path: string) => runCli('verify', ['--report', path, '--fingerprint', fingerprint, '--json'], ctx.dataDir);

  const intact = await verify(file('report.json', copy));
  t.equal(intact.code, 0, intact.stderr);
  t.match(JSON.parse(intact.stdout), { ok: true, summary: /follows figure for figure from the log/ });

  const changed = await verify(file('changed.json', withChangedFigure(copy)));
  t.equal(changed.code, 2);
  t.match(JSON.parse(changed.stdout), { ok: false, summary: /changed after signing/ });

  // Whoever holds the key signs a copy with a figure the log does not bear out: made again from the log, it differs.
  const forged = withChangedFigure(copy);
  const signedForged = signBoardReport(forged.report, copy.checkpoint, readSigningKeyFile(keyFile));
  const refused = await verify(file('forged.json', signedForged));
  t.equal(refused.code, 2);
  t.match(JSON.parse(refused.stdout), { ok: false, differs: ['decisions'] });

  const noKey = await runCli('verify', ['--report', file('again.json', copy)], ctx.dataDir);
  t.equal(noKey.code, 3, 'no key to trust: nothing checked');
});

t.test('without a signing key the server signs no copy', async (t) => {
  const { app, bearer } = await testApp(t, undefined, { checkpointKeyFile: null });
  const answer = await app.inject({ url, headers: bearer.auditor });
  t.equal(answer.statusCode, 503);
  t.match(answer.json(), { code: 'PL_ERR_NO_SIGNING_KEY' });
});
