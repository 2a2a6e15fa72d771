/**
 * A change takes effect at most once per request, counted where it
 * happens: in the chassis_control log of the simulator(s), never in what
 * FieldKit says. Two scenes:
 *
 * - one chassis, two BMCs (two ipmi_sim sharing one power state): the
 *   primary carries out the change and then stops (SIGSTOP), so its answer
 *   never comes. Nothing may reach the secondary that repeats the change,
 *   and the stopped primary may not find a second copy in its socket when
 *   it runs again;
 * - a lossy LAN (seeded fault relay: 40 % of replies and 20 % of requests
 *   lost, 100 ms ± 50 ms each way): power cycle / reset / on / off through
 *   the CLI end with at most one action per step, and report success only
 *   when the state read back agrees. FreeIPMI's ipmipower runs on the same
 *   relay for comparison (printed, not asserted).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpmiEngine } from '../../../src-main/engines/ipmi';
import { Services } from '../../../src-main/services/container';
import { inventoryOf } from '../../../src-main/services/inventory/wire';
import { startFaultRelay } from '../../support/fault-relay';
import { hasFreeipmi, hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';

const ROOT = path.resolve(__dirname, '../../..');
const ready = hasIpmiSim && hasIpmitool;
if (!ready) console.warn(`at-most-once power tests ${skipReason({ sim: true, ipmitool: true })}`);

interface Out { code: number | null; stdout: string; stderr: string }

function fieldkit(args: string[], env: Record<string, string>, timeoutMs = 90_000): Promise<Out> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/fieldkit.cjs'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FIELDKIT_LANG: 'en', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end('');
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

/** The --json document: pretty-printed results, or one line of error. */
const json = (o: Out) => {
  try {
    return JSON.parse(o.stdout);
  } catch {
    return JSON.parse(o.stdout.trim().split('\n').filter(Boolean).at(-1) ?? '{}');
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Power changes the script carried out since `from` lines: offs ("-> 0"), ons ("-> 1"), resets. */
function actions(sim: IpmiSim, from: number) {
  const lines = sim.chassisLog().slice(from);
  return {
    lines,
    offs: lines.filter((l) => /^power \d -> 0$/.test(l)).length,
    ons: lines.filter((l) => /^power \d -> 1$/.test(l)).length,
    resets: lines.filter((l) => /^reset 1$/.test(l)).length,
  };
}

function setPower(sim: IpmiSim, on: boolean) {
  fs.writeFileSync(path.join(sim.powerDir, 'power'), on ? '1\n' : '0\n');
}

/** A private FieldKit home whose inventory holds one server with these BMC addresses (account admin). */
async function homeWith(prefix: string, server: { name: string; addr: string; addr2?: string }): Promise<string> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const services = new Services({ home, app: { name: 'fieldkit-test', version: '0' } });
  await inventoryOf(services).addServer({ ...server, account: 'admin' });
  await services.close();
  return home;
}

beforeAll(() => {
  if (!ready) return;
  const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`CLI build failed: ${b.stderr}`);
});

describe.skipIf(!ready)('one chassis, two BMCs: the primary acts, then falls silent', () => {
  let primary: IpmiSim;
  let secondary: IpmiSim;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    primary = await startIpmiSim({ name: 'bmc-primary', password: 'twin-pw' });
    secondary = await startIpmiSim({ name: 'bmc-secondary', password: 'twin-pw', sharePowerWith: primary });
    home = await homeWith('fk-twin-', { name: 'twin', addr: `127.0.0.1:${primary.port}`, addr2: `127.0.0.1:${secondary.port}` });
    env = { FIELDKIT_HOME: home, FIELDKIT_PASSWORD: 'twin-pw' };
  });
  afterAll(async () => {
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  /** Runs one CLI power action with the primary set to stop after it acts; resumes it afterwards and waits for stragglers. */
  async function actThenSilent(args: string[]) {
    const from = primary.chassisLog().length;
    primary.stopAfterNextSet();
    const out = await fieldkit([...args, '--json', '--timeout', '2000'], env);
    primary.resume();
    // Whatever FieldKit left in the stopped primary's socket runs now: give it the time.
    await sleep(1500);
    return { out, did: actions(primary, from) };
  }

  it('reset: carried out once, never through the secondary, the lost answer reported with the state now', async () => {
    setPower(primary, true);
    const { out, did } = await actThenSilent(['power', 'reset', 'twin', '--yes']);
    expect(did.resets, did.lines.join('\n')).toBe(1);
    expect(did.offs + did.ons).toBe(0);
    expect(out.code).toBe(1);
    const e = json(out).error;
    expect(e.id).toBe('IPMICMD_POWER_OUTCOME_UNKNOWN');
    expect(e.params).toMatchObject({ action: 'reset', power: 'on', bmc: 'secondary' });
  });

  it('off: the lost answer is not repeated once the secondary reads off', async () => {
    setPower(primary, true);
    const { out, did } = await actThenSilent(['power', 'off', 'twin', '--yes']);
    expect(did.lines).toEqual(['power 1 -> 0']);
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const j = json(out);
    expect(j.result).toMatchObject({ after: false, power: 'off', commands: ['off'] });
    expect(j.answeredBy).toBe(`secondary 127.0.0.1:${secondary.port}`);
  });

  it('cycle: one off (answer lost) and one on (through the secondary), verified on', async () => {
    setPower(primary, true);
    const { out, did } = await actThenSilent(['power', 'cycle', 'twin', '--yes']);
    expect(did.lines).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(json(out).result).toMatchObject({ after: true, reached: true, commands: ['off', 'on'] });
  });

  it('on when the server is already on: nothing sent to either BMC', async () => {
    setPower(primary, true);
    const from = primary.chassisLog().length;
    const out = await fieldkit(['power', 'on', 'twin', '--yes', '--json'], env);
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(json(out).result).toMatchObject({ outcome: 'already', commands: [] });
    expect(actions(primary, from).lines).toEqual([]);
  });
});

describe.skipIf(!ready)('a lossy LAN: 40 % of replies and 20 % of requests lost, 100 ms ± 50 ms', () => {
  let sim: IpmiSim;
  let home: string;
  const LOSSY = { replyLoss: 0.4, requestLoss: 0.2, delayMs: 100, jitterMs: 50 };

  beforeAll(async () => {
    sim = await startIpmiSim({ name: 'bmc-lossy', password: 'lossy-pw' });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-lossy-'));
  });
  afterAll(async () => {
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  async function throughRelay(seed: number, args: string[]) {
    const relay = await startFaultRelay(sim.port, { seed, ...LOSSY });
    const from = sim.chassisLog().length;
    try {
      const out = await fieldkit([...args, '-H', `127.0.0.1:${relay.port}`, '-U', 'admin', '-C', '3', '--yes', '--json', '--timeout', '4000'], { FIELDKIT_HOME: home, FIELDKIT_PASSWORD: 'lossy-pw' });
      await sleep(800); // late copies still in flight in the relay
      return { out, did: actions(sim, from), relay: { ...relay.counts } };
    } finally {
      await relay.close();
    }
  }

  it('power cycle: never more than one off and one on; success only when on was read back', async () => {
    let completed = 0;
    const seeds = [11, 12, 13];
    for (const seed of seeds) {
      setPower(sim, true);
      const { out, did, relay } = await throughRelay(seed, ['power', 'cycle']);
      expect(did.offs, `seed ${seed}: ${did.lines.join('; ')}`).toBeLessThanOrEqual(1);
      expect(did.ons, `seed ${seed}: ${did.lines.join('; ')}`).toBeLessThanOrEqual(1);
      if (out.code === 0) {
        completed++;
        expect(did.offs).toBe(1);
        expect(did.ons).toBe(1);
        expect(sim.powerState()).toBe(true);
        expect(json(out).result).toMatchObject({ reached: true, after: true });
      } else {
        // A run that gives up says so with a catalogued error, never success.
        expect(json(out).error?.id, out.stdout + out.stderr).toMatch(/^(IPMI|IPMICMD)_/);
      }
      console.log(`lossy cycle seed ${seed}: exit ${out.code}${out.code ? ` (${json(out).error?.id}: ${json(out).error?.message})` : ""}, ${did.offs} off / ${did.ons} on; relay dropped ${relay.requestsDropped}/${relay.requests} requests, ${relay.repliesDropped}/${relay.replies} replies`);
    }
    console.log(`fieldkit power cycle on the lossy relay: ${completed} of ${seeds.length} runs completed and verified`);
    // Safety is asserted per run above; finishing depends on the luck of the draw at this loss rate.
    expect(completed).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it('power reset: at most once; a lost answer is reported as unknown, never as success', async () => {
    for (const seed of [21, 22]) {
      setPower(sim, true);
      const { out, did } = await throughRelay(seed, ['power', 'reset']);
      expect(did.resets, `seed ${seed}: ${did.lines.join('; ')}`).toBeLessThanOrEqual(1);
      expect(did.offs + did.ons).toBe(0);
      if (out.code === 0) expect(did.resets).toBe(1);
      else if (did.resets === 1) expect(json(out).error.id).toBe('IPMICMD_POWER_OUTCOME_UNKNOWN');
    }
  }, 200_000);

  it('power off then on: each at most once, success only with the state read back', async () => {
    setPower(sim, true);
    const off = await throughRelay(31, ['power', 'off']);
    expect(off.did.offs).toBeLessThanOrEqual(1);
    expect(off.did.ons).toBe(0);
    if (off.out.code === 0) expect(sim.powerState()).toBe(false);
    setPower(sim, false);
    const on = await throughRelay(32, ['power', 'on']);
    expect(on.did.ons).toBeLessThanOrEqual(1);
    expect(on.did.offs).toBe(0);
    if (on.out.code === 0) expect(sim.powerState()).toBe(true);
  }, 200_000);

  it.skipIf(!hasFreeipmi)('reference: ipmipower --cycle on the same relay (figures printed beside FieldKit\'s)', async () => {
    let completed = 0;
    let dropped = 0;
    for (const seed of [11, 12, 13]) {
      setPower(sim, true);
      const relay = await startFaultRelay(sim.port, { seed, ...LOSSY });
      const from = sim.chassisLog().length;
      const r = spawnSync('ipmipower', [...sim.freeipmiArgs(3, relay.port), '--cycle'], { encoding: 'utf8', timeout: 60_000 });
      await sleep(800);
      dropped += relay.counts.repliesDropped + relay.counts.requestsDropped;
      await relay.close();
      const did = actions(sim, from);
      if (/\bok\b/.test(r.stdout)) completed++;
      console.log(`ipmipower --cycle seed ${seed}: ${(r.stdout.trim() || r.stderr.trim()).replace(/\s+/g, ' ')}; simulator: ${did.offs} off / ${did.ons} on / ${did.resets} reset`);
    }
    console.log(`ipmipower --cycle on the lossy relay: ${completed} of 3 runs reported ok`);
    // The comparison means something only if the relay really lost datagrams.
    expect(dropped).toBeGreaterThan(0);
  }, 200_000);
});

describe.skipIf(!ready)('sessions: every one FieldKit opens, it closes', () => {
  let sim: IpmiSim;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    sim = await startIpmiSim({ name: 'bmc-sessions', password: 'sess-pw' });
    home = await homeWith('fk-sessions-', { name: 'solo', addr: `127.0.0.1:${sim.port}` });
    env = { FIELDKIT_HOME: home, FIELDKIT_PASSWORD: 'sess-pw' };
  });
  afterAll(async () => {
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('after show status (five times), power status, sel list and mc info, only ipmitool\'s own session is active', async () => {
    expect(await sim.activeSessions()).toBe(1); // ipmitool's own query
    for (let i = 0; i < 5; i++) {
      const r = await fieldkit(['show', 'status', '--json'], env);
      expect(JSON.parse(r.stdout)[0].server, r.stderr).toBe('solo');
    }
    for (const cmd of [['power', 'status', 'solo'], ['sel', 'list', 'solo'], ['mc', 'info', 'solo']]) {
      const r = await fieldkit([...cmd, '--json'], env);
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
    expect(await sim.activeSessions()).toBe(1);
  });

  it('a BMC with every session slot taken gets its own error naming the cluster software', async () => {
    // ipmi_sim has 63 session slots: fill them from one engine per session.
    const engines: IpmiEngine[] = [];
    try {
      for (let i = 0; i < 70; i++) {
        const e = new IpmiEngine();
        engines.push(e);
        const err = await e.session({ host: sim.host, port: sim.port, username: 'admin', password: 'sess-pw', cipherSuite: 3 }).connect().then(() => undefined, (x) => x);
        if (err) {
          expect(err.id).toBe('IPMI_NO_SESSION_SLOTS');
          break;
        }
      }
      const r = await fieldkit(['power', 'status', 'solo', '--json'], env);
      expect(r.code).toBe(1);
      const e = json(r).error;
      expect(e.id).toBe('IPMI_NO_SESSION_SLOTS');
      expect(e.remedy).toMatch(/CLUSTERPRO/);
    } finally {
      await Promise.all(engines.map((e) => e.close()));
    }
    expect(await sim.activeSessions()).toBe(1);
  });
});

describe.skipIf(!ready)('sessions of a long-lived process (the app, the headless host)', () => {
  let sim: IpmiSim;
  let home: string;

  beforeAll(async () => {
    sim = await startIpmiSim({ name: 'bmc-monitor', password: 'mon-pw' });
    home = await homeWith('fk-monitor-', { name: 'watched', addr: `127.0.0.1:${sim.port}` });
  });
  afterAll(async () => {
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('100 monitor polls hold at most one session on the BMC; closing the services closes it', async () => {
    const prev = process.env.FIELDKIT_PASSWORD;
    process.env.FIELDKIT_PASSWORD = 'mon-pw';
    const services = new Services({ home, app: { name: 'fieldkit-test', version: '0' } });
    try {
      const { monitorOf } = await import('../../../src-main/services/monitor/wire');
      for (let i = 0; i < 100; i++) {
        const rows = await monitorOf(services).status();
        expect(rows.map((r) => r.server)).toEqual(['watched']);
      }
      // At most FieldKit's one session, and ipmitool's own query.
      expect(await sim.activeSessions()).toBeLessThanOrEqual(2);
    } finally {
      await services.close();
      if (prev === undefined) delete process.env.FIELDKIT_PASSWORD;
      else process.env.FIELDKIT_PASSWORD = prev;
    }
    expect(await sim.activeSessions()).toBe(1);
  });
});
