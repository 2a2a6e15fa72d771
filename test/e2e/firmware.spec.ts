import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';
import { tempDir } from '../support/inventory';
import { findFreeUdpPort, hasIpmiSim, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../support/ipmi-sim';
import { buildEmu } from '../fixtures/ipmi/emu';
import { HEALTHY_SLOTS, serverAt, setEmuFirmware, writeInventory } from '../integration/firmware/helpers';

/*
 * The firmware check view and the dump view in Debian's Chromium through the
 * headless host, against one simulated BMC: pre-flight with the checklist,
 * a "flash" (new firmware revision, BMC restarted), post-flight comparison,
 * then a dump. Screenshots go to artifacts/screenshots/.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const why = skipReason({ sim: true });
if (why) console.warn(`[firmware.spec] ${why}`);

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 1400 } });

let sim: IpmiSim;
let host: StartedHost;

test.beforeAll(async () => {
  if (!hasIpmiSim) return;
  sim = await startIpmiSim({ emu: buildEmu({ slots: HEALTHY_SLOTS }), secondary: true, name: 'fw-e2e', password: 'fw-e2e-pw-77' });
  const home = tempDir('fk-fw-e2e-');
  // node2's primary BMC address has nothing behind it: a pre-flight that fails, a dump step that records an error.
  writeInventory(home, [serverAt('node1', sim.port, sim.secondaryPort), serverAt('node2', await findFreeUdpPort())]);
  host = await startHeadlessHost({ home, env: { FIELDKIT_PASSWORD: sim.password } });
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.stop();
  await stopAllSims();
  if (host) fs.rmSync(host.home, { recursive: true, force: true });
});

async function open(page: Page, area: 'firmware' | 'dump', lang: 'en' | 'ja') {
  await page.goto(host.url);
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId(`nav-${area}`).click();
}

test('pre-flight with the checklist, then post-flight shows the firmware change', async ({ page }) => {
  test.skip(!hasIpmiSim, 'ipmi_sim is not installed');
  await open(page, 'firmware', 'en');
  await page.getByTestId('fw-server').click();
  await page.locator('.el-select-dropdown__item', { hasText: 'node1' }).click();
  await expect(page.getByTestId('fw-run-pre')).toBeDisabled();
  for (const item of ['haMonitorStopped', 'resetPathMonitoringStopped', 'maintenanceWindowAgreed', 'firmwareFileChecked']) await page.getByTestId(`fw-check-${item}`).click();
  await page.getByTestId('fw-run-pre').click();
  await expect(page.getByTestId('fw-pre-verdict')).toHaveText('Pass', { timeout: 30_000 });
  await expect(page.getByTestId('fw-pre-result')).toContainText('BMC firmware 9.08');
  await page.screenshot({ path: path.join(SHOTS, 'firmware-en-pre.png'), fullPage: true });

  setEmuFirmware(sim, 9, 9);
  await sim.restart();
  await page.getByRole('tab', { name: 'Post-flight' }).click();
  await expect(page.getByTestId('fw-last-pre')).toContainText('9.08');
  await page.getByTestId('fw-run-post').click();
  await expect(page.getByTestId('fw-post-verdict')).toHaveText('Pass', { timeout: 60_000 });
  await expect(page.getByTestId('fw-compare')).toContainText('9.08');
  await expect(page.getByTestId('fw-compare')).toContainText('9.09');
  await expect(page.getByTestId('fw-compare')).toContainText('Changed');
  await page.screenshot({ path: path.join(SHOTS, 'firmware-en-post.png'), fullPage: true });

  await page.getByTestId('lang-ja').click();
  await expect(page.getByTestId('fw-post-verdict')).toHaveText('合格');
  await expect(page.getByTestId('fw-compare')).toContainText('変更あり');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, 'firmware-ja-post.png'), fullPage: true });
});

test('dump view writes an archive into the default folder and lists what it read', async ({ page }) => {
  test.skip(!hasIpmiSim, 'ipmi_sim is not installed');
  await open(page, 'dump', 'en');
  await page.getByTestId('dump-create').click();
  await expect(page.getByTestId('dump-file')).toContainText(/FieldKitDump\.\d{14}\.tar\.gz/, { timeout: 60_000 });
  await expect(page.getByTestId('dump-result')).toContainText('node1');
  const file = (await page.getByTestId('dump-file').textContent())!.trim();
  expect(fs.existsSync(file)).toBe(true);
  expect(path.dirname(file)).toBe(path.join(host.home, 'dumps'));
  await page.screenshot({ path: path.join(SHOTS, 'dump-en.png'), fullPage: true });
});

test('a failing pre-flight: a verdict banner, failures first, the engineer\'s own ticks apart from measured checks (en, ja)', async ({ page }) => {
  test.skip(!hasIpmiSim, 'ipmi_sim is not installed');
  await open(page, 'firmware', 'en');
  await page.getByTestId('fw-server').click();
  await page.locator('.el-select-dropdown__item', { hasText: 'node2' }).click();
  for (const item of ['haMonitorStopped', 'resetPathMonitoringStopped', 'maintenanceWindowAgreed', 'firmwareFileChecked']) await page.getByTestId(`fw-check-${item}`).click();
  await page.getByTestId('fw-run-pre').click();
  await expect(page.getByTestId('fw-pre-verdict')).toHaveText('Fail', { timeout: 30_000 });
  await expect(page.getByTestId('fw-verdict-counts')).toContainText(/[1-9]\d* failed/);
  // Measured checks, worst first: the statuses never get better going down, and the first is the failure.
  const rank = { fail: 0, warn: 1, info: 2, pass: 3 } as Record<string, number>;
  const statuses = await page.getByTestId('fw-checks').locator('[data-status]').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { status: string } }).dataset.status));
  expect(statuses[0]).toBe('fail');
  expect(statuses.map((x) => rank[x])).toEqual([...statuses.map((x) => rank[x])].sort((a, b) => a - b));
  // The four ticks are listed as "confirmed by you", and none of them sits among the measured checks.
  const confirmed = page.getByTestId('fw-self-confirmed').locator('li');
  await expect(confirmed).toHaveCount(4);
  const firstTick = (await confirmed.first().textContent())!.replace(/^\s*Confirmed\s*/, '').trim();
  await expect(page.getByTestId('fw-checks')).not.toContainText(firstTick.slice(0, 30));
  await page.getByTestId('lang-ja').click();
  await expect(page.getByTestId('fw-pre-verdict')).toHaveText('不合格');
  await expect(page.getByTestId('fw-self-confirmed')).toContainText('ご自身で確認した項目');
  await page.screenshot({ path: path.join(SHOTS, 'firmware-ja-fail.png'), fullPage: true });
});

test('dump view names steps and BMCs in plain words and shows a recorded error in the window\'s language', async ({ page }) => {
  test.skip(!hasIpmiSim, 'ipmi_sim is not installed');
  await open(page, 'dump', 'ja');
  await page.getByTestId('dump-create').click();
  await expect(page.getByTestId('dump-file')).toContainText(/FieldKitDump\.\d{14}\.tar\.gz/, { timeout: 60_000 });
  const err = page.getByTestId('dump-error').first();
  // node2's dead primary: "接続 (プライマリ BMC 127.0.0.1:port): <catalogue text in Japanese> [ID]", not the raw step key and English.
  await expect(err).toContainText('接続 (プライマリ BMC 127.0.0.1:');
  await expect(err).toContainText(/[\u3040-\u30ff]{4}/);
  await expect(err).not.toContainText('connect');
  await expect(page.getByTestId('dump-result')).toContainText('イベントログ (SEL)');
});
