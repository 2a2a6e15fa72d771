import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogs, JsonLinesLog, RotatingFile } from '../../../src-main/services/logs';
import { defaultHome, resolveHome } from '../../../src-main/services/paths';
import { FakeClock } from '../../support/clock';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fk-logs-'));

describe('rotating logs', () => {
  it('keeps exactly the configured number of generations', () => {
    const dir = tmp();
    const file = path.join(dir, 'events.jsonl');
    const log = new RotatingFile(file, { maxBytes: 100, generations: 3 });
    for (let i = 0; i < 200; i++) log.append(`line ${String(i).padStart(4, '0')} ${'x'.repeat(20)}\n`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['events.jsonl', 'events.jsonl.1', 'events.jsonl.2', 'events.jsonl.3']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(100);
    // The newest line is in the current file, older ones moved down in order.
    expect(fs.readFileSync(file, 'utf8')).toContain('line 0199');
    const g1 = fs.readFileSync(`${file}.1`, 'utf8');
    const g3 = fs.readFileSync(`${file}.3`, 'utf8');
    expect(Number(/line (\d+)/.exec(g1)![1])).toBeGreaterThan(Number(/line (\d+)/.exec(g3)![1]));
  });

  it('reads the newest records across generations and skips torn lines', () => {
    const dir = tmp();
    const log = new JsonLinesLog<{ n: number }>(path.join(dir, 'ops.jsonl'), { maxBytes: 64, generations: 5 });
    for (let n = 0; n < 20; n++) log.append({ n });
    fs.appendFileSync(path.join(dir, 'ops.jsonl'), '{"n": 99'); // a crash mid-write
    const recent = log.readRecent(5);
    expect(recent.map((r) => r.n)).toEqual([15, 16, 17, 18, 19]);
  });

  it('the audit log is append-only JSON lines with who, when, target, action, result and no secrets', () => {
    const home = tmp();
    const logs = createLogs(home, new FakeClock('2026-11-22T00:00:00Z'));
    logs.operations.append({ who: 'eng', via: 'cli', target: 'server1', action: 'power off', result: 'ok', details: { password: 'hunter2', slot: 5 } });
    logs.operations.append({ who: 'eng', via: 'cli', target: 'server1', action: 'power on', result: 'failed', errorId: 'X' });
    const text = fs.readFileSync(path.join(home, 'logs', 'operations.jsonl'), 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ when: '2026-11-22T00:00:00.000Z', who: 'eng', target: 'server1', action: 'power off', result: 'ok' });
    expect(text).not.toContain('hunter2');
  });
});

describe('state directory', () => {
  it('follows --home, then FIELDKIT_HOME, then the platform folder Electron uses', () => {
    expect(resolveHome('/a', { FIELDKIT_HOME: '/b' })).toBe('/a');
    expect(resolveHome(undefined, { FIELDKIT_HOME: '/b' })).toBe('/b');
    expect(defaultHome({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/BMC FieldKit');
    expect(defaultHome({ APPDATA: 'C:\\Users\\e\\AppData\\Roaming' }, 'win32')).toContain('BMC FieldKit');
    expect(defaultHome({}, 'darwin')).toContain(path.join('Library', 'Application Support', 'BMC FieldKit'));
  });
});
