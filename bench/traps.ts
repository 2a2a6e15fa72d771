// Trap receiver benchmark: loss at sustained offered rates, FieldKit's trap
// service against Net-SNMP's snmptrapd -Lf, same sender, same rates, same
// machine. Run alone with `npx tsx bench/traps.ts`, or through `npm run bench`.
//
// The sender is a Node UDP blaster in its own process replaying one real
// snmptrap-encoded v1 PET, with the PET sequence number and timestamp
// rewritten per datagram so that duplicate suppression (on, as shipped)
// does not hide anything. Rates of 30k/s are far beyond what snmptrap
// processes can offer.
import { execFile, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from '../scripts/bench';
import { TrapService } from '../src-main/services/traps/service';
import { freeUdpPort } from '../test/support/ports';

const SECONDS = Number(process.env.BENCH_TRAPS_SECONDS ?? 10);
const RATES = (process.env.BENCH_TRAPS_RATES ?? '5000,10000,30000').split(',').map(Number);
const REPO = path.resolve(__dirname, '..');
const PET_HEX = 'a123456789abcdefa123456789abcdef0005216f3a4b0000201010200b0b0100ffffffffffffff19000000770001c1';
const SPECIFIC = 0x216f00;

/** Sends `rate` datagrams/s for `seconds`, in 5 ms slices; prints how many it sent. */
const BLASTER = `
const dgram = require('node:dgram');
const [port, rate, seconds, hex, petAt] = process.argv.slice(1);
const tpl = Buffer.from(hex, 'hex');
const sock = dgram.createSocket('udp4');
sock.bind(0, '127.0.0.1', () => {
  try { sock.setSendBufferSize(4 * 1024 * 1024); } catch {}
  const total = Number(rate) * Number(seconds);
  const start = process.hrtime.bigint();
  let sent = 0;
  const tick = () => {
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const due = Math.min(total, Math.floor(elapsed * Number(rate)));
    while (sent < due) {
      const b = Buffer.from(tpl);
      b.writeUInt16BE(sent & 0xffff, Number(petAt) + 16);
      b.writeUInt32BE(0x216f3a4b + (sent >>> 16), Number(petAt) + 18);
      sock.send(b, Number(port), '127.0.0.1');
      sent++;
    }
    if (sent < total) setTimeout(tick, 5);
    else setTimeout(() => { process.stdout.write(String(sent)); sock.close(); }, 200);
  };
  tick();
});
`;

function blast(port: number, rate: number, seconds: number, template: Buffer, petAt: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', BLASTER, String(port), String(rate), String(seconds), template.toString('hex'), String(petAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`blaster exited ${code}`))));
  });
}

/** The real bytes snmptrap sends for our PET, captured on a socket of ours. */
async function captureTemplate(): Promise<{ template: Buffer; petAt: number }> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const got = new Promise<Buffer>((r) => sock.once('message', (m) => r(m)));
  const spaced = (PET_HEX.match(/../g) ?? []).join(' ');
  await new Promise<void>((resolve, reject) =>
    execFile('snmptrap', ['-m', '', '-M', '/dev/null', '-v', '1', '-c', 'public', `127.0.0.1:${sock.address().port}`, '1.3.6.1.4.1.3183.1.1', '192.0.2.10', '6', String(SPECIFIC), '', '1.3.6.1.4.1.3183.1.1.1', 'x', spaced], (e) => (e ? reject(e) : resolve())),
  );
  const template = await got;
  sock.close();
  return { template, petAt: template.indexOf(Buffer.from(PET_HEX, 'hex')) };
}

/** Waits until `count()` stops moving for `quietMs`. */
async function settle(count: () => number, quietMs = 700, maxMs = 15_000): Promise<number> {
  let last = -1;
  let since = Date.now();
  const end = Date.now() + maxMs;
  while (Date.now() < end) {
    const c = count();
    if (c !== last) {
      last = c;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return count();
}

interface Run {
  sent: number;
  got: number;
  maxPushesPerSecond?: number;
}

async function runFieldKit(rate: number, t: { template: Buffer; petAt: number }): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-bench-traps-'));
  const svc = new TrapService({
    logFile: path.join(dir, 'traps.jsonl'),
    logPolicy: { maxBytes: 64 * 1024 * 1024, generations: 2 },
    builtInProfileDir: path.join(REPO, 'resources', 'vendor-profiles'),
    resolveSource: (a) => (a === '127.0.0.1' ? { server: 'server1', cluster: 'bench' } : undefined),
  });
  const pushes = new Map<number, number>();
  let counting = true;
  svc.onBatch(() => {
    if (!counting) return; // the final flush at stop() is not a live push
    const s = Math.floor(Date.now() / 1000);
    pushes.set(s, (pushes.get(s) ?? 0) + 1);
  });
  // One source sends everything here, so the per-source limit (there to stop one BMC starving the rest) is off.
  const st = await svc.start({ address: '127.0.0.1', port: 0, communities: ['public'], rateLimit: { perSecond: 0, burst: 0 } });
  const sent = await blast(st.port!, rate, SECONDS, t.template, t.petAt);
  const got = await settle(() => svc.status().counters.accepted);
  if (process.env.BENCH_TRAPS_DEBUG) console.error(rate, JSON.stringify(svc.status().counters), 'queuePeak', svc.status().queuePeak);
  counting = false;
  await svc.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return { sent, got, maxPushesPerSecond: Math.max(0, ...pushes.values()) };
}

async function runSnmptrapd(rate: number, t: { template: Buffer; petAt: number }): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-bench-snmptrapd-'));
  const conf = path.join(dir, 'snmptrapd.conf');
  const log = path.join(dir, 'traps.log');
  fs.writeFileSync(conf, 'disableAuthorization yes\ndoNotRetainNotificationLogs yes\n');
  const port = await freeUdpPort();
  const child = spawn('snmptrapd', ['-f', '-C', '-c', conf, '-Lf', log, '-n', '-m', '', '-M', '/dev/null', '-F', 'TRAP %q\n', `udp:127.0.0.1:${port}`], { stdio: 'ignore' });
  const countLines = () => {
    try {
      const text = fs.readFileSync(log, 'utf8');
      let n = 0;
      for (let i = text.indexOf('TRAP '); i !== -1; i = text.indexOf('TRAP ', i + 5)) n++;
      return n;
    } catch {
      return 0;
    }
  };
  try {
    // Ready when it has logged its start line.
    const ready = Date.now() + 5000;
    while (Date.now() < ready && !(fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('NET-SNMP'))) await new Promise((r) => setTimeout(r, 50));
    const sent = await blast(port, rate, SECONDS, t.template, t.petAt);
    const got = await settle(countLines, 1000);
    return { sent, got };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const lossPct = (r: Run) => (r.sent ? (100 * Math.max(0, r.sent - r.got)) / r.sent : 0);

export async function run(): Promise<BenchResult[]> {
  const t = await captureTemplate();
  if (t.petAt < 0) throw new Error('PET bytes not found in the captured trap');
  const results: BenchResult[] = [];
  let maxPushes = 0;
  for (const rate of RATES) {
    const fk = await runFieldKit(rate, t);
    // BENCH_TRAPS_ONLY=fieldkit skips the reference (for profiling FieldKit alone).
    const ref = process.env.BENCH_TRAPS_ONLY === 'fieldkit' ? { sent: 0, got: 0 } : await runSnmptrapd(rate, t);
    maxPushes = Math.max(maxPushes, fk.maxPushesPerSecond ?? 0);
    const fkLoss = lossPct(fk);
    const refLoss = lossPct(ref);
    results.push({
      name: `traps lost at ${rate}/s for ${SECONDS} s (v1 PET, loopback)`,
      fieldkit: fkLoss,
      reference: refLoss,
      unit: '% lost',
      // Delivered fraction, FieldKit over snmptrapd: >= 1 means FieldKit lost no more.
      ratio: (100 - fkLoss) / Math.max(1e-9, 100 - refLoss),
      note: `FieldKit decoded+classified+logged ${fk.got}/${fk.sent}; snmptrapd -Lf logged ${ref.got}/${ref.sent}`,
    });
  }
  results.push({
    name: 'UI pushes per second at the highest rate (batched)',
    fieldkit: maxPushes,
    reference: 10,
    unit: 'pushes/s',
    ratio: maxPushes / 10,
    note: 'reference = the ~10/s target',
  });
  return results;
}

if (typeof require !== 'undefined' && require.main === module) {
  run().then(
    (rs) => {
      for (const r of rs) console.log(`${r.name.padEnd(52)} fieldkit ${r.fieldkit.toFixed(3)} ${r.unit}  snmptrapd ${r.reference.toFixed(3)} ${r.unit}  ratio ${r.ratio.toFixed(3)}  ${r.note ?? ''}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
