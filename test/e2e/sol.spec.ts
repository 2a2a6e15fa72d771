import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { emptyInventory, INVENTORY_SCHEMA_VERSION, newCluster, newServer } from '../../shared/model/inventory';
import type { RecoveryCase } from '../../shared/model/case';
import { IpmiEngine } from '../../src-main/engines/ipmi';
import { REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../support/ipmi-sim';
import { startSerialHost, type SerialHost } from '../support/serial-host';

/*
 * The Serial over LAN console of the window in Debian's Chromium through the
 * headless host, against ipmi_sim whose host serial port is a TCP server of
 * this test (test/support/serial-host.ts): what the host prints shows in the
 * terminal, what is typed in the terminal arrives at the host (asserted on
 * what the host's server received), Disconnect leaves no payload and no
 * session on the BMC (asked of the simulator with ipmitool), a console in
 * use by someone else is taken over only through the confirmation dialog,
 * and the recovery wizard's power-on step opens the same console. The
 * strict CSP holds: Chromium reports no violation while xterm.js runs.
 */
const why = skipReason({ sim: true, ipmitool: true });
const ready = hasIpmiSim && hasIpmitool;
if (why) console.warn(`[sol.spec] ${why}`);

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 1000 } });

let serial: SerialHost;
let sim: IpmiSim;
let host: StartedHost;
const CASE_ID = '2026-12-02T21-00-00Z-node1-e2e1';

test.beforeAll(async () => {
  if (!ready) return;
  serial = await startSerialHost();
  sim = await startIpmiSim({ solPort: serial.port });
  await serial.connected(10_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-sol-e2e-'));
  const inv = emptyInventory();
  inv.schemaVersion = INVENTORY_SCHEMA_VERSION;
  const c = newCluster('lab');
  c.servers.push(newServer('node1', { host: '127.0.0.1', port: sim.port }, sim.username));
  inv.clusters.push(c);
  fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
  host = await startHeadlessHost({ home, env: { FIELDKIT_PASSWORD: sim.password, FIELDKIT_IPMI_TIMEOUT_MS: '3000' } });
});

test.afterAll(async () => {
  await host?.stop();
  await stopAllSims();
  await serial?.close();
  if (host) fs.rmSync(host.home, { recursive: true, force: true });
});

/** Get Payload Activation Status (App 0x4A) for SOL as ipmitool reads it: is instance 1 active? */
async function solActive(): Promise<boolean> {
  const r = await sim.ipmitool(['raw', '0x06', '0x4a', '0x01']);
  expect(r.code, r.stderr).toBe(0);
  const bytes = r.stdout.trim().split(/\s+/).map((h) => parseInt(h, 16));
  return (bytes[1] & 0x01) === 1;
}

/** Sessions the simulator reports (ipmitool's own query is one). */
async function activeSessions(): Promise<number> {
  const r = await sim.ipmitool(['session', 'info', 'active']);
  return Number(/active sessions\s*:\s*(\d+)/.exec(r.stdout)?.[1] ?? -1);
}

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

async function openServerPage(page: Page, lang: 'en' | 'ja') {
  await page.goto(host.url);
  await page.getByTestId(`lang-${lang}`).click();
  await page.goto(`${host.url}#/servers/node1`);
  await expect(page.getByTestId('server-view')).toHaveAttribute('data-server', 'node1', { timeout: 20_000 });
  await expect(page.getByTestId('sol-console')).toBeVisible({ timeout: 20_000 });
}

const terminalText = (page: Page) => page.getByTestId('sol-terminal').locator('.xterm-rows');

for (const lang of ['en', 'ja'] as const) {
  test(`server page console: host lines shown, keystrokes reach the host, Disconnect leaves nothing (${lang})`, async ({ page }) => {
    test.skip(!ready, why);
    const csp = watchCsp(page);
    await openServerPage(page, lang);
    const con = page.getByTestId('sol-console');
    await expect(page.getByTestId('server-sol')).toContainText(lang === 'en' ? 'Console (SOL)' : 'コンソール (SOL)');
    // The BMC's SOL configuration as the simulator reports it.
    await expect(page.getByTestId('sol-config-enabled')).toHaveText(lang === 'en' ? 'yes' : 'はい', { timeout: 15_000 });
    await expect(page.getByTestId('sol-connect')).toHaveText(lang === 'en' ? 'Connect' : '接続');

    await page.getByTestId('sol-connect').click();
    await expect(con).toHaveAttribute('data-state', 'open', { timeout: 15_000 });
    await expect(page.getByTestId('sol-state')).toContainText(lang === 'en' ? `Connected through primary 127.0.0.1:${sim.port}` : `プライマリ 127.0.0.1:${sim.port} 経由で接続中`);
    expect(await solActive()).toBe(true);

    // The host prints; the terminal shows it.
    const lines = [`FieldKit test BIOS (${lang})`, 'Booting from disk 0...', `${lang} login: `];
    await serial.write(lines.join('\r\n'));
    for (const l of lines) await expect(terminalText(page)).toContainText(l.trim(), { timeout: 10_000 });
    // xterm's theme reached the page through the CSS Object Model (csp-styles.ts), not an inline <style> the CSP refuses.
    await expect(terminalText(page)).toHaveCSS('color', 'rgb(216, 222, 233)');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { adoptedStyleSheets: unknown[]; querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.xterm style').length)).toBe(0);

    // Typed in the terminal: the host's serial port receives exactly those bytes.
    const before = serial.received().length;
    await page.getByTestId('sol-terminal').click();
    await page.keyboard.type(`root-${lang}`);
    await page.keyboard.press('Enter');
    await serial.waitForReceived((b) => b.subarray(before).toString('latin1') === `root-${lang}\r`, 10_000);

    if (process.env.FIELDKIT_UPDATE_DOC_IMAGES) {
      await page.getByTestId('server-sol').scrollIntoViewIfNeeded();
      await page.getByTestId('server-sol').screenshot({ path: path.join(REPO, 'docs', 'images', `sol-console-${lang}.png`) });
    }

    await page.getByTestId('sol-disconnect').click();
    await expect(con).toHaveAttribute('data-state', 'closed', { timeout: 15_000 });
    expect(await solActive()).toBe(false);
    // The payload is gone at once; the shared BMC session (the server page reads power and sensors on it
    // too) closes once nothing uses it for 20 s: leave the page and nothing of FieldKit's stays on the BMC.
    await page.goto(`${host.url}#/about`);
    await expect.poll(activeSessions, { timeout: 60_000, intervals: [2000] }).toBe(1);
    expect(csp, 'CSP violations while the terminal ran').toEqual([]);
  });
}

test('a console in use by another user is taken over only through the confirmation dialog (en, ja words)', async ({ page }) => {
  test.skip(!ready, why);
  const other = new IpmiEngine();
  const theirs = await other.openSol({ host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 });
  const theirEnd = new Promise<{ errorId?: string }>((r) => theirs.onClose(r));
  try {
    await openServerPage(page, 'ja');
    await page.getByTestId('sol-connect').click();
    const alert = page.getByTestId('sol-console').getByTestId('error-alert');
    await expect(alert).toHaveAttribute('data-error-id', 'SOL_IN_USE', { timeout: 15_000 });
    await page.getByTestId('sol-takeover').click();
    await expect(page.getByTestId('sol-takeover-what')).toContainText('そのユーザのコンソールは直ちに終了');
    // Cancel sends nothing: the other console is still the active one.
    await page.getByTestId('sol-takeover-cancel').click();
    expect(await solActive()).toBe(true);
    await page.getByTestId('lang-en').click();
    await page.getByTestId('sol-takeover').click();
    await expect(page.getByTestId('sol-takeover-what')).toContainText('Taking over ends their console at once');
    await page.getByTestId('sol-takeover-confirm').click();
    await expect(page.getByTestId('sol-console')).toHaveAttribute('data-state', 'open', { timeout: 15_000 });
    const mark = `after takeover ${Date.now()}`;
    await serial.write(`${mark}\r\n`);
    await expect(terminalText(page)).toContainText(mark, { timeout: 10_000 });
    await page.getByTestId('sol-disconnect').click();
    await expect(page.getByTestId('sol-console')).toHaveAttribute('data-state', 'closed', { timeout: 15_000 });
    expect(await solActive()).toBe(false);
  } finally {
    await Promise.race([theirEnd, new Promise((r) => setTimeout(r, 5000))]);
    await other.close();
  }
});

test('recovery wizard at power on: "Watch the server boot" opens the console; Save transcript goes into the case', async ({ page }) => {
  test.skip(!ready, why);
  const now = new Date().toISOString();
  const c: RecoveryCase = {
    id: CASE_ID, schema: 1, server: 'node1', operator: 'tester', via: 'ui', createdAt: now, updatedAt: now, phase: 'power-on',
    bmcsAnswered: [], fencedSlots: [], slotsBefore: [], selBefore: [], steps: [],
  };
  fs.mkdirSync(path.join(host.home, 'cases'), { recursive: true });
  fs.writeFileSync(path.join(host.home, 'cases', `${CASE_ID}.json`), JSON.stringify(c));

  await page.goto(host.url);
  await page.getByTestId('lang-en').click();
  await page.goto(`${host.url}#/recovery?server=node1&resume=${CASE_ID}`);
  const boot = page.getByTestId('recovery-watch-boot');
  await expect(boot).toBeVisible({ timeout: 20_000 });
  await expect(boot).toContainText('Watch the server boot');
  await page.getByTestId('recovery-watch-boot-toggle').click();
  await page.getByTestId('sol-connect').click();
  await expect(page.getByTestId('sol-console')).toHaveAttribute('data-state', 'open', { timeout: 15_000 });
  const mark = `kernel: booting ${Date.now()}`;
  await serial.write(`${mark}\r\n`);
  await expect(terminalText(page)).toContainText(mark, { timeout: 10_000 });
  await page.getByTestId('sol-save').click();
  await expect(page.getByTestId('sol-saved')).toContainText(`Saved into recovery case ${CASE_ID}`);
  const dir = path.join(host.home, 'cases', `${CASE_ID}.files`);
  const files = fs.readdirSync(dir);
  expect(files).toHaveLength(1);
  expect(fs.readFileSync(path.join(dir, files[0]), 'utf8')).toContain(mark);
  // Leaving the wizard's disclosure closes the console it opened.
  await page.getByTestId('recovery-watch-boot-toggle').click();
  await expect.poll(solActive, { timeout: 15_000 }).toBe(false);
});
