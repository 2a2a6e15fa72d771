import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELDKIT_BIN, REPO, startHeadlessHost } from '../../support/headless-host';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

function fieldkit(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [FIELDKIT_BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
}

describe('fieldkit CLI entry', () => {
  it('show version --json carries package.json version', () => {
    const r = fieldkit(['show', 'version', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).version).toBe(pkg.version);
  });

  it('the global --json works the same', () => {
    const r = fieldkit(['--json', 'show', 'version']);
    expect(JSON.parse(r.stdout).version).toBe(pkg.version);
  });

  it('--help works on the program and on commands, exit 0', () => {
    for (const args of [['--help'], ['show', '--help'], ['show', 'version', '--help'], ['serve', '--help']]) {
      const r = fieldkit(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: fieldkit/);
    }
    expect(fieldkit(['--help']).stdout).toMatch(/Exit codes/);
  });

  it('a wrong command line exits 2', () => {
    expect(fieldkit(['no-such-command']).status).toBe(2);
    expect(fieldkit(['show', 'version', '--bogus']).status).toBe(2);
  });

  it('uses --home, else FIELDKIT_HOME, for its state (logs land there)', () => {
    const a = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fk-home-a-')), 'state');
    const b = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fk-home-b-')), 'state');
    // serve refuses a non-loopback address, after the services have opened their home
    fieldkit(['--home', a, 'serve', '--address', '10.1.1.1']);
    fieldkit(['serve', '--address', '10.1.1.1'], { FIELDKIT_HOME: b });
    expect(fs.existsSync(a)).toBe(true);
    expect(fs.existsSync(b)).toBe(true);
  });

  it('errors are catalogued, in Japanese with --lang ja, and as JSON with --json', () => {
    const ja = fieldkit(['--lang', 'ja', 'serve', '--address', '192.0.2.1']);
    expect(ja.status).toBe(1);
    expect(ja.stderr).toContain('HOST_ADDRESS_NOT_LOOPBACK');
    expect(ja.stderr).toContain('ループバック');
    const json = fieldkit(['--json', 'serve', '--address', '192.0.2.1']);
    expect(JSON.parse(json.stdout).error.id).toBe('HOST_ADDRESS_NOT_LOOPBACK');
  });

  // `fieldkit` on PATH (an npm bin link) executes the launcher itself: its
  // shebang must work and hand node the options it names.
  const linuxOnly = process.platform === 'linux';
  if (!linuxOnly) console.warn('skipped: the shebang test reads /proc, which only Linux has');
  it.skipIf(!linuxOnly)('runs through its own shebang, and node gets the options that line names', async () => {
    const shebang = fs.readFileSync(FIELDKIT_BIN, 'utf8').split('\n')[0];
    const m = /^#!\/usr\/bin\/env -S node((?: --[a-z0-9-]+(?:=\S+)?)*)$/.exec(shebang);
    expect(m, shebang).not.toBeNull();
    const options = m![1].trim().split(' ').filter(Boolean);
    expect(options.length).toBeGreaterThan(0);
    const host = await startHeadlessHost({ throughShebang: true });
    try {
      // env execs node in place: same pid, and its command line is node's.
      const cmdline = fs.readFileSync(`/proc/${host.process.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      expect(path.basename(cmdline[0])).toMatch(/^node/);
      expect(cmdline.slice(1, 1 + options.length)).toEqual(options);
      expect(cmdline[1 + options.length]).toBe(FIELDKIT_BIN);
      const r = await fetch(host.url);
      expect(r.status).toBe(200);
    } finally {
      await host.stop();
    }
  });

  it('keeps one V8 code cache per command word, and none for a mistyped word', () => {
    // A private copy of launcher and bundle, so that other tests' runs do not touch its caches.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-cache-'));
    fs.mkdirSync(path.join(tmp, 'bin'));
    fs.mkdirSync(path.join(tmp, 'out', 'cli'), { recursive: true });
    fs.copyFileSync(FIELDKIT_BIN, path.join(tmp, 'bin', 'fieldkit.cjs'));
    // The entry and its chunks (out/cli/fieldkit-<hash>.cjs), without the repository's caches.
    for (const f of fs.readdirSync(path.join(REPO, 'out', 'cli')).filter((f) => /^fieldkit.*\.cjs$/.test(f))) {
      fs.copyFileSync(path.join(REPO, 'out', 'cli', f), path.join(tmp, 'out', 'cli', f));
    }
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(tmp, 'node_modules'));
    const home = path.join(tmp, 'home');
    const run = (args: string[]) => spawnSync(process.execPath, [path.join(tmp, 'bin', 'fieldkit.cjs'), ...args], { encoding: 'utf8', timeout: 30_000 });
    const allCaches = () => fs.readdirSync(path.join(tmp, 'out', 'cli')).filter((f) => f.endsWith('.v8cache')).sort();
    // The entry's caches; each chunk a command loaded has its own per word beside them.
    const caches = () => allCaches().filter((f) => f.startsWith('fieldkit.cjs.'));
    const chunkCaches = (word: string) => allCaches().filter((f) => f.startsWith('fieldkit-') && f.endsWith(`.${word}.v8cache`));
    try {
      expect(run(['--home', home, 'show', 'version']).status).toBe(0);
      expect(caches()).toEqual(['fieldkit.cjs.show.v8cache']);
      const showChunks = chunkCaches('show');
      expect(showChunks.length).toBeGreaterThan(0);
      expect(allCaches().length).toBe(1 + showChunks.length);
      const showCache = path.join(tmp, 'out', 'cli', 'fieldkit.cjs.show.v8cache');
      const written = fs.readFileSync(showCache);
      // Global options and their values do not change the word; the cache is used, not rewritten.
      expect(run(['--lang', 'en', '--home', home, 'show', 'version']).status).toBe(0);
      expect(fs.readFileSync(showCache).equals(written)).toBe(true);
      expect(run(['no-such-command']).status).toBe(2);
      expect(run(['--version']).status).toBe(0);
      expect(caches()).toEqual(['fieldkit.cjs.none.v8cache', 'fieldkit.cjs.show.v8cache']);
      expect(allCaches().filter((f) => f.includes('no-such-command'))).toEqual([]);
      // `show version` loads fewer chunks than the full tree that --version builds.
      expect(chunkCaches('show').length).toBeLessThan(chunkCaches('none').length);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('tells the user to build when the bundle is missing', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-bin-'));
    fs.mkdirSync(path.join(tmp, 'bin'));
    fs.copyFileSync(FIELDKIT_BIN, path.join(tmp, 'bin', 'fieldkit.cjs'));
    const r = spawnSync(process.execPath, [path.join(tmp, 'bin', 'fieldkit.cjs'), 'show', 'version'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm run build');
  });
});
