/**
 * CLI start-up (npm run bench -- cli, or alone: npx tsx bench/cli.ts):
 * `fieldkit show version` against `node -e 0`, whole processes in turn, as
 * wall time, CPU time (user + system) and peak memory (maximum resident set).
 * The reference is Node itself: what FieldKit adds to a start is its own
 * loading, and `show version` loads only what that command needs (issue 17:
 * ≤ 1.3 × the wall time, ≤ 1.15 × the peak memory).
 *
 * CPU and peak memory come from the kernel's accounting of the finished
 * child (GNU time's -f %U %S %M); where /usr/bin/time is missing only the
 * wall time is measured and the note says so. Every process runs without
 * NODE_EXTRA_CA_CERTS (see bench/ipmi.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { BenchResult } from '../scripts/bench';

const ROOT = path.resolve(__dirname, '..');
const FIELDKIT = path.join(ROOT, 'bin', 'fieldkit.cjs');
const GNU_TIME = '/usr/bin/time';

export interface Usage { ms: number; cpuMs: number; peakMb: number; code: number | null; out: string; err: string }

/**
 * One whole process: wall time measured here, CPU and peak RSS (MB) from
 * GNU time when present (written to a file, so the child's stderr stays its own).
 */
export function measured(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Usage> {
  const useTime = fs.existsSync(GNU_TIME);
  const stats = path.join(os.tmpdir(), `fk-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const [c, a] = useTime ? [GNU_TIME, ['-o', stats, '-f', '%U %S %M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(c, a, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      let cpuMs = NaN;
      let peakMb = NaN;
      if (useTime) {
        // GNU time prints "Command exited with non-zero status N" first on failure: the last line holds the figures.
        const last = fs.readFileSync(stats, 'utf8').trim().split('\n').pop() ?? '';
        fs.rmSync(stats, { force: true });
        const [u, s, kb] = last.split(' ').map(Number);
        cpuMs = (u + s) * 1000;
        peakMb = kb / 1024;
      }
      resolve({ ms, cpuMs, peakMb, code, out, err });
    });
  });
}

export interface Spread { median: number; q1: number; q3: number }

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

/** Runs a and b in turn (a b, b a, ...) after one warm-up each; the usages of each. */
export async function pairedUsage(runs: number, a: () => Promise<Usage>, b: () => Promise<Usage>): Promise<{ a: Usage[]; b: Usage[] }> {
  await a();
  await b();
  const xa: Usage[] = [];
  const xb: Usage[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) { xa.push(await a()); xb.push(await b()); } else { xb.push(await b()); xa.push(await a()); }
  }
  return { a: xa, b: xb };
}

export function benchEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

const med = (us: Usage[], k: 'ms' | 'cpuMs' | 'peakMb') => spread(us.map((u) => u[k]));
const iqr = (s: Spread, digits = 0) => `${s.q1.toFixed(digits)}-${s.q3.toFixed(digits)}`;

/**
 * The floor of the startup-snapshot route (issue 17 named `node --build-snapshot`):
 * a snapshot of a program that only prints a line, started with
 * `--snapshot-blob`, against `node -e 0`. Node 20 deserialises a user snapshot
 * from its file instead of the one built into its binary, so this is what any
 * snapshot of the CLI would start from before any of FieldKit's own code ran.
 * Undefined where this Node cannot build one.
 */
async function snapshotFloor(dir: string, env: NodeJS.ProcessEnv, node: () => Promise<Usage>): Promise<BenchResult | undefined> {
  const entry = path.join(dir, 'snapshot-entry.cjs');
  const blob = path.join(dir, 'empty.blob');
  fs.writeFileSync(entry, "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => process.stdout.write('ok\\n'));\n");
  const b = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { env, encoding: 'utf8' });
  if (b.status !== 0) return undefined;
  const snap = async () => {
    const r = await measured(process.execPath, ['--snapshot-blob', blob], env);
    if (r.code !== 0 || r.out !== 'ok\n') throw new Error(`node --snapshot-blob failed (${r.code}): ${r.err.slice(0, 300)}`);
    return r;
  };
  const p = await pairedUsage(21, snap, node);
  const wall = { a: med(p.a, 'ms'), b: med(p.b, 'ms') };
  return {
    name: 'CLI start: an empty startup snapshot vs node -e 0, wall', fieldkit: wall.a.median, reference: wall.b.median, unit: 'ms', ratio: wall.a.median / wall.b.median,
    note: `the floor of a V8 startup snapshot of the CLI on this Node (a ${(fs.statSync(blob).size / 1e6).toFixed(1)} MB blob of a program that prints one line); medians of 21 in turn, quartiles ${iqr(wall.a)} / ${iqr(wall.b)} ms`,
  };
}

export async function run(): Promise<BenchResult[]> {
  const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`CLI build failed: ${b.stderr}`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-bench-cli-'));
  try {
    const env = benchEnv({ FIELDKIT_HOME: home });
    // As a field engineer runs it: the launcher through its shebang (Windows: node with the same file).
    const [cmd, pre] = process.platform === 'win32' ? [process.execPath, [FIELDKIT]] : [FIELDKIT, []];
    const fk = async () => {
      const r = await measured(cmd, [...pre, 'show', 'version'], env);
      if (r.code !== 0 || !r.out.startsWith('FieldKit ')) throw new Error(`fieldkit show version failed (${r.code}): ${r.err.slice(0, 300)}`);
      return r;
    };
    const node = async () => {
      const r = await measured(process.execPath, ['-e', '0'], env);
      if (r.code !== 0) throw new Error(`node -e 0 failed (${r.code})`);
      return r;
    };
    // The first run after a build writes the code caches; the warm-up of pairedUsage takes it.
    const p = await pairedUsage(21, fk, node);
    const wall = { a: med(p.a, 'ms'), b: med(p.b, 'ms') };
    const cpu = { a: med(p.a, 'cpuMs'), b: med(p.b, 'cpuMs') };
    const peak = { a: med(p.a, 'peakMb'), b: med(p.b, 'peakMb') };
    const results: BenchResult[] = [{
      name: 'CLI start: fieldkit show version vs node -e 0, wall', fieldkit: wall.a.median, reference: wall.b.median, unit: 'ms', ratio: wall.a.median / wall.b.median,
      note: `target ≤ 1.3; medians of 21 runs in turn, quartiles ${iqr(wall.a)} / ${iqr(wall.b)} ms`,
    }];
    if (Number.isFinite(peak.a.median)) {
      results.push({
        name: 'CLI start: fieldkit show version vs node -e 0, peak memory', fieldkit: peak.a.median, reference: peak.b.median, unit: 'MB', ratio: peak.a.median / peak.b.median,
        note: `target ≤ 1.15; maximum resident set, quartiles ${iqr(peak.a, 1)} / ${iqr(peak.b, 1)} MB`,
      });
      results.push({
        name: 'CLI start: fieldkit show version vs node -e 0, CPU', fieldkit: cpu.a.median, reference: cpu.b.median, unit: 'ms', ratio: cpu.a.median / cpu.b.median,
        note: `user + system; quartiles ${iqr(cpu.a)} / ${iqr(cpu.b)} ms`,
      });
    } else {
      results[0].note += `; peak memory and CPU not measured: no ${GNU_TIME}`;
    }
    const floor = await snapshotFloor(home, env, node);
    if (floor) results.push(floor);
    return results;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  run().then(
    (rs) => { for (const r of rs) console.log(`${r.name.padEnd(62)} fieldkit ${r.fieldkit.toFixed(1)} ${r.unit}  reference ${r.reference.toFixed(1)} ${r.unit}  ratio ${r.ratio.toFixed(3)}  ${r.note ?? ''}`); },
    (e) => { console.error(e); process.exitCode = 1; },
  );
}
