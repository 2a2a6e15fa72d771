import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FIELDKIT_BIN, REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
let host: StartedHost;

test.beforeAll(async () => {
  host = await startHeadlessHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('opens the UI, switches Japanese and English, reads the version through the contract', async ({ page, context }) => {
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  // Nothing the page itself asks for is refused (e.g. a /favicon.ico outside the token path).
  const refused: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname.replace(/\/s\/[^/]+/, '/s/<token>')}`);
  });
  await page.goto(host.url);
  // The token lives in the secret path only: no cookie that other ports of 127.0.0.1 would receive.
  await expect(page).not.toHaveURL(/token=/);
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('nav-inventory')).toHaveText('Inventory');
  await page.getByTestId('lang-ja').click();
  await expect(page.getByTestId('nav-inventory')).toHaveText('構成');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  await page.getByTestId('nav-about').click();
  await expect(page.getByTestId('about-version')).toHaveText(pkg.version);
  await expect(page.getByTestId('about-transport')).toHaveText('ヘッドレスホスト (WebSocket)');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('about-transport')).toHaveText('Headless host (WebSocket)');

  expect(await context.cookies()).toEqual([]);
  // The choice survives a reload (the secret path keeps the session; still no cookie).
  await page.reload();
  await expect(page.getByTestId('nav-inventory')).toHaveText('Inventory');
  await expect(page.getByTestId('about-version')).toHaveText(pkg.version);
  fs.mkdirSync(path.join(REPO, 'artifacts', 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(REPO, 'artifacts', 'screenshots', 'about-en.png') });
  expect(await context.cookies()).toEqual([]);
  expect(cspViolations).toEqual([]);
  expect(refused).toEqual([]);
  // The window's icon is inline: it reached the page under the CSP (img-src data:).
  expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
});

test('default language follows the browser locale until a choice is saved', async ({ browser }) => {
  // A home where nobody chose a language yet: the other tests here saved one in theirs (settings.json), which would win.
  const fresh = await startHeadlessHost();
  try {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(fresh.url);
    await expect(page.getByTestId('nav-dashboard')).toHaveText('ダッシュボード');
    await context.close();
    // The window's choice is kept by the host: another browser profile, in English, opens in that language.
    const first = await browser.newContext({ locale: 'ja-JP' });
    const p1 = await first.newPage();
    await p1.goto(fresh.url);
    await p1.getByTestId('lang-en').click();
    await expect(p1.getByTestId('nav-dashboard')).toHaveText('Dashboard');
    await first.close();
    const second = await browser.newContext({ locale: 'ja-JP' });
    const p2 = await second.newPage();
    await p2.goto(fresh.url);
    await expect(p2.getByTestId('nav-dashboard')).toHaveText('Dashboard');
    await second.close();
  } finally {
    await fresh.stop();
    fs.rmSync(fresh.home, { recursive: true, force: true });
  }
});

test('requests without the token are refused, with a wrong token forbidden', async ({ request }) => {
  const noToken = await request.get(`${host.origin}/`);
  expect(noToken.status()).toBe(401);
  const asset = await request.get(`${host.origin}/index.html`);
  expect(asset.status()).toBe(401);
  const wrong = await request.get(`${host.origin}/?token=not-the-token`);
  expect(wrong.status()).toBe(403);
  const wrongPath = await request.get(`${host.origin}/s/not-the-token/`);
  expect(wrongPath.status()).toBe(403);
  const right = await request.get(host.url);
  expect(right.status()).toBe(200);
  expect(right.headers()['set-cookie']).toBeUndefined();
  expect(right.headers()['content-security-policy']).toContain("script-src 'self'");
});

test('a WebSocket upgrade without the token is refused', async ({ page }) => {
  // From a page on another origin (about:blank) with no cookie: the upgrade must fail.
  const result = await page.evaluate(async (wsUrl) => {
    return await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.onopen = () => resolve('open');
      ws.onerror = () => resolve('refused');
    });
  }, `${host.origin.replace('http', 'ws')}/api`);
  expect(result).toBe('refused');
});

test('a non-loopback address is refused with a catalogued message', () => {
  const r = spawnSync(process.execPath, [FIELDKIT_BIN, '--home', host.home, 'serve', '--address', '0.0.0.0', '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('HOST_ADDRESS_NOT_LOOPBACK');
  expect(r.stderr).toContain('SSH');
});

test('the menu works from the keyboard: Tab reaches it, arrows move, Enter opens, focus is visible', async ({ page }) => {
  await page.goto(host.url);
  const items = page.locator('.fk-nav .el-menu-item');
  const count = await items.count();
  expect(count).toBeGreaterThan(3);
  // Tab from the top of the page lands on the first menu item (nothing before it takes focus).
  await page.keyboard.press('Tab');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(0)).toBeFocused();
  // The arrows stop at the ends (a list, not a ring); End and Home jump there.
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.nth(count - 1)).toBeFocused();
  // One Tab stop for the whole menu: the item last moved to.
  await expect(items.nth(count - 1)).toHaveAttribute('tabindex', '0');
  await expect(items.nth(0)).toHaveAttribute('tabindex', '-1');
  // The page's own getComputedStyle, typed loosely: the test's tsconfig has no DOM library.
  const outline = await items.nth(count - 1).evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  const target = await items.nth(1).getAttribute('data-testid');
  await items.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/${target!.replace(/^nav-/, '')}`));
});
