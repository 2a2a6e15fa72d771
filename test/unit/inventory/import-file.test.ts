import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES, InventoryService } from '../../../src-main/services/inventory/service';

/*
 * Issue 13, finding 9: imports are read only from regular files, with a cap
 * the stat size cannot get around (`config import /dev/zero` used to grow to
 * ~600 MB before failing: its stat size is 0).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-import-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function errorOf(file: string): Promise<{ id: string; detail?: unknown; ms: number }> {
  const t = Date.now();
  try {
    await InventoryService.readImportFile(file);
  } catch (e) {
    const fe = e as { id: string; params?: Record<string, unknown> };
    return { id: fe.id, detail: fe.params?.detail, ms: Date.now() - t };
  }
  return { id: 'ok', ms: Date.now() - t };
}

describe('import file reading', () => {
  it('refuses /dev/zero at once, without reading it', async () => {
    const before = process.memoryUsage().rss;
    const r = await errorOf('/dev/zero');
    expect(r.id).toBe('FILE_READ_FAILED');
    expect(r.detail).toBe('not a regular file');
    expect(r.ms).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a symlink to a device, a FIFO and a directory', async () => {
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero-link.json'));
    expect((await errorOf(path.join(dir, 'zero-link.json'))).detail).toBe('not a regular file');
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    const fifo = await errorOf(path.join(dir, 'fifo.json'));
    expect(fifo.detail).toBe('not a regular file');
    expect(fifo.ms).toBeLessThan(1000);
    expect((await errorOf(dir)).detail).toBe('not a regular file');
  });

  it('caps regular files by what is read, not by the stat size', async () => {
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, Buffer.alloc(IMPORT_MAX_BYTES + 10, 0x20));
    expect((await errorOf(big)).id).toBe('INVENTORY_IMPORT_TOO_LARGE');
    // A regular file whose stat size is 0 but which has content (procfs) is read, up to the cap.
    expect((await InventoryService.readImportFile('/proc/self/status')).length).toBeGreaterThan(0);
    const ok = path.join(dir, 'ok.json');
    fs.writeFileSync(ok, '{"clusters":[]}');
    expect(await InventoryService.readImportFile(ok)).toBe('{"clusters":[]}');
    expect((await errorOf(path.join(dir, 'missing.json'))).detail).toBe('ENOENT');
  });
});
