/**
 * Runs the reference clients (ipmitool, FreeIPMI) against a simulator and
 * parses what they print, so tests compare FieldKit with them rather than
 * with answers written into the test.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpmiSim } from '../../support/ipmi-sim';

export function run(cmd: string, args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

export function freeipmi(sim: IpmiSim, tool: string, args: string[], cacheDir?: string) {
  const cache = cacheDir ? [`--sdr-cache-directory=${cacheDir}`] : [];
  return run(tool, [...sim.freeipmiArgs(3), ...cache, ...args]);
}

export function privateDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** "Key : value" lines into a map (ipmitool mc info, fru; FreeIPMI bmc-info, ipmi-fru). */
export function keyValues(text: string, sep = ':'): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(sep);
    if (i < 0) continue;
    const k = line.slice(0, i).trim();
    if (k && !m.has(k)) m.set(k, line.slice(i + 1).trim());
  }
  return m;
}

/** FreeIPMI --comma-separated-output --no-header-output rows. */
export function csvRows(text: string): string[][] {
  return text.trim().split('\n').filter(Boolean).map((l) => l.split(','));
}

/** "'Fault Status asserted' 'Slot/Connector Device installed/attached'" -> list. */
export function quotedList(s: string): string[] {
  return [...s.matchAll(/'([^']*)'/g)].map((m) => m[1]);
}
