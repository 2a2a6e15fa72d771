import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isoNow, systemClock, type Clock } from '../../../shared/clock';
import { FieldKitError } from '../../../shared/errors';
import { emptyInventory, type Inventory } from '../../../shared/model/inventory';
import { parseInventoryShape } from '../../../shared/validation';
import { pidAlive, previousPath, removeStaleTemps, writeFileAtomic } from '../files/atomic';
import { migrate } from './migrations';

export interface LoadedInventory {
  inventory: Inventory;
  /** Set when the file was in an older schema and was migrated in memory. */
  migratedFrom?: number;
}

/**
 * The inventory document on disk: `<dir>/inventory.json`, the version before
 * it as `inventory.json.prev`. A file that cannot be read as an inventory is
 * moved aside (never overwritten) and reported once.
 */
export class InventoryStore {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.file = path.join(dir, 'inventory.json');
  }

  get previousFile(): string {
    return previousPath(this.file);
  }

  async load(): Promise<LoadedInventory> {
    removeStaleTemps(this.file);
    let text: string;
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { inventory: emptyInventory() };
      throw new FieldKitError('FILE_READ_FAILED', { path: this.file, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return this.setAside(`not JSON: ${(e as Error).message}`);
    }
    // An unknown (newer) version is not corrupt: leave the file alone and refuse.
    const m = migrate(data, this.file);
    const shape = parseInventoryShape(m.doc);
    if (!shape.value) {
      const first = shape.issues[0];
      return this.setAside(`${first.path}: ${String(first.params.detail)}`);
    }
    return { inventory: shape.value, migratedFrom: m.from };
  }

  private setAside(detail: string): never {
    const stamp = isoNow(this.clock).replace(/[:.]/g, '-');
    const aside = `${this.file}.corrupt-${stamp}`;
    fs.renameSync(this.file, aside);
    const previous = fs.existsSync(this.previousFile) ? this.previousFile : '(none)';
    throw new FieldKitError('INVENTORY_FILE_CORRUPT', { path: this.file, aside, previous, detail: detail.slice(0, 200) });
  }

  get lockFile(): string {
    return `${this.file}.lock`;
  }

  /**
   * Runs a load-change-save under an exclusive lock file, so the desktop app
   * and the CLI cannot lose each other's changes. A lock left by a process
   * that died is taken over (its pid is gone).
   */
  async withLock<T>(fn: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const deadline = Date.now() + timeoutMs;
    let holder = 0;
    for (;;) {
      try {
        const fh = await fsp.open(this.lockFile, 'wx', 0o600);
        await fh.writeFile(String(process.pid));
        await fh.close();
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new FieldKitError('FILE_WRITE_FAILED', { path: this.lockFile, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
        holder = Number(await fsp.readFile(this.lockFile, 'utf8').catch(() => '0')) || 0;
        if (holder > 0 && !pidAlive(holder)) {
          await fsp.unlink(this.lockFile).catch(() => undefined);
          continue;
        }
        if (Date.now() > deadline) throw new FieldKitError('INVENTORY_BUSY', { pid: holder || '?', path: this.lockFile });
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 30));
      }
    }
    try {
      return await fn();
    } finally {
      await fsp.unlink(this.lockFile).catch(() => undefined);
    }
  }

  async save(inv: Inventory): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(inv, null, 2)}\n`, { keepPrevious: true });
  }
}
