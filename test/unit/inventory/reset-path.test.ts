import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { INVENTORY_SCHEMA_VERSION, newCluster, newServer, type Cluster, type Inventory } from '../../../shared/model/inventory';
import { validateInventory, type ValidationIssue } from '../../../shared/validation';
import { diffInventories, inventoryToCsv, migrate, serversFromCsv } from '../../../src-main/services/inventory';
import { InventoryRejected, InventoryService, parseServerModel } from '../../../src-main/services/inventory/service';
import { InventoryStore } from '../../../src-main/services/inventory/store';
import { clone, sampleInventory, tempDir } from '../../support/inventory';

/*
 * issue 12, item 7: `haconnsetup resetpath addr=` is each server's own NIC on
 * the reset-path segment (one mask and one port per cluster), every BMC must
 * sit on that segment, and inventories of schema 3 (one address per cluster)
 * migrate. Also the server model and the on-board interconnect.
 */
const ids = (issues: ValidationIssue[]) => issues.map((i) => i.id);
const catchErr = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

/** The HA Monitor Connector guide's example: PSERVER1-4, BMCs 192.168.0.51-54, account hitachi, port 30000, mask 255.255.255.0. */
function guideCluster(): Cluster {
  const c = newCluster('guide');
  c.resetPath = { prefixLength: 24, port: 30000 };
  for (let i = 1; i <= 4; i++) {
    c.servers.push({ ...newServer(`PSERVER${i}`, { host: `192.168.0.5${i}` }, 'hitachi'), resetPathAddress: `192.168.0.${i}`, interfaces: [{ name: 'eth2', cidr: `192.168.0.${i}/24` }] });
  }
  return c;
}
const guideInventory = (): Inventory => ({ schemaVersion: INVENTORY_SCHEMA_VERSION, clusters: [guideCluster()] });
const resetPathIssues = (inv: Inventory) => validateInventory(inv).filter((i) => i.id.startsWith('INVENTORY_RESETPATH'));

/** A schema 3 document: one reset-path address per cluster. */
function v3(address: string, interfaces: Array<Array<{ name: string; cidr: string }>>) {
  return {
    schemaVersion: 3,
    clusters: [{
      name: 'old',
      kind: 'physical',
      resetPath: { address, prefixLength: 24, port: 30000 },
      trapSettings: { monitors: [] },
      servers: interfaces.map((itfs, i) => ({
        name: `s${i + 1}`,
        bmc: { primary: { host: `192.168.0.5${i + 1}` } },
        account: 'hitachi',
        ipmi: { cipherSuite: 3, privilege: 'ADMINISTRATOR', kgStored: false },
        notes: '',
        slots: [],
        trapReceivers: [],
        interfaces: itfs,
      })),
    }],
  };
}

describe('rules of the per-server reset path', () => {
  it('the guide\'s configuration checks clean: no reset-path advice at all', () => {
    expect(resetPathIssues(guideInventory())).toEqual([]);
  });

  it('a BMC outside the reset-path segment is a warning naming the server, which BMC and its address', () => {
    const inv = guideInventory();
    inv.clusters[0].servers[2].bmc.primary.host = '10.0.0.53';
    inv.clusters[0].servers[3].bmc.secondary = { host: '172.16.0.54' };
    const found = resetPathIssues(inv);
    expect(found).toMatchObject([
      { id: 'INVENTORY_RESETPATH_BMC_OUTSIDE', severity: 'warning', path: 'clusters[0].servers[2].bmc.primary', params: { server: 'PSERVER3', bmc: 'primary', value: '10.0.0.53', segment: '192.168.0.1/24' } },
      { id: 'INVENTORY_RESETPATH_BMC_OUTSIDE', severity: 'warning', path: 'clusters[0].servers[3].bmc.secondary', params: { server: 'PSERVER4', bmc: 'secondary', value: '172.16.0.54' } },
    ]);
  });

  it('refuses two servers with one reset-path address, warns about one on another segment', () => {
    const dup = guideInventory();
    dup.clusters[0].servers[1].resetPathAddress = '192.168.0.1';
    dup.clusters[0].servers[1].interfaces = [];
    expect(resetPathIssues(dup)).toMatchObject([{ id: 'INVENTORY_RESETPATH_ADDR_DUPLICATE', severity: 'error', params: { server: 'PSERVER2', other: 'PSERVER1' } }]);
    const far = guideInventory();
    far.clusters[0].servers[3].resetPathAddress = '192.168.1.4';
    expect(resetPathIssues(far)).toMatchObject([{ id: 'INVENTORY_RESETPATH_ADDR_OTHER_SEGMENT', severity: 'warning', params: { server: 'PSERVER4', value: '192.168.1.4/24' } }]);
    const bad = guideInventory();
    bad.clusters[0].servers[0].resetPathAddress = '192.168.0';
    expect(ids(validateInventory(bad))).toContain('INVENTORY_RESETPATH_ADDR_INVALID');
  });

  it('another NIC of a server on the reset-path segment is flagged; the NIC that carries the reset-path address is not', () => {
    const inv = guideInventory();
    inv.clusters[0].servers[0].interfaces.push({ name: 'eth0', cidr: '192.168.0.100/24' });
    expect(resetPathIssues(inv)).toMatchObject([{ id: 'INVENTORY_RESETPATH_SHARED_SEGMENT', params: { server: 'PSERVER1', iface: 'eth0' } }]);
  });

  it('a server address without the cluster\'s mask and port is a warning', () => {
    const inv = guideInventory();
    inv.clusters[0].resetPath = undefined;
    expect(ids(resetPathIssues(inv))).toEqual(Array(4).fill('INVENTORY_RESETPATH_CLUSTER_MISSING'));
  });
});

describe('migration of schema 3 (one reset-path address per cluster)', () => {
  it('gives the address to the one server whose OS interface holds it', () => {
    const { doc, from } = migrate(v3('192.168.0.2', [[{ name: 'eth0', cidr: '10.1.0.1/24' }], [{ name: 'eth2', cidr: '192.168.0.2/24' }]]), 'x.json');
    expect(from).toBe(3);
    const inv = doc as Inventory;
    expect(inv.schemaVersion).toBe(INVENTORY_SCHEMA_VERSION);
    expect(inv.clusters[0].resetPath).toEqual({ prefixLength: 24, port: 30000 });
    expect(inv.clusters[0].servers.map((s) => s.resetPathAddress)).toEqual([undefined, '192.168.0.2']);
  });

  it('keeps an address no single server holds as unassignedAddress, warns, and drops it once every server has its own', async () => {
    const { doc } = migrate(v3('192.168.0.9', [[], []]), 'x.json');
    const inv = doc as Inventory;
    expect(inv.clusters[0].resetPath).toEqual({ prefixLength: 24, port: 30000, unassignedAddress: '192.168.0.9' });
    expect(ids(resetPathIssues(inv))).toEqual(['INVENTORY_RESETPATH_UNASSIGNED']);

    const store = new InventoryStore(tempDir());
    fs.writeFileSync(store.file, JSON.stringify(v3('192.168.0.9', [[], []])));
    const svc = new InventoryService({ store });
    expect((await store.load()).migratedFrom).toBe(3);
    await svc.setResetPath({ server: 's1', addr: '192.168.0.1/24' });
    // One server still without an address: the old value is still the only hint for it.
    expect(JSON.parse(fs.readFileSync(store.file, 'utf8')).clusters[0].resetPath.unassignedAddress).toBe('192.168.0.9');
    await svc.setResetPath({ server: 's2', addr: '192.168.0.2/24' });
    const saved = JSON.parse(fs.readFileSync(store.file, 'utf8'));
    expect(saved.schemaVersion).toBe(INVENTORY_SCHEMA_VERSION);
    expect(saved.clusters[0].resetPath).toEqual({ prefixLength: 24, port: 30000 });
    expect(saved.clusters[0].servers.map((s: { resetPathAddress?: string }) => s.resetPathAddress)).toEqual(['192.168.0.1', '192.168.0.2']);
    expect(resetPathIssues(saved)).toEqual([]);
  });

  it('an address two servers hold is not guessed', () => {
    const itf = [{ name: 'eth2', cidr: '192.168.0.2/24' }];
    const { doc } = migrate(v3('192.168.0.2', [itf, itf]), 'x.json');
    expect((doc as Inventory).clusters[0].resetPath?.unassignedAddress).toBe('192.168.0.2');
    expect((doc as Inventory).clusters[0].servers.every((s) => s.resetPathAddress === undefined)).toBe(true);
  });
});

describe('server model and on-board interconnect', () => {
  it('model: one of SERVER_MODELS, any case; anything else refused with the list', async () => {
    expect(parseServerModel('nx7700X')).toBe('NX7700x');
    expect(parseServerModel('express5800/a1080a')).toBe('Express5800/A1080a');
    const e = (() => { try { parseServerModel('PowerEdge'); } catch (x) { return x; } })() as InventoryRejected;
    expect(e.issues).toMatchObject([{ id: 'INVENTORY_SERVER_MODEL_INVALID', params: { value: 'PowerEdge' } }]);
    expect(e.issues[0].params.models).toContain('HA8000');

    const svc = new InventoryService({ store: new InventoryStore(tempDir()) });
    await svc.addServer({ name: 'a1', addr: '127.0.0.1:16001', model: 'ha8000' });
    await svc.addServer({ name: 'a2', addr: '127.0.0.1:16002' });
    await svc.modifyServer({ name: 'a2', set: { model: 'Express5800/A1040a' } });
    let servers = (await svc.get()).inventory.clusters[0].servers;
    expect(servers.map((s) => s.model)).toEqual(['HA8000', 'Express5800/A1040a']);
    await svc.modifyServer({ name: 'a1', set: { model: '' } });
    servers = (await svc.get()).inventory.clusters[0].servers;
    expect('model' in servers[0]).toBe(false);
    expect(((await catchErr(svc.modifyServer({ name: 'a1', set: { model: 'x' } }))) as InventoryRejected).issues[0].id).toBe('INVENTORY_SERVER_MODEL_INVALID');
  });

  it('an on-board interconnect keeps "every NIC slot fenced" from firing', () => {
    const inv = clone(sampleInventory());
    const s = inv.clusters[0].servers[0];
    s.slots = s.slots.map((x) => ({ ...x, fenced: true }));
    expect(ids(validateInventory(inv))).toContain('INVENTORY_FENCING_ALL_NICS');
    s.onboardInterconnect = true;
    expect(ids(validateInventory(inv))).not.toContain('INVENTORY_FENCING_ALL_NICS');
  });

  it('a document with an unknown model is refused by the shape check', async () => {
    const store = new InventoryStore(tempDir());
    const inv = sampleInventory() as unknown as { clusters: Array<{ servers: Array<Record<string, unknown>> }> };
    inv.clusters[0].servers[0].model = 'PowerEdge';
    const svc = new InventoryService({ store });
    const plan = await svc.planImport({ text: JSON.stringify(inv), format: 'json', source: 'x.json' });
    expect(plan.ok).toBe(false);
    expect(plan.issues.map((i) => i.id)).toContain('INVENTORY_IMPORT_BAD_TYPE');
  });
});

describe('CSV and diff carry the new fields', () => {
  it('export → import gives back model, reset-path address and on-board interconnect', () => {
    const inv = guideInventory();
    inv.clusters[0].servers[0].model = 'HA8000';
    inv.clusters[0].servers[1].onboardInterconnect = true;
    const text = inventoryToCsv(inv);
    expect(text.split('\r\n')[0]).toContain('model,resetPathAddress,onboardInterconnect');
    const { rows, issues } = serversFromCsv(text);
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.server.name, r.server.model, r.server.resetPathAddress, r.server.onboardInterconnect])).toEqual([
      ['PSERVER1', 'HA8000', '192.168.0.1', false],
      ['PSERVER2', undefined, '192.168.0.2', true],
      ['PSERVER3', undefined, '192.168.0.3', false],
      ['PSERVER4', undefined, '192.168.0.4', false],
    ]);
  });

  it('a bad model or yes/no in a CSV is reported by row', () => {
    const { issues } = serversFromCsv('name,bmc,model,onboardInterconnect\r\nsrvA,127.0.0.1,PowerEdge,maybe\r\n');
    expect(ids(issues)).toEqual(['INVENTORY_SERVER_MODEL_INVALID', 'INVENTORY_CSV_BAD_ROW']);
  });

  it('an import of a CSV with resetPathAddress shows the change and applies it', async () => {
    const store = new InventoryStore(tempDir());
    await store.save(guideInventory());
    const svc = new InventoryService({ store });
    const plan = await svc.planImport({ text: 'cluster,name,bmc,resetPathAddress,model\nguide,PSERVER3,192.168.0.53,192.168.0.33,NX7700x\n', format: 'csv', source: 'x.csv' });
    expect(plan.ok).toBe(true);
    expect(plan.changes).toEqual([
      { op: 'change', cluster: 'guide', server: 'PSERVER3', field: 'model', before: '', after: 'NX7700x' },
      { op: 'change', cluster: 'guide', server: 'PSERVER3', field: 'resetPathAddress', before: '192.168.0.3', after: '192.168.0.33' },
    ]);
  });

  it('the diff names a changed reset-path mask and an unassigned address', () => {
    const a = guideInventory();
    const b = clone(a);
    b.clusters[0].resetPath = { prefixLength: 25, port: 30000, unassignedAddress: '192.168.0.9' };
    expect(diffInventories(a, b).map((c) => `${c.field}:${c.before}->${c.after}`)).toEqual(['resetPath.prefixLength:24->25', 'resetPath.unassignedAddress:->192.168.0.9']);
  });

  it('refuses an unknown server for resetpath --server with the catalogue id', async () => {
    const store = new InventoryStore(tempDir());
    await store.save(guideInventory());
    const e = (await catchErr(new InventoryService({ store }).setResetPath({ server: 'PSERVER9', addr: '192.168.0.9/24' }))) as FieldKitError;
    expect(e).toBeInstanceOf(FieldKitError);
    expect(e.id).toBe('INVENTORY_SERVER_NOT_FOUND');
  });
});
