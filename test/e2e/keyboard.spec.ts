import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';
import { hasIpmiSim, skipReason, stopAllSims, type IpmiSim } from '../support/ipmi-sim';
import { loadPetCorpus } from '../support/pet-corpus';
import { hasSnmptrap, petV1Args, snmptrap } from '../support/snmp-tools';
import { makeHomeWith, powerLog, startFencedServer } from '../integration/recovery/setup';
import { freeUdpPort } from '../support/ports';
import { fieldInput } from '../support/ui';

/*
 * The window from the keyboard alone (issue 16, item 7), in Debian's Chromium
 * through the headless host: from the first screen through the recovery
 * wizard of a fenced simulator server up to the power-off confirmation with
 * page.keyboard only (no click), in English and in Japanese; the trap rows
 * take focus and Enter opens the detail; "?" opens the shortcuts dialog,
 * which keeps focus and closes with Escape; focus is visible throughout.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const why = skipReason({ sim: true });
if (why) console.warn(`[keyboard.spec] ${why}`);

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 900 } });

/** One fenced server per language, so each walk starts with no open case. */
const SERVER = { en: 'node1', ja: 'node2' } as const;
let sims: Record<'node1' | 'node2', IpmiSim>;
let host: StartedHost;

test.beforeAll(async () => {
  if (!hasIpmiSim) {
    host = await startHeadlessHost();
    return;
  }
  sims = { node1: await startFencedServer(), node2: await startFencedServer() };
  const home = makeHomeWith(Object.entries(sims).map(([name, sim]) => ({ name, sim })));
  host = await startHeadlessHost({
    home,
    env: { FIELDKIT_PASSWORD: sims.node1.password, FIELDKIT_IPMI_TIMEOUT_MS: '1500', DBUS_SESSION_BUS_ADDRESS: '' },
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.stop();
  await stopAllSims();
  if (host) fs.rmSync(host.home, { recursive: true, force: true });
});

/** Does the focused element sit in (or is it) the element matched by `selector`? */
async function focusIn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const a = (globalThis as unknown as { document: { activeElement: { closest(x: string): unknown } | null } }).document.activeElement;
    return !!a?.closest?.(s);
  }, selector);
}

/** Presses Tab (no click) until focus reaches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await focusIn(page, selector)) return;
    await page.keyboard.press('Tab');
  }
  expect(await focusIn(page, selector), `Tab never reached ${selector}`).toBe(true);
}

/**
 * The focus ring the engineer sees: on the focused element, or for an
 * Element Plus field / checkbox / radio on the box drawn around its hidden
 * or borderless input. Computed outline (style and width) or box-shadow.
 */
async function focusRing(page: Page): Promise<{ tag: string; outline: string; shadow: string }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { activeElement: { closest(s: string): unknown; tagName: string } | null };
      getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string; boxShadow: string };
    };
    const a = g.document.activeElement;
    if (!a) return { tag: 'none', outline: 'none', shadow: 'none' };
    const shown = (a.closest('.el-input__wrapper, .el-select__wrapper, .el-checkbox, .el-radio, .el-radio-button, .el-switch') ?? a) as { tagName: string };
    const cs = g.getComputedStyle(shown);
    return { tag: shown.tagName, outline: cs.outlineStyle === 'none' || cs.outlineWidth === '0px' ? 'none' : `${cs.outlineStyle} ${cs.outlineWidth}`, shadow: cs.boxShadow };
  });
}
async function expectVisibleFocus(page: Page, where: string) {
  const ring = await focusRing(page);
  expect(ring.outline !== 'none' || ring.shadow !== 'none', `no visible focus on ${where}: ${JSON.stringify(ring)}`).toBe(true);
}

/** Switches the window's language with the header's radio group: Tab to it, arrows to the language. */
async function chooseLanguage(page: Page, lang: 'en' | 'ja') {
  await tabTo(page, '[data-testid="lang-switch"]');
  for (let i = 0; i < 3; i++) {
    if (await page.locator(`[data-testid="lang-${lang}"] input`).isChecked()) break;
    await page.keyboard.press('ArrowRight');
  }
  await expect(page.locator(`[data-testid="lang-${lang}"] input`)).toBeChecked();
}

for (const lang of ['en', 'ja'] as const) {
  test(`keyboard only: first screen to the power-off confirmation, nothing sent (${lang})`, async ({ page }) => {
    test.skip(!hasIpmiSim, why);
    test.setTimeout(120_000);
    const server = SERVER[lang];
    const sim = sims[server];
    const powerBefore = powerLog(sim).length;
    const chassisBefore = sim.chassisLog().length;
    const stateBefore = sim.powerState();

    await page.goto(host.url);
    await expect(page.getByTestId('nav-dashboard')).toBeVisible();
    // The menu is the first Tab stop: the open page's item (no tabindex=-1 trap).
    await page.keyboard.press('Tab');
    expect(await focusIn(page, '[data-testid="nav-dashboard"]')).toBe(true);
    await expectVisibleFocus(page, 'the menu item');
    await chooseLanguage(page, lang);

    // Back to the menu with Shift+Tab; the arrows walk it, Enter opens Recovery.
    for (let i = 0; i < 10 && !(await focusIn(page, '.fk-nav')); i++) await page.keyboard.press('Shift+Tab');
    expect(await focusIn(page, '[data-testid="nav-dashboard"]')).toBe(true);
    for (let i = 0; i < 10 && !(await focusIn(page, '[data-testid="nav-recovery"]')); i++) await page.keyboard.press('ArrowDown');
    expect(await focusIn(page, '[data-testid="nav-recovery"]')).toBe(true);
    await expectVisibleFocus(page, 'the menu item after ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('recovery-choose')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('recovery-title')).toContainText(lang === 'en' ? 'Recovery' : '復旧');

    // The server list: ArrowDown opens it and moves through the servers, Enter chooses.
    await tabTo(page, '[data-testid="recovery-server"]');
    await expectVisibleFocus(page, 'the server select');
    let hovered = '';
    for (let i = 0; i < 8 && !hovered.includes(`${server} (lab)`); i++) {
      await page.keyboard.press('ArrowDown');
      hovered = (await page.locator('.el-select-dropdown__item.is-hovering').first().textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    }
    expect(hovered).toContain(`${server} (lab)`);
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="recovery-start"]');
    await expectVisibleFocus(page, 'the Start button');
    await page.keyboard.press('Enter');

    // The checklist: Tab to each box, Space ticks it; Enter on the button goes on.
    await expect(page.getByTestId('recovery-checklist')).toBeVisible({ timeout: 30_000 });
    for (const id of ['check-failover', 'check-isolated', 'check-window']) {
      await tabTo(page, `[data-testid="${id}"]`);
      await expectVisibleFocus(page, id);
      await page.keyboard.press('Space');
      await expect(page.getByTestId(id).locator('input')).toBeChecked();
    }
    await tabTo(page, '[data-testid="recovery-checklist-confirm"]');
    await page.keyboard.press('Enter');

    // Clear All Faults, guided: the engineer says it was pressed, then goes on.
    await expect(page.getByTestId('recovery-clear')).toBeVisible({ timeout: 30_000 });
    await tabTo(page, '[data-testid="recovery-faults-pressed"]');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="recovery-clear-run"]');
    await expect(page.getByTestId('recovery-clear-run')).toBeEnabled();
    await page.keyboard.press('Enter');

    // The power-off confirmation: shown, the name typed from the keyboard, the button reached, NOT pressed.
    await expect(page.getByTestId('recovery-power-off')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('recovery-power-off-hard')).toContainText(lang === 'en' ? 'no shutdown' : 'シャットダウンされず');
    await tabTo(page, '[data-testid="recovery-confirm-name"]');
    await expectVisibleFocus(page, 'the name field');
    await page.keyboard.type(server);
    await tabTo(page, '[data-testid="recovery-power-off-run"]');
    await expect(page.getByTestId('recovery-power-off-run')).toBeEnabled();
    await expect(page.getByTestId('recovery-power-off-run')).toContainText(server);
    await expectVisibleFocus(page, 'the power-off button');
    await page.screenshot({ path: path.join(SHOTS, `keyboard-${lang}-power-off.png`) });

    // Nothing was sent to the simulator: no power transition, the same chassis log, still on.
    expect(powerLog(sim).length).toBe(powerBefore);
    expect(sim.chassisLog().length).toBe(chassisBefore);
    expect(sim.powerState()).toBe(stateBefore);
    expect(stateBefore).toBe(true);
  });
}

test('"?" opens the shortcuts dialog in both languages; focus stays inside; Escape closes it', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();
  for (const lang of ['en', 'ja'] as const) {
    await page.keyboard.press('Tab');
    await chooseLanguage(page, lang);
    // From a button (not a field), "?" opens the list.
    await page.keyboard.press('?');
    const dialog = page.getByTestId('shortcuts-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(lang === 'en' ? 'Keyboard shortcuts' : 'キーボードショートカット');
    await expect(page.getByTestId('shortcut-recovery')).toContainText(lang === 'en' ? 'Go to recovery' : '復旧を開く');
    await expect(page.getByTestId('shortcut-recovery').locator('kbd')).toHaveText(['g', 'r']);
    await page.screenshot({ path: path.join(SHOTS, `keyboard-${lang}-shortcuts.png`) });
    // The dialog keeps the focus: Tab cycles within it.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await focusIn(page, '.el-dialog')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
});

test('"g" shortcuts open the pages, "/" the search box; typing in a field fires none', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page.getByTestId('traps-view')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('nav-traps')).toHaveAttribute('aria-current', 'page');
  // After a page shortcut the next Tab walks into the page, not back to the top of the window.
  expect(await focusIn(page, '#fk-content')).toBe(true);
  await page.keyboard.press('/');
  expect(await focusIn(page, '[data-testid="trap-filter-text"]')).toBe(true);
  await page.keyboard.type('g d');
  await expect(fieldInput(page, 'trap-filter-text')).toHaveValue('g d');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('traps-view')).toBeVisible();
  // Out of the field, the same keys go to the dashboard; g i to the inventory.
  await page.keyboard.press('Tab');
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByTestId('inventory-view')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page.getByTestId('recovery-view')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('g');
  await page.keyboard.press('d');
  await expect(page.getByTestId('nav-dashboard')).toHaveAttribute('aria-current', 'page');
});

test('trap rows take focus; Up/Down move, Enter opens the detail', async ({ page }) => {
  test.skip(!hasSnmptrap, 'snmptrap (apt snmp) not installed');
  await page.goto(host.url);
  await page.getByTestId('lang-en').click();
  // Set-up (not the subject here): a listener on a free port, two real PETs sent by Net-SNMP's snmptrap.
  await page.getByTestId('nav-settings').click();
  const port = await freeUdpPort();
  await fieldInput(page, 'trap-address').fill('127.0.0.1');
  await fieldInput(page, 'trap-port').fill(String(port));
  await fieldInput(page, 'trap-communities').fill('public');
  await page.getByTestId('trap-settings-save').click();
  await expect(page.getByTestId('trap-settings-saved')).toBeVisible();
  await page.getByTestId('nav-traps').click();
  await expect(page.getByTestId('traps-view')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('trap-bar-start').click();
  await expect(page.getByTestId('trap-bar-state')).toContainText(`127.0.0.1:${port}`);
  const corpus = loadPetCorpus();
  const fault = corpus.find((c) => c.name === 'slot-fault-assert')!;
  const pf = corpus.find((c) => c.name === 'predictive-failure-generic')!;
  await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', fault.specific, fault.hex));
  await snmptrap(petV1Args(`127.0.0.1:${port}`, 'public', pf.specific, pf.hex));
  await expect(page.getByTestId('trap-row')).toHaveCount(2, { timeout: 15_000 });
  await expect(page.getByTestId('trap-detail')).not.toContainText('Slot/Connector');

  // From the keyboard only from here: the list is one Tab stop.
  await page.getByTestId('trap-filter-text').locator('input').or(page.locator('input[data-testid="trap-filter-text"]')).first().focus();
  await tabTo(page, '[data-trap-row]');
  await expectVisibleFocus(page, 'a trap row');
  // Home: the newest trap (the Tab stop stays on the trap last left while new ones arrive above it).
  await page.keyboard.press('Home');
  const first = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent);
  await page.keyboard.press('ArrowDown');
  expect(await focusIn(page, '[data-trap-row]')).toBe(true);
  const second = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent);
  expect(second).not.toBe(first);
  // Enter on each row shows that trap: the slot fault's detail names it, the other's does not.
  const faultFirst = /Fault Status/.test(first ?? '');
  await page.keyboard.press('ArrowUp');
  expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe(first);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('trap-main-fields')).toBeVisible();
  if (faultFirst) await expect(page.getByTestId('trap-main-fields')).toContainText('Fault Status asserted');
  else await expect(page.getByTestId('trap-main-fields')).not.toContainText('Fault Status asserted');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  if (faultFirst) await expect(page.getByTestId('trap-main-fields')).not.toContainText('Fault Status asserted');
  else await expect(page.getByTestId('trap-main-fields')).toContainText('Fault Status asserted');
  // The shown trap's row is the list's Tab stop and says so.
  await expect(page.locator('[data-trap-row][aria-selected="true"]')).toHaveAttribute('tabindex', '0');
  await page.screenshot({ path: path.join(SHOTS, 'keyboard-en-trap-row.png') });
  await page.getByTestId('trap-bar-stop').click();
});
