import { throwIfCancelled, toErrorPayload } from '../../../shared/errors';
import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Cluster, Server } from '../../../shared/model/inventory';
import { linkReasonOf, type BmcLink, type ServerStatus } from '../../../shared/model/monitor';

/** What the monitor needs from the rest of FieldKit; injected so it runs anywhere. */
export interface MonitorDeps {
  clusters(): Promise<Cluster[]>;
  /**
   * Opens an authenticated session with one BMC address of the server and
   * reads the chassis status through it. Throws a catalogued error:
   * MONITOR_NO_PASSWORD when no password is stored (not monitored), IPMI_*
   * when the BMC does not answer or refuses the session.
   */
  probe(server: Server, address: BmcAddress, signal?: AbortSignal): Promise<{ powerOn: boolean }>;
  /** Newest OS stop / dump trap of a server since `since`, if any. */
  lastDumpTrap(server: string, since: Date): { receivedAt: string; summary: string } | undefined;
  clock(): Date;
}

export function formatAddress(a: BmcAddress): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port ?? 623}` : `${a.host}:${a.port ?? 623}`;
}

/**
 * One sweep over the inventory's BMCs, all servers at once (the IPMI engine
 * multiplexes them over one socket), in HA Monitor Connector's terms: a
 * link is OK only when an authenticated session with that BMC works.
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
    const rows = await Promise.all(jobs);
    // A sweep cut short reads every link as NG: CANCELLED, not a wrong picture.
    throwIfCancelled(options.signal);
    return rows;
  }

  private async link(server: Server, role: 'primary' | 'secondary', address: BmcAddress | undefined, signal?: AbortSignal): Promise<{ link: BmcLink; powerOn?: boolean }> {
    if (!address) return { link: { role, link: 'none' } };
    const base = { role, address: formatAddress(address) };
    try {
      const r = await this.deps.probe(server, address, signal);
      return { link: { ...base, link: 'OK' }, powerOn: r.powerOn };
    } catch (e) {
      const p = toErrorPayload(e);
      const reason = linkReasonOf(p.id);
      const problem = { id: p.id, params: p.params as Record<string, unknown> };
      return { link: { ...base, link: reason === 'no password stored' ? '---' : 'NG', reason, problem } };
    }
  }

  private async serverStatus(cluster: string, server: Server, since: Date, signal?: AbortSignal): Promise<ServerStatus> {
    const [p, s] = await Promise.all([
      this.link(server, 'primary', server.bmc.primary, signal),
      this.link(server, 'secondary', server.bmc.secondary, signal),
    ]);
    const links: [BmcLink, BmcLink] = [p.link, s.link];
    const answered = p.powerOn !== undefined ? { on: p.powerOn, from: 'primary' as const } : s.powerOn !== undefined ? { on: s.powerOn, from: 'secondary' as const } : undefined;
    const monitored = links.some((l) => l.link === 'OK' || l.link === 'NG');
    const power: ServerStatus['power'] = answered ? (answered.on ? 'on' : 'off') : 'unknown';
    const firstProblem = links.find((l) => l.problem)?.problem;
    const dumpTrap = monitored ? this.deps.lastDumpTrap(server.name, since) : undefined;
    const state: ServerStatus['state'] = !monitored
      ? '----'
      : !answered
        ? 'unreachable*'
        : dumpTrap
          ? 'dump detected'
          : power === 'off'
            ? 'poff detected'
            : 'monitoring';
    return {
      cluster,
      server: server.name,
      links,
      power,
      ...(answered ? { powerFrom: answered.from } : {}),
      ...(!answered && firstProblem ? { powerProblem: firstProblem } : {}),
      state,
      ...(dumpTrap ? { dumpTrap } : {}),
      checkedAt: this.deps.clock().toISOString(),
    };
  }
}
