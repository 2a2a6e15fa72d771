import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { INVENTORY_SCHEMA_VERSION } from '../../../shared/model/inventory';
import { removeStaleTemps, writeFileAtomic } from '../../../src-main/services/files/atomic';
import { InventoryRejected, InventoryService } from '../../../src-main/services/inventory/service';
import { InventoryStore } from '../../../src-main/services/inventory/store';
import { repoRoot, tempDir } from '../../support/inventory';
import { FakeClock } from '../../support/clock';

const catchErr = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('atomic file helper', () => {
  it('writes, keeps the previous version, leaves no temp file', async () => {
    const d = tempDir();
    const f = path.join(d, 'x.json');
    await writeFileAtomic(f, 'one', { keepPrevious: true });
    expect(fs.existsSync(`${f}.prev`)).toBe(false);
    await writeFileAtomic(f, 'two', { keepPrevious: true });
    await writeFileAtomic(f, 'three', { keepPrevious: true });
    expect(fs.readFileSync(f, 'utf8')).toBe('three');
    expect(fs.readFileSync(`${f}.prev`, 'utf8')).toBe('two');
    expect(fs.readdirSync(d).sort()).toEqual(['x.json', 'x.json.prev']);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  });
  it('reports an unwritable place as FILE_WRITE_FAILED and keeps the old file', async () => {
    const d = tempDir();
    const f = path.join(d, 'x.json');
    await writeFileAtomic(f, 'old');
    const e = await catchErr(writeFileAtomic(path.join(f, 'inside-a-file.json'), 'new'));
    expect((e as FieldKitError).id).toBe('FILE_WRITE_FAILED');
    expect(fs.readFileSync(f, 'utf8')).toBe('old');
  });
  it('removes temp files of writers that died, not of live ones', () => {
    const d = tempDir();
    const f = path.join(d, 'x.json');
    fs.writeFileSync(`${f}.tmp-999999999-abcd1234`, 'half');
    fs.writeFileSync(`${f}.tmp-${process.pid}-abcd1234`, 'mine');
    expect(removeStaleTemps(f)).toEqual(['x.json.tmp-999999999-abcd1234']);
    expect(fs.existsSync(`${f}.tmp-${process.pid}-abcd1234`)).toBe(true);
  });
});

describe('inventory store', () => {
  it('an absent file is an empty inventory', async () => {
    const s = new InventoryStore(tempDir());
    expect((await s.load()).inventory).toEqual({ schemaVersion: INVENTORY_SCHEMA_VERSION, clusters: [] });
  });

  it.each([
    ['not JSON', '{"schemaVersion": 2, "clus'],
    ['wrong shape', JSON.stringify({ schemaVersion: 2, clusters: 'none' })],
  ])('a corrupt file (%s) is moved aside and reported, never overwritten', async (_what, content) => {
    const d = tempDir();
    const s = new InventoryStore(d, new FakeClock('2026-01-02T03:04:05Z'));
    fs.writeFileSync(s.file, content);
    const e = (await catchErr(s.load())) as FieldKitError;
    expect(e.id).toBe('INVENTORY_FILE_CORRUPT');
    const aside = String(e.params.aside);
    expect(aside).toBe(`${s.file}.corrupt-2026-01-02T03-04-05-000Z`);
    expect(fs.readFileSync(aside, 'utf8')).toBe(content);
    expect(fs.existsSync(s.file)).toBe(false);
    // Afterwards FieldKit works again; the set-aside file stays as it was.
    const svc = new InventoryService({ store: s });
    await svc.addServer({ name: 'n1', addr: '127.0.0.1:16001' });
    expect(fs.readFileSync(aside, 'utf8')).toBe(content);
  });

  it('a newer schema version is refused and left in place, and no change is saved over it', async () => {
    const d = tempDir();
    const s = new InventoryStore(d);
    const content = JSON.stringify({ schemaVersion: 99, clusters: [], future: true });
    fs.writeFileSync(s.file, content);
    expect(((await catchErr(s.load())) as FieldKitError).id).toBe('INVENTORY_SCHEMA_UNKNOWN');
    const svc = new InventoryService({ store: s });
    expect(((await catchErr(svc.addServer({ name: 'n1', addr: '127.0.0.1:16001' }))) as FieldKitError).id).toBe('INVENTORY_SCHEMA_UNKNOWN');
    // The monitor's reading (without validation) refuses it the same way.
    expect(((await catchErr(svc.current())) as FieldKitError).id).toBe('INVENTORY_SCHEMA_UNKNOWN');
    expect(fs.readFileSync(s.file, 'utf8')).toBe(content);
  });

  it('current() is the stored inventory as get() gives it, also one the rules find incomplete', async () => {
    const svc = new InventoryService({ store: new InventoryStore(tempDir()) });
    await svc.addServer({ name: 'n1', addr: '127.0.0.1:16001' });
    const got = await svc.get();
    expect(got.issues.length).toBeGreaterThan(0); // a one-server cluster without its second server
    expect(await svc.current()).toEqual(got.inventory);
  });

  it('migrates a version 1 file in memory and writes the current version on the next save, keeping v1 as .prev', async () => {
    const d = tempDir();
    const s = new InventoryStore(d);
    const v1 = fs.readFileSync(path.join(repoRoot, 'resources', 'samples', 'inventory-v1.json'), 'utf8');
    fs.writeFileSync(s.file, v1);
    const loaded = await s.load();
    expect(loaded.migratedFrom).toBe(1);
    const c = loaded.inventory.clusters[0];
    // v1 -> v2 -> v3 -> v4: the one reset-path address matches no server's interface, so it is kept unassigned.
    expect(c).toMatchObject({ name: 'legacy', kind: 'physical', resetPath: { unassignedAddress: '192.0.2.1', prefixLength: 24, port: 5001 } });
    expect(c.servers.map((x) => x.name)).toEqual(['old1', 'old2']);
    expect(c.servers[1].bmc).toEqual({ primary: { host: '127.0.0.1', port: 16502 }, secondary: { host: '127.0.0.1', port: 16503 } });
    expect(c.servers[0].slots).toEqual([{ number: 1, kind: 'HBA', fenced: true }]);
    expect(fs.readFileSync(s.file, 'utf8')).toBe(v1); // loading alone writes nothing
    await new InventoryService({ store: s }).modifyServer({ name: 'old1', set: { account: 'operator' } });
    expect(JSON.parse(fs.readFileSync(s.file, 'utf8')).schemaVersion).toBe(INVENTORY_SCHEMA_VERSION);
    expect(fs.readFileSync(s.previousFile, 'utf8')).toBe(v1);
  });
});

describe('inventory service edits', () => {
  it('resetpath: both, then either alone changes just that value; addr= is the named server\'s own', async () => {
    const svc = new InventoryService({ store: new InventoryStore(tempDir()) });
    expect(((await catchErr(svc.setResetPath({ port: '5001' }))) as FieldKitError).id).toBe('INVENTORY_RESETPATH_NOT_SET');
    // No server yet: nobody owns the address.
    expect(((await catchErr(svc.setResetPath({ addr: '192.0.2.1/24', port: '5001' }))) as FieldKitError).id).toBe('INVENTORY_RESETPATH_NO_SERVERS');
    await svc.addServer({ name: 'a1', addr: '192.0.2.11' });
    // One server: it is the one.
    await svc.setResetPath({ addr: '192.0.2.1/255.255.255.0', port: '5001' });
    await svc.setResetPath({ port: '6001' });
    let c = (await svc.get()).inventory.clusters[0];
    expect(c.resetPath).toEqual({ prefixLength: 24, port: 6001 });
    expect(c.servers[0].resetPathAddress).toBe('192.0.2.1');
    await svc.addServer({ name: 'a2', addr: '192.0.2.12' });
    // Two servers: addr= must say whose it is; port alone need not.
    expect(((await catchErr(svc.setResetPath({ addr: '192.0.2.2/24' }))) as FieldKitError).id).toBe('INVENTORY_RESETPATH_SERVER_REQUIRED');
    await svc.setResetPath({ server: 'a2', addr: '192.0.2.2/28' });
    c = (await svc.get()).inventory.clusters[0];
    expect(c.resetPath).toEqual({ prefixLength: 28, port: 6001 });
    expect(c.servers.map((s) => s.resetPathAddress)).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(((await catchErr(svc.setResetPath({ server: 'nobody', port: '6002' }))) as FieldKitError).id).toBe('INVENTORY_SERVER_NOT_FOUND');
    const e = (await catchErr(svc.setResetPath({ port: '5000' }))) as InventoryRejected;
    expect(e.issues.map((i) => i.id)).toEqual(['INVENTORY_RESETPATH_PORT_RANGE']);
  });

  it('pserver add/mod/del with cluster resolution', async () => {
    const store = new InventoryStore(tempDir());
    const svc = new InventoryService({ store });
    await svc.addServer({ name: 'a1', addr: '127.0.0.1:16001' });
    await svc.addServer({ name: 'a2', addr: '127.0.0.1:16002', addr2: '127.0.0.1:16003', account: 'admin' });
    expect(((await catchErr(svc.addServer({ name: 'A1', addr: '127.0.0.1:16004' }))) as FieldKitError).id).toBe('INVENTORY_SERVER_EXISTS');
    await svc.addServer({ cluster: 'second', name: 'b1', addr: '127.0.0.1:16011' });
    // Two clusters now: an unnamed target is ambiguous.
    expect(((await catchErr(svc.deleteServer({ name: 'a1' }))) as FieldKitError).id).toBe('INVENTORY_CLUSTER_AMBIGUOUS');
    expect(((await catchErr(svc.deleteServer({ cluster: 'nope', name: 'a1' }))) as FieldKitError).id).toBe('INVENTORY_CLUSTER_NOT_FOUND');
    await svc.modifyServer({ cluster: 'default', name: 'a2', set: { addr2: '' } });
    await svc.modifyServer({ cluster: 'default', name: 'a1', set: { addr: '[::1]:16005' } });
    const inv = (await svc.get()).inventory;
    expect(inv.clusters[0].servers[1].bmc).toEqual({ primary: { host: '127.0.0.1', port: 16002 } });
    expect(inv.clusters[0].servers[0].bmc.primary).toEqual({ host: '::1', port: 16005 });
    const dup = (await catchErr(svc.modifyServer({ cluster: 'second', name: 'b1', set: { addr: '127.0.0.1:16002' } }))) as InventoryRejected;
    expect(dup.issues.map((i) => i.id)).toEqual(['INVENTORY_BMC_ADDRESS_DUPLICATE']);
    await svc.modifyServer({ cluster: 'second', name: 'b1', set: { name: 'b9' } });
    await svc.deleteServer({ cluster: 'second', name: 'b9' });
    expect((await svc.get()).inventory.clusters[1].servers).toEqual([]);
    expect(((await catchErr(svc.modifyServer({ cluster: 'default', name: 'a1', set: {} }))) as FieldKitError).id).toBe('INVENTORY_NOTHING_TO_CHANGE');
  });
});
