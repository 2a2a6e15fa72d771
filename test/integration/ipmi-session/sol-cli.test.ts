/**
 * `fieldkit sol activate | deactivate | info -H ...` (the built CLI, as a
 * user runs it) against ipmi_sim with a host serial port of the test's own:
 * piped standard input ending in ~. sends what was typed, exits 0 and
 * leaves no session; end of input does the same; sol info and sol
 * deactivate answer as ipmitool sees the BMC.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/inventory';
import { runFieldkit } from '../../support/cli';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { startSerialHost, type SerialHost } from '../../support/serial-host';
import { startIpmitoolConsole } from '../../support/ipmitool-console';

const skip = !hasIpmiSim || !hasIpmitool || !fs.existsSync(path.join(repoRoot, 'out', 'cli', 'fieldkit.cjs'));
if (skip) console.warn(`SOL CLI tests ${skipReason({ sim: true, ipmitool: true })} (or the CLI is not built: npm run build:cli)`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip)('fieldkit sol', () => {
  let host: SerialHost;
  let sim: IpmiSim;
  let home: string;
  let adHoc: string[];
  const env = () => ({ FIELDKIT_PASSWORD: sim.password });

  beforeAll(async () => {
    host = await startSerialHost();
    sim = await startIpmiSim({ solPort: host.port });
    await host.connected(10_000);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-solcli-'));
    adHoc = ['-H', `127.0.0.1:${sim.port}`, '-U', sim.username, '-C', '3'];
  });
  afterAll(async () => {
    await stopAllSims();
    await host?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('sol activate with piped input: shows the host\'s lines, sends the keys, leaves at ~. with exit 0 and no session', async () => {
    const p = spawn(process.execPath, [path.join(repoRoot, 'bin', 'fieldkit.cjs'), '--home', home, 'sol', 'activate', ...adHoc], {
      env: { ...process.env, FIELDKIT_LANG: 'en', ...env() }, cwd: repoRoot,
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => p.on('close', (code) => r(code)));
    const end = Date.now() + 15_000;
    while (!stderr.includes('Serial over LAN console of') && Date.now() < end) await sleep(20);
    expect(stderr).toMatch(/\[Serial over LAN console of 127\.0\.0\.1:\d+ open \(cipher suite 3, privilege admin, encrypted\)\. Type ~\. to leave/);
    await host.write('Debian GNU/Linux 12 node1 ttyS0\r\nnode1 login: ');
    while (!stdout.includes('node1 login: ') && Date.now() < end) await sleep(20);
    expect(stdout).toBe('Debian GNU/Linux 12 node1 ttyS0\r\nnode1 login: ');
    const before = host.received().length;
    // ~~ is one ~; ~. at the start of a line leaves; nothing after it is sent.
    p.stdin.end('root\r~~tilde\r~.not sent\r');
    expect(await exited).toBe(0);
    expect(host.received().subarray(before).toString()).toBe('root\r~tilde\r');
    expect(stderr).toContain('closed]');
    expect(await sim.activeSessions()).toBe(1);
  });

  it('end of input leaves cleanly too; sol info and sol deactivate', async () => {
    const before = host.received().length;
    const r = await runFieldkit(home, ['sol', 'activate', ...adHoc], { stdin: 'ls\r', env: env() });
    expect(r.code, r.stderr).toBe(0);
    await host.waitForReceived((b) => b.subarray(before).toString() === 'ls\r', 3000);
    expect(await sim.activeSessions()).toBe(1);

    const info = await runFieldkit(home, ['sol', 'info', ...adHoc, '--json'], { env: env() });
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout).result).toMatchObject({ enabled: true, privilege: 'unknown' });

    // A console ipmitool left open (killed: no deactivate, no Close Session) is ended by sol deactivate.
    const tool = startIpmitoolConsole(sim.ipmitoolArgs());
    expect(await tool.waitFor('SOL Session operational', 20_000), tool.output()).toBe(true);
    await tool.killHard();
    const inUse = await runFieldkit(home, ['sol', 'activate', ...adHoc], { stdin: '', env: env() });
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('[SOL_IN_USE]');
    expect(inUse.stderr).toMatch(/takeover ends the other user's console/);
    // Without a terminal and without --yes nobody can be asked: refused before anything is sent.
    const unasked = await runFieldkit(home, ['sol', 'deactivate', ...adHoc], { env: env() });
    expect(unasked.code).toBe(1);
    expect(unasked.stderr).toContain('CLI_CONFIRMATION_REQUIRED');
    const d = await runFieldkit(home, ['sol', 'deactivate', ...adHoc, '--yes', '--json'], { env: env() });
    expect(d.code, d.stderr).toBe(0);
    expect(JSON.parse(d.stdout)).toMatchObject({ wasActive: true });
    const again = await runFieldkit(home, ['sol', 'deactivate', ...adHoc, '--yes', '--json'], { env: env() });
    expect(JSON.parse(again.stdout)).toMatchObject({ wasActive: false });
    // Now free: an ordinary activation works (ipmitool's dead session is not ours to close).
    const ok = await runFieldkit(home, ['sol', 'activate', ...adHoc], { stdin: '~.', env: env() });
    expect(ok.code, ok.stderr).toBe(0);
  });
});
