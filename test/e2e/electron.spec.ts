import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { REPO } from '../support/headless-host';

const { installedElectronBinary } = require('../../scripts/electron-binary.cjs') as { installedElectronBinary(): string | undefined };
const binary = installedElectronBinary();
const SKIP_REASON =
  'the Electron binary is not installed on this machine (npm cannot download it here); the Electron shell is covered by typecheck against electron.d.ts and unit tests of its pure parts';
if (!binary) console.warn(`[electron.spec] skipping the Electron window test: ${SKIP_REASON}`);

test.describe('Electron window', () => {
  test.skip(!binary, SKIP_REASON);

  test('opens the app with a sandboxed, isolated renderer and the version through IPC', async () => {
    const app = await electron.launch({ executablePath: binary, args: [path.join(REPO, 'out', 'main', 'index.js'), '--no-sandbox'] });
    const win = await app.firstWindow();
    expect(await win.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => typeof (globalThis as unknown as { fieldkit?: unknown }).fieldkit)).toBe('object');
    await win.getByTestId('nav-about').click();
    await expect(win.getByTestId('about-transport')).toContainText(/IPC/);
    await app.close();
  });
});
