import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryService } from '../../../src-main/services/inventory/service';
import { InventoryStore } from '../../../src-main/services/inventory/store';
import { repoRoot, tempDir } from '../../support/inventory';

describe('several FieldKit processes changing the inventory at once', () => {
  let work: string;
  let child: string;
  beforeAll(async () => {
    work = tempDir('fk-conc-');
    child = path.join(work, 'edit-loop.cjs');
    await build({
      entryPoints: [path.join(repoRoot, 'test', 'support', 'inventory-edit-loop.ts')],
      outfile: child, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning', absWorkingDir: repoRoot,
    });
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('loses no change: 3 processes × 12 edits give 36 clusters', async () => {
    const dir = path.join(work, 'state');
    const runs = ['a', 'b', 'c'].map(
      (p) =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const c = spawn(process.execPath, [child, dir, p, '12'], { stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          c.stderr.on('data', (d) => (stderr += d));
          c.on('close', (code) => resolve({ code, stderr }));
        }),
    );
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const { inventory } = await new InventoryStore(dir).load();
    expect(inventory.clusters.map((c) => c.name).sort()).toEqual(['a', 'b', 'c'].flatMap((p) => Array.from({ length: 12 }, (_, i) => `${p}c${i}`)).sort());
    expect(fs.existsSync(path.join(dir, 'inventory.json.lock'))).toBe(false);
  }, 60_000);

  it('a lock left by a process that died is taken over', async () => {
    const dir = tempDir();
    const store = new InventoryStore(dir);
    fs.writeFileSync(store.lockFile, '999999999');
    await new InventoryService({ store }).addServer({ name: 'n1', addr: '127.0.0.1:16001' });
    expect((await store.load()).inventory.clusters[0].servers[0].name).toBe('n1');
  });

  it('a lock held by a live process makes a change wait, then fail with INVENTORY_BUSY', async () => {
    const dir = tempDir();
    const store = new InventoryStore(dir);
    fs.writeFileSync(store.lockFile, String(process.pid));
    const t0 = Date.now();
    await expect(store.withLock(async () => 1, 300)).rejects.toMatchObject({ id: 'INVENTORY_BUSY', params: { pid: process.pid } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
  });
});
