/**
 * A day's soak, compressed (issue 17, goal 5; `npm run bench -- soak`, not in
 * CI; run under scripts/with-keyring.sh so the passwords are in a keychain):
 * the headless host (`fieldkit serve`, started through the launcher as a
 * field engineer's `fieldkit` runs) for SOAK_MINUTES (default 30) with
 *   - the monitor on 64 BMCs (ipmi_sim, 16 clusters of 4, answering Get
 *     Chassis Status themselves: with the chassis_control script every status
 *     read forks processes), driven by the dashboard open in Chromium at the
 *     token URL for the whole run, at the shortest interval the Settings
 *     allow (MONITOR_INTERVAL_SECONDS.min, saved through settings.save);
 *   - the trap listener on a free UDP port of 127.0.0.1 (traps.json through
 *     traps.settings.save, then traps.start), receiving SNMPv1 PETs from the
 *     64 BMCs at 100/s, plus a burst of 10k/s for 1.5 s every few minutes.
 *
 * The traps are the bytes Net-SNMP's snmptrap sends for real PETs of the
 * corpus (test/fixtures/pet/corpus.json), captured once, then sent by this
 * process from one UDP socket per BMC. The simulators all listen on
 * 127.0.0.1, and the listener knows a BMC by its address (the UDP source,
 * then the v1 agent-addr): every trap here comes from 127.0.0.1 with
 * agent-addr 127.0.0.1, so FieldKit files them all as known, under one
 * server name. Which BMC sent a trap is in the PET itself, as on the wire:
 * the system GUID (its last two bytes = the BMC's number), and the BMC's
 * sequence number (one counter per BMC), which is how loss is counted: each
 * record FieldKit writes to its trap log is read back (the log is followed
 * across rotations) and ticked off by GUID and sequence. Since all 64 BMCs
 * share one source address, the per-source rate limit is set to 64 times
 * the default (200/s, burst 400 each), i.e. what 64 addresses would get.
 *
 * Measured in the host process: RSS (VmRSS of /proc/<pid>/status) every
 * 10 s; heap and event-loop delay from FIELDKIT_DIAG (src-main/host/diag.ts,
 * off unless set: one line every 10 s with monitorEventLoopDelay's
 * percentiles and process.memoryUsage()). The trend is the least-squares
 * slope over the last two thirds of the run (the last 20 minutes of 30), as
 * growth over that window. Steady traps and burst traps are counted apart:
 * a 10k/s burst may overflow the kernel's socket buffer (the socket's own
 * drop count from /proc/net/udp is in the note), and steady traps sent
 * during a burst (or within 3 s after it) are also shown apart.
 *
 * This process also holds a WebSocket to the host (settings, traps.status,
 * and the monitor.updated events to count sweeps): a second window, in
 * effect, beside Chromium.
 */
import { execFile, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import WebSocket from 'ws';
import type { Envelope } from '../shared/contract';
import { MONITOR_INTERVAL_SECONDS } from '../shared/model/settings';
import { DEFAULT_TRAP_LISTENER_SETTINGS, type TrapListenerStatus } from '../shared/model/trap';
import { errorsOf, validateInventory } from '../shared/validation';
import { CredentialService } from '../src-main/services/credentials/service';
import { defaultLogPolicies } from '../src-main/services/logs';
import type { BenchResult } from '../scripts/bench';
import { clockTicks, HostCalls, openHostSocket, procUsage, siteInventory } from './site';
import { startHeadlessHost, type StartedHost } from '../test/support/headless-host';
import { rmcpPing, startIpmiSim, stopAllSims, type IpmiSim } from '../test/support/ipmi-sim';
import { freeUdpPort } from '../test/support/ports';
import { loadPetCorpus } from '../test/support/pet-corpus';

const ROOT = path.resolve(__dirname, '..');
const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const RUN_MS = MINUTES * 60_000;
const SAMPLE_MS = 10_000;
const BMCS = 64;
const STEADY_PER_S = 100;
const BURST_PER_S = 10_000;
const BURST_MS = 1500;
/** A burst every 3 minutes (every third of the run when it is shorter than 9 minutes), the first half a period in. */
const BURST_EVERY_MS = Math.min(180_000, RUN_MS / 3);
/** Steady traps sent from a burst's start until this long after its end count as "during a burst". */
const BURST_SHADOW_MS = 3000;
const TARGET_GROWTH_PERCENT = 5;
const TARGET_LOOP_P99_MS = 50;
const CHROMIUM = process.env.FIELDKIT_CHROMIUM ?? '/usr/bin/chromium';
const COMMUNITY = 'public';
const PET_EPOCH_UNIX = Date.UTC(1998, 0, 1) / 1000;
/** Every BMC's system GUID starts so; its last two bytes are the BMC's number. */
const GUID_PREFIX = 'f1e1d50a4b5c11efa0c3005056ab';
/** Steady traps: mostly informational, a slot fault now and then (one in 50). */
const STEADY_MIX = ['slot-fault-deassert', 'predictive-failure-generic', 'performance-lags', 'power-off', 'threshold-upper-critical', 'slot-identify'];
const STEADY_FENCING = 'slot-fault-assert';
/** Bursts: a sensor flapping across a threshold, as a storm looks. */
const BURST_MIX = ['threshold-upper-critical', 'threshold-lower-noncritical-deassert'];

/** What a sequence number of a BMC was used for. */
const STEADY = 1;
const BURST = 2;
const STEADY_IN_BURST = 3;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' / ');
const serverName = (i: number) => `soak${String(i + 1).padStart(2, '0')}`;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

// ------------------------------------------------------------ inventory

// ------------------------------------------------------------ traps on the wire

interface Template {
  name: string;
  bytes: Buffer;
  /** Where the PET varbind's bytes start in the datagram. */
  petAt: number;
}

/** The datagram snmptrap sends for one corpus PET (v1, agent-addr 127.0.0.1), captured on a socket of ours. */
async function captureTemplate(name: string, specific: number, hex: string): Promise<Template> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  try {
    const got = new Promise<Buffer>((r) => sock.once('message', (m) => r(m)));
    const spaced = (hex.match(/../g) ?? []).join(' ');
    await new Promise<void>((resolve, reject) =>
      execFile('snmptrap', ['-m', '', '-M', '/dev/null', '-v', '1', '-c', COMMUNITY, `127.0.0.1:${sock.address().port}`, '1.3.6.1.4.1.3183.1.1', '127.0.0.1', '6', String(specific), '', '1.3.6.1.4.1.3183.1.1.1', 'x', spaced], (e) =>
        e ? reject(e) : resolve(),
      ),
    );
    const bytes = await got;
    const petAt = bytes.indexOf(Buffer.from(hex, 'hex'));
    if (petAt < 0) throw new Error(`PET bytes of ${name} not found in the captured trap`);
    return { name, bytes, petAt };
  } finally {
    sock.close();
  }
}

/**
 * The 64 BMCs' trap senders: one UDP socket each on 127.0.0.1, one
 * sequence counter each (the PET's sequence number), and the book of what
 * each sequence number was sent as.
 */
class Senders {
  private readonly socks: dgram.Socket[] = [];
  private readonly seq = new Uint32Array(BMCS);
  /** kind[bmc][seq]: STEADY, BURST or STEADY_IN_BURST; 0 = not sent. */
  readonly kind = Array.from({ length: BMCS }, () => new Uint8Array(65536));
  sent = { steady: 0, steadyInBurst: 0, burst: 0 };
  sendErrors = 0;
  exhausted = 0;
  burstActiveUntil = 0;

  constructor(
    private readonly port: number,
    private readonly steadyTemplates: Template[],
    private readonly fencingTemplate: Template,
    private readonly burstTemplates: Template[],
  ) {}

  async open(): Promise<void> {
    for (let i = 0; i < BMCS; i++) {
      const s = dgram.createSocket('udp4');
      s.on('error', () => this.sendErrors++);
      await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
      this.socks.push(s);
    }
  }

  close(): void {
    for (const s of this.socks) {
      try {
        s.close();
      } catch {
        // closed already
      }
    }
  }

  /** Trap number n of the steady stream (round robin over the BMCs). */
  steady(n: number): void {
    const bmc = n % BMCS;
    const t = n % 50 === 49 ? this.fencingTemplate : this.steadyTemplates[Math.floor(n / BMCS) % this.steadyTemplates.length];
    this.send(bmc, t, Date.now() < this.burstActiveUntil ? STEADY_IN_BURST : STEADY);
  }

  /** Trap number n of a burst. */
  burst(n: number): void {
    this.send(n % BMCS, this.burstTemplates[Math.floor(n / BMCS) % this.burstTemplates.length], BURST);
  }

  private send(bmc: number, t: Template, kind: number): void {
    const seq = this.seq[bmc];
    if (seq > 0xffff) {
      this.exhausted++;
      return;
    }
    this.seq[bmc] = seq + 1;
    this.kind[bmc][seq] = kind;
    if (kind === STEADY) this.sent.steady++;
    else if (kind === STEADY_IN_BURST) this.sent.steadyInBurst++;
    else this.sent.burst++;
    const b = Buffer.from(t.bytes);
    const p = t.petAt;
    b.write(GUID_PREFIX, p, 'hex');
    b.writeUInt16BE(bmc, p + 14);
    b.writeUInt16BE(seq, p + 16);
    b.writeUInt32BE(Math.floor(Date.now() / 1000 - PET_EPOCH_UNIX), p + 18);
    this.socks[bmc].send(b, this.port, '127.0.0.1', (err) => {
      if (err) this.sendErrors++;
    });
  }
}

/** Sends `rate` traps a second through `each(n)` until `stop()` or `total`; n counts from 0. Resolves with the count. */
function pace(rate: number, each: (n: number) => void, opts: { total?: number; tickMs?: number } = {}): { stop: () => void; done: Promise<number> } {
  let n = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let finish: (n: number) => void = () => undefined;
  const done = new Promise<number>((r) => (finish = r));
  const start = performance.now();
  const tick = () => {
    if (stopped) return;
    let due = Math.floor(((performance.now() - start) / 1000) * rate);
    if (opts.total !== undefined) due = Math.min(due, opts.total);
    while (n < due) each(n++);
    if (opts.total !== undefined && n >= opts.total) {
      stopped = true;
      finish(n);
      return;
    }
    timer = setTimeout(tick, opts.tickMs ?? 10);
  };
  tick();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      finish(n);
    },
    done,
  };
}

// ------------------------------------------------------------ the trap log, followed

/**
 * Follows <home>/logs/traps.jsonl across its rotations (traps.jsonl →
 * traps.jsonl.1 → …): the open descriptor keeps reading a file after it was
 * renamed, and the next file is found by inode among the generations. Each
 * record's PET tells the BMC (GUID) and its sequence number.
 */
class TrapLogFollower {
  private fd: number | undefined;
  private ino = 0;
  private partial = '';
  private readonly buf = Buffer.alloc(1 << 20);
  readonly got = Array.from({ length: BMCS }, () => new Uint8Array(65536));
  records = 0;
  ours = 0;
  duplicates = 0;
  unknown = 0;
  foreign = 0;
  rotations = 0;
  gaps = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly generations: number,
  ) {}

  start(everyMs = 250): void {
    const tick = () => {
      try {
        this.poll();
      } catch {
        // a file vanished between stat and open: the next tick looks again
      }
      this.timer = setTimeout(tick, everyMs);
    };
    tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  poll(): void {
    if (this.fd === undefined) {
      if (!fs.existsSync(this.file)) return;
      this.openAt(this.file);
    }
    for (;;) {
      this.drain();
      let now: fs.Stats;
      try {
        now = fs.statSync(this.file);
      } catch {
        return; // between the rename and the first append of the new file
      }
      if (now.ino === this.ino) return;
      // Rotated: what was written to the old file before the rename is read first.
      this.drain();
      this.rotations++;
      const chain = [...Array.from({ length: this.generations }, (_, g) => `${this.file}.${this.generations - g}`), this.file];
      const inodes = chain.map((f) => {
        try {
          return fs.statSync(f).ino;
        } catch {
          return -1;
        }
      });
      const at = inodes.indexOf(this.ino);
      fs.closeSync(this.fd!);
      this.fd = undefined;
      this.partial = '';
      if (at < 0 || at === chain.length - 1) {
        this.gaps++;
        this.openAt(this.file);
      } else {
        this.openAt(chain[at + 1]);
      }
    }
  }

  private openAt(f: string): void {
    this.fd = fs.openSync(f, 'r');
    this.ino = fs.fstatSync(this.fd).ino;
  }

  private drain(): void {
    for (;;) {
      const n = fs.readSync(this.fd!, this.buf, 0, this.buf.length, null);
      if (n <= 0) return;
      const text = this.partial + this.buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      for (const l of lines) if (l) this.line(l);
    }
  }

  private line(l: string): void {
    this.records++;
    const at = l.indexOf('"petRaw":"');
    if (at < 0 || l.slice(at + 10, at + 10 + GUID_PREFIX.length) !== GUID_PREFIX) {
      this.foreign++;
      return;
    }
    const p = at + 10 + GUID_PREFIX.length;
    const bmc = parseInt(l.slice(p, p + 4), 16);
    const seq = parseInt(l.slice(p + 4, p + 8), 16);
    if (!(bmc >= 0 && bmc < BMCS) || !(seq >= 0)) {
      this.foreign++;
      return;
    }
    this.ours++;
    if (!l.includes('"known":true')) this.unknown++;
    if (this.got[bmc][seq]) this.duplicates++;
    else this.got[bmc][seq] = 1;
  }
}

// ------------------------------------------------------------ the host

/** The host's WebSocket, as the window opens it: calls, and the monitor.updated events counted. */
class HostSocket {
  private readonly calls: HostCalls;
  sweeps = 0;
  lastOk = 0;
  lastRows = 0;
  private firstSweep: (() => void) | undefined;

  private constructor(private readonly ws: WebSocket) {
    this.calls = new HostCalls(ws);
    ws.on('message', (data: Buffer) => {
      // Trap batches (10 a second) are not parsed: only answers and monitor.updated.
      const head = data.subarray(0, 32).toString('latin1');
      if (head.startsWith('{"event":"monitor.updated"')) {
        try {
          const rows = (JSON.parse(data.toString()) as { payload: Array<{ links: Array<{ link: string }> }> }).payload;
          this.sweeps++;
          this.lastRows = rows.length;
          this.lastOk = rows.filter((r) => r.links[0]?.link === 'OK').length;
          this.firstSweep?.();
        } catch {
          // not ours to judge
        }
        return;
      }
      if (!head.startsWith('{"id":')) return;
      try {
        const msg = JSON.parse(data.toString()) as { id: number; envelope: Envelope<unknown> };
        this.calls.answer(msg.id, msg.envelope);
      } catch {
        // ignore
      }
    });
  }

  static async open(host: StartedHost): Promise<HostSocket> {
    return new HostSocket(await openHostSocket(host));
  }

  call<T>(channel: string, payload: unknown, timeoutMs = 60_000): Promise<T> {
    const sent = this.calls.send(channel, payload);
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => {
        sent.forget();
        reject(new Error(`${channel}: no answer from the host in ${timeoutMs} ms`));
      }, timeoutMs);
      void sent.answered.then((e) => {
        clearTimeout(t);
        if (e.ok) resolve(e.value as T);
        else reject(new Error(`${channel}: ${e.error.id} ${JSON.stringify(e.error.params).slice(0, 200)}`));
      });
    });
  }

  /** Resolves at the first monitor.updated (the dashboard's first sweep). */
  firstSweepSeen(timeoutMs: number): Promise<void> {
    if (this.sweeps > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no monitor sweep within ${timeoutMs / 1000} s of opening the dashboard`)), timeoutMs);
      this.firstSweep = () => {
        clearTimeout(t);
        this.firstSweep = undefined;
        resolve();
      };
    });
  }

  close(): void {
    this.ws.close();
  }
}

function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

/** The kernel's count of datagrams dropped at a UDP socket bound to 127.0.0.1:port (/proc/net/udp, last column). */
function udpDrops(port: number): number | undefined {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const l of fs.readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const f = l.trim().split(/\s+/);
    if (f[1] === local) return Number(f[f.length - 1]);
  }
  return undefined;
}

// ------------------------------------------------------------ figures

/** Least-squares line through (t, y); growth over [t0, t1] as % of the line's value at t0. */
function growthPercent(points: Array<{ t: number; y: number }>): { percent: number; n: number; from: number; to: number } {
  const n = points.length;
  if (n < 3) return { percent: NaN, n, from: NaN, to: NaN };
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.t - mt) * (p.y - my);
    sxx += (p.t - mt) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  const t0 = points[0].t;
  const t1 = points[n - 1].t;
  const from = my + slope * (t0 - mt);
  const to = my + slope * (t1 - mt);
  return { percent: ((to - from) / from) * 100, n, from, to };
}

interface DiagLine {
  t: number;
  /** The timer's period, included in every value (an idle loop reads about this much). */
  resolutionMs: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
  percentiles: Record<string, number>;
  rss: number;
  heapUsed: number;
  /** Smallest heap in use right after a full collection in the window (V8's figure); absent when it had none. */
  heapAfterMajorGc?: number;
  /** Full collections in the window. */
  majorGcs?: number;
  /** Memory V8 holds for its heap, used or not. */
  heapTotal: number;
  /** Memory of C++ objects bound to JavaScript ones (Buffers among them). */
  external: number;
}

/**
 * The smallest heap after a full collection in each burst cycle (a burst
 * and the quiet minutes after it), at the time it was seen. Full
 * collections come mostly while a 10k/s burst fills the heap, so one taken
 * mid-burst counts traps still on their way to the log; the floor of the
 * cycle is what stays, and a leak raises it from cycle to cycle.
 */
function floorPerBurstCycle(points: Array<{ t: number; y: number }>): Array<{ t: number; y: number }> {
  const cycles = new Map<number, { t: number; y: number }>();
  for (const p of points) {
    const c = Math.floor((p.t * 1000 - BURST_EVERY_MS / 2) / BURST_EVERY_MS);
    const best = cycles.get(c);
    if (!best || p.y < best.y) cycles.set(c, p);
  }
  return [...cycles.values()].sort((a, b) => a.t - b.t);
}

/**
 * Where resident memory went over a span: the trend of V8's heap (held, not
 * only used), of external memory (Buffers), and of the rest of RSS (code,
 * the allocator's arenas, thread stacks, libraries) — so that an RSS trend
 * can be told apart from a heap one.
 */
function rssBreakdown(lines: DiagLine[], t0: number): string {
  const trend = (y: (d: DiagLine) => number) => growthPercent(lines.map((d) => ({ t: (d.t - t0) / 1000, y: y(d) })));
  const part = (label: string, y: (d: DiagLine) => number) => {
    const g = trend(y);
    return `${label} ${mb(g.from)} -> ${mb(g.to)} MB (${g.percent >= 0 ? '+' : ''}${g.percent.toFixed(1)} %)`;
  };
  return `of that RSS (FIELDKIT_DIAG, same span): ${part("V8's heap held", (d) => d.heapTotal)}, ${part('external', (d) => d.external)}, ${part('the rest (code, allocator arenas, stacks)', (d) => d.rss - d.heapTotal - d.external)}`;
}

/**
 * The 99th percentile of all event-loop samples of several 10 s windows:
 * each window's distribution is known at its percentile points, weighted
 * by its sample count (a value is taken as reached by the share of the
 * window at or below the highest point not above it: conservative).
 */
function mergedP99(windows: DiagLine[]): number {
  const total = windows.reduce((s, w) => s + w.count, 0);
  if (!total) return NaN;
  const points = windows.map((w) => Object.entries(w.percentiles).map(([p, v]) => ({ p: Number(p), v })).sort((a, b) => a.p - b.p));
  const candidates = [...new Set(points.flat().map((x) => x.v))].sort((a, b) => a - b);
  for (const x of candidates) {
    let above = 0;
    windows.forEach((w, i) => {
      let share = 0;
      for (const pt of points[i]) if (pt.v <= x) share = pt.p / 100;
      above += w.count * (1 - share);
    });
    if (above / total <= 0.01) return x;
  }
  return candidates[candidates.length - 1];
}

function readDiag(file: string): DiagLine[] {
  if (!fs.existsSync(file)) return [];
  const out: DiagLine[] = [];
  for (const l of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!l) continue;
    try {
      out.push(JSON.parse(l) as DiagLine);
    } catch {
      // a line being written
    }
  }
  return out;
}

// ------------------------------------------------------------ the run

/** Half an hour by default: only `npm run bench -- soak` runs it (scripts/bench.ts). */
export const onlyWhenNamed = true;

export async function run(): Promise<BenchResult[]> {
  if (process.platform !== 'linux') throw new Error('bench/soak.ts reads /proc: Linux only');
  if (!(MINUTES > 0)) throw new Error(`SOAK_MINUTES must be a positive number, not ${process.env.SOAK_MINUTES}`);
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is not built: run `npm run build` first');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set FIELDKIT_CHROMIUM)`);
  // Each BMC's sequence number is 16 bits: the run must not need more.
  const perBmc = Math.ceil((STEADY_PER_S * RUN_MS) / 1000 / BMCS + (Math.ceil(RUN_MS / BURST_EVERY_MS) * BURST_PER_S * BURST_MS) / 1000 / BMCS);
  if (perBmc > 0xffff) throw new Error(`SOAK_MINUTES=${MINUTES} needs ${perBmc} traps per BMC, more than a PET sequence number counts`);
  // The CLI as built from this tree (the host runs out/cli through the launcher); the lock keeps concurrent builds apart.
  const b = spawnSync('flock', ['-w', '600', '/tmp/fk-out.lock', process.execPath, path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`CLI build failed: ${b.stderr}`);

  const corpus = new Map(loadPetCorpus().map((e) => [e.name, e]));
  const template = (name: string) => {
    const e = corpus.get(name);
    if (!e) throw new Error(`no PET "${name}" in the corpus`);
    return captureTemplate(name, e.specific, e.hex);
  };
  const steadyTemplates = await Promise.all(STEADY_MIX.map(template));
  const fencingTemplate = await template(STEADY_FENCING);
  const burstTemplates = await Promise.all(BURST_MIX.map(template));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-bench-soak-'));
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home);
  const diagFile = path.join(tmp, 'diag.jsonl');
  const inKeyring = Boolean(process.env.FIELDKIT_KEYRING_READY);
  const keychain = new CredentialService();
  const stored: { host: string; port: number; user: string }[] = [];
  const sims: IpmiSim[] = [];
  let host: StartedHost | undefined;
  let sock: HostSocket | undefined;
  let browser: Browser | undefined;
  let senders: Senders | undefined;
  let follower: TrapLogFollower | undefined;
  const timers: Array<() => void> = [];
  try {
    // 1. The simulators, 8 at a time (each start waits for its presence ping).
    const tStart = performance.now();
    while (sims.length < BMCS) {
      const batch = Math.min(8, BMCS - sims.length);
      sims.push(...(await Promise.all(Array.from({ length: batch }, (_, k) => startIpmiSim({ name: `soak-${sims.length + k}`, noChassisControl: true })))));
    }
    for (const s of sims) if (!(await rmcpPing(s.port, s.host, 1000))) throw new Error(`simulator on port ${s.port} does not answer a presence ping`);
    const simsIn = (performance.now() - tStart) / 1000;

    // 2. The home: inventory, passwords in the keychain (outside scripts/with-keyring.sh: FIELDKIT_PASSWORD).
    const inv = siteInventory(sims, { server: serverName, cluster: (c) => `soak${String(c + 1).padStart(2, '0')}` });
    const errors = errorsOf(validateInventory(inv)).filter((i) => !i.incomplete);
    if (errors.length) throw new Error(`bench inventory breaks the rules: ${errors.slice(0, 3).map((e) => `${e.id} ${e.path}`).join('; ')}`);
    fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
    const hostEnv: NodeJS.ProcessEnv = { FIELDKIT_PASSWORD: undefined, FIELDKIT_KG: undefined, FIELDKIT_LANG: 'en', NODE_EXTRA_CA_CERTS: undefined, FIELDKIT_DIAG: diagFile };
    if (inKeyring) {
      for (const s of sims) {
        await keychain.set({ host: '127.0.0.1', port: s.port }, s.username, s.password);
        stored.push({ host: '127.0.0.1', port: s.port, user: s.username });
      }
    } else {
      hostEnv.FIELDKIT_PASSWORD = sims[0].password;
    }
    const secretsNote = inKeyring ? 'passwords from the keychain' : 'NOT under scripts/with-keyring.sh: passwords from FIELDKIT_PASSWORD';

    // 3. The host, through the launcher; settings and the listener through its API.
    host = await startHeadlessHost({ home, env: hostEnv, throughShebang: true });
    const pid = host.process.pid;
    if (pid === undefined) throw new Error('headless host has no pid');
    const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    if (comm !== 'node') throw new Error(`pid ${pid} of the host is "${comm}", not node`);
    sock = await HostSocket.open(host);
    await sock.call('settings.save', { monitorIntervalSeconds: MONITOR_INTERVAL_SECONDS.min });
    const trapPort = await freeUdpPort();
    const rate = { perSecond: DEFAULT_TRAP_LISTENER_SETTINGS.rateLimit.perSecond * BMCS, burst: DEFAULT_TRAP_LISTENER_SETTINGS.rateLimit.burst * BMCS };
    await sock.call('traps.settings.save', { address: '127.0.0.1', port: trapPort, communities: [COMMUNITY], rateLimit: rate });
    const started = await sock.call<TrapListenerStatus>('traps.start', {});
    if (!started.listening || started.port !== trapPort) throw new Error(`trap listener not on 127.0.0.1:${trapPort}: ${JSON.stringify(started).slice(0, 200)}`);

    // 4. The dashboard in Chromium for the whole run; its first sweep.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
    });
    const page = await (await browser.newContext()).newPage();
    let pageErrors = 0;
    page.on('pageerror', () => pageErrors++);
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors++;
    });
    await page.goto(host.url);
    await page.locator('[data-testid="dashboard-title"]').waitFor({ state: 'visible', timeout: 60_000 });
    await sock.firstSweepSeen(120_000);
    const firstOk = sock.lastOk;
    const pageHeap = async () => (await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : NaN').catch(() => NaN)) as number;
    const pageHeap0 = await pageHeap();

    // 5. The soak: steady traps, bursts, a sample every 10 s.
    const logs = path.join(home, 'logs');
    follower = new TrapLogFollower(path.join(logs, 'traps.jsonl'), defaultLogPolicies.traps.generations);
    follower.start();
    const s = new Senders(trapPort, steadyTemplates, fencingTemplate, burstTemplates);
    senders = s;
    await s.open();
    const drops0 = udpDrops(trapPort) ?? 0;
    const tck = clockTicks();
    const cpu0 = procUsage(pid).ticks;
    const sweeps0 = sock.sweeps;
    const t0 = Date.now();
    const samples: Array<{ t: number; rssKb: number; load: number }> = [];
    let sampleErrors = 0;
    const sample = () => {
      try {
        samples.push({ t: (Date.now() - t0) / 1000, rssKb: rssKb(pid), load: os.loadavg()[0] });
      } catch {
        sampleErrors++; // the host is gone: the rows will say so by their sample count
      }
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_MS);
    timers.push(() => clearInterval(sampler));
    const steady = pace(STEADY_PER_S, (n) => s.steady(n));
    timers.push(steady.stop);
    const bursts: Array<{ at: number; sent: number }> = [];
    const burstRuns: Array<Promise<number>> = [];
    for (let at = BURST_EVERY_MS / 2; at + BURST_MS + BURST_SHADOW_MS < RUN_MS; at += BURST_EVERY_MS) {
      const timer = setTimeout(() => {
        s.burstActiveUntil = Date.now() + BURST_MS + BURST_SHADOW_MS;
        const sent0 = s.sent.burst;
        const r = pace(BURST_PER_S, (n) => s.burst(n), { total: (BURST_PER_S * BURST_MS) / 1000, tickMs: 5 });
        burstRuns.push(r.done.then(() => bursts.push({ at: (Date.now() - t0) / 1000, sent: s.sent.burst - sent0 })));
      }, at);
      timers.push(() => clearTimeout(timer));
    }
    await sleep(RUN_MS);
    steady.stop();
    await Promise.all(burstRuns);
    clearInterval(sampler);
    const wallS = (Date.now() - t0) / 1000;
    const cpuPercent = ((procUsage(pid).ticks - cpu0) / tck / wallS) * 100;
    const sweeps = sock.sweeps - sweeps0;

    // 6. Everything sent reaches the log (or stops moving): counters, then the follower.
    // A host busy for minutes must not cost the run its rows: an unanswered status keeps the last one.
    let status: TrapListenerStatus | undefined;
    let statusUnanswered = 0;
    const askStatus = async () => {
      try {
        status = await sock!.call<TrapListenerStatus>('traps.status', {}, 120_000);
      } catch {
        statusUnanswered++;
      }
    };
    await askStatus();
    const settleEnd = Date.now() + 30_000;
    let lastAccepted = -1;
    while (Date.now() < settleEnd) {
      await sleep(1000);
      await askStatus();
      follower.poll();
      const accepted = status?.counters.accepted ?? -2;
      if (accepted === lastAccepted && follower.ours >= accepted) break;
      lastAccepted = accepted;
    }
    follower.poll();
    const drops = (udpDrops(trapPort) ?? drops0) - drops0;
    const pageHeap1 = await pageHeap();
    const c = status?.counters;
    const countersNote = c
      ? `listener counters: received ${c.received}, accepted ${c.accepted}, rateLimited ${c.rateLimited}, duplicate ${c.duplicate}, queueFull ${c.queueFull}, malformed ${c.malformed}, handlerErrors ${c.handlerErrors}`
      : 'listener counters: traps.status never answered';

    // 7. Loss, by what each sequence number was sent as.
    const lost = { steady: 0, steadyInBurst: 0, burst: 0 };
    const lostPerBmc = new Array<number>(BMCS).fill(0);
    for (let bmc = 0; bmc < BMCS; bmc++) {
      const kinds = s.kind[bmc];
      const got = follower.got[bmc];
      for (let q = 0; q < kinds.length; q++) {
        const k = kinds[q];
        if (!k || got[q]) continue;
        lostPerBmc[bmc]++;
        if (k === STEADY) lost.steady++;
        else if (k === STEADY_IN_BURST) lost.steadyInBurst++;
        else lost.burst++;
      }
    }
    const steadySent = s.sent.steady + s.sent.steadyInBurst;
    const steadyLost = lost.steady + lost.steadyInBurst;

    // 8. Memory and event loop over the measured span; the trend over its last two thirds.
    const diag = readDiag(diagFile).filter((d) => d.t >= t0 && d.t <= t0 + wallS * 1000 + SAMPLE_MS);
    const from = wallS / 3;
    const rssTrend = growthPercent(samples.filter((x) => x.t >= from).map((x) => ({ t: x.t, y: x.rssKb })));
    // The heap that survived full collections says whether memory is retained; heapUsed, sampled
    // anywhere in the collector's sawtooth, is the fallback when too few windows had one.
    const late = diag.filter((d) => (d.t - t0) / 1000 >= from);
    const afterGc = late.filter((d) => d.heapAfterMajorGc !== undefined).map((d) => ({ t: (d.t - t0) / 1000, y: d.heapAfterMajorGc as number }));
    const afterGcFloors = floorPerBurstCycle(afterGc);
    const heapBasis = afterGcFloors.length >= 5 ? 'after-gc' : 'sampled';
    const heapTrend = growthPercent(heapBasis === 'after-gc' ? afterGcFloors : late.map((d) => ({ t: (d.t - t0) / 1000, y: d.heapUsed })));
    const everyAfterGcTrend = growthPercent(afterGc);
    const sampledTrend = growthPercent(late.map((d) => ({ t: (d.t - t0) / 1000, y: d.heapUsed })));
    // Delay = the time between the timer's ticks less its period.
    const res = diag[0]?.resolutionMs ?? 10;
    const p99 = Math.max(0, mergedP99(diag) - res);
    const windowP99 = diag.map((d) => Math.max(0, d.p99 - res)).sort((a, b) => a - b);
    const worstMax = Math.max(0, ...diag.map((d) => d.max - res));
    const rssMb = samples.map((x) => x.rssKb / 1024);
    const meanLoad = samples.reduce((a, x) => a + x.load, 0) / Math.max(1, samples.length);
    const loadNote = `load average ${load()} at the end, mean 1-min ${meanLoad.toFixed(1)} over the run`;

    // 9. Log rotation: files present, sizes within the policy.
    const policy = defaultLogPolicies.traps;
    const files = fs.readdirSync(logs).sort().map((f) => ({ f, size: fs.statSync(path.join(logs, f)).size }));
    const trapFiles = files.filter((x) => /^traps\.jsonl(\.\d+)?$/.test(x.f));
    const within = trapFiles.every((x) => x.size <= policy.maxBytes) && trapFiles.length <= policy.generations + 1;
    const rotated = follower.rotations > 0 && trapFiles.length > 1 && within;
    const opFiles = files.filter((x) => x.f.startsWith('operations.jsonl'));

    const span = `the last two thirds (${(from / 60).toFixed(1)}-${(wallS / 60).toFixed(1)} min)`;
    const results: BenchResult[] = [
      {
        name: `soak ${MINUTES} min: host RSS growth over the last two thirds (least squares)`,
        fieldkit: rssTrend.percent,
        reference: TARGET_GROWTH_PERCENT,
        unit: '%',
        ratio: rssTrend.percent / TARGET_GROWTH_PERCENT,
        note:
          `reference: issue 17's ${TARGET_GROWTH_PERCENT} %; VmRSS of the fieldkit serve process every ${SAMPLE_MS / 1000} s, line ${mb(rssTrend.from * 1024)} -> ${mb(rssTrend.to * 1024)} MB over ${span}, ${rssTrend.n} samples${sampleErrors ? ` (${sampleErrors} unread: host gone?)` : ''}; ` +
          `whole run ${Math.min(...rssMb).toFixed(0)}-${Math.max(...rssMb).toFixed(0)} MB (first ${rssMb[0]?.toFixed(0)}, last ${rssMb[rssMb.length - 1]?.toFixed(0)}); ${late.length >= 3 ? rssBreakdown(late, t0) : 'no breakdown: too few FIELDKIT_DIAG lines'}${process.env.MALLOC_ARENA_MAX ? ` (glibc MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX} in the host's environment)` : ''}; host CPU ${cpuPercent.toFixed(0)} % of one core; ${loadNote}`,
      },
      {
        name: `soak ${MINUTES} min: host heap growth over the last two thirds (least squares)`,
        fieldkit: heapTrend.percent,
        reference: TARGET_GROWTH_PERCENT,
        unit: '%',
        ratio: heapTrend.percent / TARGET_GROWTH_PERCENT,
        note:
          `reference: ${TARGET_GROWTH_PERCENT} %; ` +
          (heapBasis === 'after-gc'
            ? `heap in use right after a full collection (FIELDKIT_DIAG heapAfterMajorGc, V8's own figure), the smallest of each ${BURST_EVERY_MS / 60_000}-minute burst cycle, line ${mb(heapTrend.from)} -> ${mb(heapTrend.to)} MB over ${span}, ${heapTrend.n} cycles; every window's smallest (${everyAfterGcTrend.n} windows with a full collection, during bursts too): ${everyAfterGcTrend.percent.toFixed(1)} %; heapUsed sampled every 10 s wherever the collector was: ${sampledTrend.percent.toFixed(1)} %; `
            : `process.memoryUsage().heapUsed every 10 s (FIELDKIT_DIAG), sampled wherever the collector was (only ${afterGc.length} windows had a full collection), line ${mb(heapTrend.from)} -> ${mb(heapTrend.to)} MB over ${span}, ${heapTrend.n} samples; `) +
          `Chromium page's JS heap ${mb(pageHeap0)} -> ${mb(pageHeap1)} MB, ${pageErrors} page errors; ${loadNote}`,
      },
      {
        name: `soak ${MINUTES} min: host event-loop delay p99`,
        fieldkit: p99,
        reference: TARGET_LOOP_P99_MS,
        unit: 'ms',
        ratio: p99 / TARGET_LOOP_P99_MS,
        note:
          `reference: ${TARGET_LOOP_P99_MS} ms; perf_hooks.monitorEventLoopDelay in the host (FIELDKIT_DIAG), its ${res} ms timer period taken off, all samples of ${diag.length} 10 s windows merged; ` +
          `per-window p99 median ${windowP99[Math.floor(windowP99.length / 2)]?.toFixed(1)} ms, worst ${windowP99[windowP99.length - 1]?.toFixed(1)} ms, ${windowP99.filter((x) => x > TARGET_LOOP_P99_MS).length} windows over ${TARGET_LOOP_P99_MS} ms; longest delay ${worstMax.toFixed(0)} ms; ${loadNote}`,
      },
      {
        name: `soak ${MINUTES} min: steady traps (100/s from 64 BMCs) lost`,
        fieldkit: steadyLost,
        reference: 0,
        unit: 'traps',
        ratio: steadySent ? steadyLost / steadySent : NaN,
        note:
          `reference: none lost; ratio = lost / sent; ${steadySent - steadyLost} of ${steadySent} in the trap log; lost ${lost.steady} of ${s.sent.steady} sent outside bursts, ${lost.steadyInBurst} of ${s.sent.steadyInBurst} sent during a burst or ${BURST_SHADOW_MS / 1000} s after; ` +
          `per BMC lost (steady and burst) ${Math.min(...lostPerBmc)}-${Math.max(...lostPerBmc)}; filed as unknown ${follower.unknown}, logged twice ${follower.duplicates}; ` +
          `${countersNote}${statusUnanswered ? ` (${statusUnanswered} traps.status calls unanswered in 120 s)` : ''}; send errors ${s.sendErrors}${s.exhausted ? `, ${s.exhausted} not sent (sequence exhausted)` : ''}`,
      },
      {
        name: `soak ${MINUTES} min: burst traps (10k/s for ${BURST_MS / 1000} s, ${bursts.length} bursts) lost`,
        fieldkit: lost.burst,
        reference: 0,
        unit: 'traps',
        ratio: s.sent.burst ? lost.burst / s.sent.burst : NaN,
        note:
          `noted apart: a 10k/s burst may overflow the kernel's socket buffer; ratio = lost / sent; ${s.sent.burst - lost.burst} of ${s.sent.burst} in the trap log; bursts at ${bursts.map((x) => `${x.at.toFixed(0)} s`).join(', ')}; ` +
          `the listener socket's kernel drop count over the run ${drops} (/proc/net/udp); queue peak ${status?.queuePeak ?? '?'}; ${loadNote}`,
      },
      {
        name: `soak ${MINUTES} min: trap log rotated as configured (1 = yes)`,
        fieldkit: rotated ? 1 : 0,
        reference: 1,
        unit: '',
        ratio: rotated ? 1 : 0,
        note:
          `policy ${mb(policy.maxBytes)} MB x ${policy.generations} generations; ${follower.rotations} rotations seen while following the log (${follower.gaps} gaps); ` +
          `files: ${trapFiles.map((x) => `${x.f} ${mb(x.size)} MB`).join(', ')}${within ? '' : ' (OUT OF POLICY)'}; ` +
          `operation log ${opFiles.map((x) => `${x.f} ${(x.size / 1024).toFixed(1)} kB`).join(', ') || 'absent'} (rotates at ${mb(defaultLogPolicies.operations.maxBytes)} MB: not reached by this run's ${opFiles.length ? 'few records' : 'nothing'}); ` +
          `${follower.records} records read back (${follower.foreign} not from this run)`,
      },
      {
        name: `soak ${MINUTES} min: dashboard sweeps of 64 BMCs (every ${MONITOR_INTERVAL_SECONDS.min} s)`,
        fieldkit: sweeps,
        reference: Math.floor(wallS / MONITOR_INTERVAL_SECONDS.min),
        unit: 'sweeps',
        ratio: sweeps / Math.floor(wallS / MONITOR_INTERVAL_SECONDS.min),
        note:
          `reference: one per interval (the window skips a tick while a sweep runs); monitor.updated events seen; links OK ${sock.lastOk}/${sock.lastRows} at the end (first sweep ${firstOk}/${BMCS}); ` +
          `${secretsNote}; ${BMCS} simulators started in ${simsIn.toFixed(0)} s; the bench holds a second WebSocket to the host besides Chromium`,
      },
    ];
    return results;
  } finally {
    for (const stop of timers) stop();
    follower?.stop();
    senders?.close();
    sock?.close();
    await browser?.close().catch(() => undefined);
    if (host) {
      const child = host.process;
      const stopped = host.stop();
      const killer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, 10_000);
      await stopped;
      clearTimeout(killer);
    }
    await stopAllSims();
    for (const st of stored) await keychain.delete({ host: st.host, port: st.port }, st.user).catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  run().then(
    (rs) => {
      for (const r of rs) console.log(`${r.name.padEnd(62)} fieldkit ${r.fieldkit.toFixed(2)} ${r.unit}  reference ${r.reference.toFixed(2)} ${r.unit}  ratio ${r.ratio.toFixed(3)}  ${r.note ?? ''}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
