import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Inventory, Server } from '../../../shared/model/inventory';
import { clone, repoRoot, sampleInventory } from '../../support/inventory';
import type { IpmiSim } from '../../support/ipmi-sim';

export const FIELDKIT_BIN = path.join(repoRoot, 'bin', 'fieldkit.cjs');

/** Healthy slots: all installed, none faulted (slot 4 empty and powered off, as in the fixture). */
export const HEALTHY_SLOTS = [{ installed: true }, { installed: true }, { installed: true }, { powerOff: true }, { installed: true }, { installed: true }];

/** A server of the sample inventory pointed at the given loopback ports. */
export function serverAt(name: string, primary: number, secondary?: number): Server {
  const s = clone(sampleInventory().clusters[0].servers[0]);
  s.name = name;
  s.bmc = { primary: { host: '127.0.0.1', port: primary }, ...(secondary ? { secondary: { host: '127.0.0.1', port: secondary } } : {}) };
  return s;
}

export function writeInventory(home: string, servers: Server[]): Inventory {
  const inv = sampleInventory();
  inv.clusters[0].servers = servers;
  fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
  return inv;
}

/**
 * A new firmware image, as far as Get Device ID can tell: the emulator file
 * the harness starts ipmi_sim with, with another firmware revision in mc_add.
 * The harness reads <sim.dir>/server.emu again on sim.restart().
 */
export function setEmuFirmware(sim: IpmiSim, major: number, minor: number): void {
  const file = path.join(sim.dir, 'server.emu');
  const emu = fs.readFileSync(file, 'utf8');
  const next = emu.replace(/^(mc_add 0x20 0 \S+ 0x[0-9a-f]+) \d+ \d+ /m, `$1 ${major} ${minor} `);
  if (next === emu && !new RegExp(`^mc_add 0x20 0 \\S+ 0x[0-9a-f]+ ${major} ${minor} `, 'm').test(emu)) throw new Error('mc_add line not found in the emulator file');
  fs.writeFileSync(file, next);
}

export interface CliRun { code: number | null; stdout: string; stderr: string }

export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FIELDKIT_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}
