import { FieldKitError, toErrorPayload } from '../../../shared/errors';
import type { BmcAddress, Cluster, Server } from '../../../shared/model/inventory';
import type { BmcLink, LinkState, ServerStatus } from '../../../shared/model/monitor';

/** What the monitor needs from the rest of FieldKit; injected so it runs anywhere. */
export interface MonitorDeps {
  clusters(): Promise<Cluster[]>;
  /** RMCP presence ping: answers without a session or a password. */
  ping(address: BmcAddress, signal?: AbortSignal): Promise<boolean>;
  /** Power state through a session (primary, then secondary); throws a catalogued error. */
  readPower(server: Server, signal?: AbortSignal): Promise<{ on: boolean; from?: 'primary' | 'secondary' }>;
  /** Newest OS stop / dump trap of a server since `since`, if any. */
  lastDumpTrap(server: string, since: Date): { receivedAt: string; summary: string } | undefined;
  clock(): Date;
}

export function formatAddress(a: BmcAddress): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port ?? 623}` : `${a.host}:${a.port ?? 623}`;
}

/**
 * One sweep over the inventory's BMCs, all servers at once (the IPMI engine
 * multiplexes them over one socket), in HA Monitor Connector's terms.
 */
export class MonitorService {
  constructor(private readonly deps: MonitorDeps) {}

  async status(options: { cluster?: string; dumpWindowMinutes?: number; signal?: AbortSignal } = {}): Promise<ServerStatus[]> {
    let clusters = await this.deps.clusters();
    if (options.cluster !== undefined) {
      clusters = clusters.filter((c) => c.name === options.cluster);
      if (clusters.length === 0) throw new FieldKitError('MONITOR_CLUSTER_UNKNOWN', { cluster: options.cluster });
    }
    const since = new Date(this.deps.clock().getTime() - (options.dumpWindowMinutes ?? 24 * 60) * 60_000);
    const jobs = clusters.flatMap((c) => c.servers.map((s) => this.serverStatus(c.name, s, since, options.signal)));
    return Promise.all(jobs);
  }

  private async link(role: 'primary' | 'secondary', address: BmcAddress | undefined, signal?: AbortSignal): Promise<BmcLink> {
    if (!address) return { role, link: '---' };
    let link: LinkState = 'NG';
    try {
      link = (await this.deps.ping(address, signal)) ? 'OK' : 'NG';
    } catch {
      link = 'NG';
    }
    return { role, address: formatAddress(address), link };
  }

  private async serverStatus(cluster: string, server: Server, since: Date, signal?: AbortSignal): Promise<ServerStatus> {
    const [primary, secondary] = await Promise.all([
      this.link('primary', server.bmc.primary, signal),
      this.link('secondary', server.bmc.secondary, signal),
    ]);
    const anyLink = primary.link === 'OK' || secondary.link === 'OK';
    let power: ServerStatus['power'] = 'unknown';
    let powerFrom: ServerStatus['powerFrom'];
    let powerProblem: ServerStatus['powerProblem'];
    if (anyLink) {
      try {
        const p = await this.deps.readPower(server, signal);
        power = p.on ? 'on' : 'off';
        powerFrom = p.from;
      } catch (e) {
        const payload = toErrorPayload(e);
        powerProblem = { id: payload.id, params: payload.params };
      }
    }
    const dumpTrap = this.deps.lastDumpTrap(server.name, since);
    const state: ServerStatus['state'] = !anyLink ? 'link down' : dumpTrap ? 'dump detected' : power === 'off' ? 'poff detected' : 'monitoring';
    return {
      cluster,
      server: server.name,
      links: [primary, secondary],
      power,
      ...(powerFrom ? { powerFrom } : {}),
      ...(powerProblem ? { powerProblem } : {}),
      state,
      ...(dumpTrap ? { dumpTrap } : {}),
      checkedAt: this.deps.clock().toISOString(),
    };
  }
}
