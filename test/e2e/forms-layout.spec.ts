import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, startHostWithSampleInventory, type SampleHost } from '../support/headless-host';
import { labelCollisions, sidewaysOverflow, squeezedTexts } from '../support/layout-boxes';

/*
 * Every form of the window at the two screen sizes engineers bring, in both
 * languages (issue 16, "Tests"): no label overlaps its field, another field
 * or another label, no label runs out of its box into the next row, no
 * short title or value is squeezed (broken over lines, cut to an ellipsis),
 * and nothing scrolls sideways, all measured by element boxes. The inventory's
 * BMCs are loopback ports nobody answers: a form that reads one only waits.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
let host: SampleHost;

test.beforeAll(async () => {
  host = await startHostWithSampleInventory('fk-forms-', { DBUS_SESSION_BUS_ADDRESS: '', FIELDKIT_IPMI_TIMEOUT_MS: '500' });
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(async () => {
  await host?.remove();
});

/** One form: how to open it, which box holds it, and how to leave it. */
interface Form {
  name: string;
  open(page: Page): Promise<void>;
  root: string;
  close?(page: Page): Promise<void>;
  /** false: a form of buttons and unlabelled fields (a search box, a file picker): only its fields are measured. */
  labelled?: false;
}

async function page_(page: Page, nav: string, view: string) {
  await page.getByTestId(nav).click();
  await expect(page.getByTestId(view)).toBeVisible({ timeout: 30_000 });
}
const escape = async (page: Page) => {
  await page.keyboard.press('Escape');
  await expect(page.locator('.el-overlay:visible')).toHaveCount(0);
};

const FORMS: Form[] = [
  { name: 'inventory page', open: (p) => page_(p, 'nav-inventory', 'inventory-view'), root: '[data-testid="inventory-view"]', labelled: false },
  {
    name: 'new server',
    open: async (p) => {
      await page_(p, 'nav-inventory', 'inventory-view');
      await p.getByTestId('add-server').click();
    },
    root: '[data-testid="server-form"]',
    close: escape,
  },
  {
    // Every problem shown: the issue lists sit under their fields, never over the next label.
    name: 'new server, problems shown',
    open: async (p) => {
      await page_(p, 'nav-inventory', 'inventory-view');
      await p.getByTestId('add-server').click();
      await p.getByTestId('server-show-problems').click();
      await expect(p.getByTestId('server-form').getByTestId('issue-list').first()).toBeVisible();
    },
    root: '[data-testid="server-form"]',
    close: escape,
  },
  {
    name: 'edit server',
    open: async (p) => {
      await page_(p, 'nav-inventory', 'inventory-view');
      await p.locator('[data-server="node1"]').getByRole('button').first().click();
    },
    root: '[data-testid="server-form"]',
    close: escape,
  },
  {
    name: 'edit cluster',
    open: async (p) => {
      await page_(p, 'nav-inventory', 'inventory-view');
      await p.getByTestId('edit-cluster').click();
    },
    root: '[data-testid="cluster-form"]',
    close: escape,
  },
  {
    name: 'new cluster',
    open: async (p) => {
      await page_(p, 'nav-inventory', 'inventory-view');
      await p.getByTestId('add-cluster').click();
    },
    root: '[data-testid="cluster-form"]',
    close: escape,
  },
  {
    name: 'import',
    open: async (p) => {
      await page_(p, 'nav-inventory', 'inventory-view');
      await p.getByTestId('open-import').click();
    },
    root: '.el-dialog', labelled: false,
    close: escape,
  },
  {
    name: 'settings (language, monitor, trap listener)',
    open: async (p) => {
      await page_(p, 'nav-settings', 'settings-view');
      await expect(p.getByTestId('listener-settings')).toBeVisible({ timeout: 30_000 });
    },
    root: '[data-testid="settings-view"]',
  },
  { name: 'traps filters and listener bar', open: (p) => page_(p, 'nav-traps', 'traps-view'), root: '[data-testid="traps-view"]' },
  {
    name: 'firmware check: server and pre-flight checklist',
    open: async (p) => {
      await page_(p, 'nav-firmware', 'firmware-view');
      await p.getByTestId('fw-server').click();
      await p.locator('.el-select-dropdown__item:visible', { hasText: 'node1' }).first().click();
      await expect(p.getByTestId('fw-run-pre')).toBeVisible();
    },
    root: '[data-testid="firmware-view"]',
  },
  {
    name: 'firmware check: post-flight inputs',
    open: async (p) => {
      await page_(p, 'nav-firmware', 'firmware-view');
      await p.getByTestId('fw-server').click();
      await p.locator('.el-select-dropdown__item:visible', { hasText: 'node1' }).first().click();
      await p.locator('.el-tabs__item').nth(1).click();
      await expect(p.getByTestId('fw-run-post')).toBeVisible();
    },
    root: '[data-testid="firmware-view"]',
  },
  { name: 'dump', open: (p) => page_(p, 'nav-dump', 'dump-view'), root: '[data-testid="dump-view"]' },
  { name: 'recovery start', open: (p) => page_(p, 'nav-recovery', 'recovery-choose'), root: '[data-testid="recovery-view"]', labelled: false },
  {
    // The server page's forms: sensor filters and interval, SEL filters, power actions (no password stored here: nothing is sent, the forms still show).
    name: 'server page',
    open: async (p) => {
      await p.goto(`${host.url}#/servers/node1`);
      await expect(p.getByTestId('server-view')).toBeVisible({ timeout: 30_000 });
      await expect(p.getByTestId('server-sel')).toBeVisible({ timeout: 30_000 });
    },
    root: '[data-testid="server-view"]',
  },
  { name: 'messages search', open: (p) => page_(p, 'nav-messages', 'notice-search'), root: '.fk-content', labelled: false },
];

for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  test(`no label overlaps a field or a label, nothing scrolls sideways: every form at ${size.width}x${size.height} (en, ja)`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await page.goto(host.url);
    const found: string[] = [];
    for (const lang of ['en', 'ja'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      await expect(page.getByTestId(`lang-${lang}`).locator('input')).toBeChecked();
      for (const form of FORMS) {
        await form.open(page);
        await expect(page.locator(form.root).first()).toBeVisible({ timeout: 30_000 });
        // Fonts and late layout (a select's width, a dialog's transition) settle first.
        await page.waitForTimeout(400);
        const where = `${lang} ${size.width} ${form.name}`;
        const boxes = await labelCollisions(page, form.root);
        for (const c of boxes.problems) found.push(`${where}: ${c}`);
        // Each form was measured: its labels and fields were found.
        if ((form.labelled !== false && boxes.labels === 0) || boxes.fields === 0) found.push(`${where}: nothing measured (${boxes.labels} labels, ${boxes.fields} fields)`);
        if (process.env.FIELDKIT_FORM_COUNTS) console.log(where, boxes.labels, boxes.fields);
        for (const w of await sidewaysOverflow(page)) found.push(`${where}: wider than the window: ${w}`);
        for (const q of await squeezedTexts(page, form.root)) found.push(`${where}: ${q}`);
        if (process.env.FIELDKIT_FORM_SHOTS) await page.screenshot({ path: path.join(SHOTS, `form-${size.width}-${lang}-${form.name.replace(/\W+/g, '-')}.png`) });
        await form.close?.(page);
      }
    }
    expect(found, 'labels that collide, forms wider than the window').toEqual([]);
  });
}

/** The check itself must catch what it is for: a label moved onto its field is reported. */
test('the box check reports a label over a field and a label that wraps out of its box', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  await page_(page, 'nav-inventory', 'inventory-view');
  await page.getByTestId('edit-cluster').click();
  const root = '[data-testid="cluster-form"]';
  await expect(page.locator(root)).toBeVisible();
  await page.waitForTimeout(400);
  expect((await labelCollisions(page, root)).problems).toEqual([]);
  // Push the first label 120 px to the right, over its input.
  await page.locator(`${root} .el-form-item__label`).first().evaluate((l) => {
    (l as unknown as { style: Record<string, string> }).style.transform = 'translateX(120px)';
  });
  expect((await labelCollisions(page, root)).problems.join('\n')).toMatch(/overlaps field/);
  // A one-line label box with a text that needs three lines: the text runs into the next row.
  await page.locator(`${root} .el-form-item__label`).nth(1).evaluate((l) => {
    const s = (l as unknown as { style: Record<string, string>; textContent: string });
    s.style.width = '40px';
    s.style.height = '32px';
    s.style.overflow = 'visible';
    s.style.whiteSpace = 'normal';
    s.textContent = 'a label far too long for its box';
  });
  expect((await labelCollisions(page, root)).problems.join('\n')).toMatch(/runs out of its box/);
});
