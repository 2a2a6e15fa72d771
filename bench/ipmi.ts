/**
 * IPMI benchmarks (npm run bench, or alone: npx tsx bench/ipmi.ts):
 *  1. 2,000 sequential Get Sensor Reading on one session: `fieldkit exec`
 *     against `ipmitool exec`, whole process, same simulator.
 *  2. 200 commands as 200 ipmitool processes against one `fieldkit exec`.
 *  3. Power-status sweep over 32 simulators: `fieldkit power status -H a,b,...`
 *     (one engine, every session concurrent) against FreeIPMI
 *     `ipmipower -h a,b,... --stat`, both at admin privilege; also FieldKit's
 *     time above `node -e 0` against ipmipower's whole run (issue 17: ≤ 0.5),
 *     and the same over 256 simulators. The sweep's simulators answer Get
 *     Chassis Status themselves (no chassis_control script, so every one is
 *     off): with the script, each status read makes ipmi_sim start a shell and
 *     the script (two process starts, 15-50 ms each on the 2-core test
 *     machine), one at a time per simulator, and that work (about 25 ms per
 *     host for either tool) was what the sweep measured. It also broke the
 *     reference: past ~24 hosts the answers came later than ipmipower's 400 ms
 *     retransmission timeout, each retransmission cost the simulator another
 *     script run, and ipmipower ended in 'session timeout' for every host.
 *  4. A SEL of 1,000 entries read and decoded: `fieldkit sel list` against
 *     `ipmitool sel elist` and `ipmi-sel`.
 * Each figure is the median of several runs after a warm-up; FieldKit and the
 * reference run in turn (a, b, b, a, ...) so that both see the same machine.
 *
 * Every timed process runs without NODE_EXTRA_CA_CERTS: with it, each Node
 * process parses that CA bundle before any code runs (about 70 ms on the
 * project's machines, printed with the results). Neither tool opens a TLS
 * connection; the variable is an artefact of the build machines, not of a
 * field engineer's laptop.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IpmiEngine } from '../src-main/engines/ipmi';
import { buildEmu } from '../test/fixtures/ipmi/emu';
import { rmcpPing, startIpmiSim, stopAllSims, type IpmiSim } from '../test/support/ipmi-sim';
import type { BenchResult } from '../scripts/bench';
import { measured, pairedUsage, spread as spreadOf, type Usage } from './cli';

const ROOT = path.resolve(__dirname, '..');
const FIELDKIT = path.join(ROOT, 'bin', 'fieldkit.cjs');

/**
 * How a field engineer's `fieldkit` runs: the launcher itself, through its
 * shebang (and the node options it names), as an npm bin link on PATH
 * executes it. Windows has no shebangs; there npm's shim passes the same
 * options to node, which is what this does.
 */
function fieldkitCommand(args: string[]): [string, string[]] {
  if (process.platform !== 'win32') return [FIELDKIT, args];
  const options = /^#!\/usr\/bin\/env -S node(.*)$/m.exec(fs.readFileSync(FIELDKIT, 'utf8'))?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
  return [process.execPath, [...options, FIELDKIT, ...args]];
}

/** Times a fieldkit run (see fieldkitCommand). */
function timedFieldkit(args: string[], env: NodeJS.ProcessEnv) {
  const [cmd, argv] = fieldkitCommand(args);
  return timed(cmd, argv, env);
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ ms: performance.now() - t0, code, out, err }));
  });
}

async function median(runs: number, f: () => Promise<number>): Promise<number> {
  await f(); // warm-up: page cache, SDR caches
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await f());
  return spread(xs).median;
}

interface Spread { median: number; q1: number; q3: number }

function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

/**
 * Medians of a and b measured in turn (a b, b a, a b, ...) after one warm-up
 * each, so that a busy moment of the machine hits both alike.
 */
async function paired(runs: number, a: () => Promise<number>, b: () => Promise<number>): Promise<{ a: Spread; b: Spread }> {
  await a();
  await b();
  const xa: number[] = [];
  const xb: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) { xa.push(await a()); xb.push(await b()); } else { xb.push(await b()); xa.push(await a()); }
  }
  return { a: spread(xa), b: spread(xb) };
}

const iqr = (s: Spread) => `${s.q1.toFixed(0)}-${s.q3.toFixed(0)}`;

/** The machine's 1-minute load when a figure was taken (other work on a shared machine skews timings). */
const load = () => os.loadavg()[0].toFixed(1);

/** The environment of every timed process (see the header). */
function benchEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

function check(r: { code: number | null; err: string }, what: string) {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.err.slice(0, 500)}`);
}

/** 1,000 SEL records: slot faults asserted/deasserted and threshold crossings. */
function selLines(n: number): string[] {
  const lines: string[] = [];
  const t0 = Math.floor(Date.UTC(2026, 0, 1) / 1000);
  for (let i = 0; i < n; i++) {
    const ts = t0 + i * 60;
    const tsb = [ts & 0xff, (ts >> 8) & 0xff, (ts >> 16) & 0xff, (ts >>> 24) & 0xff];
    const kind = i % 4;
    const ev = kind === 0 ? [0x21, 0x35, 0x6f, 0x00] : kind === 1 ? [0x21, 0x35, 0xef, 0x00] : kind === 2 ? [0x01, 0x01, 0x01, 0x59] : [0x09, 0x04, 0x6f, 0x00];
    const data = kind === 2 ? [0x5f, 0x5a] : [0xff, 0xff];
    const bytes = [...tsb, 0x20, 0x00, 0x04, ev[0], ev[1], ev[2], ev[3], ...data];
    lines.push(`sel_add 0x20 0x02 ${bytes.map((b) => '0x' + b.toString(16).padStart(2, '0')).join(' ')}`);
  }
  return lines;
}

export async function run(): Promise<BenchResult[]> {
  const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`CLI build failed: ${b.stderr}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-bench-ipmi-'));
  const results: BenchResult[] = [];
  const sims: IpmiSim[] = [];
  try {
    const emu = buildEmu().replace('sel_enable 0x20 1000 0x0a', 'sel_enable 0x20 1100 0x0a').replace('mc_enable 0x20', [...selLines(999), 'mc_enable 0x20'].join('\n'));
    const sim = await startIpmiSim({ emu, name: 'bench' });
    sims.push(sim);
    const env = benchEnv({ FIELDKIT_HOME: path.join(tmp, 'home'), FIELDKIT_PASSWORD: sim.password });
    const refEnv = benchEnv();
    // What NODE_EXTRA_CA_CERTS would add to every Node start here (reported, not timed in the ratios).
    let caNote = '';
    if (process.env.NODE_EXTRA_CA_CERTS) {
      const startup = await paired(7, async () => (await timed(process.execPath, ['-e', '0'], process.env)).ms, async () => (await timed(process.execPath, ['-e', '0'], refEnv)).ms);
      caNote = `; node -e 0 takes ${startup.a.median.toFixed(0)} ms with NODE_EXTRA_CA_CERTS, ${startup.b.median.toFixed(0)} ms without`;
    }
    const fk = (args: string[]) => [...args, '-H', `127.0.0.1:${sim.port}`, '-U', sim.username, '-C', '3'];

    // 1. 2,000 Get Sensor Reading on one session.
    const file2000 = path.join(tmp, 'readings-2000.txt');
    fs.writeFileSync(file2000, Array.from({ length: 2000 }, () => 'raw 0x04 0x2d 0x01').join('\n') + '\n');
    // Wall, CPU (user + system) and peak memory of each whole process (bench/cli.ts).
    const u2000 = await pairedUsage(
      21,
      async () => { const [c, a] = fieldkitCommand(fk(['exec', file2000])); const r = await measured(c, a, env); check(r, 'fieldkit exec'); return r; },
      async () => { const r = await measured('ipmitool', [...sim.ipmitoolArgs(3), 'exec', file2000], refEnv); check(r, 'ipmitool exec'); return r; },
    );
    const of = (us: Usage[], k: 'ms' | 'cpuMs' | 'peakMb') => spreadOf(us.map((u) => u[k]));
    const e2000 = { a: of(u2000.a, 'ms'), b: of(u2000.b, 'ms') };
    const fk2000 = e2000.a.median;
    const it2000 = e2000.b.median;
    results.push({
      name: '2,000 Get Sensor Reading, one session (exec, whole process)', fieldkit: fk2000, reference: it2000, unit: 'ms', ratio: fk2000 / it2000,
      note: `reference: ipmitool -I lanplus -C 3 exec; medians of 21 runs in turn, quartiles fieldkit ${iqr(e2000.a)} ms, ipmitool ${iqr(e2000.b)} ms${caNote}; load ${load()}`,
    });
    const cpu2000 = { a: of(u2000.a, 'cpuMs'), b: of(u2000.b, 'cpuMs') };
    if (Number.isFinite(cpu2000.a.median)) {
      const peak2000 = { a: of(u2000.a, 'peakMb'), b: of(u2000.b, 'peakMb') };
      results.push({ name: '2,000 Get Sensor Reading (exec), CPU user + system', fieldkit: cpu2000.a.median, reference: cpu2000.b.median, unit: 'ms', ratio: cpu2000.a.median / cpu2000.b.median, note: `target ≤ 1.5; same runs; quartiles ${iqr(cpu2000.a)} / ${iqr(cpu2000.b)} ms; load ${load()}` });
      results.push({ name: '2,000 Get Sensor Reading (exec), peak memory', fieldkit: peak2000.a.median, reference: peak2000.b.median, unit: 'MB', ratio: peak2000.a.median / peak2000.b.median, note: 'same runs; maximum resident set' });
      const nodeRuns: Usage[] = [];
      for (let i = 0; i < 9; i++) nodeRuns.push(await measured(process.execPath, ['-e', '0'], refEnv));
      const node0 = of(nodeRuns, 'cpuMs');
      results.push({ name: 'node -e 0 alone, CPU user + system (what Node costs any run)', fieldkit: node0.median, reference: cpu2000.b.median, unit: 'ms', ratio: node0.median / cpu2000.b.median, note: 'reference: ipmitool exec of 2,000 readings' });
    }

    // 1b. The same 2,000 readings inside a running FieldKit (UI / headless host):
    // engine already loaded and warm, session open. Shows where whole-process time goes.
    {
      const engine = new IpmiEngine();
      try {
        const s = engine.session({ host: sim.host, port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 });
        await s.connect();
        const warm = await median(3, async () => {
          const t0 = performance.now();
          for (let i = 0; i < 2000; i++) await s.request(0x04, 0x2d, Uint8Array.of(0x01));
          return performance.now() - t0;
        });
        results.push({ name: '2,000 Get Sensor Reading in a running FieldKit (warm engine)', fieldkit: warm, reference: it2000, unit: 'ms', ratio: warm / it2000, note: 'no process start; reference: ipmitool exec whole process' });
      } finally {
        await engine.close();
      }
    }

    // 2. 200 commands: 200 ipmitool processes against one fieldkit exec.
    const file200 = path.join(tmp, 'readings-200.txt');
    fs.writeFileSync(file200, Array.from({ length: 200 }, () => 'raw 0x04 0x2d 0x01').join('\n') + '\n');
    const fk200 = await median(3, async () => { const r = await timedFieldkit(fk(['exec', file200]), env); check(r, 'fieldkit exec'); return r.ms; });
    const it200 = await median(1, async () => {
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) check(await timed('ipmitool', [...sim.ipmitoolArgs(3), 'raw', '0x04', '0x2d', '0x01'], refEnv), 'ipmitool raw');
      return performance.now() - t0;
    });
    results.push({ name: '200 commands: one fieldkit exec vs 200 ipmitool processes', fieldkit: fk200, reference: it200, unit: 'ms', ratio: fk200 / it200 });

    // 4. SEL of 1,000 entries, read and decoded (SDR caches warm on both sides).
    const fkSelRun = async () => {
      const r = await timedFieldkit(fk(['sel', 'list']), env);
      check(r, 'fieldkit sel list');
      const n = r.out.trim().split('\n').length - 1;
      if (n < 1000) throw new Error(`fieldkit sel list printed ${n} entries`);
      return r.ms;
    };
    const sel1 = await paired(7, fkSelRun, async () => { const r = await timed('ipmitool', [...sim.ipmitoolArgs(3), 'sel', 'elist'], refEnv); check(r, 'ipmitool sel elist'); return r.ms; });
    const cache = path.join(tmp, 'freeipmi-cache');
    fs.mkdirSync(cache);
    const sel2 = await paired(7, fkSelRun, async () => { const r = await timed('ipmi-sel', [...sim.freeipmiArgs(3), `--sdr-cache-directory=${cache}`], refEnv); check(r, 'ipmi-sel'); return r.ms; });
    results.push({ name: 'SEL of 1,000 entries read and decoded vs ipmitool sel elist', fieldkit: sel1.a.median, reference: sel1.b.median, unit: 'ms', ratio: sel1.a.median / sel1.b.median, note: `quartiles ${iqr(sel1.a)} / ${iqr(sel1.b)} ms; load ${load()}` });
    results.push({ name: 'SEL of 1,000 entries read and decoded vs ipmi-sel', fieldkit: sel2.a.median, reference: sel2.b.median, unit: 'ms', ratio: sel2.a.median / sel2.b.median, note: `quartiles ${iqr(sel2.a)} / ${iqr(sel2.b)} ms; load ${load()}` });

    // 3. Power-status sweeps over 32 and 256 simulators (status reads only; see the header).
    const swept: IpmiSim[] = [];
    const sweepOver = async (n: number, runs: number) => {
      // Started a few at a time (each start waits for its presence ping), then
      // every one pinged again: no run is timed while simulators are starting.
      while (swept.length < n) {
        const batch = Math.min(8, n - swept.length);
        const started = await Promise.all(Array.from({ length: batch }, (_, k) => startIpmiSim({ name: `bench-${swept.length + k}`, noChassisControl: true })));
        sims.push(...started);
        swept.push(...started);
      }
      const group = swept.slice(0, n);
      for (const s of group) if (!(await rmcpPing(s.port, s.host, 1000))) throw new Error(`simulator on port ${s.port} does not answer a presence ping`);
      const expected = group.map((s) => `127.0.0.1:${s.port}: ${s.powerState() ? 'on' : 'off'}`);
      const hosts = group.map((s) => `127.0.0.1:${s.port}`).join(',');
      let refRetries = 0;
      const ipmipowerRun = async (): Promise<number> => {
        const r = await timed('ipmipower', ['-D', 'LAN_2_0', '-h', hosts, '-u', 'admin', '-p', group[0].password, '-I', '3', '-l', 'admin', '-W', 'opensesspriv', '--stat'], refEnv);
        // ipmipower names a host it could not read on stdout, not stderr.
        check({ code: r.code, err: r.err + r.out.split('\n').filter((l) => !/: (on|off)$/.test(l)).join('\n') }, 'ipmipower');
        // It prints the host without the port; every simulator here is off.
        if (r.out.trim().split('\n').filter((l) => l === '127.0.0.1: off').length !== n) throw new Error(`ipmipower printed ${r.out.slice(0, 300)}`);
        return r.ms;
      };
      const sweep = await paired(
        runs,
        async () => {
          const r = await timedFieldkit(['power', 'status', '-H', hosts, '-U', 'admin', '-C', '3', '-L', 'admin'], benchEnv({ FIELDKIT_HOME: path.join(tmp, 'home'), FIELDKIT_PASSWORD: group[0].password }));
          check(r, 'fieldkit power status -H ...');
          if (r.out.trim() !== expected.join('\n')) throw new Error(`fieldkit sweep disagrees: ${r.out}`);
          return r.ms;
        },
        async () => {
          // FreeIPMI's defaults otherwise (400 ms retransmission, 20 s session timeout).
          // A run that loses hosts on a busy machine is run again (counted in the note), up to twice.
          for (let attempt = 0; ; attempt++) {
            try {
              return await ipmipowerRun();
            } catch (e) {
              if (attempt >= 2) throw e;
              refRetries++;
            }
          }
        },
      );
      // Node's own start, in the same minutes: FieldKit's part of a sweep is what comes above it.
      const node0 = await median(runs, async () => (await timed(process.execPath, ['-e', '0'], refEnv)).ms);
      results.push({
        name: `power-status sweep over ${n} simulators`, fieldkit: sweep.a.median, reference: sweep.b.median, unit: 'ms', ratio: sweep.a.median / sweep.b.median,
        note: `fieldkit power status -H (${n} hosts) vs ipmipower --stat; quartiles ${iqr(sweep.a)} / ${iqr(sweep.b)} ms; ipmipower runs repeated after losing hosts: ${refRetries}; load ${load()}`,
      });
      results.push({
        name: `sweep over ${n}: fieldkit above node -e 0 vs ipmipower whole run`, fieldkit: sweep.a.median - node0, reference: sweep.b.median, unit: 'ms', ratio: (sweep.a.median - node0) / sweep.b.median,
        note: `${n === 32 ? 'target ≤ 0.5; ' : ''}node -e 0 ${node0.toFixed(0)} ms (median of ${runs})`,
      });
    };
    // A failed sweep (a reference run that lost a host on a busy machine) is reported, and the rows above are kept.
    for (const [n, runs] of [[32, 7], [256, 5]]) {
      try {
        await sweepOver(n, runs);
      } catch (e) {
        results.push({ name: `power-status sweep over ${n} simulators`, fieldkit: NaN, reference: NaN, unit: 'ms', ratio: NaN, note: `not measured: ${(e as Error).message.slice(0, 200)}` });
      }
    }
  } finally {
    await stopAllSims();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return results;
}

if (typeof require !== 'undefined' && require.main === module) {
  run().then(
    (rs) => { for (const r of rs) console.log(`${r.name.padEnd(62)} fieldkit ${r.fieldkit.toFixed(0)} ${r.unit}  reference ${r.reference.toFixed(0)} ${r.unit}  ratio ${r.ratio.toFixed(3)}`); },
    (e) => { console.error(e); process.exitCode = 1; },
  );
}
