import fs from 'node:fs';
import { FieldKitError } from '../../../shared/errors';
import type { TrapEvent, TrapFilter, TrapRecord } from '../../../shared/model/trap';
import { RotatingFile, type RotationPolicy } from '../logs/rotating-file';
import { hydrateRecord, toRecord } from '../../engines/snmp/trap-record';

export type TrapLogRecord = TrapRecord;
/** What a log line holds for an event (a TrapRecord). */
export const toLogRecord = toRecord;
/** The event a log line stands for. */
export const fromLogRecord = hydrateRecord;

/** True when the event passes every condition of the filter. */
export function matchesFilter(e: TrapEvent | TrapLogRecord, f: TrapFilter): boolean {
  if (f.server && e.server !== f.server) return false;
  if (f.cluster && e.cluster !== f.cluster) return false;
  if (f.class && e.class !== f.class) return false;
  if (f.severity && e.severity !== f.severity) return false;
  if (f.unknownOnly && e.known) return false;
  if (f.since && e.receivedAt < new Date(f.since).toISOString()) return false;
  if (f.until && e.receivedAt > new Date(f.until).toISOString()) return false;
  if (f.text) {
    const needle = f.text.toLowerCase();
    // The summary carries the PET texts, so compact log records match too.
    const hay = [e.summary, e.source.address, e.server, e.trapOid].join('\n').toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

export function validateFilter(f: TrapFilter): void {
  for (const k of ['since', 'until'] as const) {
    const v = f[k];
    if (v !== undefined && Number.isNaN(new Date(v).getTime())) throw new FieldKitError('TRAPS_BAD_FILTER', { detail: `${k}: "${v.slice(0, 40)}" is not a time` });
  }
}

/**
 * The persistent trap log: JSON lines, rotated by size. Lines are buffered
 * and written in one append per flush, so 30k traps/s cost a few writes a
 * second rather than 30k; `flushMs` bounds what a crash can lose.
 */
export class TrapLog {
  private readonly file: RotatingFile;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    policy: RotationPolicy,
    private readonly flushMs = 200,
    private readonly maxPending = 2000,
  ) {
    this.file = new RotatingFile(path, policy);
  }

  append(e: TrapEvent | TrapRecord): void {
    this.pending.push(`${JSON.stringify('pet' in e || 'nextStep' in e ? toRecord(e as TrapEvent) : e)}\n`);
    if (this.pending.length >= this.maxPending) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
      this.timer.unref?.();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.length) return;
    const text = this.pending.join('');
    this.pending = [];
    this.file.append(text);
  }

  files(): string[] {
    return this.file.files();
  }

  /** Newest first, up to `limit` (default 500) matching events, across rotated files. */
  search(filter: TrapFilter = {}): TrapEvent[] {
    validateFilter(filter);
    this.flush();
    const limit = filter.limit ?? 500;
    const out: TrapEvent[] = [];
    for (const f of this.file.files()) {
      let text: string;
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch (e) {
        throw new FieldKitError('TRAPS_LOG_UNREADABLE', { file: f, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
      }
      const lines = text.split('\n');
      for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
        if (!lines[i]) continue;
        let rec: TrapLogRecord;
        try {
          rec = JSON.parse(lines[i]) as TrapLogRecord;
        } catch {
          continue; // a torn line after a crash
        }
        if (!rec || typeof rec !== 'object' || !rec.source || !matchesFilter(rec, filter)) continue;
        try {
          out.push(fromLogRecord(rec));
        } catch {
          // a line written by something else: skip it rather than fail the search
        }
      }
      if (out.length >= limit) break;
    }
    return out;
  }
}
