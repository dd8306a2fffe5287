// `npm test`: the whole suite — type check, unit, database/API (PGlite, and PostgreSQL when
// DATABASE_URL is set) and browser tests — then one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const resultsFile = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.rmSync(resultsFile, { force: true });
const failureReports = path.join(root, 'test-results', 'e2e-failures');
fs.rmSync(failureReports, { recursive: true, force: true });

function run(cmd, args, extraEnv = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return result.status ?? 1;
}

let failedSteps = 0;
if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) !== 0) {
  console.error('类型检查失败');
  failedSteps += 1;
}
if (run('npx', ['eslint', '.']) !== 0) {
  console.error('代码检查（eslint）失败');
  failedSteps += 1;
}
// The browser tests serve the built console.
if (run('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn']) !== 0) {
  console.error('网页控制台构建失败');
  failedSteps += 1;
}
const extra = process.argv.slice(2);
// Browser tests run after the unit and database tests, not beside them: on a 2-core CI machine
// Chromium competing with two database engines made timing-sensitive pages flaky.
const batches =
  extra.length > 0
    ? [extra]
    : [
        ['--project', 'unit', '--project', 'db'],
        ['--project', 'e2e'],
      ];
let vitestFailed = false;
let passed = 0;
let failed = 0;
let skipped = 0;
batches.forEach((args, i) => {
  const file = resultsFile.replace(/\.json$/, batches.length > 1 ? `-${i + 1}.json` : '.json');
  fs.rmSync(file, { force: true });
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${file}`, ...args]);
  if (status !== 0) vitestFailed = true;
  if (!fs.existsSync(file)) {
    failed += 1;
    return;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A test file that fails to load has no test results of its own: count it as a failure.
  failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
});
failed += failedSteps;
// The browser tests' failure reports (e2e/support/failureReport.ts) once more, at the end, where a
// log kept only by its last lines still shows them: the first failure last (later ones often
// follow from it), each with its pages and messages and its last 20 events.
const reports = fs.existsSync(failureReports)
  ? fs
      .readdirSync(failureReports)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(failureReports, f))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
  : [];
for (const report of reports) {
  const lines = fs.readFileSync(report, 'utf8').trimEnd().split('\n');
  const events = lines.findIndex((line) => line.startsWith('events'));
  const head = events < 0 ? lines : lines.slice(0, events);
  const tail = events < 0 ? [] : [lines[events], ...lines.slice(Math.max(events + 1, lines.length - 20))];
  console.log(`\n${[...head.slice(0, 20), ...tail].join('\n')}`);
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || vitestFailed || passed === 0 ? 1 : 0);
