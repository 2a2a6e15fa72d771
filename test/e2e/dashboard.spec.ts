import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Inventory } from '../../shared/model/inventory';
import { REPO, startHeadlessHost, type StartedHost } from '../support/headless-host';
import { clone, sampleInventory, tempDir } from '../support/inventory';
import { findFreeUdpPort, hasIpmiSim, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../support/ipmi-sim';

const SHOTS = path.join(REPO, 'artifacts', 'screenshots');
if (!hasIpmiSim) console.warn(`[dashboard.spec] skipping: ${skipReason()}`);

test.describe('dashboard: live BMC status', () => {
  test.skip(!hasIpmiSim, 'ipmi_sim is not installed');
  let host: StartedHost;
  let on: IpmiSim;
  let off: IpmiSim;

  test.beforeAll(async () => {
    // Both simulators share one password so FIELDKIT_PASSWORD serves them all.
    [on, off] = await Promise.all([
      startIpmiSim({ name: 'dash-on', secondary: true, power: true, password: 'dash-pw' }),
      startIpmiSim({ name: 'dash-off', power: false, password: 'dash-pw' }),
    ]);
    const dead = await findFreeUdpPort();
    const inv: Inventory = sampleInventory();
    const t = inv.clusters[0].servers[0];
    const mk = (name: string, primary: number, secondary?: number) => ({
      ...clone(t),
      name,
      bmc: { primary: { host: '127.0.0.1', port: primary }, ...(secondary ? { secondary: { host: '127.0.0.1', port: secondary } } : {}) },
    });
    inv.clusters[0].servers = [mk('node1', on.port, on.secondaryPort), mk('node2', off.port, dead)];
    const home = tempDir('fk-dash-');
    fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
    host = await startHeadlessHost({ home, env: { FIELDKIT_PASSWORD: 'dash-pw' } });
  });

  test.afterAll(async () => {
    await host?.stop();
    await stopAllSims();
  });

  test('shows link lamps, power and state per server, in English and Japanese', async ({ page }) => {
    await page.goto(host.url);
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-dashboard').click();
    // The Connector's own status words, in both languages; link OK = an authenticated session worked.
    await expect(page.getByTestId('state-node1')).toHaveText('monitoring', { timeout: 30_000 });
    await expect(page.getByTestId('power-node1')).toHaveText('On');
    await expect(page.getByTestId('link-node1-primary')).toHaveText('OK');
    await expect(page.getByTestId('state-node2')).toHaveText('poff detected');
    await expect(page.getByTestId('link-node2-secondary')).toHaveText('NG');
    await expect(page.getByTestId('status-node2')).toContainText('no answer');
    // The legend explains every value and marks FieldKit's own.
    await page.getByTestId('status-legend').locator('summary').click();
    await expect(page.getByTestId('status-legend')).toContainText('(own server)');
    await expect(page.getByTestId('status-legend')).toContainText('unreachable*');
    await expect(page.getByTestId('status-legend')).toContainText("FieldKit's own");
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.waitForTimeout(500); // let the language switch's transition finish before the picture
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-en.png'), fullPage: true });

    await page.getByTestId('lang-ja').click();
    await expect(page.getByTestId('state-node2')).toHaveText('poff detected');
    await expect(page.getByTestId('status-node2')).toContainText('電源オフを検出');
    await expect(page.getByTestId('status-node2')).toContainText('応答なし');
    await expect(page.getByTestId('status-legend')).toContainText('FieldKit 独自');
    await expect(page.getByTestId('power-node1')).toHaveText('オン');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-ja.png'), fullPage: true });
    // The README's picture is refreshed only on request, so a test run never dirties the work tree.
    if (process.env.FIELDKIT_UPDATE_DOC_IMAGES) fs.copyFileSync(path.join(SHOTS, 'dashboard-ja.png'), path.join(REPO, 'docs', 'images', 'dashboard-ja.png'));
  });
});
