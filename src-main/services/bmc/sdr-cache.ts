import { createHash } from 'node:crypto';
import type fsPromises from 'node:fs/promises';
import path from 'node:path';
import type { SdrCacheStore } from '../../engines/ipmi/ops';

// node:fs/promises loads on the first cache access: most commands never read an SDR.
const fsp = (): typeof fsPromises => require('node:fs/promises') as typeof fsPromises;

/** Repositories kept in memory as well: a site's BMCs, each under its own identity, with room to spare. */
const IN_MEMORY = 512;

/**
 * SDR cache on disk: one file per repository identity (see sdrCacheKey),
 * so a changed repository misses rather than serving stale records. A
 * corrupt or unreadable file is a miss, never an error.
 *
 * The newest repositories are also kept in memory (least recently used
 * dropped first): the dashboard's sweep reads every BMC's slots each
 * interval, and reading, parsing and checking a file per BMC per sweep
 * cost CPU for an answer that cannot have changed. A key names the
 * repository's content, so a remembered entry is never stale; other
 * processes (the CLI) share the files.
 */
export class FileSdrCache implements SdrCacheStore {
  private readonly memory = new Map<string, readonly string[]>();

  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  private remember(key: string, records: readonly string[]): void {
    this.memory.delete(key);
    this.memory.set(key, records);
    if (this.memory.size > IN_MEMORY) this.memory.delete(this.memory.keys().next().value as string);
  }

  async get(key: string): Promise<string[] | undefined> {
    const known = this.memory.get(key);
    if (known) {
      this.remember(key, known);
      return [...known];
    }
    try {
      const v = JSON.parse(await fsp().readFile(this.file(key), 'utf8')) as { key?: string; records?: unknown };
      if (v.key !== key || !Array.isArray(v.records) || !v.records.every((r) => typeof r === 'string' && /^[0-9a-f]*$/.test(r))) return undefined;
      this.remember(key, [...(v.records as string[])]);
      return v.records as string[];
    } catch {
      return undefined;
    }
  }

  async set(key: string, records: string[]): Promise<void> {
    this.remember(key, [...records]);
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
