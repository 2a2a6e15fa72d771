import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryStore } from '../../../src-main/services/inventory/store';
import { repoRoot, sampleInventory, tempDir } from '../../support/inventory';

const KILLS = 40;

describe('killing the process during a save', () => {
  let work: string;
  let child: string;

  beforeAll(async () => {
    work = tempDir('fk-crash-');
    child = path.join(work, 'save-loop.cjs');
    // Bundled once so each child starts in tens of milliseconds.
    await build({
      entryPoints: [path.join(repoRoot, 'test', 'support', 'inventory-save-loop.ts')],
      outfile: child, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning',
      absWorkingDir: repoRoot,
    });
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it(`leaves either the old or the new inventory, never a broken one (${KILLS} SIGKILLs at random moments)`, async () => {
    const a = sampleInventory();
    const b = sampleInventory();
    b.clusters[0].servers[0].notes = 'B'.repeat(3000);
    b.clusters[0].servers[1].notes = 'version B';
    const dir = path.join(work, 'state');
    const seen = { a: 0, b: 0 };
    for (let i = 0; i < KILLS; i++) {
      const p = spawn(process.execPath, [child, dir], { stdio: ['ignore', 'pipe', 'inherit'], cwd: repoRoot });
      await new Promise<void>((resolve, reject) => {
        p.stdout.once('data', () => resolve());
        p.once('exit', (code) => reject(new Error(`save loop exited early with ${code}`)));
      });
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await exited;
      const store = new InventoryStore(dir);
      const { inventory } = await store.load(); // throws INVENTORY_FILE_CORRUPT on a torn file
      const isA = JSON.stringify(inventory) === JSON.stringify(a);
      const isB = JSON.stringify(inventory) === JSON.stringify(b);
      expect(isA || isB).toBe(true);
      if (isA) seen.a++;
      else seen.b++;
      const prev = JSON.parse(fs.readFileSync(store.previousFile, 'utf8'));
      expect([JSON.stringify(a), JSON.stringify(b)]).toContain(JSON.stringify(prev));
      // load() cleared the dead writer's temp files.
      expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
    }
    // Both versions turned up, so the kills really landed at different points of the loop.
    expect(seen.a + seen.b).toBe(KILLS);
    expect(seen.a).toBeGreaterThan(0);
    expect(seen.b).toBeGreaterThan(0);
  }, 120_000);
});
