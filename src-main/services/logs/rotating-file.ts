import fs from 'node:fs';
import path from 'node:path';

export interface RotationPolicy {
  /** Rotate when the current file would grow past this many bytes. */
  maxBytes: number;
  /** How many rotated generations to keep besides the current file (name.1 … name.N). */
  generations: number;
}

/**
 * An append-only text file rotated by size: name → name.1 → … → name.N, the
 * oldest dropped. Appends are synchronous so that a line written before a
 * crash is on disk (the audit log must not lose the record of a power action).
 */
export class RotatingFile {
  private size: number | undefined;

  constructor(
    readonly file: string,
    private readonly policy: RotationPolicy,
  ) {}

  append(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.size === undefined) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
    }
    if (this.size > 0 && this.size + bytes > this.policy.maxBytes) this.rotate();
    fs.appendFileSync(this.file, text, { mode: 0o600 });
    this.size += bytes;
  }

  /** The current file first, then generations 1..N that exist. */
  files(): string[] {
    const all = [this.file];
    for (let g = 1; g <= this.policy.generations; g++) all.push(`${this.file}.${g}`);
    return all.filter((f) => fs.existsSync(f));
  }

  private rotate(): void {
    const { generations } = this.policy;
    if (generations <= 0) {
      fs.rmSync(this.file, { force: true });
    } else {
      fs.rmSync(`${this.file}.${generations}`, { force: true });
      for (let g = generations - 1; g >= 1; g--) {
        const from = `${this.file}.${g}`;
        if (fs.existsSync(from)) fs.renameSync(from, `${this.file}.${g + 1}`);
      }
      if (fs.existsSync(this.file)) fs.renameSync(this.file, `${this.file}.1`);
    }
    this.size = 0;
  }
}

/** A rotating file of JSON lines with a reader for the newest records. */
export class JsonLinesLog<T> {
  readonly file: RotatingFile;

  constructor(file: string, policy: RotationPolicy) {
    this.file = new RotatingFile(file, policy);
  }

  append(record: T): void {
    this.file.append(`${JSON.stringify(record)}\n`);
  }

  /** Newest last; reads generations from newest to oldest until `limit` records are found. Bad lines are skipped. */
  readRecent(limit: number): T[] {
    const out: T[] = [];
    for (const f of this.file.files()) {
      const lines = fs.readFileSync(f, 'utf8').split('\n').filter(Boolean);
      for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
        try {
          out.push(JSON.parse(lines[i]) as T);
        } catch {
          // A torn last line after a crash: skip it rather than lose the file.
        }
      }
      if (out.length >= limit) break;
    }
    return out.reverse();
  }
}
