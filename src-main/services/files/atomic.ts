import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FieldKitError } from '../../../shared/errors';

export interface AtomicWriteOptions {
  /** Keep the version being replaced as `<file>.prev` (hard link, so it costs no copy). */
  keepPrevious?: boolean;
  mode?: number;
}

const TMP_MARK = '.tmp-';

export function previousPath(file: string): string {
  return `${file}.prev`;
}

function tempPath(file: string): string {
  return `${file}${TMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Windows cannot open a directory: skip there.
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch {
    /* best effort: not supported on this platform or file system */
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

async function keepPrevious(file: string): Promise<void> {
  const prev = previousPath(file);
  const staging = tempPath(prev);
  try {
    await fsp.link(file, staging);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // nothing to keep yet
    // File systems without hard links: copy and flush instead.
    await fsp.copyFile(file, staging);
    const fh = await fsp.open(staging, 'r+');
    try { await fh.sync(); } finally { await fh.close(); }
  }
  await fsp.rename(staging, prev);
}

/**
 * Writes a file so that a crash at any moment leaves either the old or the
 * new content under its name, never a mix: write a temp file beside it,
 * fsync, keep the previous version, rename over, fsync the directory.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  const tmp = tempPath(file);
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const fh = await fsp.open(tmp, 'wx', options.mode ?? 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (options.keepPrevious) await keepPrevious(file);
    await fsp.rename(tmp, file);
    await fsyncDir(dir);
  } catch (e) {
    await fsp.unlink(tmp).catch(() => undefined);
    if (e instanceof FieldKitError) throw e;
    throw new FieldKitError('FILE_WRITE_FAILED', { path: file, detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { cause: e });
  }
}

/** True while a process with this pid exists (EPERM: it exists but is not ours). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files left beside `file` by writers that died mid-write (their pid is gone). */
export function removeStaleTemps(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.prev)?\\${TMP_MARK}(\\d+)-[0-9a-f]+$`).exec(n);
    if (m && !pidAlive(Number(m[1]))) {
      try {
        fs.unlinkSync(path.join(dir, n));
        removed.push(n);
      } catch {
        /* another process may have removed it */
      }
    }
  }
  return removed;
}
