/**
 * The per-model prerequisites in the recovery checklist and in the firmware
 * pre-flight, through the built CLI against ipmi_sim (`npm run build:cli`
 * first): listed as "check by hand" beside FieldKit's own checklist, kept in
 * the case and the pre-flight record, never counted as a pass or a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecoveryCase } from '../../../shared/model/case';
import type { PreflightRecord } from '../../../shared/model/firmware';
import type { Inventory } from '../../../shared/model/inventory';
import { hasIpmiSim, hasIpmitool, skipReason, stopAllSims } from '../../support/ipmi-sim';
import { cliEnv, makeHome, powerLog, runCli, startFencedServer } from './setup';

const why = skipReason({ sim: true, ipmitool: true });
if (why) console.warn(`recovery/firmware prerequisites tests ${why}`);

const homes: string[] = [];
afterAll(async () => {
  await stopAllSims();
  for (const d of homes) fs.rmSync(d, { recursive: true, force: true });
});

/** The simulator's home with node1 recorded as an NX7700x. */
function nxHome(sim: Parameters<typeof makeHome>[0]): string {
  const home = makeHome(sim);
  homes.push(home);
  const file = path.join(home, 'inventory.json');
  const inv = JSON.parse(fs.readFileSync(file, 'utf8')) as Inventory;
  inv.clusters[0].servers[0].model = 'NX7700x';
  fs.writeFileSync(file, JSON.stringify(inv, null, 2));
  return home;
}

describe.skipIf(!hasIpmiSim || !hasIpmitool)('prerequisites per model', () => {
  it('recovery: the NX7700x items are shown before the checklist and kept in the case; the recovery runs as before', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const home = nxHome(sim);
    const r = await runCli(['--home', home, 'recover', 'node1', '--yes', '--faults-cleared'], cliEnv(sim));
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout + r.stderr;
    const heading = out.indexOf('Prerequisites from the vendors\' guides, per model');
    expect(heading).toBeGreaterThanOrEqual(0);
    expect(out).toContain('[ ] check by hand: The acpi service is running on the server');
    expect(heading).toBeLessThan(out.indexOf('Before anything changes on the server, confirm:'));
    // The HA8000 items are not for an NX7700x.
    expect(out).not.toContain('BH40');
    expect(powerLog(sim)).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    const [summary] = JSON.parse((await runCli(['--home', home, 'cases', 'list', '--json'], cliEnv(sim))).stdout) as RecoveryCase[];
    const c = JSON.parse(fs.readFileSync(path.join(home, 'cases', `${summary.id}.json`), 'utf8')) as RecoveryCase;
    expect(c.prerequisites?.map((i) => i.id)).toEqual(expect.arrayContaining(['service.ipmi', 'nx7700x.acpi', 'nx7700x.license']));
    expect(c.prerequisites?.every((i) => i.kind === 'confirm' && i.servers.join() === 'node1')).toBe(true);
    await sim.stop();
  });

  it('firmware pre-flight: the items are in the record and the output, outside the checks and the verdict', async () => {
    const sim = await startFencedServer({ faulted: false });
    const home = nxHome(sim);
    const j = await runCli(['--home', home, 'fwcheck', 'pre', 'node1', '--yes', '--json'], cliEnv(sim));
    const rec = JSON.parse(j.stdout) as PreflightRecord;
    expect(rec.prerequisites?.map((i) => i.id)).toEqual(expect.arrayContaining(['nx7700x.acpi', 'firewall.trap']));
    expect(rec.checks.some((c) => c.id.includes('acpi') || c.id.startsWith('prereq'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(rec.file!, 'utf8')).prerequisites).toHaveLength(rec.prerequisites!.length);
    const t = await runCli(['--home', home, '--lang', 'ja', 'fwcheck', 'pre', 'node1', '--yes'], cliEnv(sim));
    expect(t.stdout).toContain('ベンダーのガイドによる機種別の前提条件');
    expect(t.stdout).toContain('[ ] 手動で確認: サーバで acpi サービスが動作している');
    await sim.stop();
  });
});
