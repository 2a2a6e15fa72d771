import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, startHostWithSampleInventory, type SampleHost } from '../support/headless-host';
import { fieldInput } from '../support/ui';

/*
 * issue 12: the server dialog records the model, the server's own reset-path
 * address and an on-board interconnect; the inventory page opens the
 * printable HA Monitor Connector set-up (one block per server, its own
 * resetpath, pserver add for every server), which prints without the app's
 * navigation. In Debian's Chromium through the headless host, both languages.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const hasBrowser = fs.existsSync(process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium');
const hasRenderer = fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html'));
const why = !hasBrowser ? 'no Chromium at /usr/bin/chromium' : 'the renderer is not built (npm run build)';
if (!hasBrowser || !hasRenderer) console.warn(`[connector-setup.spec] skipped: ${why}`);

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 1200 } });

let host: SampleHost;
const inventoryFile = () => path.join(host.home, 'inventory.json');

test.beforeAll(async () => {
  if (!hasBrowser || !hasRenderer) return;
  host = await startHostWithSampleInventory('fk-setup-e2e-');
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.remove();
});

const input = fieldInput;

async function open(page: Page, lang: 'en' | 'ja') {
  await page.goto(host.url);
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId('nav-inventory').click();
  await expect(page.getByTestId('inventory-view')).toBeVisible();
}

test('the server dialog records model, own reset-path address and an on-board interconnect; a BMC outside the segment is flagged', async ({ page }) => {
  test.skip(!hasBrowser || !hasRenderer, why);
  await open(page, 'en');
  await page.locator('[data-server="node2"]').getByRole('button', { name: 'Edit' }).click();
  const form = page.getByTestId('server-form');
  await page.getByTestId('server-model').click();
  await page.getByRole('option', { name: 'Express5800/A1080a' }).click();
  // A BMC outside the cluster's reset-path segment (127.0.0.0/8): the warning names server and address.
  await input(page, 'server-primary').fill('192.0.2.40:623');
  await expect(form.locator('[data-id="INVENTORY_RESETPATH_BMC_OUTSIDE"]').first()).toContainText('192.0.2.40');
  await expect(form.locator('[data-id="INVENTORY_RESETPATH_BMC_OUTSIDE"]').first()).toContainText('node2');
  await input(page, 'server-primary').fill('127.0.0.1:16234');
  await expect(form.locator('[data-id="INVENTORY_RESETPATH_BMC_OUTSIDE"]')).toHaveCount(0);
  await input(page, 'server-resetpath-addr').fill('127.0.2.22');
  await page.getByTestId('server-onboard-interconnect').click();
  await page.getByTestId('server-save').click();
  await expect(page.locator('[data-server="node2"] [data-testid="server-card-model"]')).toHaveText('Express5800/A1080a');
  await expect(page.locator('[data-server="node2"] [data-testid="server-card-resetpath"]')).toHaveText('127.0.2.22');
  await expect.poll(() => {
    const s = JSON.parse(fs.readFileSync(inventoryFile(), 'utf8')).clusters[0].servers[1];
    return [s.model, s.resetPathAddress, s.onboardInterconnect];
  }).toEqual(['Express5800/A1080a', '127.0.2.22', true]);
});

for (const lang of ['en', 'ja'] as const) {
  test(`the printable Connector set-up: one block per server, its own resetpath, every server registered; prints without the navigation (${lang})`, async ({ page }) => {
    test.skip(!hasBrowser || !hasRenderer, why);
    await open(page, lang);
    await page.getByTestId('open-connector-setup').click();
    const view = page.getByTestId('connector-setup-view');
    await expect(view).toBeVisible();
    await expect(view.locator('h2')).toHaveText(lang === 'en' ? 'HA Monitor Connector set-up: cluster hacluster1' : 'HA Monitor Connector の設定: クラスタ hacluster1');
    await expect(view).toContainText(lang === 'en' ? 'UDP port 5001 (the reset path) and UDP port 623' : 'UDP ポート 5001 (リセットパス) と UDP ポート 623');
    const node1 = view.locator('article[data-server="node1"]');
    const node2 = view.locator('article[data-server="node2"]');
    await expect(node1).toContainText('haconnsetup resetpath addr=127.0.2.11/255.0.0.0 port=5001');
    await expect(node2).toContainText('haconnsetup resetpath addr=127.0.2.22/255.0.0.0 port=5001');
    for (const block of [node1, node2]) {
      await expect(block).toContainText('haconnsetup pserver add node1 addr=127.0.0.1 account=admin');
      await expect(block).toContainText('haconnsetup pserver add node2 addr=127.0.0.1 account=admin');
      await expect(block).toContainText('systemctl stop haconnd');
    }
    await expect(node1).toContainText(' 1 node1  OK (own server)');
    await expect(node2).toContainText(' 2 node2  OK (own server)');
    await expect(view).not.toContainText('password=');
    await page.screenshot({ path: path.join(SHOTS, `connector-setup-${lang}.png`), fullPage: true });

    // The print button calls the browser's print; on paper the navigation and the buttons are gone.
    // (The page's window, typed loosely: the test's tsconfig has no DOM library.)
    type PrintProbe = { printed: number; print: () => void };
    await page.evaluate(() => {
      const w = globalThis as unknown as PrintProbe;
      w.printed = 0;
      w.print = () => { w.printed += 1; };
    });
    await page.getByTestId('setup-print').click();
    expect(await page.evaluate(() => (globalThis as unknown as PrintProbe).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.fk-nav')).toBeHidden();
    await expect(page.getByTestId('setup-print')).toBeHidden();
    await expect(node2).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('.fk-nav')).toBeVisible();
    await page.getByTestId('setup-back').click();
    await expect(page.getByTestId('inventory-view')).toBeVisible();
  });
}

test('a server without its own reset-path address: the page says what is missing and prints no command for it', async ({ page }) => {
  test.skip(!hasBrowser || !hasRenderer, why);
  const inv = JSON.parse(fs.readFileSync(inventoryFile(), 'utf8'));
  delete inv.clusters[0].servers[0].resetPathAddress;
  fs.writeFileSync(inventoryFile(), JSON.stringify(inv, null, 2));
  await page.goto(`${host.url.split('#')[0]}#/inventory/setup/hacluster1`);
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('setup-not-ready')).toBeVisible();
  const node1 = page.locator('article[data-server="node1"]');
  await expect(node1).toHaveAttribute('data-ready', 'false');
  await expect(node1).toContainText("node1's own reset-path address (fieldkit resetpath addr=<ip>/<mask> --server node1)");
  await expect(node1).not.toContainText('haconnsetup');
  await page.goto(`${host.url.split('#')[0]}#/inventory/setup/nosuch`);
  await expect(page.getByTestId('setup-no-cluster')).toContainText('nosuch');
});
