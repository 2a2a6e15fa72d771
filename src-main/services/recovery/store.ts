import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FieldKitError } from '../../../shared/errors';
import type { CaseSummary, RecoveryCase } from '../../../shared/model/case';
import { CASE_PHASES, summarizeCase } from '../../../shared/model/case';
import { listAttachments } from './attachments';

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

/**
 * Recovery cases on disk: one JSON file per case in <home>/cases/. Each save
 * goes to a temp file that is fsynced and renamed over the old one, and the
 * previous version is kept as <id>.json.bak, so a crash at any moment leaves
 * either the old or the new case, never half of one.
 */
export class CaseStore {
  readonly dir: string;

  constructor(home: string) {
    this.dir = path.join(home, 'cases');
  }

  fileOf(id: string): string {
    if (!ID_RE.test(id)) throw new FieldKitError('RECOVERY_CASE_NOT_FOUND', { caseId: id });
    return path.join(this.dir, `${id}.json`);
  }

  async save(c: RecoveryCase): Promise<void> {
    const file = this.fileOf(c.id);
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      const fh = await fs.open(tmp, 'w', 0o600);
      try {
        await fh.writeFile(JSON.stringify(c, null, 2) + '\n', 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.copyFile(file, `${file}.bak`).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      await fs.rename(tmp, file);
      // fsync the directory so the rename itself survives a power cut.
      const dh = await fs.open(this.dir, 'r').catch(() => undefined);
      if (dh) {
        await dh.sync().catch(() => undefined);
        await dh.close();
      }
    } catch (e) {
      if (e instanceof FieldKitError) throw e;
      throw new FieldKitError('RECOVERY_CASE_WRITE_FAILED', { caseId: c.id, detail: (e as Error).message }, { cause: e });
    }
  }

  async load(id: string): Promise<RecoveryCase> {
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new FieldKitError('RECOVERY_CASE_NOT_FOUND', { caseId: id });
      throw new FieldKitError('RECOVERY_CASE_UNREADABLE', { file, detail: (e as Error).message }, { cause: e });
    }
    const c = parseCase(text, file);
    // Files stored with the case are listed from their folder, the one truth (see attachments.ts).
    const attachments = await listAttachments(this.dir, id);
    if (attachments.length) c.attachments = attachments;
    else delete c.attachments;
    return c;
  }

  async list(): Promise<CaseSummary[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: CaseSummary[] = [];
    for (const n of names) {
      if (!n.endsWith('.json')) continue;
      try {
        out.push(summarizeCase(await this.load(n.slice(0, -5))));
      } catch {
        // An unreadable case must not hide the others; `cases show` reports it.
      }
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

function parseCase(text: string, file: string): RecoveryCase {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new FieldKitError('RECOVERY_CASE_UNREADABLE', { file, detail: (e as Error).message });
  }
  const c = v as Partial<RecoveryCase>;
  if (
    !c ||
    typeof c !== 'object' ||
    c.schema !== 1 ||
    typeof c.id !== 'string' ||
    typeof c.server !== 'string' ||
    !CASE_PHASES.includes(c.phase as never) ||
    !Array.isArray(c.steps) ||
    !Array.isArray(c.slotsBefore)
  ) {
    throw new FieldKitError('RECOVERY_CASE_UNREADABLE', { file, detail: 'not a recovery case (schema 1)' });
  }
  return c as RecoveryCase;
}
