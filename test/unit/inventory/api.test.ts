import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialsChannels } from '../../../shared/contract/credentials';
import { inventoryChannels } from '../../../shared/contract/inventory';
import { credentialsHandlers } from '../../../src-main/api/credentials';
import { inventoryHandlers } from '../../../src-main/api/inventory';
import { allFiles, sampleInventory } from '../../support/inventory';
import { tempServices } from '../../support/temp-services';

type Env = ReturnType<typeof tempServices>;
let env: Env | undefined;
afterEach(async () => {
  await env?.cleanup();
  env = undefined;
});

/** Calls a handler the way the transports do: the request is parsed by the channel's schema first. */
async function inv<C extends keyof typeof inventoryChannels>(e: Env, ch: C, req: unknown) {
  const parsed = inventoryChannels[ch].request.parse(req);
  return (inventoryHandlers[ch] as (r: unknown, c: Env['ctx']) => Promise<any>)(parsed, e.ctx);
}
async function cred<C extends keyof typeof credentialsChannels>(e: Env, ch: C, req: unknown) {
  const parsed = credentialsChannels[ch].request.parse(req);
  return (credentialsHandlers[ch] as (r: unknown, c: Env['ctx']) => Promise<any>)(parsed, e.ctx);
}

describe('inventory channels through the handler table', () => {
  it('put cluster and servers, preview and apply an import, export without secrets, audit every change', async () => {
    env = tempServices();
    const e = env;
    const sample = sampleInventory().clusters[0];
    const { servers, ...cluster } = sample;
    await inv(e, 'inventory.putCluster', { cluster });
    for (const s of servers) await inv(e, 'inventory.putServer', { cluster: cluster.name, server: s });
    const view = await inv(e, 'inventory.get', {});
    expect(view.inventory).toEqual(sampleInventory());
    expect(view.issues).toEqual([]);
    // A request with a password field is refused by the schema before any handler runs.
    expect(() => inventoryChannels['inventory.putServer'].request.parse({ cluster: 'hacluster1', server: { ...servers[0], password: 'x' } })).toThrow();
    const bad = await inv(e, 'inventory.importPreview', { text: '{"schemaVersion": 2, "clusters": 5}', format: 'json', fileName: 'x.json' });
    expect(bad).toMatchObject({ ok: false, issues: [{ id: 'INVENTORY_IMPORT_BAD_TYPE', path: 'clusters' }] });
    await expect(inv(e, 'inventory.importApply', { text: '{', format: 'json', fileName: 'x.json' })).rejects.toMatchObject({ id: 'INVENTORY_IMPORT_REJECTED' });
    const csv = 'name,bmc\nnode3,127.0.0.1:16401\n';
    const prev = await inv(e, 'inventory.importPreview', { text: csv, format: 'csv', fileName: 'x.csv' });
    expect(prev).toMatchObject({ ok: true, changes: [{ op: 'add', cluster: 'hacluster1', server: 'node3' }] });
    expect(prev).not.toHaveProperty('next');
    await inv(e, 'inventory.importApply', { text: csv, format: 'csv', fileName: 'x.csv' });
    const exp = await inv(e, 'inventory.export', { format: 'csv' });
    expect(exp.content.split('\r\n').filter(Boolean)).toHaveLength(4);
    await inv(e, 'inventory.removeServer', { cluster: 'hacluster1', name: 'node3' });
    const ops = e.services.logs.operations.readRecent(20).map((r) => r.action);
    expect(ops).toEqual(expect.arrayContaining(['inventory.cluster.put', 'inventory.server.put', 'inventory.import', 'inventory.pserver.del']));
    // Refused: changes nothing on disk.
    const before = fs.readFileSync(`${e.home}/inventory.json`);
    await expect(inv(e, 'inventory.setResetPath', { cluster: 'hacluster1', port: '80' })).rejects.toMatchObject({ id: 'INVENTORY_CHANGE_REJECTED' });
    expect(fs.readFileSync(`${e.home}/inventory.json`).equals(before)).toBe(true);
  });
});

describe('credentials channels: the renderer never receives a password', () => {
  it('set falls back to the session when the keychain is unavailable; status answers only whether it is stored', async () => {
    env = tempServices();
    const e = env;
    const secret = 'Api-Secret-4471';
    const set = await cred(e, 'credentials.set', { host: '127.0.0.1', port: 16501, user: 'admin', secret });
    const status = await cred(e, 'credentials.status', { host: '127.0.0.1', port: 16501, user: 'admin' });
    if (process.env.FIELDKIT_KEYRING_READY) {
      expect(set).toEqual({ source: 'keychain' });
      expect(status).toEqual({ account: 'admin@127.0.0.1:16501', stored: true, source: 'keychain' });
    } else {
      expect(set.source).toBe('session');
      expect(set.keychainError.id).toMatch(/^CRED_/);
      expect(status).toMatchObject({ account: 'admin@127.0.0.1:16501', stored: true, source: 'session' });
    }
    expect(JSON.stringify([set, status])).not.toContain(secret);
    expect(await cred(e, 'credentials.delete', { host: '127.0.0.1', port: 16501, user: 'admin' })).toEqual({ deleted: true });
    expect(await cred(e, 'credentials.status', { host: '127.0.0.1', port: 16501, user: 'admin' })).toMatchObject({ stored: false });
    for (const f of allFiles(e.home)) expect(fs.readFileSync(f).includes(secret), f).toBe(false);
  });
});
