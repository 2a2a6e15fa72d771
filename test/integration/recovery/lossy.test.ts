/**
 * Recovery on a lossy BMC LAN: both BMC addresses of the server behind a
 * seeded fault relay of the tests' own (40 % of replies and 20 % of
 * requests lost, 100 ms ± 50 ms each way). Whatever the loss does to the
 * run, the simulator's own chassis log may show at most one power-off and
 * one power-on, and a case reads "recovered" only when both happened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFaultRelay, type FaultRelay } from '../../support/fault-relay';
import { hasIpmiSim, skipReason, stopAllSims } from '../../support/ipmi-sim';
import { cliEnv, makeHome, runCli, startFencedServer } from './setup';

if (!hasIpmiSim) console.warn(`recovery lossy-LAN test ${skipReason()}`);

const LOSSY = { replyLoss: 0.4, requestLoss: 0.2, delayMs: 100, jitterMs: 50 };
const homes: string[] = [];
const relays: FaultRelay[] = [];

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await stopAllSims();
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

describe.skipIf(!hasIpmiSim)('recover through a lossy LAN', () => {
  it('at most one power-off and one power-on reach the server; recovered only when both did', async () => {
    const outcomes: string[] = [];
    for (const seed of [41, 42]) {
      const sim = await startFencedServer({ clearsOnPowerOn: true });
      const primary = await startFaultRelay(sim.port, { seed, ...LOSSY });
      const secondary = await startFaultRelay(sim.secondaryPort!, { seed: seed + 100, ...LOSSY });
      relays.push(primary, secondary);
      const home = makeHome(sim, primary.port);
      homes.push(home);
      // Both addresses behind the relays: failover gives no loss-free way round.
      const file = path.join(home, 'inventory.json');
      const inv = JSON.parse(fs.readFileSync(file, 'utf8'));
      inv.clusters[0].servers[0].bmc.secondary.port = secondary.port;
      fs.writeFileSync(file, JSON.stringify(inv, null, 2));

      const r = await runCli(['--home', home, 'recover', 'node1', '--yes', '--faults-cleared', '--json'],
        cliEnv(sim, { FIELDKIT_IPMI_TIMEOUT_MS: '6000', FIELDKIT_RECOVERY_POWER_TIMEOUT_S: '60', FIELDKIT_RECOVERY_VERIFY_TIMEOUT_S: '20' }), undefined, 240_000);
      await new Promise((res) => setTimeout(res, 800)); // copies still in flight in the relays
      const log = sim.chassisLog();
      const offs = log.filter((l) => /^power \d -> 0$/.test(l)).length;
      const ons = log.filter((l) => /^power \d -> 1$/.test(l)).length;
      expect(offs, log.join('; ')).toBeLessThanOrEqual(1);
      expect(ons, log.join('; ')).toBeLessThanOrEqual(1);
      const last = r.stdout.trim().split('\n').filter(Boolean).pop() ?? '{}';
      const doc = JSON.parse(last);
      if (doc.phase === 'recovered') expect(log).toEqual(['power 1 -> 0', 'power 0 -> 1']);
      outcomes.push(`seed ${seed}: exit ${r.code}, ${doc.phase ?? doc.error?.id}, ${offs} off / ${ons} on; relays dropped ${primary.counts.repliesDropped + secondary.counts.repliesDropped} replies, ${primary.counts.requestsDropped + secondary.counts.requestsDropped} requests`);
      await sim.stop();
    }
    console.log(`recover on a lossy LAN:\n  ${outcomes.join('\n  ')}`);
  }, 600_000);
});
