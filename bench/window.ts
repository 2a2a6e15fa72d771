// The window's first screen (issue 17, goal 6; issue 16, item 15): the
// headless host started, the system Chromium opens the token URL in a fresh
// profile (nothing cached), and we measure
//   - time to the dashboard's first contentful paint (the app mounts into an
//     empty <div id="app">, so the first paint is the dashboard itself),
//     against the first paint of a one-line static page served by the same
//     host to the same browser (what the server and browser cost on their own);
//   - the JavaScript the first screen downloads, against the 1 MB budget.
// Run alone with `npx tsx scripts/bench.ts window`, or through `npm run bench`
// (which builds first: this measures out/renderer as built).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { BenchResult } from '../scripts/bench';
import { REPO, startHeadlessHost, type StartedHost } from '../test/support/headless-host';

const RUNS = Number(process.env.BENCH_WINDOW_RUNS ?? 9);
const CHROMIUM = process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium';
const BUDGET_BYTES = 1_000_000;

interface Load {
  fcp: number;
  jsBytes: number;
  cssBytes: number;
}

/** One cold load of `url` in a new browser context; resolves once `ready` is visible. */
async function load(browser: Browser, url: string, ready: string): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let jsBytes = 0;
    let cssBytes = 0;
    const bodies: Array<Promise<void>> = [];
    page.on('response', (r) => {
      const type = r.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      bodies.push(
        r.body().then(
          (b) => void (type === 'script' ? (jsBytes += b.length) : (cssBytes += b.length)),
          () => undefined,
        ),
      );
    });
    await page.goto(url);
    await page.locator(ready).waitFor({ state: 'visible' });
    // Everything the first screen asked for (lazy chunks it pulls at once included).
    await page.waitForLoadState('networkidle');
    await Promise.all(bodies);
    // A string, not a function: tsx names functions with a helper (__name) that the page does not have.
    const fcp = (await page.evaluate(`new Promise((resolve) => {
      const found = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      if (found() !== undefined) return resolve(found());
      // The entry is queued just after the paint: look again shortly.
      setTimeout(() => resolve(found() ?? NaN), 200);
    })`)) as number;
    if (!Number.isFinite(fcp)) throw new Error(`no first-contentful-paint entry for ${url}`);
    return { fcp, jsBytes, cssBytes };
  } finally {
    await context.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function run(): Promise<BenchResult[]> {
  if (!fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is not built: run `npm run build` first');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set FIELDKIT_CHROMIUM)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-bench-window-'));
  // The reference page: one heading, no script, served by a second headless
  // host from a folder of its own (FIELDKIT_RENDERER_DIR), same code path.
  const blankDir = path.join(tmp, 'blank');
  fs.mkdirSync(blankDir);
  fs.writeFileSync(path.join(blankDir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><h1 id="blank">BMC FieldKit</h1></body></html>\n');
  let app: StartedHost | undefined;
  let blank: StartedHost | undefined;
  let browser: Browser | undefined;
  try {
    app = await startHeadlessHost({ home: path.join(tmp, 'home-app') });
    blank = await startHeadlessHost({ home: path.join(tmp, 'home-blank'), env: { FIELDKIT_RENDERER_DIR: blankDir } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    // One warm-up each (the browser's own first start), then RUNS in turn.
    await load(browser, app.url, '[data-testid="dashboard-title"]');
    await load(browser, blank.url, '#blank');
    const apps: Load[] = [];
    const blanks: Load[] = [];
    for (let i = 0; i < RUNS; i++) {
      apps.push(await load(browser, app.url, '[data-testid="dashboard-title"]'));
      blanks.push(await load(browser, blank.url, '#blank'));
    }
    const fcp = median(apps.map((l) => l.fcp));
    const fcpBlank = median(blanks.map((l) => l.fcp));
    const js = median(apps.map((l) => l.jsBytes));
    const css = median(apps.map((l) => l.cssBytes));
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
    return [
      {
        name: 'window: token URL to the dashboard\'s first paint (Chromium, cold)',
        fieldkit: fcp,
        reference: fcpBlank,
        unit: 'ms',
        ratio: fcp / fcpBlank,
        note: `reference: a one-line static page from the same host; medians of ${RUNS} in turn, ranges ${range(apps.map((l) => l.fcp))} / ${range(blanks.map((l) => l.fcp))} ms`,
      },
      {
        name: 'window: JavaScript of the first screen',
        fieldkit: js / 1000,
        reference: BUDGET_BYTES / 1000,
        unit: 'kB',
        ratio: js / BUDGET_BYTES,
        note: `reference: the 1 MB budget (issue 16); CSS ${(css / 1000).toFixed(0)} kB besides`,
      },
    ];
  } finally {
    await browser?.close();
    await app?.stop();
    await blank?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
