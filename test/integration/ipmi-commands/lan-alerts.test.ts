/**
 * The BMC's own trap destinations (issue 12): FieldKit's reading of LAN
 * configuration parameters 16-19 against ipmi_sim, compared with ipmitool's.
 *
 * ipmi_sim answers parameter 16 ("public") and 17 (zero destinations) and
 * "parameter not supported" (0x80) for 18 and 19 (see TESTBED.md), so the
 * "BMC does not report its destinations" path is tested on the real peer.
 * No peer on this machine holds a destination, so for a non-empty read a
 * relay in front of the simulator rewrites its answers to parameters 17-19
 * (cipher suite 0, where a message travels in clear) with destinations laid
 * out as table 23-4 gives them; FieldKit and ipmitool then read the same
 * bytes over the same session machinery, and their readings are compared.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, completionCodeOf, getLanConfigParameters } from '../../../src-main/engines/ipmi/commands';
import { IpmiEngine } from '../../../src-main/engines/ipmi';
import { readLanAlerts } from '../../../src-main/engines/ipmi/ops';
import { Services } from '../../../src-main/services/container';
import { inventoryOf } from '../../../src-main/services/inventory/wire';
import { runFieldkit } from '../../support/cli';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../../support/ipmi-sim';
import { rewriteLanAlerts } from '../../support/lan-alert-relay';
import { keyValues, run } from './reference';
import { repoRoot } from '../../support/inventory';

const ready = hasIpmiSim && hasIpmitool;
if (!ready) console.warn(`LAN alert destination tests ${skipReason({ sim: true, ipmitool: true })}`);

/** ipmitool lan alert print: one block of "key : value" lines per destination, split at "Alert Destination". */
function ipmitoolDestinations(stdout: string): Map<string, string>[] {
  return stdout.split(/(?=^Alert Destination\s*:)/m).filter((b) => /^Alert Destination/.test(b)).map((b) => keyValues(b));
}

describe.skipIf(!ready)('LAN alert destinations against ipmi_sim and ipmitool', () => {
  let sim: IpmiSim;
  let relay: UdpRelay;
  let engine: IpmiEngine;
  let home: string;
  let counter: { rewritten: () => number };

  beforeAll(async () => {
    const b = await run(process.execPath, [path.join(repoRoot, 'scripts/build-cli.mjs')], 120_000);
    if (b.code !== 0) throw new Error(`CLI build failed: ${b.stderr}`);
    sim = await startIpmiSim({ name: 'lan-alerts', secondary: true, password: 'alerts-pw' });
    relay = await startUdpRelay(sim.port);
    counter = rewriteLanAlerts(relay);
    engine = new IpmiEngine();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-lanalert-'));
    const services = new Services({ home, app: { name: 'fieldkit-test', version: '0' } });
    const inv = inventoryOf(services);
    await inv.addServer({ name: 'server1', addr: `127.0.0.1:${sim.port}`, account: 'admin' });
    await inv.addServer({ name: 'server2', addr: `127.0.0.1:${relay.port}`, account: 'admin' });
    const cluster = (await inv.get()).inventory.clusters[0];
    // The guide's sample keyword: the servers' OS-side addresses.
    await inv.putCluster({ originalName: cluster.name, cluster: { name: cluster.name, kind: cluster.kind, trapSettings: { monitors: [{ category: 'BMCNOTICE', keyword: '192.168.0.1;192.168.0.2' }] } } });
    await services.close();
  });
  afterAll(async () => {
    await engine?.close();
    await relay?.close();
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  const session = (port: number, suite: 0 | 3 = 3) =>
    engine.session({ host: sim.host, port, username: sim.username, password: sim.password, cipherSuite: suite, ...(suite === 0 ? { acceptWeakCipher: true } : {}) });

  it('ipmi_sim: zero destinations and community "public", as ipmitool reads them', async () => {
    const mine = await readLanAlerts(session(sim.port));
    expect(mine).toEqual({ channel: 1, community: 'public', status: 'zero-destinations', count: 0, destinations: [] });
    const lan = keyValues((await sim.ipmitool(['lan', 'print', '1'])).stdout);
    expect(lan.get('SNMP Community String')).toBe(mine.community);
    const count = await sim.ipmitool(['raw', '0x0c', '0x02', '0x01', '0x11', '0x00', '0x00']);
    expect(count.stdout.trim().split(/\s+/).map((h) => parseInt(h, 16))).toEqual([0x11, mine.count]);
    const alerts = await sim.ipmitool(['lan', 'alert', 'print', '1']);
    expect(ipmitoolDestinations(alerts.stdout)).toEqual([]);
  });

  it('ipmi_sim: parameter 19 is "not supported" (0x80) for FieldKit and ipmitool alike', async () => {
    const err = await call(session(sim.port), getLanConfigParameters, { channel: 1, parameter: 0x13, set: 1 }).catch((e) => e);
    expect(completionCodeOf(err)).toBe(0x80);
    const it19 = await sim.ipmitool(['raw', '0x0c', '0x02', '0x01', '0x13', '0x01', '0x00']);
    expect(it19.code).not.toBe(0);
    expect(it19.stderr).toMatch(/rsp=0x80/);
  });

  it('the session channel is read from the BMC: the secondary address is LAN channel 2', async () => {
    const r = await readLanAlerts(session(sim.secondaryPort!));
    expect(r.channel).toBe(2);
    const info = (await sim.ipmitool(['channel', 'info', '2'])).stdout;
    expect(info).toMatch(/Channel 0x2 info:[\s\S]*802\.3 LAN/);
  });

  it('a BMC that holds destinations: FieldKit reads what ipmitool lan alert print reads', async () => {
    const before = counter.rewritten();
    const mine = await readLanAlerts(session(relay.port, 0));
    expect(counter.rewritten()).toBeGreaterThan(before);
    expect(mine).toMatchObject({ channel: 1, status: 'read', count: 3, community: 'public' });
    const out = await sim.ipmitool(['lan', 'alert', 'print', '1'], { suite: 0, port: relay.port });
    expect(out.code).toBe(0);
    // ipmitool also prints the volatile selector 0, which FieldKit does not read.
    const theirs = ipmitoolDestinations(out.stdout).filter((d) => d.get('Alert Destination') !== '0');
    expect(theirs).toHaveLength(mine.destinations.length);
    mine.destinations.forEach((d, i) => {
      const t = theirs[i];
      expect(t.get('Alert Destination')).toBe(String(d.set));
      expect(t.get('Alert Acknowledge')).toBe(d.acknowledged ? 'Acknowledged' : 'Unacknowledged');
      expect(t.get('Destination Type')).toBe({ pet: 'PET Trap', oem1: 'OEM 1', oem2: 'OEM 2', reserved: 'Unknown' }[d.type]);
      // one byte, named by ipmitool after what it means for this destination
      expect(t.get(d.acknowledged ? 'Acknowledge Timeout' : 'Retry Interval')).toBe(String(d.timeoutSeconds));
      expect(t.get('Number of Retries')).toBe(String(d.retries));
      expect(t.get('Alert Gateway')).toBe(d.gateway === 'backup' ? 'Backup' : 'Default');
      expect(t.get('Alert IP Address')).toBe(d.address);
      expect(t.get('Alert MAC Address')).toBe(d.mac);
    });
  });

  it('CLI on an inventory server: "does not report its alert destinations", in English, Japanese and JSON', async () => {
    const env = { FIELDKIT_PASSWORD: sim.password };
    const en = await runFieldkit(home, ['lan', 'alerts', 'server1'], { env });
    expect(en.stderr).toBe('');
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('server1 (cluster ');
    expect(en.stdout).toContain('Community string: public');
    expect(en.stdout).toContain('BMCNOTICE keyword: 192.168.0.1;192.168.0.2');
    expect(en.stdout).toContain("INFO server1's BMC does not report its alert destinations (zero destinations on channel 1)");
    const ja = await runFieldkit(home, ['--lang', 'ja', 'lan', 'alerts', 'server1'], { env });
    expect(ja.stdout).toContain('server1 の BMC はアラート送信先を報告しません (チャネル 1 の送信先数が 0)');
    const json = await runFieldkit(home, ['lan', 'alerts', 'server1', '--json'], { env });
    const v = JSON.parse(json.stdout);
    expect(v).toMatchObject({ server: 'server1', reading: { status: 'zero-destinations', channel: 1 }, keyword: { addresses: ['192.168.0.1', '192.168.0.2'] } });
    expect(v.findings.map((f: { id: string }) => f.id)).toEqual(['LANALERT_ZERO_DESTINATIONS']);
    expect(v.answeredBy).toBe(`primary 127.0.0.1:${sim.port}`);
  });

  it('CLI -H with --keyword on a BMC with destinations: sends to both servers, not to this laptop (exit 1)', async () => {
    const r = await runFieldkit(home, ['lan', 'alerts', '-H', `127.0.0.1:${relay.port}`, '-U', 'admin', '-C', '0', '--accept-weak-cipher', '--keyword', '192.168.0.1;192.168.0.2'], { env: { FIELDKIT_PASSWORD: sim.password } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('#1: PET trap 192.168.0.1  MAC 00:1b:21:0a:0b:0c  default gateway, not acknowledged');
    expect(r.stdout).toContain('#3: OEM 1 10.1.2.3');
    expect(r.stdout).toMatch(/WARN 127\.0\.0\.1:\d+'s BMC sends traps to 192\.168\.0\.1, 192\.168\.0\.2; not to this laptop \(/);
    expect(r.stdout).toContain('sends traps to every address of the BMCNOTICE keyword');
  });

  it('CLI refuses --keyword for an inventory server and a malformed keyword, before anything is sent', async () => {
    const usage = await runFieldkit(home, ['lan', 'alerts', 'server1', '--keyword', '192.168.0.1'], { env: { FIELDKIT_PASSWORD: sim.password } });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('CLI_USAGE');
    const bad = await runFieldkit(home, ['lan', 'alerts', '-H', `127.0.0.1:${sim.port}`, '-U', 'admin', '--keyword', '192.168.0.11;eth1'], { env: { FIELDKIT_PASSWORD: sim.password } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('INVENTORY_TRAP_KEYWORD_ADDRESS_INVALID');
  });
});
