import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHeadlessHost, REPO, type StartedHost } from '../support/headless-host';
import { hasIpmiSim, skipReason, stopAllSims, type IpmiSim } from '../support/ipmi-sim';
import { FENCED_SENSOR, makeHomeWith, powerLog, startFencedServer } from '../integration/recovery/setup';

/*
 * The recovery wizard in Debian's Chromium through the headless host, against
 * three simulated servers: node1 (fault clears on power-on), node2 (fault
 * persists) and node3 (nothing faulted). Every wizard step is captured in
 * both languages into artifacts/screenshots/.
 */
const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
const why = skipReason({ sim: true });
if (why) console.warn(`[recovery.spec] ${why}`);

test.describe.configure({ mode: 'serial' });
// Tall enough that each step's screenshot shows the slots and the step's panel together.
// A JST laptop: times in the window must read local, with the zone.
test.use({ viewport: { width: 1280, height: 1400 }, timezoneId: 'Asia/Tokyo' });

let sims: Record<'node1' | 'node2' | 'node3', IpmiSim>;
let host: StartedHost;

test.beforeAll(async () => {
  if (!hasIpmiSim) return;
  sims = {
    node1: await startFencedServer({ clearsOnPowerOn: true }),
    node2: await startFencedServer({ clearsOnPowerOn: false }),
    node3: await startFencedServer({ faulted: false }),
  };
  const home = makeHomeWith(Object.entries(sims).map(([name, sim]) => ({ name, sim })));
  host = await startHeadlessHost({
    home,
    env: {
      FIELDKIT_PASSWORD: sims.node1.password,
      FIELDKIT_RECOVERY_POLL_MS: '400',
      FIELDKIT_RECOVERY_POWER_TIMEOUT_S: '30',
      FIELDKIT_RECOVERY_VERIFY_TIMEOUT_S: '4',
      FIELDKIT_IPMI_TIMEOUT_MS: '1500',
    },
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.stop();
  await stopAllSims();
  if (host) fs.rmSync(host.home, { recursive: true, force: true });
});

async function shot(page: Page, lang: string, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `recovery-${lang}-${name}.png`), fullPage: true });
}

async function openWizard(page: Page, lang: 'en' | 'ja') {
  await page.goto(host.url);
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId('nav-recovery').click();
  await expect(page.getByTestId('recovery-choose')).toBeVisible();
}

const CONSOLE_PATH = { en: 'Maintenance > Component Status > Fault Information', ja: '保守 > コンポーネントステータス > 障害情報' };

/**
 * Clear All Faults, guided: the panel shows the console's menu path in the
 * console's own labels and the button to press; FieldKit goes on only once
 * the engineer says it was pressed, and nothing has been powered before that.
 */
async function clearAllFaults(page: Page, lang: 'en' | 'ja', sim: IpmiSim, shotName?: string) {
  const before = sim.chassisLog().length;
  await expect(page.getByTestId('recovery-clear')).toBeVisible();
  await expect(page.getByTestId('recovery-clear')).toHaveAttribute('data-method', 'guided');
  await expect(page.getByTestId('recovery-clear-path')).toContainText(CONSOLE_PATH[lang]);
  await expect(page.getByTestId('recovery-clear-guide')).toContainText('Clear All Faults');
  await expect(page.getByTestId('recovery-clear-run')).toBeDisabled();
  if (shotName) await shot(page, lang, shotName);
  await page.getByTestId('recovery-faults-pressed').click();
  await expect(page.getByTestId('recovery-clear-run')).toBeEnabled();
  expect(sim.chassisLog().length).toBe(before);
  await page.getByTestId('recovery-clear-run').click();
  await expect(page.getByTestId('recovery-power-off')).toBeVisible();
  expect(sim.chassisLog().length).toBe(before);
}

/** ElInput puts attributes on its inner input; accept either place. */
const nameInput = (page: Page) => page.locator('input[data-testid="recovery-confirm-name"], [data-testid="recovery-confirm-name"] input').first();

async function choose(page: Page, server: string) {
  await page.getByTestId('recovery-server').click();
  await page.locator('.el-select-dropdown__item', { hasText: `${server} (lab)` }).click();
  await page.getByTestId('recovery-start').click();
}

for (const lang of ['en', 'ja'] as const) {
  test(`wizard recovers a fenced server (${lang})`, async ({ page }) => {
    test.skip(!hasIpmiSim, why);
    const sim = sims.node1;
    const before = powerLog(sim).length;
    const chassisBefore = sim.chassisLog().length;
    await openWizard(page, lang);
    await page.getByTestId('recovery-server').click();
    await page.locator('.el-select-dropdown__item', { hasText: 'node1 (lab)' }).waitFor();
    await shot(page, lang, '01-choose');
    await page.keyboard.press('Escape');
    await choose(page, 'node1');

    await expect(page.getByTestId('recovery-checklist')).toBeVisible();
    await expect(page.getByTestId(`slot-before-${FENCED_SENSOR}`)).toHaveAttribute('data-state', 'fault');
    await expect(page.getByTestId('recovery-checklist-confirm')).toBeDisabled();
    // The model's prerequisites beside the checklist: node1 has no model recorded, so every model's items and a note; none ticked.
    const prereq = page.getByTestId('recovery-checklist').getByTestId('prereq-list');
    await expect(prereq.getByTestId('prereq-model.unrecorded')).toBeVisible();
    // Every model's list is long: it starts folded and opens on a click.
    await prereq.getByTestId('prereq-details').locator('summary').click();
    await expect(prereq.getByTestId('prereq-nx7700x.acpi').getByTestId('prereq-mark')).toHaveText(lang === 'ja' ? '手動で確認' : 'check by hand');
    await expect(prereq.locator('input[type="checkbox"]')).toHaveCount(0);
    await shot(page, lang, '02-slots-checklist');
    for (const id of ['check-failover', 'check-isolated', 'check-window']) await page.getByTestId(id).click();
    await page.getByTestId('recovery-checklist-confirm').click();

    // Clear All Faults comes first, before any power action.
    await clearAllFaults(page, lang, sim, '03-clear-all-faults');

    // The panel says it is a hard power-off; the field starts empty (no look-alike placeholder).
    await expect(page.getByTestId('recovery-power-off-hard')).toContainText(lang === 'en' ? 'no shutdown' : 'シャットダウンされず');
    await expect(nameInput(page)).toHaveValue('');
    expect(await nameInput(page).getAttribute('placeholder')).toBeFalsy();
    // A wrong name keeps the button disabled and says why; nothing is sent.
    await nameInput(page).fill('node');
    await expect(page.getByTestId('recovery-power-off-run')).toBeDisabled();
    await expect(page.getByTestId('recovery-confirm-hint')).toBeVisible();
    await nameInput(page).fill('node1');
    await expect(page.getByTestId('recovery-confirm-hint')).toHaveCount(0);
    // The button names the server it acts on.
    await expect(page.getByTestId('recovery-power-off-run')).toContainText('node1');
    await shot(page, lang, '04-power-off');
    expect(powerLog(sim).length).toBe(before);
    await page.getByTestId('recovery-power-off-run').click();

    await expect(page.getByTestId('recovery-power-on')).toBeVisible();
    expect(sim.powerState()).toBe(false);
    await shot(page, lang, '05-power-on');
    await page.getByTestId('recovery-power-on-run').click();
    // Verify runs on its own after power on; its progress bar shows while it polls.
    await expect(page.getByTestId('recovery-recovered')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId(`slot-after-${FENCED_SENSOR}`)).toHaveAttribute('data-state', 'ok');
    await expect(page.getByTestId(`slot-before-${FENCED_SENSOR}`)).toHaveAttribute('data-state', 'fault');
    await expect(page.getByTestId('recovery-phase')).toHaveText(lang === 'en' ? 'recovered' : '復旧完了');
    // SEL events during the case: the slot's fault deassertion logged by the BMC.
    await expect(page.getByTestId('recovery-sel')).toContainText('PCI Slot 5');
    await shot(page, lang, '07-recovered-report');
    expect(powerLog(sim).slice(before)).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    expect(sim.chassisLog().slice(chassisBefore)).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    await expect(page.getByTestId('recovery-steps')).toContainText('Clear All Faults');

    // The report downloads as HTML with the before/after pictures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recovery-export-html').click()]);
    const html = fs.readFileSync((await download.path())!, 'utf8');
    expect(html).toContain('data-phase="recovered"');
    expect(html).toMatch(new RegExp(`class="slot okslot" data-which="after" data-sensor="${FENCED_SENSOR}"`));

    // The fault comes back for the next language's run (as after another fencing).
    await sim.consoleCommand(`sensor_set_bit 0x20 0 0x${FENCED_SENSOR.toString(16)} 0 1 1`);
  });

  test(`wizard ends in guidance when the fault persists, offers the whole cycle once more, then hardware service (${lang})`, async ({ page }) => {
    test.skip(!hasIpmiSim, why);
    const sim = sims.node2;
    const chassisBefore = sim.chassisLog().length;
    await openWizard(page, lang);
    await choose(page, 'node2');
    await expect(page.getByTestId('recovery-checklist')).toBeVisible();
    for (const id of ['check-failover', 'check-isolated', 'check-window']) await page.getByTestId(id).click();
    await page.getByTestId('recovery-checklist-confirm').click();
    await clearAllFaults(page, lang, sim);
    await nameInput(page).fill('node2');
    await page.getByTestId('recovery-power-off-run').click();
    await page.getByTestId('recovery-power-on-run').click();
    await expect(page.getByTestId('recovery-progress')).toBeVisible({ timeout: 15_000 });
    await shot(page, lang, '06-verify-progress');
    await expect(page.getByTestId('recovery-guidance')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('recovery-recovered')).toHaveCount(0);
    await expect(page.getByTestId(`slot-after-${FENCED_SENSOR}`)).toHaveAttribute('data-state', 'fault');
    await expect(page.getByTestId('recovery-cycle-again')).toBeVisible();
    await expect(page.getByTestId('recovery-hardware-service')).toHaveCount(0);
    await shot(page, lang, '08-guidance');
    expect(sim.chassisLog().slice(chassisBefore)).toEqual(['power 1 -> 0', 'power 0 -> 1']);

    // "Open BMC web console" opens the BMC's address in a new browser tab.
    // (No web console runs on the simulator: the browser is handed a stand-in page for that address.)
    await page.context().route('https://127.0.0.1/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>BMC console</title>' }));
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('recovery-open-console').click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe('https://127.0.0.1/');
    await popup.close();

    // Reopening FieldKit offers the unfinished case; resuming re-reads the server first.
    await page.reload();
    await page.getByTestId('nav-recovery').click();
    await expect(page.getByTestId('recovery-resume-offer')).toBeVisible();
    await shot(page, lang, '00-resume-offer');
    await page.getByTestId('recovery-resume-node2').click();
    await expect(page.getByTestId('recovery-guidance')).toBeVisible();

    // The whole cycle once more: Clear All Faults (confirmed again), power off, power on.
    await page.getByTestId('recovery-cycle-again').click();
    await clearAllFaults(page, lang, sim, '08b-cycle-again');
    await nameInput(page).fill('node2');
    await page.getByTestId('recovery-power-off-run').click();
    await page.getByTestId('recovery-power-on-run').click();
    await expect(page.getByTestId('recovery-hardware-service')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('recovery-cycle-again')).toHaveCount(0);
    await shot(page, lang, '08c-hardware-service');
    expect(sim.chassisLog().slice(chassisBefore)).toEqual(['power 1 -> 0', 'power 0 -> 1', 'power 1 -> 0', 'power 0 -> 1']);

    // Check again after the fault was cleared (as after a hardware fix): recovered, nothing more powered.
    await sim.consoleCommand(`sensor_set_bit 0x20 0 0x${FENCED_SENSOR.toString(16)} 0 0 1`);
    await page.getByTestId('recovery-check-again').click();
    await expect(page.getByTestId('recovery-recovered')).toBeVisible({ timeout: 20_000 });
    expect(sim.chassisLog().slice(chassisBefore)).toHaveLength(4);
    await sim.consoleCommand(`sensor_set_bit 0x20 0 0x${FENCED_SENSOR.toString(16)} 0 1 1`);
  });

  test(`wizard says nothing to recover and sends nothing (${lang})`, async ({ page }) => {
    test.skip(!hasIpmiSim, why);
    // Opened as a fencing trap's "Start recovery" would: /recovery?server=node3 preselects it.
    await page.goto(host.url);
    await page.goto(`${host.url}#/recovery?server=node3`);
    await page.getByTestId(`lang-${lang}`).click();
    await expect(page.getByTestId('recovery-start')).toBeEnabled();
    await page.getByTestId('recovery-start').click();
    await expect(page.getByTestId('recovery-nothing')).toBeVisible();
    await expect(page.getByTestId('recovery-checklist')).toHaveCount(0);
    // Nothing was sent: the power and verify steps stay grey, only the read steps are green.
    for (const s of ['clear', 'power-off', 'power-on', 'verify']) await expect(page.getByTestId(`recovery-stepbar-${s}`)).toHaveAttribute('data-status', 'wait');
    await expect(page.getByTestId('recovery-stepbar-assess')).toHaveAttribute('data-status', 'success');
    // The case record's times in local time with the zone, not raw UTC.
    await expect(page.getByTestId('recovery-steps')).toContainText(lang === 'ja' ? 'JST' : 'GMT+9');
    await expect(page.getByTestId('recovery-steps')).not.toContainText('Z');
    await shot(page, lang, '09-nothing-to-recover');
    expect(powerLog(sims.node3)).toEqual([]);
    expect(sims.node3.powerState()).toBe(true);
  });
}

test('an unfinished case can be aborted from the resume offer, after a confirmation, sending nothing', async ({ page }) => {
  test.skip(!hasIpmiSim, why);
  const sim = sims.node2;
  const chassisBefore = sim.chassisLog().length;
  await openWizard(page, 'en');
  await choose(page, 'node2');
  await expect(page.getByTestId('recovery-checklist')).toBeVisible();
  // Leave the wizard with the case open; coming back offers Resume and Abort.
  await openWizard(page, 'en');
  await expect(page.getByTestId('recovery-resume-node2')).toBeVisible();
  // Starting another case for it is refused; the window's remedy names its buttons, not CLI commands.
  await choose(page, 'node2');
  const alert = page.getByTestId('error-alert');
  await expect(alert).toHaveAttribute('data-error-id', 'RECOVERY_CASE_OPEN');
  await expect(alert).toContainText('Abort this case');
  await expect(alert).not.toContainText('fieldkit');
  const abortButton = page.getByTestId('recovery-abort-open-node2');
  await expect(abortButton).toBeVisible();
  // Dismissing the confirmation keeps the case open.
  page.once('dialog', (d) => void d.dismiss());
  await abortButton.click();
  await expect(page.getByTestId('recovery-resume-node2')).toBeVisible();
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
  await abortButton.click();
  await expect(page.getByTestId('recovery-resume-node2')).toHaveCount(0);
  expect(asked).toContain('node2');
  expect(asked).toContain('Nothing is sent');
  expect(sim.chassisLog().length).toBe(chassisBefore);
});

test('Abort during the verify wait cancels the wait, then closes the case; nothing more is sent', async ({ page }) => {
  test.skip(!hasIpmiSim, why);
  const sim = sims.node2;
  await openWizard(page, 'en');
  await choose(page, 'node2');
  await expect(page.getByTestId('recovery-checklist')).toBeVisible();
  for (const id of ['check-failover', 'check-isolated', 'check-window']) await page.getByTestId(id).click();
  await page.getByTestId('recovery-checklist-confirm').click();
  await clearAllFaults(page, 'en', sim);
  await nameInput(page).fill('node2');
  const chassisBefore = sim.chassisLog().length;
  await page.getByTestId('recovery-power-off-run').click();
  await page.getByTestId('recovery-power-on-run').click();
  await expect(page.getByTestId('recovery-progress')).toBeVisible({ timeout: 15_000 });
  // The verify wait is running: Abort is offered, not greyed out.
  await expect(page.getByTestId('recovery-abort')).toBeEnabled();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('recovery-abort').click();
  await expect(page.getByTestId('recovery-aborted')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('recovery-stepbar-report')).toHaveAttribute('data-status', 'wait');
  // The simulator saw this run's off and on, nothing after the abort.
  expect(sim.chassisLog().slice(chassisBefore)).toEqual(['power 1 -> 0', 'power 0 -> 1']);
});
