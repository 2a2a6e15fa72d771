import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../shared/model/inventory';
import type { ServerStatus } from '../../../shared/model/monitor';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { monitorOf } from '../../../src-main/services/monitor/wire';
import { findFreeUdpPort, hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { clone, sampleInventory } from '../../support/inventory';
import { tempServices } from '../../support/temp-services';

const canRun = hasIpmiSim && hasIpmitool;
if (!canRun) console.warn(`[monitor] skipping live status tests: ${skipReason()}`);

describe.skipIf(!canRun)('live BMC status against ipmi_sim', () => {
  let on: IpmiSim;
  let off: IpmiSim;
  let deadPort: number;
  let rows: ServerStatus[];
  const env = tempServices();

  beforeAll(async () => {
    [on, off] = await Promise.all([startIpmiSim({ name: 'mon-on', secondary: true, power: true }), startIpmiSim({ name: 'mon-off', power: false })]);
    deadPort = await findFreeUdpPort();
    const inv: Inventory = sampleInventory();
    const template = inv.clusters[0].servers[0];
    const server = (name: string, primary: number, secondary?: number) => {
      const s = clone(template);
      s.name = name;
      s.bmc = { primary: { host: '127.0.0.1', port: primary }, ...(secondary ? { secondary: { host: '127.0.0.1', port: secondary } } : {}) };
      return s;
    };
    inv.clusters[0].servers = [
      server('alive', on.port, on.secondaryPort),
      server('poweredoff', off.port),
      server('gone', deadPort),
      server('failover', deadPort, off.port),
    ];
    fs.writeFileSync(path.join(env.home, 'inventory.json'), JSON.stringify(inv, null, 2));
    const creds = credentialsOf(env.services);
    for (const s of inv.clusters[0].servers) {
      for (const ep of [s.bmc.primary, s.bmc.secondary].filter((x) => x !== undefined)) {
        const pw = ep.port === on.port || ep.port === on.secondaryPort ? on.password : off.password;
        creds.setSessionOnly(ep, 'admin', pw);
      }
    }
    rows = await monitorOf(env.services).status();
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
    await stopAllSims();
  });

  const row = (name: string) => rows.find((r) => r.server === name)!;

  it('reports link OK on both BMC addresses and the power state ipmitool reads', async () => {
    const r = row('alive');
    expect(r.links.map((l) => l.link)).toEqual(['OK', 'OK']);
    expect(r.links[0].address).toBe(`127.0.0.1:${on.port}`);
    const reference = (await on.ipmitool(['chassis', 'power', 'status'])).stdout;
    expect(reference).toMatch(/Chassis Power is (on|off)/);
    expect(r.power).toBe(/is on/.test(reference) ? 'on' : 'off');
    expect(r.state).toBe('monitoring');
  });

  it('says "poff detected" for a server whose BMC reports power off, and --- for no secondary', async () => {
    const r = row('poweredoff');
    expect((await off.ipmitool(['chassis', 'power', 'status'])).stdout).toMatch(/is off/);
    expect(r.power).toBe('off');
    expect(r.state).toBe('poff detected');
    expect(r.links[1].link).toBe('---');
  });

  it('says NG and "link down" when no BMC answers, without trying a session', () => {
    const r = row('gone');
    expect(r.links[0].link).toBe('NG');
    expect(r.state).toBe('link down');
    expect(r.power).toBe('unknown');
  });

  it('reads power through the secondary BMC when the primary does not answer', () => {
    const r = row('failover');
    expect(r.links.map((l) => l.link)).toEqual(['NG', 'OK']);
    expect(r.power).toBe('off');
    expect(r.powerFrom).toBe('secondary');
  });

  it('a changed power state shows on the next sweep', async () => {
    const before = (await monitorOf(env.services).status()).find((r) => r.server === 'poweredoff')!;
    expect(before.power).toBe('off');
    const r = await off.ipmitool(['chassis', 'power', 'on']);
    expect(r.code).toBe(0);
    const after = (await monitorOf(env.services).status()).find((x) => x.server === 'poweredoff')!;
    expect(after.power).toBe('on');
    expect(after.state).toBe('monitoring');
  });
});
