import fs from 'node:fs';
import type { TrapClass, TrapRecord } from '../../../shared/model/trap';

/** What the index keeps of a server's newest trap of its class. */
export interface NewestTrap {
  receivedAt: string;
  record: TrapRecord;
}

interface Position {
  /** The current log file's inode when it was read up to `offset`: after a rotation the same inode is found under name.1. */
  ino: number;
  offset: number;
}

/**
 * The newest trap of one class (e.g. 'os-stop') per server, read from the
 * rotating trap log and then followed: each question reads only what was
 * appended since the last one, also across a rotation (the file read so far
 * keeps its inode under its new name), so the dashboard's status sweep asks
 * it for every server without reading the whole log each time. Whoever wrote
 * the lines (this process or another FieldKit) does not matter. Only lines
 * that can be of the class are parsed: the log's lines are JSON.stringify
 * output, so a record of the class contains `"class":"<class>"` verbatim.
 */
export class NewestTrapIndex {
  private readonly newest = new Map<string, NewestTrap>();
  private readonly needle: string;
  private at?: Position;

  constructor(
    /** The log's current file. */
    private readonly current: string,
    /** The log's files, current first, then name.1 … (RotatingFile.files()); listed only after a rotation. */
    private readonly files: () => string[],
    private readonly trapClass: TrapClass,
  ) {
    this.needle = `"class":${JSON.stringify(trapClass)}`;
  }

  /** The newest trap of the class from this server, if any; the log is read up to now first. */
  get(server: string): NewestTrap | undefined {
    this.catchUp();
    return this.newest.get(server);
  }

  private catchUp(): void {
    // One stat per question on the usual path (the dashboard asks for every server each sweep).
    const current = this.current;
    const st = statOf(current);
    if (!st) {
      // No log yet (or it was removed): nothing new; what was seen stays true.
      this.at = undefined;
      return;
    }
    if (this.at && this.at.ino === st.ino && st.size >= this.at.offset) {
      this.at.offset = this.readFrom(current, this.at.offset, st.size);
      return;
    }
    const files = this.files();
    if (this.at) {
      // Rotated since: finish the file read so far under its new name, then the new current file.
      const k = files.findIndex((f, i) => i > 0 && statOf(f)?.ino === this.at!.ino);
      if (k > 0) {
        this.readFrom(files[k], this.at.offset, statOf(files[k])!.size);
        // Rotated more than once: the generations between were never read.
        for (let j = k - 1; j >= 1; j--) {
          const s = statOf(files[j]);
          if (s) this.readFrom(files[j], 0, s.size);
        }
        this.at = { ino: st.ino, offset: this.readFrom(current, 0, st.size) };
        return;
      }
    }
    // First question, or lost track (the file read so far rotated out, or was truncated): read every generation, oldest first.
    this.newest.clear();
    for (const f of files.slice(1).reverse()) {
      const s = statOf(f);
      if (s) this.readFrom(f, 0, s.size);
    }
    this.at = { ino: st.ino, offset: this.readFrom(current, 0, st.size) };
  }

  /** Reads whole lines of [from, to) and notes the class's records; answers the offset after the last whole line. */
  private readFrom(file: string, from: number, to: number): number {
    if (to <= from) return from;
    let buf: Buffer;
    try {
      const fd = fs.openSync(file, 'r');
      try {
        buf = Buffer.alloc(to - from);
        const n = fs.readSync(fd, buf, 0, buf.length, from);
        buf = buf.subarray(0, n);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return from; // gone or unreadable this time: asked again next time
    }
    // A line still being written (no newline yet) is read next time, whole.
    const end = buf.lastIndexOf(0x0a);
    if (end < 0) return from;
    const text = buf.subarray(0, end).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line.includes(this.needle)) continue;
      let rec: TrapRecord;
      try {
        rec = JSON.parse(line) as TrapRecord;
      } catch {
        continue; // a torn line after a crash
      }
      if (!rec || rec.class !== this.trapClass || !rec.server || typeof rec.receivedAt !== 'string') continue;
      const seen = this.newest.get(rec.server);
      if (!seen || rec.receivedAt >= seen.receivedAt) this.newest.set(rec.server, { receivedAt: rec.receivedAt, record: rec });
    }
    return from + end + 1;
  }
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
