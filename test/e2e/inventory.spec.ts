import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, startHostWithSampleInventory, type SampleHost } from '../support/headless-host';
import { fieldInput } from '../support/ui';

/*
 * The Inventory view in Debian's Chromium through the headless host: the
 * server cards with their PCI slot pictures, live validation in both
 * languages, adding a server, and an import refused with its diff preview
 * while nothing changes. Screenshots go to artifacts/screenshots/.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const hasBrowser = fs.existsSync(process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium');
const hasRenderer = fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html'));
const why = !hasBrowser ? 'no Chromium at /usr/bin/chromium' : 'the renderer is not built (npm run build)';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 1200 } });

let host: SampleHost;

test.beforeAll(async () => {
  if (!hasBrowser || !hasRenderer) return;
  host = await startHostWithSampleInventory('fk-inv-e2e-');
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

for (const lang of ['en', 'ja'] as const) {
  test(`shows servers, BMCs and PCI slot pictures; live validation (${lang})`, async ({ page }) => {
    test.skip(!hasBrowser || !hasRenderer, why);
    await open(page, lang);
    await expect(page.locator('[data-server="node1"]')).toBeVisible();
    const slots = page.locator('[data-server="node1"] [data-testid="pci-slots-picture"] g[data-slot]');
    await expect(slots).toHaveCount(4);
    await expect(page.locator('[data-server="node1"] g[data-slot="1"][data-fenced="true"][data-kind="HBA"]')).toHaveCount(1);
    await expect(page.locator('[data-server="node1"] g[data-slot="3"][data-fenced="false"]')).toHaveCount(1);
    await page.screenshot({ path: path.join(SHOTS, `inventory-${lang}-01-cluster.png`), fullPage: true });

    await page.getByTestId('add-server').click();
    // A new form shows no problem before anything is typed; labels sit above their fields.
    await expect(page.getByTestId('server-form').locator('[data-testid="issue-list"]')).toHaveCount(0);
    await expect(page.getByTestId('server-form')).toHaveClass(/el-form--label-top/);
    // Saving is not possible yet, and the footer offers to show why.
    await expect(page.getByTestId('server-save')).toBeDisabled();
    await expect(page.getByTestId('server-show-problems')).toBeVisible();
    await input(page, 'server-name').fill('bad-name');
    await input(page, 'server-primary').fill('127.0.0.1:70000');
    const form = page.getByTestId('server-form');
    await expect(form.locator('[data-id="INVENTORY_SERVER_NAME_INVALID"]')).toBeVisible();
    await expect(form.locator('[data-id="INVENTORY_BMC_PORT_INVALID"]')).toBeVisible();
    await expect(form.locator('[data-id="INVENTORY_SERVER_NAME_INVALID"]')).toContainText(lang === 'ja' ? 'サーバ名' : 'Server name');
    await expect(page.getByTestId('server-save')).toBeDisabled();
    await page.screenshot({ path: path.join(SHOTS, `inventory-${lang}-02-validation.png`), fullPage: true });
    await input(page, 'server-name').fill(`node${lang === 'en' ? 3 : 4}`);
    await input(page, 'server-primary').fill(`127.0.0.1:${lang === 'en' ? 16311 : 16312}`);
    await expect(form.locator('[data-id="INVENTORY_SERVER_NAME_INVALID"]')).toHaveCount(0);
    await expect(page.getByTestId('server-save')).toBeEnabled();
    // A warning from a cross-field rule: another OS interface on this server's reset-path segment (the cluster's /8).
    await input(page, 'server-resetpath-addr').fill(`127.0.2.${lang === 'en' ? 53 : 54}`);
    await input(page, 'server-interfaces').fill('eth9=127.0.9.77/24');
    await expect(form.locator('[data-id="INVENTORY_RESETPATH_SHARED_SEGMENT"]')).toBeVisible();
    // Plain field names, never the model's internal paths.
    await expect(form).not.toContainText('clusters[');
    await expect(page.getByTestId('server-save')).toBeEnabled();
    await input(page, 'server-interfaces').fill('');
    await expect(form.locator('[data-id="INVENTORY_RESETPATH_SHARED_SEGMENT"]')).toHaveCount(0);
    await page.getByTestId('server-save').click();
    await expect(page.locator(`[data-server="node${lang === 'en' ? 3 : 4}"]`)).toBeVisible();
  });
}

test('a bad import is refused with its issues and changes nothing; a good one shows its diff and applies', async ({ page }) => {
  test.skip(!hasBrowser || !hasRenderer, why);
  const file = path.join(host.home, 'inventory.json');
  const before = fs.readFileSync(file);
  await open(page, 'en');
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file').setInputFiles(path.join(REPO, 'test', 'fixtures', 'inventory', '17-resetpath-port-low.json'));
  const preview = page.getByTestId('import-preview');
  await expect(preview.locator('[data-id="INVENTORY_RESETPATH_PORT_RANGE"]')).toBeVisible();
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  await page.getByTestId('import-file').setInputFiles(path.join(REPO, 'resources', 'samples', 'servers.csv'));
  await expect(page.getByTestId('import-diff')).toContainText('srvA');
  await page.screenshot({ path: path.join(SHOTS, 'inventory-en-03-import-preview.png'), fullPage: true });
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('cluster-select')).toBeVisible();
  await expect.poll(() => JSON.parse(fs.readFileSync(file, 'utf8')).clusters.map((c: { name: string }) => c.name)).toContain('sample');
});

test('without a keychain: one plain notice, "Use for this session", and the note on its own line (en, ja)', async ({ page }) => {
  test.skip(!hasBrowser || !hasRenderer, why);
  for (const lang of ['en', 'ja'] as const) {
    await open(page, lang);
    await page.getByTestId('add-server').click();
    await input(page, 'server-account').fill('admin');
    await input(page, 'server-primary').fill('127.0.0.1:16399');
    const button = page.getByTestId('store-password');
    // The host runs without a D-Bus session bus: nothing can be stored, so the button does not promise the keychain.
    await expect(button).toHaveText(lang === 'en' ? 'Use for this session' : 'このセッションで使用');
    const form = page.getByTestId('server-form');
    await expect(form.locator('[data-error-id="CRED_NO_DBUS"]')).toHaveCount(1);
    await input(page, 'server-password').fill('not-a-real-pw-1');
    await button.click();
    // The tag is replaced with a transition: for a moment the old one is still leaving, so read the newest.
    await expect(form.getByTestId('credential-status').last()).toHaveText(lang === 'en' ? 'kept for this session only' : 'このセッションの間だけ保持');
    // Still one notice after using it, and the note sits below the row (not squeezed beside the field).
    await expect(form.locator('[data-testid="error-alert"]')).toHaveCount(1);
    const note = await form.getByTestId('credential-note').boundingBox();
    const field = await form.locator('[data-testid="server-password"]').first().boundingBox();
    expect(note!.y).toBeGreaterThanOrEqual(field!.y + field!.height - 1);
    expect(note!.height).toBeLessThan(80);
    await page.keyboard.press('Escape');
  }
});
