/**
 * The newest-trap-per-server index the dashboard asks every sweep: its
 * answers equal a full search of the log (TrapLog.search, the reference)
 * after appends, one rotation, several rotations between two questions,
 * another writer, and a line still being written; and it reads only what
 * was appended since it was last asked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrapClass, TrapRecord } from '../../../shared/model/trap';
import { RotatingFile } from '../../../src-main/services/logs/rotating-file';
import { NewestTrapIndex } from '../../../src-main/services/traps/newest-index';
import { TrapLog } from '../../../src-main/services/traps/trap-log';
import { makeTrapService } from '../../support/trap-service';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-newest-'));
  file = path.join(dir, 'traps.jsonl');
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
/** A log line as the trap service writes it (only the fields the index and the search read matter here). */
function line(server: string, cls: TrapClass, atMs: number): string {
  const rec = {
    id: `t${n++}`, receivedAt: new Date(atMs).toISOString(), source: { address: '127.0.0.1', port: 623 }, known: true, server, cluster: 'c1',
    class: cls, severity: cls === 'os-stop' ? 'critical' : 'info', trapOid: '1.3.6.1.4.1.3183.1.1.0.0', summary: `${cls} from ${server} #${n}`,
    varbinds: [], version: 'v1',
  } as unknown as TrapRecord;
  return `${JSON.stringify(rec)}\n`;
}

/** The reference: the newest os-stop trap of a server by a full search of every generation. */
function byFullSearch(server: string): string | undefined {
  return new TrapLog(file, { maxBytes: 1, generations: 99 }).search({ server, class: 'os-stop', limit: 1 })[0]?.summary;
}

describe('NewestTrapIndex', () => {
  it('equals a full search after appends, rotations (one, and several between two questions) and another writer', () => {
    const policy = { maxBytes: 4000, generations: 5 };
    const writer = new RotatingFile(file, policy);
    // Lines appended by someone else (another FieldKit process on the same state folder): the index follows the file, not this writer.
    const other = { append: (text: string) => fs.appendFileSync(file, text) };
    const index = new NewestTrapIndex(file, () => writer.files(), 'os-stop');
    const servers = ['node1', 'node2', 'node3'];
    let t = Date.UTC(2026, 11, 3);
    const check = () => {
      for (const s of servers) expect(index.get(s)?.record.summary, s).toBe(byFullSearch(s));
    };
    check(); // no log yet
    for (let round = 0; round < 12; round++) {
      // Between two questions: 0 to ~3 rotations' worth of lines, os-stop ones among many others.
      const count = [1, 5, 30, 70][round % 4];
      for (let i = 0; i < count; i++) {
        const s = servers[(round + i) % 3];
        const cls: TrapClass = i % 7 === 3 ? 'os-stop' : 'other';
        (i % 5 === 0 ? other : writer).append(line(s, cls, (t += 1000)));
      }
      check();
    }
    expect(writer.files().length).toBeGreaterThan(3); // it did rotate, several times
  });

  it('a line still being written is read when it is whole; a torn line is skipped', () => {
    fs.writeFileSync(file, line('node1', 'os-stop', Date.UTC(2026, 11, 3, 1)));
    const index = new NewestTrapIndex(file, () => [file], 'os-stop');
    expect(index.get('node1')?.receivedAt).toBe('2026-12-03T01:00:00.000Z');
    const next = line('node1', 'os-stop', Date.UTC(2026, 11, 3, 2));
    fs.appendFileSync(file, next.slice(0, 40)); // half a line, no newline yet
    expect(index.get('node1')?.receivedAt).toBe('2026-12-03T01:00:00.000Z');
    fs.appendFileSync(file, next.slice(40));
    expect(index.get('node1')?.receivedAt).toBe('2026-12-03T02:00:00.000Z');
    fs.appendFileSync(file, '{"class":"os-stop","server":"node1", torn\n');
    expect(index.get('node1')?.receivedAt).toBe('2026-12-03T02:00:00.000Z');
  });

  it('reads only what was appended since the last question', () => {
    const writer = new RotatingFile(file, { maxBytes: 1_000_000, generations: 2 });
    for (let i = 0; i < 500; i++) writer.append(line('node1', i === 10 ? 'os-stop' : 'other', Date.UTC(2026, 11, 3) + i));
    const index = new NewestTrapIndex(file, () => writer.files(), 'os-stop');
    expect(index.get('node1')).toBeDefined();
    const reads = vi.spyOn(fs, 'readSync');
    const appended = line('node2', 'os-stop', Date.UTC(2026, 11, 4));
    writer.append(appended);
    expect(index.get('node2')?.receivedAt).toBe('2026-12-04T00:00:00.000Z');
    const bytesAsked = reads.mock.calls.reduce((a, c) => a + (c[1] as Buffer).length, 0);
    expect(bytesAsked).toBe(Buffer.byteLength(appended));
    reads.mockClear();
    expect(index.get('node1')).toBeDefined();
    expect(reads).not.toHaveBeenCalled();
  });

  it('the trap service answers the dashboard: the newest OS stop of a server within the window, also one logged after the first question', () => {
    const { svc, dir: logDir } = makeTrapService();
    try {
      const log = path.join(logDir, 'traps.jsonl');
      const at = (h: number) => Date.UTC(2026, 11, 3, h);
      fs.writeFileSync(log, line('server1', 'os-stop', at(1)) + line('server1', 'other', at(2)) + line('server1', 'os-stop', at(3)) + line('server2', 'os-stop', at(4)));
      // The newest, not the first found.
      expect(svc.newestOsStop('server1', new Date(at(0)).toISOString())?.receivedAt).toBe(new Date(at(3)).toISOString());
      // Older than the window: none.
      expect(svc.newestOsStop('server1', new Date(at(3) + 1).toISOString())).toBeUndefined();
      fs.appendFileSync(log, line('server1', 'os-stop', at(5)));
      expect(svc.newestOsStop('server1', new Date(at(3) + 1).toISOString())?.summary).toMatch(/^os-stop from server1/);
      expect(svc.newestOsStop('server3', new Date(at(0)).toISOString())).toBeUndefined();
    } finally {
      fs.rmSync(logDir, { recursive: true, force: true });
    }
  });
});
