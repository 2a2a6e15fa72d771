/**
 * What the site-scale benches (monitor.ts, soak.ts) share: an inventory of
 * rule-clean clusters over many simulators, and a process's CPU from /proc.
 * Exports no run(): scripts/bench.ts skips it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { INVENTORY_SCHEMA_VERSION, type Cluster, type Inventory, type Server } from '../shared/model/inventory';
import type { IpmiSim } from '../test/support/ipmi-sim';

/** Servers per cluster: a physical cluster holds at most 4. */
export const PER_CLUSTER = 4;

/** Clusters of 4 servers, one simulator each as the primary BMC (no secondary), passing the inventory's rules. */
export function siteInventory(sims: IpmiSim[], names: { server(i: number): string; cluster(c: number): string }): Inventory {
  const clusters: Cluster[] = [];
  for (let c = 0; c * PER_CLUSTER < sims.length; c++) {
    const servers: Server[] = [];
    for (let k = 0; k < PER_CLUSTER && c * PER_CLUSTER + k < sims.length; k++) {
      const i = c * PER_CLUSTER + k;
      servers.push({
        name: names.server(i),
        bmc: { primary: { host: '127.0.0.1', port: sims[i].port } },
        account: sims[i].username,
        ipmi: { cipherSuite: 3, privilege: 'ADMINISTRATOR', kgStored: false },
        notes: '',
        slots: [
          { number: 1, kind: 'HBA', fenced: true },
          { number: 2, kind: 'NIC_FLOATING', fenced: true },
          { number: 3, kind: 'NIC_INTERCONNECT', fenced: false, priority: 1 },
        ],
        trapReceivers: ['127.0.0.1'],
        interfaces: [{ name: 'eth0', cidr: `198.51.100.${10 + k}/24` }],
        resetPathAddress: `127.1.${c}.${10 + k}`,
      });
    }
    clusters.push({
      name: names.cluster(c),
      kind: 'physical',
      resetPath: { prefixLength: 8, port: 5001 + c },
      trapSettings: { monitors: [{ keyword: '127.0.0.1', category: 'BMCNOTICE' }] },
      servers,
    });
  }
  return { schemaVersion: INVENTORY_SCHEMA_VERSION, clusters };
}

/** Clock ticks per second of /proc's CPU times. */
export function clockTicks(): number {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
}

/** utime + stime of a process (all its threads), in clock ticks; and its resident set in MB. */
export function procUsage(pid: number): { ticks: number; rssMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // f[0] is field 3 (state): utime is field 14, stime 15, rss (pages) 24.
  return { ticks: Number(f[11]) + Number(f[12]), rssMb: (Number(f[21]) * 4096) / 1024 / 1024 };
}
