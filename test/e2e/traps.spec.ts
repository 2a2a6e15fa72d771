import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';
import { sampleInventory } from '../support/inventory';
import { loadPetCorpus } from '../support/pet-corpus';
import { hasSnmptrap, petV1Args, petV3Args, snmptrap } from '../support/snmp-tools';
import { freeUdpPort } from '../support/ports';
import { fieldInput } from '../support/ui';

/*
 * The Traps view in Debian's Chromium through the headless host: start the
 * listener, receive real snmptrap PETs, see them in the live table, the
 * detail pane with the raw bytes, the fencing banner, and "Start recovery"
 * opening the recovery wizard for the server.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const hasBrowser = fs.existsSync(process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium');
const hasRenderer = fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html'));
const why = !hasBrowser ? 'no Chromium at /usr/bin/chromium' : !hasRenderer ? 'the renderer is not built (npm run build)' : 'snmptrap (apt snmp) not installed';
if (!hasBrowser || !hasRenderer || !hasSnmptrap) console.warn(`[traps.spec] skipped: ${why}`);
const corpus = loadPetCorpus();

let host: StartedHost;
test.use({ viewport: { width: 1400, height: 1200 } });

test.beforeAll(async () => {
  if (!hasBrowser || !hasRenderer || !hasSnmptrap) return;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-traps-e2e-'));
  const inv = sampleInventory();
  // node1's BMC is the sender (127.0.0.1); node2's is elsewhere (::1).
  inv.clusters[0].servers[1].bmc = { primary: { host: '::1', port: 16235 } };
  fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
  host = await startHeadlessHost({ home, env: { DBUS_SESSION_BUS_ADDRESS: '' } });
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await host?.stop();
  if (host) fs.rmSync(host.home, { recursive: true, force: true });
});

test('live traps, detail pane, fencing banner and Start recovery', async ({ page }) => {
  test.skip(!hasBrowser || !hasRenderer || !hasSnmptrap, why);
  await page.goto(host.url);
  await page.getByTestId('lang-en').click();
  // The listener's settings are on the Settings page; the Traps page has its bar.
  await page.getByTestId('nav-settings').click();
  const port = await freeUdpPort();
  await fieldInput(page, 'trap-address').fill('127.0.0.1');
  await fieldInput(page, 'trap-port').fill(String(port));
  // No default community: the panel says so, and the engineer enters the one the BMCs send.
  await expect(page.getByTestId('trap-communities-hint')).toContainText('No default');
  await fieldInput(page, 'trap-communities').fill('public');
  await page.getByTestId('trap-settings-save').click();
  await expect(page.getByTestId('trap-settings-saved')).toBeVisible();
  await page.getByTestId('nav-traps').click();
  // Each page's code is fetched when it is first opened: seconds on a busy machine.
  await expect(page.getByTestId('traps-view')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('trap-bar-start').click();
  await expect(page.getByTestId('trap-bar-state')).toContainText(`127.0.0.1:${port}`);

  const fault = corpus.find((c) => c.name === 'slot-fault-assert')!;
  const pf = corpus.find((c) => c.name === 'predictive-failure-generic')!;
  await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', fault.specific, fault.hex));
  await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', pf.specific, pf.hex));

  await expect(page.getByTestId('trap-count')).toContainText('2 traps shown');
  await expect(page.getByTestId('fencing-banner')).toContainText('node1 was fenced: Fault Status asserted');
  await page.getByTestId('trap-table').getByText('node1: Slot/Connector Fault Status asserted').first().click();
  await expect(page.getByTestId('trap-detail')).toContainText('Start recovery for node1');
  // The first view: plain labels and the event in words; the decoder's own field names wait behind a disclosure.
  await expect(page.getByTestId('trap-main-fields')).toContainText('Sensor type');
  await expect(page.getByTestId('trap-main-fields')).toContainText('Fault Status asserted');
  await expect(page.getByTestId('trap-main-fields')).not.toContainText('trapOid');
  await expect(page.getByTestId('trap-raw')).toBeHidden();
  await page.getByTestId('trap-decoder').locator('summary').click();
  await expect(page.getByTestId('trap-raw')).toBeVisible();
  await expect(page.getByTestId('trap-raw')).toContainText('a1 23 45 67 89 ab cd ef');
  await page.screenshot({ path: path.join(SHOTS, 'traps-en.png'), fullPage: true });

  await page.getByTestId('lang-ja').click();
  await expect(page.getByTestId('fencing-banner')).toContainText('node1 が閉塞されました');
  await page.screenshot({ path: path.join(SHOTS, 'traps-ja.png'), fullPage: true });
  await page.getByTestId('start-recovery').first().click();
  await expect(page).toHaveURL(/\/recovery\?server=node1/);
});

test('listener settings: port saved to traps.json, bad port refused in both languages, v3 user keys, start and status', async ({ page }) => {
  test.skip(!hasBrowser || !hasRenderer || !hasSnmptrap, why);
  await page.goto(host.url);
  await page.getByTestId('lang-en').click();
  await page.getByTestId('nav-settings').click();
  const panel = page.getByTestId('listener-settings');
  await expect(panel).toBeVisible({ timeout: 30_000 });
  // The first test left the listener running: stop it once the panel knows its state.
  await expect(page.getByTestId('trap-status')).toHaveText(/Listening on|Not listening/, { timeout: 30_000 });
  if (await page.getByTestId('trap-stop').isVisible()) await page.getByTestId('trap-stop').click();
  await expect(page.getByTestId('trap-status')).toContainText('Not listening');
  const portInput = fieldInput(page, 'trap-port');
  const addressInput = fieldInput(page, 'trap-address');
  const file = path.join(host.home, 'traps.json');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';

  // A bad port: the catalogued message, in English and then in Japanese; traps.json unchanged.
  await portInput.fill('70000');
  await page.getByTestId('trap-settings-save').click();
  await expect(panel.getByTestId('error-alert')).toContainText('The trap listener port "70000" is not valid: use a whole number from 1 to 65535. [TRAPS_PORT_INVALID]');
  await page.getByTestId('lang-ja').click();
  await expect(panel.getByTestId('error-alert')).toContainText('トラップ受信のポート "70000" は正しくありません。1 から 65535 までの整数を指定してください。');
  await page.screenshot({ path: path.join(SHOTS, 'traps-settings-bad-port-ja.png'), fullPage: true });
  await page.getByTestId('lang-en').click();
  expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').toBe(before);

  // A good port is saved (atomically) and is there after a reload.
  const port = await freeUdpPort();
  await addressInput.fill('127.0.0.1');
  await portInput.fill(String(port));
  await page.getByTestId('trap-settings-save').click();
  await expect(page.getByTestId('trap-settings-saved')).toBeVisible();
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).port).toBe(port);
  await page.reload();
  await page.getByTestId('nav-settings').click();
  await expect(portInput).toHaveValue(String(port), { timeout: 30_000 });

  // A v3 user: this host runs without a keychain (no D-Bus), so the keys stay for the session only.
  const AUTH = 'e2e-auth-key-1';
  const PRIV = 'e2e-priv-key-2';
  await fieldInput(page, 'trap-user-name').fill('e2euser');
  await fieldInput(page, 'trap-user-auth').fill(AUTH);
  await fieldInput(page, 'trap-user-priv').fill(PRIV);
  await page.getByTestId('trap-user-save').click();
  await expect(page.getByTestId('trap-users')).toContainText('e2euser');
  await expect(page.getByTestId('trap-users')).toContainText('key for this session only');
  expect(fs.readFileSync(file, 'utf8')).not.toContain(AUTH);

  await page.getByTestId('trap-start').click();
  await expect(page.getByTestId('trap-status')).toContainText(`Listening on 127.0.0.1:${port}`);
  // Counters live as long as the host's listener service: compare with the count before this trap.
  const acceptedNow = async () => Number(/accepted: (\d+)/.exec((await page.getByTestId('trap-counters').textContent()) ?? '')?.[1] ?? NaN);
  const acceptedBefore = await acceptedNow();
  expect(Number.isNaN(acceptedBefore)).toBe(false);
  const e = corpus.find((c) => c.name === 'predictive-failure-generic')!;
  const sent = await snmptrap(petV3Args(`127.0.0.1:${port}`, { user: 'e2euser', auth: 'SHA', authPass: AUTH, priv: 'AES', privPass: PRIV }, e.specific, e.hex));
  expect(sent.code, sent.stderr).toBe(0);
  await expect(page.getByTestId('trap-counters')).toContainText(`accepted: ${acceptedBefore + 1}`);
  await page.screenshot({ path: path.join(SHOTS, 'traps-settings-en.png'), fullPage: true });
  await page.getByTestId('nav-traps').click();
  await expect(page.getByTestId('trap-table')).toContainText('Predictive Failure', { timeout: 30_000 });
  await page.getByTestId('nav-settings').click();
  await expect(panel).toBeVisible({ timeout: 30_000 });

  // Saved while listening: the queue limit goes to the running listener at once (no Stop/Start);
  // a new port restarts it there. Both said on screen, in English and Japanese.
  await page.locator('[data-testid="trap-queue-limit"] input').first().fill('5000');
  await page.getByTestId('trap-settings-save').click();
  await expect(page.getByTestId('trap-settings-applied')).toHaveText('The running listener uses them now.');
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).queueLimit).toBe(5000);
  const port2 = await freeUdpPort();
  await portInput.fill(String(port2));
  await page.getByTestId('lang-ja').click();
  await page.getByTestId('trap-settings-save').click();
  await expect(page.getByTestId('trap-settings-applied')).toHaveText('リスナーを新しい設定で再起動しました。');
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('trap-status')).toContainText(`Listening on 127.0.0.1:${port2}`);
  await page.getByTestId('trap-stop').click();
  await expect(page.getByTestId('trap-status')).toContainText('Not listening');
  expect(await page.content()).not.toContain(AUTH);
});
