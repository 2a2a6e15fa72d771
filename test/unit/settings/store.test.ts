import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { renderMessage } from '../../../shared/messages';
import { ipmiDefaultsInUse, ipmiSettingsIn, SettingsStore as Store } from '../../../src-main/services/settings';
import type { SettingsStoreDeps } from '../../../src-main/services/settings/store';

/** The store as the process builds it, reporting the engine's IPMI values. */
class SettingsStore extends Store {
  constructor(d: Omit<SettingsStoreDeps, 'ipmi'>) {
    super({ ...d, ipmi: ipmiDefaultsInUse });
  }
}

const REPO = path.resolve(__dirname, '..', '..', '..');
let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-settings-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(home, { recursive: true, force: true });
});

async function refusal(p: Promise<unknown>): Promise<FieldKitError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(FieldKitError);
  return e as FieldKitError;
}

describe('settings store', () => {
  it('round-trips: defaults without a file, a saved patch read back by a new store, other fields kept', async () => {
    const a = new SettingsStore({ home });
    expect(a.view().settings).toEqual({ monitorIntervalSeconds: 30 });
    expect(fs.existsSync(a.file)).toBe(false);
    await a.save({ language: 'ja', monitorIntervalSeconds: '45' });
    const b = new SettingsStore({ home });
    expect(b.view().settings).toEqual({ language: 'ja', monitorIntervalSeconds: 45 });
    await b.save({ language: 'en' });
    expect(JSON.parse(fs.readFileSync(b.file, 'utf8'))).toEqual({ language: 'en', monitorIntervalSeconds: 45 });
    expect(fs.statSync(b.file).mode & 0o777).toBe(0o600);
    // What the engine uses is reported, not stored.
    expect(b.view().ipmi).toMatchObject({ newServerCipherSuite: 3, newServerPrivilege: 'ADMINISTRATOR', autoOrder: [17, 3], weakSuites: [0, 1, 2], timeoutMs: 5000, retries: 3 });
  });

  it.each([
    [{ monitorIntervalSeconds: '5' }, 'SETTINGS_MONITOR_INTERVAL_INVALID'],
    [{ monitorIntervalSeconds: 3601 }, 'SETTINGS_MONITOR_INTERVAL_INVALID'],
    [{ monitorIntervalSeconds: '30.5' }, 'SETTINGS_MONITOR_INTERVAL_INVALID'],
    [{ monitorIntervalSeconds: '' }, 'SETTINGS_MONITOR_INTERVAL_INVALID'],
    [{ language: 'fr' }, 'SETTINGS_LANGUAGE_INVALID'],
    // One bad field refuses the whole patch: the good one is not written either.
    [{ language: 'en', monitorIntervalSeconds: 'abc' }, 'SETTINGS_MONITOR_INTERVAL_INVALID'],
    // A weak suite is never a default: it is accepted per server only.
    [{ ipmiNewServerCipherSuite: 1 }, 'SETTINGS_IPMI_SUITE_INVALID'],
    [{ ipmiNewServerCipherSuite: '17x' }, 'SETTINGS_IPMI_SUITE_INVALID'],
    [{ ipmiNewServerPrivilege: 'admin' }, 'SETTINGS_IPMI_PRIVILEGE_INVALID'],
    [{ ipmiTimeoutMs: 999 }, 'SETTINGS_IPMI_TIMEOUT_INVALID'],
    [{ ipmiTimeoutMs: '60001' }, 'SETTINGS_IPMI_TIMEOUT_INVALID'],
    [{ ipmiRetries: 11 }, 'SETTINGS_IPMI_RETRIES_INVALID'],
    [{ ipmiRetries: '-1' }, 'SETTINGS_IPMI_RETRIES_INVALID'],
    [{ ipmiTimeoutMs: 2000, ipmiRetries: 'two' }, 'SETTINGS_IPMI_RETRIES_INVALID'],
  ])('refuses %j with %s and leaves the file as it was', async (patch, id) => {
    const audit = vi.fn();
    const s = new SettingsStore({ home, audit, who: 'tester', via: 'cli' });
    await s.save({ language: 'ja', monitorIntervalSeconds: 60 });
    const before = fs.readFileSync(s.file, 'utf8');
    const e = await refusal(s.save(patch));
    expect(e.id).toBe(id);
    expect(fs.readFileSync(s.file, 'utf8')).toBe(before);
    expect(audit).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'settings.save', result: 'refused', errorId: id }));
    // The catalogue speaks both languages about it, with the bounds filled in.
    const en = renderMessage(e.id, e.params, 'en');
    expect(en.text).not.toMatch(/\{\w+\}/);
    expect(renderMessage(e.id, e.params, 'ja').text).toMatch(/[\u3040-\u30ff]/);
  });

  it('IPMI defaults: saved, read back, reported as in use, and read by the engine and the inventory through ipmiSettingsIn', async () => {
    const s = new SettingsStore({ home });
    await s.save({ ipmiNewServerCipherSuite: '17', ipmiNewServerPrivilege: 'OPERATOR', ipmiTimeoutMs: '2000', ipmiRetries: 0 });
    const v = new SettingsStore({ home }).view();
    expect(v.settings.ipmi).toEqual({ newServerCipherSuite: 17, newServerPrivilege: 'OPERATOR', timeoutMs: 2000, retries: 0 });
    expect(v.ipmi).toMatchObject({ newServerCipherSuite: 17, newServerPrivilege: 'OPERATOR', timeoutMs: 2000, retries: 0, autoOrder: [17, 3] });
    expect(ipmiSettingsIn(home)).toEqual({ newServerCipherSuite: 17, newServerPrivilege: 'OPERATOR', timeoutMs: 2000, retries: 0 });
    // Another field saved later keeps them.
    await s.save({ monitorIntervalSeconds: 60 });
    expect(ipmiSettingsIn(home).timeoutMs).toBe(2000);
    // A file edited by hand into a weak default: the whole file is refused, FieldKit's own values are used.
    fs.writeFileSync(s.file, JSON.stringify({ monitorIntervalSeconds: 30, ipmi: { newServerCipherSuite: 0 } }));
    expect(ipmiSettingsIn(home)).toEqual({});
    expect(s.view().problem?.id).toBe('SETTINGS_FILE_INVALID');
    expect(s.view().ipmi).toMatchObject({ newServerCipherSuite: 3, timeoutMs: 5000, retries: 3 });
  });

  it('writes through a temp file renamed over settings.json: a crash before the rename leaves the old file whole', async () => {
    const s = new SettingsStore({ home });
    await s.save({ monitorIntervalSeconds: 60 });
    const before = fs.readFileSync(s.file, 'utf8');
    const seen: Array<{ from: string; to: string; targetThen: string; tempThen: string }> = [];
    const realRename = fsp.rename.bind(fsp);
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      if (String(to) === s.file) {
        seen.push({ from: String(from), to: String(to), targetThen: fs.readFileSync(s.file, 'utf8'), tempThen: fs.readFileSync(from, 'utf8') });
        throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
      }
      return realRename(from, to);
    });
    const e = await refusal(s.save({ monitorIntervalSeconds: 120 }));
    expect(e.id).toBe('FILE_WRITE_FAILED');
    // The new content was complete in a temp file beside settings.json while settings.json still held the old one.
    expect(seen).toHaveLength(1);
    expect(path.dirname(seen[0].from)).toBe(home);
    expect(path.basename(seen[0].from)).toMatch(/^settings\.json\.tmp-/);
    expect(JSON.parse(seen[0].tempThen).monitorIntervalSeconds).toBe(120);
    expect(seen[0].targetThen).toBe(before);
    expect(fs.readFileSync(s.file, 'utf8')).toBe(before);
    expect(fs.readdirSync(home).filter((n) => n.includes('.tmp-'))).toEqual([]);
    vi.restoreAllMocks();
    await s.save({ monitorIntervalSeconds: 120 });
    expect(s.view().settings.monitorIntervalSeconds).toBe(120);
    expect(JSON.parse(fs.readFileSync(`${s.file}.prev`, 'utf8')).monitorIntervalSeconds).toBe(60);
  });

  it('a writer killed at a random moment leaves a settings.json that reads as one of its whole versions', async () => {
    const script = path.join(home, 'writer.mts');
    fs.writeFileSync(script, [
      `import { SettingsStore } from ${JSON.stringify(path.join(REPO, 'src-main/services/settings/store.ts'))};`,
      `const s = new SettingsStore({ home: ${JSON.stringify(home)}, ipmi: () => ({}) as never });`,
      'let i = 0;',
      'for (;;) { await s.save({ monitorIntervalSeconds: 10 + (i++ % 3000) }); if (i === 20) process.stdout.write("running\\n"); }',
    ].join('\n'));
    // Node itself with tsx's loader, not the tsx launcher: the process killed must be the one writing.
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('running') && resolve());
      child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr.slice(0, 2000)}`)));
    });
    await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 150)));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    // Whatever the writer left half-done stays as it was: nothing writes any more.
    const after = fs.readFileSync(path.join(home, 'settings.json'), 'utf8');
    await new Promise((r) => setTimeout(r, 100));
    expect(fs.readFileSync(path.join(home, 'settings.json'), 'utf8')).toBe(after);
    const s = new SettingsStore({ home });
    const { settings, problem } = s.read();
    expect(problem).toBeUndefined();
    expect(settings.monitorIntervalSeconds).toBeGreaterThanOrEqual(10);
  }, 30_000);

  it('reading sweeps the temp file of a writer that died, never one whose writer still runs', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    const orphan = `settings.json.tmp-${dead.pid}-abc123`;
    const live = `settings.json.tmp-${process.pid}-def456`;
    fs.writeFileSync(path.join(home, orphan), '{"monitorIntervalSeconds": 4');
    fs.writeFileSync(path.join(home, live), '{}');
    new SettingsStore({ home }).read();
    expect(fs.existsSync(path.join(home, orphan))).toBe(false);
    expect(fs.existsSync(path.join(home, live))).toBe(true);
  });

  it('an unreadable settings.json: defaults with SETTINGS_FILE_INVALID; the next save keeps it as .prev', async () => {
    const s = new SettingsStore({ home });
    fs.writeFileSync(s.file, '{"monitorIntervalSeconds": "often"');
    expect(s.view().problem?.id).toBe('SETTINGS_FILE_INVALID');
    expect(s.view().settings).toEqual({ monitorIntervalSeconds: 30 });
    fs.writeFileSync(s.file, '{"monitorIntervalSeconds": 2}');
    expect(s.view().problem).toMatchObject({ id: 'SETTINGS_FILE_INVALID', params: { detail: 'SETTINGS_MONITOR_INTERVAL_INVALID' } });
    await s.save({ language: 'en' });
    expect(s.view().problem).toBeUndefined();
    expect(fs.readFileSync(`${s.file}.prev`, 'utf8')).toBe('{"monitorIntervalSeconds": 2}');
  });
});
