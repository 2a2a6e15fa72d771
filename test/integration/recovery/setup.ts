import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyInventory, newCluster, newServer, INVENTORY_SCHEMA_VERSION } from '../../../shared/model/inventory';
import { buildEmu, SLOT_SENSOR_BASE } from '../../fixtures/ipmi/emu';
import { startIpmiSim, type IpmiSim } from '../../support/ipmi-sim';

export const REPO = path.resolve(__dirname, '..', '..', '..');
// bin/fieldkit.cjs loads out/cli/fieldkit.cjs, which vitest's global setup bundles once per run.
export const FIELDKIT_BIN = path.join(REPO, 'bin', 'fieldkit.cjs');
/** PCI Slot 5 of the fixture server: installed, with Fault Status asserted. */
export const FENCED_SENSOR = SLOT_SENSOR_BASE + 4;
export const CLEAR_FAULT = `sensor_set_bit 0x20 0 ${'0x' + FENCED_SENSOR.toString(16)} 0 0 1`;

/**
 * A fenced server on ipmi_sim: the fixture's slots (slot 5 faulted), two LAN
 * channels as primary and secondary BMC, and optionally the hardware
 * behaviour "the fault clears on power-on" through the chassis_control hook.
 */
export async function startFencedServer(o: { clearsOnPowerOn?: boolean; faulted?: boolean } = {}): Promise<IpmiSim> {
  const emu = o.faulted === false
    ? buildEmu({ slots: [{ installed: true }, { installed: true }, { installed: true }, { powerOff: true }, { installed: true }, { installed: true }] })
    : buildEmu();
  return startIpmiSim({ emu, secondary: true, name: 'node1-bmc', onPowerOn: o.clearsOnPowerOn ? [CLEAR_FAULT] : [] });
}

/** A private FieldKit home with an inventory naming the server and its two BMC addresses. */
export function makeHome(sim: IpmiSim, primaryPort = sim.port, name = 'node1'): string {
  return makeHomeWith([{ name, sim, primaryPort }]);
}

/** Several servers (one simulator each) in one cluster "lab". */
export function makeHomeWith(servers: { name: string; sim: IpmiSim; primaryPort?: number }[]): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-recovery-'));
  const inv = emptyInventory();
  inv.schemaVersion = INVENTORY_SCHEMA_VERSION;
  const c = newCluster('lab');
  for (const x of servers) {
    const s = newServer(x.name, { host: '127.0.0.1', port: x.primaryPort ?? x.sim.port }, x.sim.username);
    s.bmc.secondary = { host: '127.0.0.1', port: x.sim.secondaryPort! };
    c.servers.push(s);
  }
  inv.clusters.push(c);
  fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
  return home;
}

/**
 * Power transitions the simulator's chassis_control script has seen. A line
 * "power 0 -> 0" is the transport retransmitting the very same request (same
 * IPMI sequence number) when the simulator was slow to answer under load; it
 * changes nothing and is not a second power action, so it is left out.
 */
export function powerLog(sim: IpmiSim): string[] {
  const f = path.join(sim.dir, 'chassis.log');
  if (!fs.existsSync(f)) return [];
  return fs
    .readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.includes(' power '))
    .map((l) => l.replace(/^\S+ /, ''))
    .filter((l) => !/power (\d) -> \1$/.test(l));
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function cliEnv(sim: IpmiSim, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FIELDKIT_PASSWORD: sim.password,
    FIELDKIT_LANG: 'en',
    FIELDKIT_RECOVERY_POLL_MS: '300',
    FIELDKIT_RECOVERY_POWER_TIMEOUT_S: '30',
    FIELDKIT_RECOVERY_VERIFY_TIMEOUT_S: '8',
    FIELDKIT_IPMI_TIMEOUT_MS: '1500',
    ...extra,
  };
}

/** Runs the CLI; `onStderrLine` may kill it mid-run (returns true when it did). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, onStderrLine?: (line: string, kill: () => void) => void, timeoutMs = 90_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FIELDKIT_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      partial += d;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) onStderrLine?.(l, () => child.kill('SIGKILL'));
    });
    child.on('close', (code, signal) => {
      clearTimeout(t);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The whole chassis_control log, for failure messages. */
export function chassisLog(sim: IpmiSim): string {
  const f = path.join(sim.dir, 'chassis.log');
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '(no chassis.log)';
}
