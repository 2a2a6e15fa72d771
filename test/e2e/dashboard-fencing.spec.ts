import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import type { Inventory } from '../../shared/model/inventory';
import { buildEmu } from '../fixtures/ipmi/emu';
import { REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';
import { clone, sampleInventory, tempDir } from '../support/inventory';
import { findFreeUdpPort, hasIpmiSim, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../support/ipmi-sim';
import { loadPetCorpus } from '../support/pet-corpus';
import { hasSnmptrap, petV1Args, snmptrap } from '../support/snmp-tools';

/*
 * The dashboard tells the truth about I/O Fencing, in Debian's Chromium
 * through the headless host: a simulator whose PCI Slot 5 reads "Fault Status
 * asserted" turns its card red with the slot and the kind the inventory
 * records, within the first poll; Recover / Resume open the wizard for that
 * server; the card opens the server page (click and Enter); the fencing
 * banner folds real snmptrap PETs into one line per server with a count and
 * remembers Dismiss across pages; the task tiles and the empty state lead on.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const why = skipReason({ sim: true });
if (why) console.warn(`[dashboard-fencing.spec] skipping: ${why}`);
if (!hasSnmptrap) console.warn('[dashboard-fencing.spec] the banner test is skipped: snmptrap (apt snmp) is not installed');

// Pages load their code on first visit and the host shares two cores with the simulators: generous waits.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 15_000 });
test.use({ viewport: { width: 1280, height: 900 } });

let healthy: IpmiSim;
let fenced: IpmiSim;
let host: StartedHost;
let empty: StartedHost;

/** A client of the host's API, for what the test sets up outside the page (trap listener, an open case). */
async function hostCall(h: StartedHost, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const ws = new WebSocket(`${h.origin.replace('http', 'ws')}/api?token=${h.token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  try {
    return await new Promise((resolve) => {
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { id?: number; envelope?: { ok: boolean; value?: unknown; error?: unknown } };
        if (m.id === 1 && m.envelope) resolve(m.envelope);
      });
      ws.send(JSON.stringify({ id: 1, channel, payload }));
    });
  } finally {
    ws.close();
  }
}

test.beforeAll(async () => {
  if (!hasIpmiSim) return;
  [healthy, fenced] = await Promise.all([
    startIpmiSim({ name: 'dash-healthy', power: true, password: 'dash-pw', emu: buildEmu({ slots: [{ installed: true }, { installed: true }, { installed: true }, { installed: true }, { installed: true }] }) }),
    // The fixture's default slots: PCI Slot 5 installed with Fault Status asserted.
    startIpmiSim({ name: 'dash-fenced', power: true, password: 'dash-pw', emu: buildEmu() }),
  ]);
  const inv: Inventory = sampleInventory();
  const t = inv.clusters[0].servers[0];
  const mk = (name: string, port: number) => ({
    ...clone(t),
    name,
    bmc: { primary: { host: '127.0.0.1', port } },
    // The engineer recorded slot 5 as the shared-disk HBA.
    slots: [...clone(t).slots, { number: 5, kind: 'HBA' as const, fenced: true }],
  });
  // Both BMCs are on 127.0.0.1; the trap service matches a sender address to the server listed last with it: node2.
  inv.clusters[0].servers = [mk('node1', healthy.port), mk('node2', fenced.port)];
  const home = tempDir('fk-dash-fence-');
  fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
  [host, empty] = await Promise.all([
    startHeadlessHost({ home, env: { FIELDKIT_PASSWORD: 'dash-pw', FIELDKIT_IPMI_TIMEOUT_MS: '1500' } }),
    startHeadlessHost({ home: tempDir('fk-dash-empty-') }),
  ]);
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.stop();
  await empty?.stop();
  await stopAllSims();
});

async function openDashboard(page: Page, h: StartedHost, lang: 'en' | 'ja') {
  await page.goto(h.url);
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId('nav-dashboard').click();
}

test('a fenced server\'s card is red with the slot and its kind within one poll, in English and Japanese; a healthy one is not', async ({ page }) => {
  test.skip(!hasIpmiSim, why ?? '');
  await openDashboard(page, host, 'en');
  // The dashboard polls on opening and then every 30 s: one poll is the bound.
  await expect(page.getByTestId('fenced-node2')).toContainText('PCI Slot 5 (HBA) fenced', { timeout: 30_000 });
  await expect(page.getByTestId('status-node2')).toHaveAttribute('data-fenced', 'true');
  await expect(page.getByTestId('status-node2')).toHaveClass(/fk-server--fenced/);
  await expect(page.getByTestId('state-node2')).toHaveClass(/el-tag--danger/);
  await expect(page.getByTestId('recover-node2')).toHaveText('Recover');
  // The same poll read node1's slots: none faulted, so its card stays green and offers no recovery.
  await expect(page.getByTestId('state-node1')).toHaveText('monitoring');
  await expect(page.getByTestId('status-node1')).toHaveAttribute('data-fenced', 'false');
  await expect(page.getByTestId('state-node1')).toHaveClass(/el-tag--success/);
  await expect(page.getByTestId('recover-node1')).toHaveCount(0);
  // The red is drawn, not only named: the card's border is red.
  const border = await page.getByTestId('status-node2').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string } }).getComputedStyle(el).borderTopColor);
  expect(border).toBe('rgb(245, 108, 108)');
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-fenced-en.png'), fullPage: true });

  await page.getByTestId('lang-ja').click();
  await expect(page.getByTestId('fenced-node2')).toContainText('PCI スロット 5 (HBA) が I/O Fencing されています');
  await expect(page.getByTestId('recover-node2')).toHaveText('復旧');
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-fenced-ja.png'), fullPage: true });
});

test('Recover opens the wizard for that server; the card opens the server page, by click and by Enter', async ({ page }) => {
  test.skip(!hasIpmiSim, why ?? '');
  await openDashboard(page, host, 'en');
  await page.getByTestId('recover-node2').click({ timeout: 30_000 });
  await expect(page).toHaveURL(/#\/recovery\?server=node2$/);
  await expect(page.getByTestId('recovery-server')).toContainText('node2');

  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('status-node1').click({ position: { x: 10, y: 10 } });
  await expect(page).toHaveURL(/#\/servers\/node1$/);

  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('status-node2').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/servers\/node2$/);
});

test('with a case open for the server, the card says Resume and takes the case up in the wizard', async ({ page }) => {
  test.skip(!hasIpmiSim, why ?? '');
  // The wizard's first step only reads; it leaves the case open at the checklist.
  const started = await hostCall(host, 'recovery.start', { server: 'node2' });
  expect(started.ok).toBe(true);
  const caseId = (started.value as { id: string }).id;
  await openDashboard(page, host, 'en');
  await expect(page.getByTestId('recover-node2')).toHaveText('Resume', { timeout: 30_000 });
  await page.getByTestId('recover-node2').click();
  await expect(page).toHaveURL(new RegExp(`#/recovery\\?server=node2&resume=${caseId}$`));
  await expect(page.getByTestId('recovery-facts')).toContainText('node2');
  await expect(page.getByTestId('recovery-checklist')).toBeVisible();
  // Leave nothing open for the other tests.
  expect((await hostCall(host, 'recovery.abort', { caseId })).ok).toBe(true);
});

test('the fencing banner: one line per server with the slot and a count of traps; Dismiss is remembered across pages', async ({ page }) => {
  test.skip(!hasIpmiSim || !hasSnmptrap, why ?? 'snmptrap (apt snmp) is not installed');
  const port = await findFreeUdpPort();
  // Duplicates allowed: three real traps of one fencing, as a BMC that repeats its alert sends them.
  const listening = await hostCall(host, 'traps.start', { address: '127.0.0.1', port, communities: ['public'], duplicateWindowMs: 0 });
  expect(listening.ok).toBe(true);
  const fault = loadPetCorpus().find((c) => c.name === 'slot-fault-assert')!;
  await openDashboard(page, host, 'en');
  await expect(page.getByTestId('fenced-node2')).toBeVisible({ timeout: 30_000 });
  for (let i = 0; i < 3; i++) expect((await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', fault.specific, fault.hex))).code).toBe(0);

  const banner = page.getByTestId('fencing-banner');
  await expect(page.getByTestId('fencing-count-node2')).toContainText('3 traps');
  await expect(banner.locator('[data-testid^="fencing-line-"]')).toHaveCount(1);
  await expect(page.getByTestId('fencing-line-node2')).toContainText('node2 was fenced: PCI Slot 5 (HBA)');
  await expect(page.getByTestId('fencing-line-node2').getByTestId('start-recovery')).toHaveText('Start recovery');
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-banner-en.png'), fullPage: true });
  await page.getByTestId('lang-ja').click();
  await expect(page.getByTestId('fencing-count-node2')).toContainText('トラップ 3 件');
  await expect(page.getByTestId('fencing-line-node2')).toContainText('PCI スロット 5 (HBA)');

  await page.getByTestId('fencing-dismiss').click();
  await expect(banner).toHaveCount(0);
  await page.getByTestId('nav-traps').click();
  await expect(page.getByTestId('traps-view')).toBeVisible();
  await expect(page.getByTestId('fencing-banner')).toHaveCount(0);
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('status-node2')).toBeVisible();
  await expect(page.getByTestId('fencing-banner')).toHaveCount(0);
  // A new trap brings the line back, with the count of every trap.
  expect((await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', fault.specific, fault.hex))).code).toBe(0);
  await expect(page.getByTestId('fencing-count-node2')).toContainText('トラップ 4 件');
  await hostCall(host, 'traps.stop', {});
});

test('task tiles on the first screen route to their pages; empty states lead to Inventory', async ({ page }) => {
  test.skip(!hasIpmiSim, why ?? '');
  await openDashboard(page, empty, 'en');
  await expect(page.getByTestId('status-empty')).toBeVisible({ timeout: 30_000 });
  for (const [tile, route] of [['recovery', 'recovery'], ['firmware', 'firmware'], ['dump', 'dump'], ['traps', 'traps'], ['inventory', 'inventory']] as const) {
    await page.getByTestId('nav-dashboard').click();
    // On the first screen, without scrolling.
    await expect(page.getByTestId(`tile-${tile}`)).toBeInViewport();
    await page.getByTestId(`tile-${tile}`).click();
    await expect(page).toHaveURL(new RegExp(`#/${route}$`));
  }
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('status-empty-inventory').click();
  await expect(page).toHaveURL(/#\/inventory$/);
  // Firmware with no servers: not a bare select, a way to add them.
  await page.getByTestId('nav-firmware').click();
  await expect(page.getByTestId('fw-no-servers')).toBeVisible();
  await page.getByTestId('fw-to-inventory').click();
  await expect(page).toHaveURL(/#\/inventory$/);
  await page.getByTestId('nav-recovery').click();
  await page.getByTestId('recovery-to-inventory').click();
  await expect(page).toHaveURL(/#\/inventory$/);
  await page.getByTestId('lang-ja').click();
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('tile-inventory')).toContainText('サーバの追加');
  await expect(page.getByTestId('status-empty-inventory')).toHaveText('構成画面でサーバを追加');
});

test('cards share the width (a responsive grid, not 300 px each); link values never wrap', async ({ page }) => {
  test.skip(!hasIpmiSim, why ?? '');
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 1080 });
    await openDashboard(page, host, 'en');
    await expect(page.getByTestId('state-node1')).toHaveText('monitoring', { timeout: 30_000 });
    const a = (await page.getByTestId('status-node1').boundingBox())!;
    const b = (await page.getByTestId('status-node2').boundingBox())!;
    const grid = (await page.locator('.fk-servers').first().boundingBox())!;
    // Side by side; each card one auto-fill column of at least 260 px, the columns filling the row.
    expect(Math.abs(a.y - b.y)).toBeLessThan(2);
    expect(a.width).toBeGreaterThanOrEqual(260);
    const columns = Math.floor((grid.width + 12) / (a.width + 12));
    expect(columns).toBe(Math.floor((grid.width + 12) / (260 + 12)));
    expect(a.width).not.toBe(300);
  }
  // "---", "OK", "NG" and "-" are one word each: the link codes do not break.
  await expect(page.getByTestId('link-node1-secondary')).toHaveText('-');
  expect(await page.getByTestId('link-node1-primary').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { whiteSpace: string } }).getComputedStyle(el).whiteSpace)).toBe('nowrap');
});
