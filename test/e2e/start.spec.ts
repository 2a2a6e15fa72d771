// `npm start` where Electron cannot run (issue 16, item 14): scripts/start.mjs
// falls back to the headless host, prints why and the URL, and a browser
// reaches the UI there; Ctrl+C or SIGTERM stops the host and frees its port.
// Runs the script itself (not `npm start`: the build has already run).
// Also: every page's lazily loaded chunk carries its Element Plus styles
// (issue 16, item 15: Element Plus on demand, split by page).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM } from '../../playwright.config';
import { REPO } from '../support/headless-host';

interface Started {
  child: ChildProcess;
  url: string;
  lines: string[];
  /** What the script and the host wrote to stderr, for a failure's message. */
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs `node scripts/start.mjs` in its own process group; resolves once it prints the URL. */
async function startScript(env: NodeJS.ProcessEnv): Promise<Started> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-start-'));
  const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'start.mjs')], {
    cwd: REPO,
    // Its own group, so that the test can send Ctrl+C to the group as a terminal does.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FIELDKIT_HOME: home, FIELDKIT_NO_ELECTRON: '1', ...env },
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start.mjs printed no URL: ${lines.join('\n')}\n${stderr}`)), 30_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const m = /^FieldKit is running at (http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]+\/)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => reject(new Error(`start.mjs exited with ${code}: ${lines.join('\n')}\n${stderr}`)));
  });
  return { child, url, lines, stderr: () => stderr, exited };
}

/** True when nothing accepts connections on the port any more. */
function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

async function expectStopsCleanly(started: Started, send: () => void): Promise<void> {
  const port = Number(new URL(started.url).port);
  expect(await portClosed(port)).toBe(false);
  send();
  expect(await started.exited, `stdout:\n${started.lines.join('\n')}\nstderr:\n${started.stderr()}`).toBe(0);
  expect(started.lines.join('\n')).toContain('FieldKit: stopped.');
  expect(await portClosed(port)).toBe(true);
}

/** Element Plus's whole stylesheet, as main.ts imported it before the on-demand import. */
const FULL_CSS = fs.readFileSync(path.join(REPO, 'node_modules', 'element-plus', 'dist', 'index.css'), 'utf8');

async function expectDashboard(page: Page): Promise<void> {
  await expect(page.getByTestId('dashboard-title')).toBeVisible();
  await expect(page.getByTestId('nav-inventory')).toBeVisible();
}

test('with Electron unavailable, npm start serves the UI, a browser reaches the dashboard, and Ctrl+C stops the host', async ({ page }) => {
  const started = await startScript({ BROWSER: 'none' });
  try {
    // Says why in plain words, and that nothing was opened (lines may still be on their way).
    expect(started.lines.join('\n')).toContain('the desktop window cannot open: FIELDKIT_NO_ELECTRON=1 is set');
    await expect.poll(() => started.lines.join('\n')).toContain('Not opening a browser: BROWSER=none is set');
    await page.goto(started.url);
    await expectDashboard(page);
    // Ctrl+C in a terminal signals the whole foreground group: the script and the host it started.
    await expectStopsCleanly(started, () => process.kill(-started.child.pid!, 'SIGINT'));
  } finally {
    if (started.child.exitCode === null) process.kill(-started.child.pid!, 'SIGKILL');
  }
});

test('SIGTERM to the start script alone stops the host it started', async () => {
  const started = await startScript({ BROWSER: 'none' });
  try {
    await expectStopsCleanly(started, () => started.child.kill('SIGTERM'));
  } finally {
    if (started.child.exitCode === null) process.kill(-started.child.pid!, 'SIGKILL');
  }
});

test('Ctrl+C to the start script alone (not its group) still stops the host it started', async () => {
  const started = await startScript({ BROWSER: 'none' });
  try {
    // The host did not get this SIGINT: the script passes a SIGTERM on after its grace time.
    await expectStopsCleanly(started, () => started.child.kill('SIGINT'));
  } finally {
    if (started.child.exitCode === null) process.kill(-started.child.pid!, 'SIGKILL');
  }
});

test('the browser opener gets the URL and the browser shows the dashboard', async () => {
  test.skip(!fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`);
  // A stand-in for xdg-open: BROWSER names the program that receives the URL.
  // It runs the system Chromium headless and dumps the page as rendered.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-opener-'));
  const dom = path.join(dir, 'dom.html');
  const opener = path.join(dir, 'open-browser.sh');
  fs.writeFileSync(
    opener,
    `#!/bin/sh\nexec "${CHROMIUM}" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="${dir}/profile" --virtual-time-budget=5000 --dump-dom "$1" > "${dom}" 2>/dev/null\n`,
    { mode: 0o700 },
  );
  const started = await startScript({ BROWSER: opener });
  try {
    await expect.poll(() => (fs.existsSync(dom) ? fs.readFileSync(dom, 'utf8') : ''), { timeout: 60_000 }).toContain('data-testid="dashboard-title"');
    expect(started.lines.join('\n')).not.toContain('Could not open a browser');
    await expectStopsCleanly(started, () => started.child.kill('SIGTERM'));
  } finally {
    if (started.child.exitCode === null) process.kill(-started.child.pid!, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every page loads its own chunk with the styles of the Element Plus components it shows', async ({ page }) => {
  const started = await startScript({ BROWSER: 'none' });
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  page.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText}`));
  try {
    await page.goto(started.url);
    await expectDashboard(page);
    const names = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice(4)));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      await page.getByTestId(`nav-${name}`).click();
      // The route commits once the page's chunk has arrived: allow for a busy machine.
      await expect(page).toHaveURL(new RegExp(`#/${name === 'dashboard' ? '$' : name}`), { timeout: 15_000 });
      // The page's own heading: its chunk has loaded and rendered.
      await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible();
      // Every Element Plus block on the page (class el-<name>) that the whole
      // library's stylesheet styles has a rule loaded here too: the on-demand
      // import brought its stylesheet (el-auto-resizer, for one, has none anywhere).
      const unstyled = await page.evaluate(() => {
        const g = globalThis as unknown as {
          document: {
            querySelectorAll(s: string): ArrayLike<{ classList: ArrayLike<string> }>;
            styleSheets: ArrayLike<{ cssRules: ArrayLike<{ cssText: string }> }>;
          };
        };
        const css = Array.from(g.document.styleSheets)
          .flatMap((s) => Array.from(s.cssRules).map((r) => r.cssText))
          .join('\n');
        const blocks = new Set<string>();
        for (const el of Array.from(g.document.querySelectorAll('[class*="el-"]'))) {
          for (const c of Array.from(el.classList)) if (/^el-[a-z]+(-[a-z0-9]+)*$/.test(c)) blocks.add(c);
        }
        return [...blocks].filter((c) => !new RegExp(`\\.${c}(?![a-z0-9_-])`).test(css));
      });
      expect(
        unstyled.filter((c) => new RegExp(`\\.${c}(?![a-z0-9_-])`).test(FULL_CSS)),
        `page ${name}`,
      ).toEqual([]);
    }
    // The imperative dialogs (ElMessageBox, ElMessage) are styled from the first screen on.
    const sheet = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { styleSheets: ArrayLike<{ cssRules: ArrayLike<{ cssText: string }> }> } };
      return Array.from(g.document.styleSheets)
        .flatMap((s) => Array.from(s.cssRules).map((r) => r.cssText))
        .join('\n');
    });
    expect(sheet).toMatch(/\.el-message-box\s*\{/);
    expect(sheet).toMatch(/\.el-message\s*\{/);
    expect(failures).toEqual([]);
    await expectStopsCleanly(started, () => started.child.kill('SIGTERM'));
  } finally {
    if (started.child.exitCode === null) process.kill(-started.child.pid!, 'SIGKILL');
  }
});
