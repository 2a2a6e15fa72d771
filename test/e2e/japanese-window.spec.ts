import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO, startHostWithSampleInventory, type SampleHost } from '../support/headless-host';
import { sampleInventory } from '../support/inventory';
import { sidewaysOverflow } from '../support/layout-boxes';

/*
 * The Japanese window speaks Japanese: on every page of the side menu, no
 * message text is in Latin letters except identifiers (names, addresses,
 * ids, commands, file names), acronyms (BMC, IPMI, SEL, PCI…), units and the
 * product names the vendors' manuals themselves write in Latin letters.
 * Code, raw decoder output behind a disclosure, form values and elements
 * marked translate="no" (a value quoted from another tool's output, such as
 * the Connector's status word) are data, not our text, and are left out.
 */
let host: SampleHost;

test.beforeAll(async () => {
  host = await startHostWithSampleInventory('fk-ja-', {});
});
test.afterAll(async () => {
  await host?.remove();
});

/**
 * What stays in Latin letters in a Japanese text, by kind. Anything else in
 * lower case is English prose leaking into the Japanese window.
 */
const ALLOWED = new Set([
  // Product and component names as the vendors' manuals write them, and the names they quote.
  'FieldKit', 'Connector', 'Monitor', 'HA', 'Express5800', 'ESMPRO', 'ServerAgent', 'EXPRESSSCOPE', 'Engine', 'Fencing', 'I/O',
  'Enterprise', 'Linux', 'with', 'Dependable', 'Support', 'High-End', 'Server', 'Option', 'LocalServer', 'OpenIPMI', 'Web',
  'Windows', 'macOS', 'Chromium', 'Electron', 'WebSocket', 'linux', 'x64', 'uPlot', 'English',
  // The BMC web console's and ServerAgent's own words, quoted as the engineer sees them on that screen.
  'Clear', 'All', 'Faults', 'Fault', 'Status', 'Asserted', 'Slot', 'connector', 'device', 'installed', 'attached', 'web', 'console',
  'Trap', 'Acknowledge',
  // Commands and their words, the engineer types them as they are.
  'fieldkit', 'haconnsetup', 'haconnd', 'ipmitool', 'systemctl', 'service', 'start', 'clprexec', 'syslog', 'root', 'acpi',
  'show', 'status', 'setting', 'compare', 'resetpath', 'pserver', 'add', 'explain', 'sel', 'list', 'sensors', 'mc', 'info', 'dump', 'recover',
  // Protocol values (SNMPv3 security levels and algorithms), units.
  'authPriv', 'authNoPriv', 'noAuthNoPriv', 'sha', 'aes', 'des', 'md5', 'ms', 'kB', 'MB', 'GB', 's', 'v1', 'v2c', 'v3',
]);

/** A chunk that is an identifier, an address, a command, a path or a number: data, not prose. */
function isIdentifier(chunk: string): boolean {
  return /[0-9_./:=@#<>\\[\]{}$-]/.test(chunk) || /^[A-Z0-9]+s?$/.test(chunk);
}

test('no page of the Japanese window shows English prose', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByTestId('lang-ja').click();
  const items = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { testid: string } }).dataset.testid));
  expect(items.length).toBeGreaterThanOrEqual(8);
  const found: string[] = [];
  for (const id of items) {
    await page.getByTestId(id).click();
    await page.waitForTimeout(800);
    // Text node by text node (adjacent elements' texts would otherwise run together), leaving out
    // the engineer's data and raw protocol output, which are not our text.
    const texts = await page.evaluate(() => {
      type Node = { nodeValue: string | null; parentElement: { closest(s: string): unknown } | null };
      const doc = (globalThis as unknown as { document: { body: unknown; createTreeWalker(root: unknown, what: number): { nextNode(): Node | null } } }).document;
      const walker = doc.createTreeWalker(doc.body, 4);
      const out: string[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest('code, pre, kbd, samp, details, input, textarea, script, style, [translate="no"]')) continue;
        if (n.nodeValue?.trim()) out.push(n.nodeValue);
      }
      return out;
    });
    const text = texts.join('\n');
    for (const chunk of text.split(/[\s\u3000、。・「」『』（）()［］【】,;:!?|"'…→←]+/)) {
      const word = chunk.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
      if (!/[a-z]/.test(word) || isIdentifier(word) || ALLOWED.has(word)) continue;
      found.push(`${id}: ${word}`);
      if (process.env.FK_SHOW_CONTEXT) console.log(id, word, '::', texts.find((t) => t.includes(word))?.slice(0, 160));
    }
  }
  // What the engineer typed into the inventory (names, BMC accounts, notes) is data too.
  const names = new Set(sampleInventory().clusters.flatMap((c) => [c.name, ...c.servers.flatMap((s) => [s.name, s.account, ...(s.notes ?? '').split(/\s+/)])]));
  const prose = [...new Set(found)].filter((f) => !names.has(f.split(': ')[1]));
  expect(prose, 'English words in the Japanese window').toEqual([]);
});

/*
 * Every page of the side menu at the two screen sizes engineers bring, in
 * both languages: no horizontal scroll of the page or of its content pane
 * (measured by element boxes). With FIELDKIT_UPDATE_DOC_IMAGES=1 the same
 * walk refreshes docs/images/page-<name>-<lang>.png.
 */
for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  test(`no page scrolls sideways at ${size.width}x${size.height} (en, ja)`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    await page.goto(host.url);
    const overflow: string[] = [];
    for (const lang of ['en', 'ja'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      const items = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { testid: string } }).dataset.testid));
      for (const id of items) {
        await page.getByTestId(id).click();
        await page.waitForTimeout(800);
        const wide = await sidewaysOverflow(page);
        for (const w of wide) overflow.push(`${lang} ${id}: ${w}`);
        if (process.env.FIELDKIT_UPDATE_DOC_IMAGES && size.width === 1280) {
          await page.screenshot({ path: path.join(REPO, 'docs', 'images', `page-${id.replace(/^nav-/, '')}-${lang}.png`) });
        }
      }
    }
    expect(overflow, 'pages wider than the window').toEqual([]);
  });
}
