/**
 * FIELDKIT_DIAG's lines (src-main/host/diag.ts): numbers only, and the heap
 * that survived a full collection when the window had one, which is what
 * the soak's heap trend is computed from.
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

  it('a window with a full collection reports the heap after it; every value is a number', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-diag-'));
    const file = path.join(dir, 'diag.jsonl');
    const stop = startDiagnostics(file, 300);
    try {
      // Garbage that a full collection frees: the heap after it is below the heap before it.
      let junk: number[][] | undefined = Array.from({ length: 200 }, () => Array.from({ length: 1000 }, (_, i) => i));
      const withJunk = process.memoryUsage().heapUsed;
      junk = undefined;
      fullGc();
      await sleep(700);
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      for (const line of lines) {
        for (const [k, v] of Object.entries(line)) {
          if (k === 'percentiles') Object.values(v as object).forEach((x) => expect(typeof x).toBe('number'));
          else expect(typeof v, k).toBe('number');
        }
      }
      const after = lines.find((l) => l.heapAfterMajorGc !== undefined)?.heapAfterMajorGc as number | undefined;
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThan(withJunk);
      expect(junk).toBeUndefined();
    } finally {
      stop();
    }
  });
});
