import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';
import { hasFreeipmi, hasIpmiSim, hasIpmitool, skipReason, stopAllSims, type IpmiSim } from '../support/ipmi-sim';
import { startFaultRelay, type FaultRelay } from '../support/fault-relay';
import { FENCED_SENSOR, makeHomeWith, powerLog, startFencedServer } from '../integration/recovery/setup';

/*
 * The server page in Debian's Chromium through the headless host, against
 * ipmi_sim serving the fixture server (threshold sensors, PCI slot 5 faulted
 * with its SEL event, FRU 0). What the page shows is compared with what the
 * reference clients print for the same simulator: FreeIPMI's ipmi-sensors
 * for the sensors, ipmitool for the SEL and the FRU; power changes are read
 * from the simulator's own chassis_control log. The primary BMC address is a
 * relay of the test's own in front of the simulator (no faults), so what
 * reaches the BMC can be counted there.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const why = skipReason({ sim: true, ipmitool: true, freeipmi: true });
const ready = hasIpmiSim && hasIpmitool && hasFreeipmi;
if (why) console.warn(`[server-page.spec] ${why}`);

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 1000 }, timezoneId: 'Asia/Tokyo' });

let sim: IpmiSim;
let host: StartedHost;
let relay: FaultRelay;

test.beforeAll(async () => {
  if (!ready) return;
  sim = await startFencedServer();
  relay = await startFaultRelay(sim.port);
  const home = makeHomeWith([{ name: 'node1', sim, primaryPort: relay.port }]);
  host = await startHeadlessHost({ home, env: { FIELDKIT_PASSWORD: sim.password, FIELDKIT_IPMI_TIMEOUT_MS: '3000' } });
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.stop();
  await relay?.close();
  await stopAllSims();
  if (host) fs.rmSync(host.home, { recursive: true, force: true });
});

/** FreeIPMI's ipmi-sensors on the same simulator: name -> reading (two decimals, as it prints them). */
function referenceReadings(): Map<string, string> {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-sdr-cache-'));
  try {
    const r = spawnSync('ipmi-sensors', [...sim.freeipmiArgs(3), `--sdr-cache-directory=${cache}`, '--comma-separated-output', '--no-header-output'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = new Map<string, string>();
    for (const line of r.stdout.trim().split('\n')) {
      const [, name, , reading] = line.split(',');
      if (name) out.set(name, reading);
    }
    return out;
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

async function openServer(page: Page, lang: 'en' | 'ja') {
  await page.goto(host.url);
  await page.getByTestId(`lang-${lang}`).click();
  // Reached from the inventory: the server's name is a link to its page.
  // (The first click can land while the shell is still settling its language; click again until the page is there.)
  await expect(async () => {
    await page.getByTestId('nav-inventory').click();
    await expect(page.getByTestId('server-link-node1')).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId('server-link-node1').click();
  await expect(page.getByTestId('server-view')).toHaveAttribute('data-server', 'node1', { timeout: 20_000 });
}

const row = (page: Page, name: string) => page.locator(`[data-testid="sensor-row"][data-sensor="${name}"]`);

for (const lang of ['en', 'ja'] as const) {
  test(`identity, sensors, SEL and slots equal the reference tools (${lang})`, async ({ page }) => {
    test.skip(!ready, why);
    await openServer(page, lang);
    await expect(page.getByTestId('server-title')).toHaveText(lang === 'en' ? 'Server node1' : 'サーバ node1');
    await expect(page.getByTestId('server-primary')).toHaveText(`127.0.0.1:${relay.port}`);
    await expect(page.getByTestId('server-secondary')).toHaveText(`127.0.0.1:${sim.secondaryPort}`);
    await expect(page.getByTestId('server-answered-by')).toHaveText(`${lang === 'en' ? 'primary' : 'プライマリ'} 127.0.0.1:${relay.port}`, { timeout: 20_000 });

    // Identity: firmware as ipmitool mc info, the GUID as ipmitool mc guid, FRU product name as ipmitool fru.
    const mc = (await sim.ipmitool(['mc', 'info'])).stdout;
    await expect(page.getByTestId('server-firmware')).toHaveText(/^\d+\.\d+$/, { timeout: 20_000 });
    expect(mc).toContain(`Firmware Revision         : ${await page.getByTestId('server-firmware').textContent()}`);
    const guid = /System GUID\s*:\s*(\S+)/.exec((await sim.ipmitool(['mc', 'guid'])).stdout)?.[1];
    expect(guid).toBeTruthy();
    await expect(page.getByTestId('server-guid')).toHaveText(guid!);
    const fru = (await sim.ipmitool(['fru'])).stdout;
    const productName = /Product Name\s*:\s*(.+)/.exec(fru)?.[1].trim();
    expect(productName).toBeTruthy();
    await expect(page.getByTestId('fru-product-name')).toHaveText(productName!);
    await expect(page.getByTestId('server-manufacturer')).toContainText('IANA 4753');

    // Sensors: readings equal ipmi-sensors' for the same simulator, row by row.
    await expect(row(page, 'CPU Temp')).toBeVisible({ timeout: 20_000 });
    // Two sensors on the live chart (for the picture at the end; the chart's timing has its own test).
    await page.getByTestId('chart-CPU Temp').click();
    await page.getByTestId('chart-Fan 1').click();
    const ref = referenceReadings();
    for (const name of ['CPU Temp', '12V', 'Fan 1']) {
      expect(ref.get(name), `ipmi-sensors prints ${name}`).toMatch(/^\d+\.\d+$/);
      await expect(row(page, name).getByTestId('sensor-reading')).toHaveText(ref.get(name)!);
    }
    // Faults first: the slot group (a critical slot) comes before the temperature group.
    const groups = await page.locator('[data-testid^="sensor-group-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-worst')));
    expect(groups[0]).toBe('critical');
    await expect(row(page, 'PCI Slot 5')).toHaveAttribute('data-severity', 'critical');
    // Search narrows the table.
    await page.getByTestId('sensor-search').fill('fan');
    await expect(page.getByTestId('sensor-row')).toHaveCount(1);
    await page.getByTestId('sensor-search').fill('');

    // PCI slots drawn as in the wizard, with the way into recovery.
    await expect(page.getByTestId(`slot-server-${FENCED_SENSOR}`)).toHaveAttribute('data-state', 'fault');
    await expect(page.getByTestId('server-recovery-start')).toBeVisible();

    // SEL: as many rows as ipmitool sel list prints.
    const sel = (await sim.ipmitool(['sel', 'list'])).stdout.trim().split('\n').filter((l) => /^\s*[0-9a-f]+\s*\|/i.test(l));
    expect(sel.length).toBeGreaterThan(0);
    await expect(page.getByTestId('server-sel')).toHaveAttribute('data-count', String(sel.length), { timeout: 20_000 });
    await expect(page.getByTestId('sel-row')).toHaveCount(sel.length);
    await expect(page.getByTestId('sel-table')).toContainText('PCI Slot 5');

    // The content pane scrolls, not the page: a tall window shows the whole page in one picture.
    await expect.poll(async () => Number(await page.getByTestId('sensor-chart').getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThan(2);
    await page.setViewportSize({ width: 1280, height: 3600 });
    await page.getByTestId('server-title').scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SHOTS, `server-page-${lang}.png`) });
    // The README's pictures are refreshed only on request, so a test run never dirties the work tree.
    if (process.env.FIELDKIT_UPDATE_DOC_IMAGES) fs.copyFileSync(path.join(SHOTS, `server-page-${lang}.png`), path.join(REPO, 'docs', 'images', `server-page-${lang}.png`));
  });
}

test('a chart gets a point per read at the chosen interval, and reading pauses while the page is hidden', async ({ page }) => {
  test.skip(!ready, why);
  await openServer(page, 'en');
  const panel = page.getByTestId('server-sensors');
  await expect(row(page, 'CPU Temp')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('sensor-interval').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: /^2 s$/ }).click();
  await page.getByTestId('chart-CPU Temp').click();
  const chart = page.getByTestId('sensor-chart');
  await expect(chart).toHaveAttribute('data-series', 'CPU Temp');
  await expect(chart.locator('canvas')).toHaveCount(1);

  const points = async () => Number(await chart.getAttribute('data-points'));
  const polls = async () => Number(await panel.getAttribute('data-polls'));
  const p0 = await points();
  const t0 = Date.now();
  await page.waitForTimeout(8_000);
  const p1 = await points();
  const seconds = (Date.now() - t0) / 1000;
  // One point per read, one read every 2 s (plus the time a read takes): 8 s gives 3 or 4 new points.
  expect(p1 - p0, `${p1 - p0} points in ${seconds.toFixed(1)} s`).toBeGreaterThanOrEqual(3);
  expect(p1 - p0).toBeLessThanOrEqual(Math.ceil(seconds / 2) + 1);

  // Hidden (another tab, a minimised window): no read at all.
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      const g = globalThis as unknown as { document: { dispatchEvent(e: unknown): boolean }; Event: new (t: string) => unknown; Object: ObjectConstructor };
      g.Object.defineProperty(g.document, 'visibilityState', { configurable: true, get: () => s });
      g.document.dispatchEvent(new g.Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await expect(panel).toHaveAttribute('data-polling', 'no');
  await page.waitForTimeout(500); // a read already out when the page hid may still land
  const hiddenAt = await polls();
  const reachedBmc = relay.counts.requests;
  await page.waitForTimeout(6_000);
  expect(await polls()).toBe(hiddenAt);
  // Counted at the BMC's side too: not one datagram went to it while hidden (three reads' worth of time).
  expect(relay.counts.requests).toBe(reachedBmc);
  await expect(page.getByTestId('sensor-poll-state')).toContainText('Paused while the page is hidden');
  // Visible again: reading resumes at once.
  await setVisibility('visible');
  await expect.poll(polls, { timeout: 5_000 }).toBeGreaterThan(hiddenAt);
  // The count goes up as a read starts; its first datagram leaves after the host has the password and the session.
  await expect.poll(() => relay.counts.requests, { timeout: 5_000 }).toBeGreaterThan(reachedBmc);
});

test('power off: Cancel sends nothing; the confirmed power-off reaches the simulator exactly once', async ({ page }) => {
  test.skip(!ready, why);
  expect(sim.powerState()).toBe(true);
  const before = powerLog(sim).length;
  await openServer(page, 'en');
  await expect(page.getByTestId('server-power')).toHaveAttribute('data-power', 'on', { timeout: 20_000 });

  await page.getByTestId('power-off').click();
  const dialog = page.getByTestId('power-dialog');
  await expect(dialog).toHaveAttribute('data-action', 'off');
  // In words: what happens (no OS shutdown), to which server, through which BMC.
  await expect(page.getByTestId('power-dialog-what')).toContainText('node1');
  await expect(page.getByTestId('power-dialog-what')).toContainText('The operating system gets no shutdown');
  await expect(page.getByTestId('power-dialog-through')).toContainText(`127.0.0.1:${relay.port}`);
  await page.getByTestId('power-dialog-cancel').click();
  await expect(dialog).toHaveCount(0);
  await page.waitForTimeout(1_500);
  expect(powerLog(sim).length).toBe(before);
  expect(sim.powerState()).toBe(true);

  // The other actions say what they do, too.
  await page.getByTestId('power-soft').click();
  await expect(page.getByTestId('power-dialog-what')).toContainText('Asks the operating system of node1 to shut down');
  await page.getByTestId('power-dialog-cancel').click();
  await page.getByTestId('power-reset').click();
  await expect(page.getByTestId('power-dialog-what')).toContainText('without shutting the operating system down');
  await page.getByTestId('power-dialog-cancel').click();
  await page.waitForTimeout(500);
  expect(powerLog(sim).length).toBe(before);

  await page.getByTestId('power-off').click();
  await page.getByTestId('power-dialog-confirm').click();
  await expect(page.getByTestId('server-power')).toHaveAttribute('data-power', 'off', { timeout: 30_000 });
  await expect(page.getByTestId('power-result')).toContainText('Power off (hard): done. Power is now Off.');
  expect(powerLog(sim).slice(before)).toEqual(['power 1 -> 0']);
  expect(sim.chassisLog().filter((l) => l.startsWith('power')).slice(-1)).toEqual(['power 1 -> 0']);
  expect((await sim.ipmitool(['chassis', 'power', 'status'])).stdout).toContain('Chassis Power is off');
});

test('SEL clear: Clear is enabled only after the SEL was saved; the saved file holds every entry', async ({ page }) => {
  test.skip(!ready, why);
  const count = (await sim.ipmitool(['sel', 'list'])).stdout.trim().split('\n').filter((l) => /^\s*[0-9a-f]+\s*\|/i.test(l)).length;
  expect(count).toBeGreaterThan(0);
  await openServer(page, 'ja');
  await expect(page.getByTestId('server-sel')).toHaveAttribute('data-count', String(count), { timeout: 20_000 });
  await page.getByTestId('sel-clear').click();
  await expect(page.getByTestId('sel-clear-confirm')).toBeDisabled();
  // Cancel sends nothing.
  await page.getByTestId('sel-clear-cancel').click();
  await page.waitForTimeout(500);
  expect((await sim.ipmitool(['sel', 'list'])).stdout.trim().split('\n').filter((l) => /^\s*[0-9a-f]+\s*\|/i.test(l)).length).toBe(count);

  await page.getByTestId('sel-clear').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sel-save-first').click()]);
  const saved = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { server: string; entries: unknown[] };
  expect(saved.server).toBe('node1');
  expect(saved.entries).toHaveLength(count);
  expect(download.suggestedFilename()).toMatch(/^sel-node1-.*\.json$/);
  await expect(page.getByTestId('sel-clear-confirm')).toBeEnabled();
  await page.getByTestId('sel-clear-confirm').click();
  await expect(page.getByTestId('sel-cleared')).toContainText('node1 の SEL をクリアしました。', { timeout: 20_000 });
  const after = (await sim.ipmitool(['sel', 'list'])).stdout;
  expect(after.split('\n').filter((l) => /^\s*[0-9a-f]+\s*\|/i.test(l)).length).toBeLessThanOrEqual(1); // a BMC may log the clear itself
  await expect(page.getByTestId('server-sel')).toHaveAttribute('data-count', /^[01]$/);
});
