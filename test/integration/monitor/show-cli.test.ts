/**
 * `fieldkit show status` against ipmi_sim, in the Connector's terms: right
 * password -> OK monitoring; wrong password -> NG with the reason; powered off
 * -> poff detected; no answer -> NG; and the same in `--format haconnsetup`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyInventory, newCluster, newServer } from '../../../shared/model/inventory';
import type { ServerStatus } from '../../../shared/model/monitor';
import { findFreeUdpPort, hasIpmiSim, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { runCli } from '../recovery/setup';

const why = skipReason({ sim: true });
if (why) console.warn(`[show status] ${why}`);

describe.skipIf(!hasIpmiSim)('fieldkit show status against ipmi_sim', () => {
  let sims: Record<'alive' | 'off' | 'wrongpw', IpmiSim>;
  let home: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const [alive, off, wrongpw] = await Promise.all([
      startIpmiSim({ name: 'show-alive', power: true }),
      startIpmiSim({ name: 'show-off', power: false }),
      startIpmiSim({ name: 'show-wrongpw', power: true, password: 'another-pw' }),
    ]);
    sims = { alive, off, wrongpw };
    const dead = await findFreeUdpPort();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-show-'));
    const inv = emptyInventory();
    const c = newCluster('lab');
    c.servers.push(newServer('alive', { host: '127.0.0.1', port: alive.port }, 'admin'));
    c.servers.push(newServer('off', { host: '127.0.0.1', port: off.port }, 'admin'));
    c.servers.push(newServer('wrongpw', { host: '127.0.0.1', port: wrongpw.port }, 'admin'));
    c.servers.push(newServer('gone', { host: '127.0.0.1', port: dead }, 'admin'));
    inv.clusters.push(c);
    fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
    // The same password for every BMC (unattended run); wrongpw's BMC expects another one.
    env = { ...process.env, FIELDKIT_PASSWORD: alive.password, FIELDKIT_LANG: 'en', FIELDKIT_IPMI_TIMEOUT_MS: '1500' };
  }, 60_000);

  afterAll(async () => {
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('JSON: OK monitoring, poff detected, NG password refused, NG no answer', async () => {
    const r = await runCli(['--home', home, 'show', 'status', '--json'], env);
    expect(r.code, r.stderr).toBe(1);
    const rows = JSON.parse(r.stdout) as ServerStatus[];
    const by = (n: string) => rows.find((x) => x.server === n)!;
    expect(by('alive')).toMatchObject({ state: 'monitoring', power: 'on', links: [{ link: 'OK' }, { link: 'none' }] });
    expect(by('off')).toMatchObject({ state: 'poff detected', power: 'off', links: [{ link: 'OK' }, { link: 'none' }] });
    expect(by('wrongpw').links[0]).toMatchObject({ link: 'NG', reason: 'password refused' });
    expect(by('wrongpw').state).toBe('unreachable*');
    // "privilege too low" is not tested here: ipmi_sim grants the requested privilege whatever the
    // user's or the channel's limit (checked with ipmitool -L ADMINISTRATOR); test/unit/monitor covers the mapping.
    expect(by('gone').links[0]).toMatchObject({ link: 'NG', reason: 'no answer' });
    expect(rows.every((x) => x.links.every((l) => l.link !== '---'))).toBe(true);
    expect(r.stdout).not.toContain(sims.alive.password);
  }, 60_000);

  it('--format haconnsetup prints the Connector\'s layout', async () => {
    const r = await runCli(['--home', home, 'show', 'status', '--format', 'haconnsetup'], env);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      '-- HA monitor connector service status --',
      ' # name  link status',
      ' 1 alive  OK monitoring',
      ' 2 off  OK poff detected',
      ' 3 wrongpw  NG unreachable*',
      ' 4 gone  NG unreachable*',
    ]);
    const setting = await runCli(['--home', home, 'show', 'setting', '--format', 'haconnsetup'], env);
    expect(setting.code, setting.stderr).toBe(0);
    expect(setting.stdout.split('\n').slice(0, 8)).toEqual([
      '-- HA monitor connector service setting --',
      '',
      '<resetpath>',
      ' addr:    mask:    port number:',
      '',
      '<physical server>',
      ' # name  bmc addr  account',
      ' 1 alive  127.0.0.1 admin',
    ]);
    const version = await runCli(['--home', home, 'show', 'version', '--format', 'haconnsetup'], env);
    expect(version.stdout.split('\n')[0]).toBe('-- HA monitor connector service version --');
  }, 60_000);

  it('FieldKit\'s table shows the reason beside NG; --help explains every value, FieldKit\'s own marked', async () => {
    const r = await runCli(['--home', home, 'show', 'status'], env);
    expect(r.stdout).toMatch(/wrongpw\s+NG \(password refused\)/);
    expect(r.stdout).toMatch(/gone\s+NG \(no answer\)/);
    const help = await runCli(['show', 'status', '--help'], env);
    expect(help.code).toBe(0);
    for (const v of ['(own server)', '----', 'monitoring', 'poff detected', 'dump detected', 'not monitored']) expect(help.stdout).toContain(v);
    expect(help.stdout).toMatch(/unreachable\*\s+\[FieldKit\]/);
  }, 60_000);
});
