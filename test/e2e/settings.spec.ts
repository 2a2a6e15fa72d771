import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, startHostWithSampleInventory, type SampleHost } from '../support/headless-host';
import { loadPetCorpus } from '../support/pet-corpus';
import { hasSnmptrap, petV1Args, snmptrap } from '../support/snmp-tools';
import { freeUdpPort } from '../support/ports';
import { fieldInput } from '../support/ui';

/*
 * The Settings page in Debian's Chromium through the headless host (no
 * keychain: D-Bus address empty): language switched at once and kept in
 * settings.json, a bad monitor interval refused with the catalogue's message
 * in English and Japanese and nothing written, the keychain's absence with
 * its remedy, the IPMI options in use. Then the Traps page at 1280x720: the
 * listener bar starts and stops the listener saved on the Settings page, and
 * the trap list's header and first row are in the first screen.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const hasBrowser = fs.existsSync(process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium');
const hasRenderer = fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html'));
const why = !hasBrowser ? 'no Chromium at /usr/bin/chromium' : 'the renderer is not built (npm run build)';
if (!hasBrowser || !hasRenderer) console.warn(`[settings.spec] skipped: ${why}`);

let host: SampleHost;
test.use({ viewport: { width: 1280, height: 720 } });

test.beforeAll(async () => {
  if (!hasBrowser || !hasRenderer) return;
  host = await startHostWithSampleInventory('fk-settings-e2e-');
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await host?.remove();
});

const input = fieldInput;
const settingsFile = () => path.join(host.home, 'settings.json');
const readSettings = () => (fs.existsSync(settingsFile()) ? fs.readFileSync(settingsFile(), 'utf8') : '');

/** Nothing wider than the window: no horizontal scroll bar on the page. */
async function noHorizontalScroll(page: Page) {
  const w = await page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return { scroll: d.scrollWidth, client: d.clientWidth };
  });
  expect(w.scroll).toBeLessThanOrEqual(w.client);
}

test('language, monitor interval saved and refused in both languages, keychain, IPMI options in use', async ({ page, browser }) => {
  test.skip(!hasBrowser || !hasRenderer, why);
  await page.goto(host.url);
  await page.getByTestId('nav-settings').click();
  // Each page's code is fetched when it is first opened: seconds on a busy machine.
  await page.getByTestId('settings-lang-en').click({ timeout: 30_000 });
  await expect(page.locator('h1')).toHaveText('Settings');
  // Nothing chosen yet (the window already was English): the page says it follows the system.
  await expect(page.getByTestId('settings-language')).toContainText('follows the system language');

  // The state folder, and what the BMC access layer uses.
  await expect(page.getByTestId('settings-home-path')).toHaveText(host.home);
  await expect(page.getByTestId('settings-ipmi-suite')).toHaveValue('3');
  await expect(page.getByTestId('settings-ipmi-privilege')).toHaveValue('ADMINISTRATOR');
  await expect(input(page, 'settings-ipmi-timeout')).toHaveValue('5000');
  await expect(input(page, 'settings-ipmi-retries')).toHaveValue('3');
  await expect(page.getByTestId('settings-ipmi-auto')).toContainText('17 → 3');

  // No keychain on this host: said plainly, with the catalogue's reason and remedy.
  await expect(page.getByTestId('settings-keychain-state')).toHaveAttribute('data-available', 'false');
  const keychainAlert = page.getByTestId('settings-keychain').getByTestId('error-alert');
  await expect(keychainAlert).toHaveAttribute('data-error-id', 'CRED_NO_DBUS');
  await expect(keychainAlert).toContainText('What to do');

  // A bad interval: the catalogue's message, settings.json untouched.
  const monitor = page.getByTestId('settings-monitor');
  const before = readSettings();
  await input(page, 'settings-monitor-interval').fill('5');
  await page.getByTestId('settings-monitor-save').click();
  await expect(monitor.getByTestId('error-alert')).toContainText('The monitor interval "5" is not valid: use a whole number of seconds from 10 to 3600. The settings were not changed. [SETTINGS_MONITOR_INTERVAL_INVALID]');
  expect(readSettings()).toBe(before);
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(SHOTS, 'settings-refused-en.png'), fullPage: true });

  // Japanese: the window switches at once, the same refusal in Japanese, the choice in settings.json.
  await page.getByTestId('settings-lang-ja').click();
  await expect(page.locator('h1')).toHaveText('設定');
  await expect(page.getByTestId('nav-traps')).toHaveText('トラップ');
  await expect(monitor.getByTestId('error-alert')).toContainText('監視間隔 "5" は正しくありません。10 から 3600 までの整数 (秒) を指定してください。');
  await expect(keychainAlert).toContainText('D-Bus');
  await expect.poll(() => JSON.parse(readSettings()).language).toBe('ja');
  await input(page, 'settings-monitor-interval').fill('x');
  await page.getByTestId('settings-monitor-save').click();
  await expect(monitor.getByTestId('error-alert')).toContainText('監視間隔 "x" は正しくありません');
  expect(JSON.parse(readSettings()).monitorIntervalSeconds).toBe(30);
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(SHOTS, 'settings-refused-ja.png'), fullPage: true });

  // A good interval is saved and used by the dashboard.
  await input(page, 'settings-monitor-interval').fill('45');
  await page.getByTestId('settings-monitor-save').click();
  await expect(page.getByTestId('settings-saved')).toContainText('settings.json に保存しました。');
  await expect(monitor.getByTestId('error-alert')).toHaveCount(0);
  expect(JSON.parse(readSettings())).toEqual({ language: 'ja', monitorIntervalSeconds: 45 });
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('status-board')).toContainText('45 秒ごとに更新', { timeout: 30_000 });

  // Remembered by the main process: a fresh browser profile (no localStorage, English system) opens in Japanese.
  const fresh = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
  const other = await fresh.newPage();
  await other.goto(host.url);
  await other.getByTestId('nav-settings').click();
  await expect(other.locator('h1')).toHaveText('設定', { timeout: 30_000 });
  await expect(input(other, 'settings-monitor-interval')).toHaveValue('45');
  await fresh.close();

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-lang-en').click({ timeout: 30_000 });
  await expect(page.locator('h1')).toHaveText('Settings');
  await expect.poll(() => JSON.parse(readSettings()).language).toBe('en');
});

test('Traps at 1280x720: the listener bar starts and stops the listener, the list is in the first screen', async ({ page }) => {
  test.skip(!hasBrowser || !hasRenderer, why);
  test.skip(!hasSnmptrap, 'snmptrap (apt snmp) not installed');
  const corpus = loadPetCorpus();
  await page.goto(host.url);
  await page.getByTestId('lang-en').click();

  // The listener's settings live on the Settings page now.
  await page.getByTestId('nav-settings').click();
  const port = await freeUdpPort();
  await input(page, 'trap-address').fill('127.0.0.1');
  await input(page, 'trap-port').fill(String(port));
  await input(page, 'trap-communities').fill('public');
  await page.getByTestId('trap-settings-save').click();
  await expect(page.getByTestId('trap-settings-saved')).toBeVisible();

  await page.getByTestId('nav-traps').click();
  const bar = page.getByTestId('listener-bar');
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('listener-settings')).toHaveCount(0);
  await expect(page.getByTestId('trap-bar-state')).toContainText(`Not listening (port ${port} set)`);
  await page.getByTestId('trap-bar-start').click();
  await expect(page.getByTestId('trap-bar-state')).toContainText(`Listening on 127.0.0.1:${port}`);

  const e = corpus.find((c) => c.name === 'predictive-failure-generic')!;
  const sent = await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', e.specific, e.hex));
  expect(sent.code, sent.stderr).toBe(0);
  await expect(page.getByTestId('trap-bar-counters')).toContainText('1 received');

  for (const lang of ['en', 'ja'] as const) {
    await page.getByTestId(`lang-${lang}`).click();
    // The list's header and first row lie inside the 720 px window without scrolling.
    const header = page.getByTestId('trap-table').locator('.el-table-v2__header-row').first();
    const firstRow = page.getByTestId('trap-table').locator('.el-table-v2__row').first();
    await expect(firstRow).toBeVisible();
    if (lang === 'en') await expect(firstRow).toContainText('Predictive Failure');
    const scrollY = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
    expect(scrollY).toBe(0);
    // What happened is the first column, and the severity beside it is not cut off by the detail pane.
    const cells = page.getByTestId('trap-table').locator('.el-table-v2__header-cell');
    await expect(cells.first()).toHaveText(lang === 'en' ? 'What happened' : '内容');
    const table = (await page.getByTestId('trap-table').boundingBox())!;
    const severity = (await cells.filter({ hasText: lang === 'en' ? 'Severity' : '重要度' }).first().boundingBox())!;
    expect(severity.x + severity.width).toBeLessThanOrEqual(table.x + table.width + 1);
    for (const box of [await header.boundingBox(), await firstRow.boundingBox(), await bar.boundingBox()]) {
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    }
    await page.screenshot({ path: path.join(SHOTS, `traps-1280-${lang}.png`) });
  }

  // The bar's link leads to the listener settings.
  await page.getByTestId('trap-bar-settings').click();
  await expect(page).toHaveURL(/\/settings\?section=traps/);
  await expect(page.getByTestId('listener-settings')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('trap-status')).toContainText(`127.0.0.1:${port}`);

  await page.getByTestId('nav-traps').click();
  await page.getByTestId('trap-bar-stop').click({ timeout: 30_000 });
  await expect(page.getByTestId('trap-bar-state')).toHaveAttribute('data-listening', 'false');
  await expect(page.getByTestId('trap-bar-start')).toBeVisible();
});

test('IPMI defaults: a bad time budget is refused with the catalogue\'s message (en, ja); saved ones are what a new server starts with', async ({ page }) => {
  test.skip(!hasBrowser || !hasRenderer, why);
  await page.goto(host.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-lang-en').click({ timeout: 30_000 });
  const card = page.getByTestId('settings-ipmi');
  await expect(input(page, 'settings-ipmi-timeout')).toHaveValue(/\d+/);
  const before = readSettings();
  await input(page, 'settings-ipmi-timeout').fill('500');
  await page.getByTestId('settings-ipmi-save').click();
  await expect(card.getByTestId('error-alert')).toContainText('The request time budget "500" is not valid: use a whole number of milliseconds from 1000 to 60000. The settings were not changed. [SETTINGS_IPMI_TIMEOUT_INVALID]');
  expect(readSettings()).toBe(before);
  await page.getByTestId('settings-lang-ja').click();
  await expect(card.getByTestId('error-alert')).toContainText('要求のタイムアウト "500" は正しくありません。1000 から 60000 までの整数 (ミリ秒) を指定してください。');
  // Once the main process has answered the language change (the choice is enabled again), what was typed is still there.
  await expect(page.getByTestId('settings-lang-en').locator('input')).toBeEnabled();
  await expect(input(page, 'settings-ipmi-timeout')).toHaveValue('500');
  await page.getByTestId('settings-lang-en').click();
  await expect(page.getByTestId('settings-lang-ja').locator('input')).toBeEnabled();

  // Saved: suite 17, OPERATOR, 2 s, 1 retransmission; read back from settings.json.
  await page.getByTestId('settings-ipmi-suite').selectOption('17');
  await page.getByTestId('settings-ipmi-privilege').selectOption('OPERATOR');
  await input(page, 'settings-ipmi-timeout').fill('2000');
  await input(page, 'settings-ipmi-retries').fill('1');
  await page.getByTestId('settings-ipmi-save').click();
  await expect(page.getByTestId('settings-ipmi-saved')).toContainText('settings.json');
  await expect(card.getByTestId('error-alert')).toHaveCount(0);
  await expect.poll(() => JSON.parse(readSettings()).ipmi).toEqual({ newServerCipherSuite: 17, newServerPrivilege: 'OPERATOR', timeoutMs: 2000, retries: 1 });
  await noHorizontalScroll(page);

  // The new-server form starts with them.
  await page.getByTestId('nav-inventory').click();
  await page.getByTestId('add-server').click({ timeout: 30_000 });
  const form = page.getByTestId('server-form');
  await expect(form.getByTestId('server-cipher')).toContainText('suite 17');
  await expect(form.getByTestId('server-privilege')).toContainText('OPERATOR');
  await page.keyboard.press('Escape');

  // Back to FieldKit's values, so the other tests of this file see them.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-ipmi-suite').selectOption('3');
  await page.getByTestId('settings-ipmi-privilege').selectOption('ADMINISTRATOR');
  await input(page, 'settings-ipmi-timeout').fill('5000');
  await input(page, 'settings-ipmi-retries').fill('3');
  await page.getByTestId('settings-ipmi-save').click();
  await expect.poll(() => JSON.parse(readSettings()).ipmi).toEqual({ newServerCipherSuite: 3, newServerPrivilege: 'ADMINISTRATOR', timeoutMs: 5000, retries: 3 });
});
