/**
 * What the site-scale benches (monitor.ts, soak.ts) share: an inventory of
 * rule-clean clusters over many simulators, a process's CPU from /proc, and
 * the host's WebSocket as the window opens it.
 * Exports no run(): scripts/bench.ts skips it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import WebSocket from 'ws';
import type { Envelope } from '../shared/contract';
import { INVENTORY_SCHEMA_VERSION, type Cluster, type Inventory, type Server } from '../shared/model/inventory';
import type { StartedHost } from '../test/support/headless-host';
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

/** The host's API WebSocket, open: the page's own address of it, ./api under the secret path. */
export async function openHostSocket(host: StartedHost): Promise<WebSocket> {
  const ws = new WebSocket(`${host.origin.replace(/^http/, 'ws')}/s/${host.token}/api`, { maxPayload: 64 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/**
 * Calls over the host's socket, matched to their answers by id. The owner
 * parses the socket's messages (each bench reads its own events) and hands
 * the answers to answer(); a socket that closes answers every call still
 * waiting with HOST_UNAUTHORIZED.
 */
export class HostCalls {
  private nextId = 1;
  private readonly waiting = new Map<number, (e: Envelope<unknown>) => void>();

  constructor(private readonly ws: WebSocket) {
    ws.on('close', () => {
      for (const [, resolve] of this.waiting) resolve({ ok: false, error: { id: 'HOST_UNAUTHORIZED', params: {}, message: 'connection to the host lost' } });
      this.waiting.clear();
    });
  }

  answer(id: number, envelope: Envelope<unknown>): void {
    this.waiting.get(id)?.(envelope);
    this.waiting.delete(id);
  }

  /** Sends a call; `forget` takes back a call given up on (its answer, if it comes, is ignored). */
  send(channel: string, payload: unknown): { id: number; answered: Promise<Envelope<unknown>>; forget(): void } {
    const id = this.nextId++;
    const answered = new Promise<Envelope<unknown>>((resolve) => this.waiting.set(id, resolve));
    this.ws.send(JSON.stringify({ id, channel, payload }));
    return { id, answered, forget: () => void this.waiting.delete(id) };
  }
}
