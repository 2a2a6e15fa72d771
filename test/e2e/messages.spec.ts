/**
 * The Messages page's search box (the catalogue of Connector messages and
 * CLUSTERPRO notices, matched in the renderer like `fieldkit explain`) and
 * the Connector dump reminder on the Dump page, in both languages, against
 * the headless host. Nothing here contacts a BMC.
 */
import { expect, test } from '@playwright/test';
import { startHeadlessHost, type StartedHost } from '../support/headless-host';

let host: StartedHost;
test.beforeAll(async () => {
  host = await startHeadlessHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('the search box finds a pasted syslog line and explains it in the UI language', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('lang-en').click();
  await page.getByTestId('nav-messages').click();
  await expect(page.getByTestId('messages-view')).toBeVisible();
  const box = page.getByTestId('notice-search');
  await box.fill('Dec  2 03:00:00 server1 haconnd[2211]: HCME1010: HA connector service cannot be started. There is no ipmitool. Check the ipmitool is installed.');
  const first = page.locator('[data-testid^="notice-"].el-card').first();
  await expect(first.getByTestId('notice-id')).toHaveText('HCME1010');
  await expect(first.getByTestId('notice-action')).toContainText('Install ipmitool');
  await page.getByTestId('lang-ja').click();
  await expect(first.getByTestId('notice-action')).toContainText('ipmitool をインストール');

  await box.fill('ESMCOMMONSERVICE');
  await expect(page.getByTestId('notice-C0000454')).toContainText('何もしない');
  await box.fill('zebra quartz');
  await expect(page.getByTestId('notice-count')).toContainText('カタログに一致するものはありません');
  await expect(page.locator('[data-testid^="notice-"].el-card')).toHaveCount(0);
});

test('the Dump page reminds the engineer of haconnsetup dump on each server', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('lang-en').click();
  await page.getByTestId('nav-dump').click();
  const note = page.getByTestId('connector-dump-note');
  await expect(note).toContainText('/opt/hitachi/haconn2/bin/haconnsetup dump');
  await expect(note).toContainText('HaConnectorDump.<date and time>.tar.gz');
  await expect(note).toContainText('/var/opt/hitachi/haconn2/log/initlog*');
  await page.getByTestId('lang-ja').click();
  await expect(note).toContainText('採取対象のファイルが存在しない旨のメッセージは異常ではありません');
});
