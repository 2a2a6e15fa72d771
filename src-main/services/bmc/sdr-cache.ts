import { createHash } from 'node:crypto';
import type fsPromises from 'node:fs/promises';
import path from 'node:path';
import type { SdrCacheStore } from '../../engines/ipmi/ops';

// node:fs/promises loads on the first cache access: most commands never read an SDR.
const fsp = (): typeof fsPromises => require('node:fs/promises') as typeof fsPromises;

/**
 * SDR cache on disk: one file per repository identity (see sdrCacheKey),
 * so a changed repository misses rather than serving stale records. A
 * corrupt or unreadable file is a miss, never an error.
 */
export class FileSdrCache implements SdrCacheStore {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  async get(key: string): Promise<string[] | undefined> {
    try {
      const v = JSON.parse(await fsp().readFile(this.file(key), 'utf8')) as { key?: string; records?: unknown };
      if (v.key !== key || !Array.isArray(v.records) || !v.records.every((r) => typeof r === 'string' && /^[0-9a-f]*$/.test(r))) return undefined;
      return v.records as string[];
    } catch {
      return undefined;
    }
  }

  async set(key: string, records: string[]): Promise<void> {
    try {
      await fsp().mkdir(this.dir, { recursive: true, mode: 0o700 });
      const f = this.file(key);
      const tmp = `${f}.${process.pid}.tmp`;
      await fsp().writeFile(tmp, JSON.stringify({ key, records }), { mode: 0o600 });
      await fsp().rename(tmp, f);
    } catch {
      // A cache that cannot be written only costs time on the next run.
    }
  }
}
