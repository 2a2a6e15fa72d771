/**
 * BMCNOTICE and server management keywords as the CLUSTERPRO X 4.1 Hardware
 * Feature Guide defines them. The guide's sample addresses (192.168.0.x) are
 * only imported and checked here; nothing contacts them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../shared/messages';
import { INVENTORY_SCHEMA_VERSION, type Inventory } from '../../../shared/model/inventory';
import { checkDeviceKeyword, parseInventoryShape, parseServerKeyword, parseTrapKeyword, validateInventory, type ValidationIssue } from '../../../shared/validation';
import { migrate } from '../../../src-main/services/inventory/migrations';
import { InventoryService, InventoryStore } from '../../../src-main/services/inventory';
import { clone, repoRoot, tempDir } from '../../support/inventory';

const guide = (f: string) => path.join(repoRoot, 'test', 'fixtures', 'inventory-guide', f);
const ids = (issues: ValidationIssue[]) => issues.map((i) => i.id);

function load(f: string): Inventory {
  const m = migrate(JSON.parse(fs.readFileSync(guide(f), 'utf8')), f);
  const shape = parseInventoryShape(m.doc);
  expect(shape.issues).toEqual([]);
  return shape.value!;
}

describe('the guide\'s NX7700x sample (servers 192.168.0.1/.2, BMCs 192.168.0.11/.21 and .12/.22, keyword 192.168.0.1;192.168.0.2)', () => {
  it('imports and checks with no issue at all', async () => {
    expect(validateInventory(load('nx7700x.json'))).toEqual([]);
    const s = new InventoryService({ store: new InventoryStore(tempDir()) });
    const plan = await s.importFile(guide('nx7700x.json'), { dryRun: true });
    expect(plan.issues).toEqual([]);
    expect(plan.ok).toBe(true);
    expect(plan.migratedFrom).toBe(2);
  });

  it('a keyword that misses one server\'s OS address is flagged naming that server', () => {
    const inv = load('nx7700x.json');
    inv.clusters[0].trapSettings.monitors[0].keyword = '192.168.0.1';
    expect(validateInventory(inv)).toMatchObject([
      { id: 'INVENTORY_TRAP_SERVER_NOT_LISTED', severity: 'warning', params: { server: 'server2' }, path: 'clusters[0].servers[1]' },
    ]);
  });

  it('a BMC address in the keyword is flagged as the likely mistake, naming whose BMC it is', () => {
    const inv = load('nx7700x.json');
    inv.clusters[0].trapSettings.monitors[0].keyword = '192.168.0.1;192.168.0.12';
    const issues = validateInventory(inv);
    expect(issues).toMatchObject([
      { id: 'INVENTORY_TRAP_KEYWORD_HAS_BMC', severity: 'warning', params: { value: '192.168.0.12', server: 'server2' } },
      { id: 'INVENTORY_TRAP_SERVER_NOT_LISTED', params: { server: 'server2' } },
    ]);
    expect(catalogue.INVENTORY_TRAP_KEYWORD_HAS_BMC.remedy.en).toMatch(/OS-side/);
  });

  it('the old wrong advice (add the BMC addresses) is gone from the catalogue', () => {
    expect(Object.keys(catalogue)).not.toContain('INVENTORY_TRAP_BMC_NOT_LISTED');
    // The keyword the old advice produced: every BMC address, no server address.
    const inv = load('nx7700x.json');
    inv.clusters[0].trapSettings.monitors[0].keyword = '192.168.0.11;192.168.0.21;192.168.0.12;192.168.0.22';
    const got = ids(validateInventory(inv));
    expect(got.filter((i) => i === 'INVENTORY_TRAP_KEYWORD_HAS_BMC')).toHaveLength(4);
    expect(got.filter((i) => i === 'INVENTORY_TRAP_SERVER_NOT_LISTED')).toHaveLength(2);
  });

  it('an address that belongs to no server is flagged once every server\'s OS addresses are known', () => {
    const inv = load('nx7700x.json');
    inv.clusters[0].trapSettings.monitors[0].keyword = '192.168.0.1;192.168.0.2;192.168.0.99';
    expect(validateInventory(inv)).toMatchObject([{ id: 'INVENTORY_TRAP_KEYWORD_ADDRESS_UNKNOWN', params: { value: '192.168.0.99' } }]);
    // Without recorded OS addresses nothing can be told about servers or unknown addresses.
    const bare = clone(inv);
    for (const s of bare.clusters[0].servers) s.interfaces = [];
    expect(validateInventory(bare)).toEqual([]);
  });

  it('keyword limits: 1023 bytes, 32 addresses, optional :port on the last only (default 162)', () => {
    expect(parseTrapKeyword('192.168.0.1;192.168.0.2').value).toEqual({ addresses: ['192.168.0.1', '192.168.0.2'], port: 162, portGiven: false });
    expect(parseTrapKeyword('192.168.0.1;192.168.0.2:1162').value?.port).toBe(1162);
    expect(ids(parseTrapKeyword('192.168.0.1:1162;192.168.0.2').issues)).toContain('INVENTORY_TRAP_KEYWORD_ADDRESS_INVALID');
    const n = (k: number) => Array.from({ length: k }, (_, i) => `192.168.1.${i + 1}`).join(';');
    expect(parseTrapKeyword(n(32)).issues).toEqual([]);
    expect(ids(parseTrapKeyword(n(33)).issues)).toContain('INVENTORY_TRAP_KEYWORD_TOO_MANY');
  });
});

describe('server management integration categories (NIC, FC, HA/SS, HA/AM, HA/RS, SPS): device or empty', () => {
  it.each([['NIC', 'eth1'], ['FC', ''], ['HA/SS', ''], ['HA/AM', 'app1'], ['HA/RS', ''], ['SPS', '']])('%s / %j accepted', (category, keyword) => {
    const inv = load('nx7700x.json');
    inv.clusters[0].trapSettings.monitors.push({ category, keyword });
    expect(validateInventory(inv)).toEqual([]);
  });
  it('a device keyword is one name: spaces and control characters are refused, 1023 bytes at most', () => {
    expect(ids(checkDeviceKeyword('eth1 eth2'))).toEqual(['INVENTORY_TRAP_DEVICE_KEYWORD_INVALID']);
    expect(ids(checkDeviceKeyword('e'.repeat(1024)))).toEqual(['INVENTORY_TRAP_KEYWORD_TOO_LONG']);
    expect(checkDeviceKeyword('eth1')).toEqual([]);
  });
});

describe('Express5800/A1080a, A1040a: per-server keyword <IP>[:<port>]', () => {
  it('the guide\'s sample (common 192.168.0.1, server1 192.168.0.1, server2 192.168.0.2) checks clean', async () => {
    expect(validateInventory(load('a1080a.json'))).toEqual([]);
    const s = new InventoryService({ store: new InventoryStore(tempDir()) });
    const plan = await s.importFile(guide('a1080a.json'));
    expect(plan.ok).toBe(true);
    const got = (await s.get()).inventory.clusters[0].trapSettings.monitors[0];
    expect(got.serverKeywords).toEqual([{ server: 'server1', keyword: '192.168.0.1' }, { server: 'server2', keyword: '192.168.0.2' }]);
  });
  it('one address per server; every server needs one; its own OS address; one port per server', () => {
    expect(parseServerKeyword('192.168.0.1:1162').value).toMatchObject({ addresses: ['192.168.0.1'], port: 1162 });
    expect(ids(parseServerKeyword('192.168.0.1;192.168.0.2').issues)).toEqual(['INVENTORY_TRAP_SERVER_KEYWORD_ONE_ADDRESS']);
    const base = load('a1080a.json');
    const m = (inv: Inventory) => inv.clusters[0].trapSettings.monitors[0];
    let inv = clone(base);
    m(inv).serverKeywords!.pop();
    expect(validateInventory(inv)).toMatchObject([{ id: 'INVENTORY_TRAP_SERVER_KEYWORD_MISSING', params: { server: 'server2' } }, { id: 'INVENTORY_TRAP_SERVER_NOT_LISTED', params: { server: 'server2' } }]);
    inv = clone(base);
    m(inv).serverKeywords![1].keyword = '192.168.0.12';
    expect(ids(validateInventory(inv))).toEqual(['INVENTORY_TRAP_KEYWORD_HAS_BMC', 'INVENTORY_TRAP_SERVER_NOT_LISTED']);
    inv = clone(base);
    m(inv).serverKeywords![1].keyword = '192.168.0.1';
    expect(ids(validateInventory(inv))).toEqual(['INVENTORY_TRAP_SERVER_KEYWORD_NOT_OWN', 'INVENTORY_TRAP_SERVER_NOT_LISTED']);
    inv = clone(base);
    m(inv).serverKeywords![0].server = 'server9';
    expect(ids(validateInventory(inv))).toEqual(['INVENTORY_TRAP_SERVER_KEYWORD_UNKNOWN_SERVER', 'INVENTORY_TRAP_SERVER_KEYWORD_MISSING']);
    inv = clone(base);
    inv.clusters[0].trapSettings.monitors.push({ keyword: '', category: 'BMCNOTICE', serverKeywords: [{ server: 'server1', keyword: '192.168.0.1:1162' }, { server: 'server2', keyword: '192.168.0.2' }] });
    expect(ids(validateInventory(inv))).toEqual(['INVENTORY_TRAP_PORT_MISMATCH']);
  });
});

describe('migration to schema version 3', () => {
  it('a version 2 document keeps its monitors and gets version 3; version 1 goes through 2', () => {
    const v2 = JSON.parse(fs.readFileSync(guide('nx7700x.json'), 'utf8')) as Record<string, unknown>;
    const m = migrate(v2, 'x');
    expect(m.from).toBe(2);
    expect((m.doc as Inventory).schemaVersion).toBe(INVENTORY_SCHEMA_VERSION);
    expect((m.doc as Inventory).clusters[0].trapSettings).toEqual((v2 as unknown as Inventory).clusters[0].trapSettings);
    const v1 = JSON.parse(fs.readFileSync(path.join(repoRoot, 'resources', 'samples', 'inventory-v1.json'), 'utf8')) as unknown;
    const m1 = migrate(v1, 'v1');
    expect(m1.from).toBe(1);
    expect(parseInventoryShape(m1.doc).issues).toEqual([]);
  });
  it('the stored file is written in version 3 on the next save, the version 2 file kept as .prev', async () => {
    const d = tempDir();
    const store = new InventoryStore(d);
    const v2 = fs.readFileSync(guide('nx7700x.json'), 'utf8');
    fs.writeFileSync(store.file, v2);
    expect((await store.load()).migratedFrom).toBe(2);
    await new InventoryService({ store }).modifyServer({ name: 'server1', set: { account: 'operator' } });
    expect(JSON.parse(fs.readFileSync(store.file, 'utf8')).schemaVersion).toBe(INVENTORY_SCHEMA_VERSION);
    expect(fs.readFileSync(store.previousFile, 'utf8')).toBe(v2);
  });
});
