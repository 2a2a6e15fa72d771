/**
 * The cipher suite actually used is written down: in recovery case records
 * and in firmware check records (issue 11, item 4), against ipmi_sim. The
 * inventory's acknowledgement of a weak suite (weakCipherAccepted) reaches
 * recovery too; without it recovery refuses before anything is sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecoveryCase } from '../../../shared/model/case';
import type { Inventory } from '../../../shared/model/inventory';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { firmwareOf } from '../../../src-main/services/firmware/wire';
import { buildEmu } from '../../fixtures/ipmi/emu';
import { skipReason, startIpmiSim, stopAllSims } from '../../support/ipmi-sim';
import { tempServices } from '../../support/temp-services';
import { HEALTHY_SLOTS, serverAt, writeInventory } from '../firmware/helpers';
import { cliEnv, makeHome, powerLog, runCli, startFencedServer } from '../recovery/setup';

const why = skipReason({ sim: true });
if (why) console.warn(`cipher-records tests ${why}`);

const homes: string[] = [];
afterAll(async () => {
  await stopAllSims();
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

/** Sets the inventory's first server to a cipher suite (and optionally the acknowledgement). */
function setSuite(home: string, suite: number, accepted?: boolean): void {
  const file = path.join(home, 'inventory.json');
  const inv = JSON.parse(fs.readFileSync(file, 'utf8')) as Inventory;
  const s = inv.clusters[0].servers[0];
  s.ipmi = { ...s.ipmi, cipherSuite: suite };
  if (accepted !== undefined) s.ipmi.weakCipherAccepted = accepted;
  else delete s.ipmi.weakCipherAccepted;
  fs.writeFileSync(file, JSON.stringify(inv, null, 2));
}

describe.skipIf(!!why)('cipher suite in records', () => {
  it('recovery: suite 2 without the acknowledgement is refused at connect, nothing sent to the power; with it the case records suite 2', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const home = makeHome(sim);
    homes.push(home);

    setSuite(home, 2);
    const refused = await runCli(['--home', home, 'recover', 'node1', '--yes', '--faults-cleared', '--json'], cliEnv(sim));
    expect(refused.code, refused.stderr + refused.stdout).toBe(1);
    expect(refused.stdout + refused.stderr).toContain('IPMI_WEAK_SUITE_REFUSED');
    expect(powerLog(sim)).toEqual([]);

    // The refused attempt stays an open case (at assess) in that home: a fresh home for the accepted run.
    const accepted = makeHome(sim);
    homes.push(accepted);
    setSuite(accepted, 2, true);
    const r = await runCli(['--home', accepted, 'recover', 'node1', '--yes', '--faults-cleared', '--json'], cliEnv(sim));
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const c = JSON.parse(r.stdout) as RecoveryCase;
    expect(c.phase).toBe('recovered');
    expect(c.bmcSessions).toEqual([{ role: 'primary', address: `127.0.0.1:${sim.port}`, cipherSuite: 2, privilege: 'admin' }]);
    const withBmc = c.steps.filter((s) => s.bmc);
    expect(withBmc.length).toBeGreaterThan(3);
    for (const s of withBmc) expect(s.cipherSuite, s.step).toBe(2);
    // The case file on disk holds it too.
    const dir = path.join(accepted, 'cases');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    const onDisk = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as RecoveryCase).find((x) => x.id === c.id);
    expect(onDisk?.bmcSessions?.[0]?.cipherSuite).toBe(2);
  });

  it('firmware pre-flight: each BMC probe records the suite of its session (3 on ipmi_sim, which has no 17)', async () => {
    const sim = await startIpmiSim({ emu: buildEmu({ slots: HEALTHY_SLOTS }), secondary: true, name: 'fw-suite' });
    const env = tempServices('1.2.3-fw');
    try {
      const servers = [serverAt('fw1', sim.port, sim.secondaryPort)];
      writeInventory(env.home, servers);
      for (const ep of [servers[0].bmc.primary, servers[0].bmc.secondary!]) credentialsOf(env.services).setSessionOnly(ep, 'admin', sim.password);
      const pre = await firmwareOf(env.services).preflight('fw1', {
        checklist: { haMonitorStopped: true, resetPathMonitoringStopped: true, maintenanceWindowAgreed: true, firmwareFileChecked: true }, who: 'tester', via: 'cli',
      });
      expect(pre.bmcs.map((b) => [b.role, b.session, b.cipherSuite, b.privilege])).toEqual([['primary', true, 3, 'admin'], ['secondary', true, 3, 'admin']]);
      const saved = JSON.parse(fs.readFileSync(pre.file!, 'utf8')) as typeof pre;
      expect(saved.bmcs.map((b) => b.cipherSuite)).toEqual([3, 3]);
    } finally {
      await env.cleanup();
    }
  });
});
