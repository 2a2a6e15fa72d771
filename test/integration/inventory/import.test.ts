import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMessageId } from '../../../shared/messages';
import { InventoryRejected, InventoryService } from '../../../src-main/services/inventory/service';
import { InventoryStore } from '../../../src-main/services/inventory/store';
import { repoRoot, sampleInventory, tempDir } from '../../support/inventory';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'inventory');
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as Record<string, string>;

describe('import of malformed files: each rejected with its message, stored inventory unchanged', () => {
  let dir: string;
  let service: InventoryService;
  let before: Buffer;
  let prevBefore: Buffer;

  beforeAll(async () => {
    dir = tempDir();
    const store = new InventoryStore(dir);
    service = new InventoryService({ store });
    await store.save(sampleInventory());
    await store.save(sampleInventory()); // so a .prev exists too
    before = fs.readFileSync(store.file);
    prevBefore = fs.readFileSync(store.previousFile);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has at least 20 malformed fixtures', () => {
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(20);
    for (const id of Object.values(expected)) expect(isMessageId(id), id).toBe(true);
  });

  for (const [file, id] of Object.entries(expected)) {
    it(`${file} → ${id}`, async () => {
      const full = path.join(fixtures, file);
      const dry = await service.importFile(full, { dryRun: true });
      expect(dry.ok).toBe(false);
      expect(dry.issues.map((i) => i.id)).toContain(id);
      const err = await service.importFile(full).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InventoryRejected);
      expect((err as InventoryRejected).id).toBe('INVENTORY_IMPORT_REJECTED');
      expect((err as InventoryRejected).issues.map((i) => i.id)).toContain(id);
      expect(fs.readFileSync(path.join(dir, 'inventory.json')).equals(before)).toBe(true);
      expect(fs.readFileSync(path.join(dir, 'inventory.json.prev')).equals(prevBefore)).toBe(true);
      expect(fs.readdirSync(dir).sort()).toEqual(['inventory.json', 'inventory.json.prev']);
    });
  }
});

describe('valid imports', () => {
  it('JSON export round trip: export, import into an empty store, same inventory', async () => {
    const a = tempDir();
    const b = tempDir();
    const sa = new InventoryService({ store: new InventoryStore(a) });
    await new InventoryStore(a).save(sampleInventory());
    const out = path.join(a, 'export.json');
    await sa.exportFile(out);
    const sb = new InventoryService({ store: new InventoryStore(b) });
    const plan = await sb.importFile(out, { dryRun: true });
    expect(plan.ok).toBe(true);
    expect(plan.changes).toEqual([{ op: 'add', cluster: 'hacluster1' }, { op: 'add', cluster: 'hacluster1', server: 'node1' }, { op: 'add', cluster: 'hacluster1', server: 'node2' }]);
    expect(fs.existsSync(path.join(b, 'inventory.json'))).toBe(false);
    await sb.importFile(out);
    expect((await sb.get()).inventory).toEqual(sampleInventory());
  });

  it('CSV round trip keeps every column, including quoted notes and formula-looking text', async () => {
    const a = tempDir();
    const inv = sampleInventory();
    inv.clusters[0].servers[0].notes = '=HYPERLINK("x"), rack "7"';
    inv.clusters[0].servers[0].interfaces = [{ name: 'eth0', cidr: '198.18.5.11/24' }, { name: 'bond0', cidr: '198.19.0.11/16' }];
    await new InventoryStore(a).save(inv);
    const sa = new InventoryService({ store: new InventoryStore(a) });
    const csv = await sa.exportText('csv');
    expect(csv).toContain(`"'=HYPERLINK(""x""), rack ""7"""`);
    const b = tempDir();
    const sb = new InventoryService({ store: new InventoryStore(b) });
    await sb.applyImport({ text: csv, format: 'csv', source: 'x.csv' });
    const got = (await sb.get()).inventory.clusters[0];
    expect(got.servers.map((s) => [s.name, s.bmc, s.account, s.slots, s.notes, s.trapReceivers, s.interfaces])).toEqual(
      inv.clusters[0].servers.map((s) => [s.name, s.bmc, s.account, s.slots, s.notes, s.trapReceivers, s.interfaces]),
    );
    expect(csv).toContain('eth0=198.18.5.11/24;bond0=198.19.0.11/16');
  });

  it('CSV interfaces column: a token that is not name=address/prefix, or a bad address, refuses the whole import', async () => {
    const a = tempDir();
    await new InventoryStore(a).save(sampleInventory());
    const s = new InventoryService({ store: new InventoryStore(a) });
    const before = fs.readFileSync(path.join(a, 'inventory.json'));
    const shape = await s.planImport({ text: 'name,bmc,interfaces\nnode2,127.0.0.1:16234,eth0\n', format: 'csv', source: 'x.csv' });
    expect(shape.ok).toBe(false);
    expect(shape.issues.map((i) => i.id)).toContain('INVENTORY_CSV_BAD_ROW');
    const address = await s.planImport({ text: 'name,bmc,interfaces\nnode2,127.0.0.1:16234,eth0=300.1.1.1/24\n', format: 'csv', source: 'x.csv' });
    expect(address.ok).toBe(false);
    expect(address.issues.map((i) => i.id)).toContain('INVENTORY_INTERFACE_INVALID');
    await expect(s.applyImport({ text: 'name,bmc,interfaces\nnode2,127.0.0.1:16234,eth0\n', format: 'csv', source: 'x.csv' })).rejects.toThrow();
    expect(fs.readFileSync(path.join(a, 'inventory.json')).equals(before)).toBe(true);
    // A good one is a change of node2's interfaces only.
    const ok = await s.planImport({ text: 'name,bmc,interfaces\nnode2,127.0.0.1:16234,eth1=198.18.7.2/24\n', format: 'csv', source: 'x.csv' });
    expect(ok.ok).toBe(true);
    expect(ok.changes.map((c) => ('field' in c ? c.field : c.op))).toEqual(['interfaces']);
  });

  it('CSV import upserts into the existing cluster and shows the diff', async () => {
    const a = tempDir();
    await new InventoryStore(a).save(sampleInventory());
    const s = new InventoryService({ store: new InventoryStore(a) });
    const text = 'name,bmc,account\nnode2,127.0.0.1:16299,operator\n';
    const plan = await s.planImport({ text, format: 'csv', source: 'x.csv' });
    expect(plan.ok).toBe(true);
    expect(plan.changes).toEqual([
      { op: 'change', cluster: 'hacluster1', server: 'node2', field: 'bmc.primary', before: '127.0.0.1:16234', after: '127.0.0.1:16299' },
      { op: 'change', cluster: 'hacluster1', server: 'node2', field: 'account', before: 'admin', after: 'operator' },
    ]);
  });

  it('the sample files in resources/samples import cleanly (v1 is migrated)', async () => {
    for (const f of ['inventory-two-node.json', 'servers.csv', 'inventory-v1.json']) {
      const s = new InventoryService({ store: new InventoryStore(tempDir()) });
      const plan = await s.importFile(path.join(repoRoot, 'resources', 'samples', f), { dryRun: true });
      expect(plan.issues.filter((i) => i.severity === 'error'), f).toEqual([]);
      expect(plan.ok, f).toBe(true);
      if (f === 'inventory-v1.json') expect(plan.migratedFrom).toBe(1);
    }
  });
});
