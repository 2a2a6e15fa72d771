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
  let wrong: IpmiSim;
  let deadPort: number;
  let rows: ServerStatus[];
  const env = tempServices();

  beforeAll(async () => {
    [on, off, wrong] = await Promise.all([
      startIpmiSim({ name: 'mon-on', secondary: true, power: true }),
      startIpmiSim({ name: 'mon-off', power: false }),
      startIpmiSim({ name: 'mon-wrong', power: true }),
    ]);
    deadPort = await findFreeUdpPort();
    // Nothing listens there, and nothing is sent: without a password the BMC is not monitored.
    const nopwPort = deadPort + 1;
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
      server('wrongpw', wrong.port),
      server('nopw', nopwPort),
    ];
    fs.writeFileSync(path.join(env.home, 'inventory.json'), JSON.stringify(inv, null, 2));
    const creds = credentialsOf(env.services);
    for (const s of inv.clusters[0].servers) {
      if (s.name === 'nopw') continue;
      // Distinct accounts so each server's keychain entry is its own.
      if (s.name === 'wrongpw') {
        creds.setSessionOnly(s.bmc.primary, 'admin', `${wrong.password}-not`);
        continue;
      }
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

  it('reports link OK on both BMC addresses (an authenticated session works) and the power state ipmitool reads', async () => {
    const r = row('alive');
    expect(r.links.map((l) => l.link)).toEqual(['OK', 'OK']);
    expect(r.links[0].address).toBe(`127.0.0.1:${on.port}`);
    const reference = (await on.ipmitool(['chassis', 'power', 'status'])).stdout;
    expect(reference).toMatch(/Chassis Power is (on|off)/);
    expect(r.power).toBe(/is on/.test(reference) ? 'on' : 'off');
    expect(r.state).toBe('monitoring');
  });

  it('says "poff detected" for a server whose BMC reports power off; no secondary is "none", not ---', async () => {
    const r = row('poweredoff');
    expect((await off.ipmitool(['chassis', 'power', 'status'])).stdout).toMatch(/is off/);
    expect(r.power).toBe('off');
    expect(r.state).toBe('poff detected');
    expect(r.links[1].link).toBe('none');
  });

  it('says NG with the reason "no answer" when no BMC answers', () => {
    const r = row('gone');
    expect(r.links[0]).toMatchObject({ link: 'NG', reason: 'no answer' });
    expect(r.state).toBe('unreachable*');
    expect(r.power).toBe('unknown');
  });

  it('a BMC that answers but refuses the stored password is NG "password refused", never OK', () => {
    const r = row('wrongpw');
    // The BMC answers (a presence ping would say OK), but no session works.
    expect(r.links[0]).toMatchObject({ link: 'NG', reason: 'password refused' });
    expect(r.state).toBe('unreachable*');
  });

  it('--- and ---- only when not monitored: no password stored', () => {
    expect(process.env.FIELDKIT_PASSWORD).toBeUndefined();
    const r = row('nopw');
    expect(r.links[0]).toMatchObject({ link: '---', reason: 'no password stored' });
    expect(r.state).toBe('----');
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
