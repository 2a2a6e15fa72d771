import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CaseAttachment } from '../../../shared/model/case';

/**
 * Files stored with a recovery case, beside its JSON: <cases>/<id>.files/.
 * The case record lists them (CaseStore.load reads this folder), so a file
 * saved while a step holds the case (a verify that waits for minutes) is
 * listed at once and never lost to that step's own save. The dump copies
 * the cases folder, attachments included.
 */
export function attachmentsDir(casesDir: string, caseId: string): string {
  return path.join(casesDir, `${caseId}.files`);
}

/** A file name safe on every OS: letters, digits, ".", "_" and "-". */
export function safeFileName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 120);
}

function kindOf(name: string): CaseAttachment['kind'] {
  return name.startsWith('sol-') ? 'sol-transcript' : 'file';
}

export async function listAttachments(casesDir: string, caseId: string): Promise<CaseAttachment[]> {
  const dir = attachmentsDir(casesDir, caseId);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const out: CaseAttachment[] = [];
  for (const name of names.sort()) {
    if (name.includes('.tmp-')) continue;
    const st = await fs.stat(path.join(dir, name)).catch(() => undefined);
    if (st?.isFile()) out.push({ name, kind: kindOf(name), bytes: st.size, savedAt: st.mtime.toISOString() });
  }
  return out;
}

/**
 * Writes one attachment atomically (temp file, fsync, rename) with owner-only
 * permissions; a name already taken gets "-2", "-3", ... Returns the name used.
 */
export async function writeAttachment(casesDir: string, caseId: string, wanted: string, data: Buffer): Promise<CaseAttachment> {
  const dir = attachmentsDir(casesDir, caseId);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const ext = path.extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  let name = wanted;
  for (let n = 2; await fs.stat(path.join(dir, name)).then(() => true, () => false); n++) name = `${stem}-${n}${ext}`;
  const file = path.join(dir, name);
  const tmp = path.join(dir, `${name}.tmp-${process.pid}`);
  const fh = await fs.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
  const st = await fs.stat(file);
  return { name, kind: kindOf(name), bytes: st.size, savedAt: st.mtime.toISOString() };
}
