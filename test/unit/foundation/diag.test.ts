/**
 * FIELDKIT_DIAG's lines (src-main/host/diag.ts): numbers only, and the heap
 * that survived a full collection when the window had one, which is what
 * the soak's heap trend is computed from: as it was when the collection
 * ended, not counting what the program allocated after it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiagnostics } from '../../../src-main/host/diag';

v8.setFlagsFromString('--expose-gc');
const fullGc = vm.runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('host diagnostics', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a window with a full collection reports the heap as the collection left it (not what was allocated after); every value is a number', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-diag-'));
    const file = path.join(dir, 'diag.jsonl');
    const stop = startDiagnostics(file, 300);
    try {
      // Garbage that a full collection frees: the heap after it is below the heap before it.
      let junk: number[][] | undefined = Array.from({ length: 200 }, () => Array.from({ length: 1000 }, (_, i) => i));
      const withJunk = process.memoryUsage().heapUsed;
      junk = undefined;
      fullGc();
      const rightAfter = process.memoryUsage().heapUsed;
      // Allocated after the collection and kept until the line is written: not part of what survived it.
      const later = Array.from({ length: 400 }, () => Array.from({ length: 1000 }, (_, i) => i * 2));
      const withLater = process.memoryUsage().heapUsed;
      await sleep(700);
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      for (const line of lines) {
        for (const [k, v] of Object.entries(line)) {
          if (k === 'percentiles') Object.values(v as object).forEach((x) => expect(typeof x).toBe('number'));
          else expect(typeof v, k).toBe('number');
        }
      }
      const withGc = lines.find((l) => l.heapAfterMajorGc !== undefined);
      const after = withGc?.heapAfterMajorGc as number | undefined;
      expect(withGc?.majorGcs).toBeGreaterThanOrEqual(1);
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThan(withJunk);
      // Within 1 MB of the heap read synchronously after the collection; `later` is ~3 MB more.
      expect(withLater - rightAfter).toBeGreaterThan(2 * 1024 * 1024);
      expect(Math.abs((after as number) - rightAfter)).toBeLessThan(1024 * 1024);
      expect(junk).toBeUndefined();
      expect(later.length).toBe(400);
    } finally {
      stop();
    }
  });
});
