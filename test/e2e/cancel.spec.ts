import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';
import { tempDir } from '../support/inventory';
import { hasIpmiSim, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../support/ipmi-sim';
import { buildEmu } from '../fixtures/ipmi/emu';
import { HEALTHY_SLOTS, serverAt, writeInventory } from '../integration/firmware/helpers';

/*
 * Cancel in the window (issue 11, item 5), in Debian's Chromium through the
 * headless host: a firmware post-flight waits for a BMC that does not answer
 * (a paused relay in front of ipmi_sim, as after a flash); Cancel ends the
 * wait at once with CANCELLED, shown as information, and no record is written.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const why = skipReason({ sim: true });
if (why) console.warn(`[cancel.spec] ${why}`);

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 1100 } });

let sim: IpmiSim;
let relay: UdpRelay;
let host: StartedHost;

test.beforeAll(async () => {
  if (!hasIpmiSim) return;
  sim = await startIpmiSim({ emu: buildEmu({ slots: HEALTHY_SLOTS }), name: 'cancel-e2e', password: 'cancel-e2e-pw-19' });
  relay = await startUdpRelay(sim.port);
  relay.pause();
  const home = tempDir('fk-cancel-e2e-');
  writeInventory(home, [serverAt('node1', relay.port)]);
  host = await startHeadlessHost({ home, env: { FIELDKIT_PASSWORD: sim.password } });
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.stop();
  await relay?.close();
  await stopAllSims();
  if (host) fs.rmSync(host.home, { recursive: true, force: true });
});

test('Cancel ends a firmware post-flight wait at once', async ({ page }) => {
  test.skip(!hasIpmiSim, 'ipmi_sim is not installed');
  await page.goto(host.url);
  await page.getByTestId('lang-en').click();
  await page.getByTestId('nav-firmware').click();
  await page.getByTestId('fw-server').click();
  await page.locator('.el-select-dropdown__item', { hasText: 'node1' }).click();
  await page.getByRole('tab', { name: 'Post-flight' }).click();
  await page.getByTestId('fw-run-post').click();
  // The wait is running (progress shows), with its Cancel button.
  await expect(page.getByText(/Waiting for the BMC to answer/)).toBeVisible({ timeout: 10_000 });
  const cancel = page.getByTestId('fw-cancel-post');
  await expect(cancel).toBeVisible({ timeout: 10_000 });
  await expect(cancel).toHaveText('Cancel');
  await page.waitForTimeout(1500);
  const t0 = Date.now();
  await cancel.click();
  const alert = page.getByTestId('error-alert');
  await expect(alert).toHaveAttribute('data-error-id', 'CANCELLED', { timeout: 5_000 });
  expect(Date.now() - t0).toBeLessThan(5_000);
  await expect(alert).toContainText('Cancelled by the user');
  await expect(alert).toHaveClass(/el-alert--info/);
  await expect(cancel).toBeHidden();
  await expect(page.getByTestId('fw-run-post')).toBeEnabled();
  await page.screenshot({ path: path.join(SHOTS, 'cancel-en-postflight.png'), fullPage: true });
  const fw = path.join(host.home, 'firmware');
  expect(fs.existsSync(fw) ? fs.readdirSync(fw) : []).toEqual([]);

  // In Japanese the button reads 中止 and the message comes from the catalogue.
  await page.getByTestId('lang-ja').click();
  await page.getByTestId('fw-run-post').click();
  const cancelJa = page.getByTestId('fw-cancel-post');
  await expect(cancelJa).toHaveText('中止', { timeout: 10_000 });
  await page.waitForTimeout(500);
  await cancelJa.click();
  await expect(page.getByTestId('error-alert')).toContainText('取り消しました', { timeout: 5_000 });
});
