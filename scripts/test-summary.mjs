// Prints one closing line for the whole `npm test` run, from the vitest and
// Playwright JSON reports: "N passed, N failed" (plus skipped), the form CI reads.
import fs from 'node:fs';

const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : undefined);
const v = read('artifacts/test-report/vitest.json');
const p = read('artifacts/test-report/playwright.json');

let passed = 0;
let failed = 0;
let skipped = 0;
if (v) {
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (p?.stats) {
  passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected ?? 0;
  skipped += p.stats.skipped ?? 0;
}
if (!v || !p) {
  console.error('test-summary: a test report is missing (vitest or Playwright did not run)');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
