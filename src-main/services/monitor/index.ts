import { isoNow, type Clock } from '../../../shared/clock';
import { throwIfCancelled, toErrorPayload } from '../../../shared/errors';
import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Cluster, Server } from '../../../shared/model/inventory';
import { linkReasonOf, slotNumberOf, type BmcLink, type FaultedSlot, type ServerStatus } from '../../../shared/model/monitor';

/** One Slot/Connector sensor as the probe read it. */
export interface SlotReading {
  sensorNumber: number;
  name: string;
  entityInstance?: number;
  /** Fault Status asserted (the BMC fenced the slot). */
  faulted: boolean;
}

/** What one probe of a BMC address found. */
export interface ProbeResult {
  powerOn: boolean;
  /** The Slot/Connector sensors, when the probe was asked to read them and could. */
  slots?: SlotReading[];
  /** Why the slots could not be read on a session that otherwise worked. */
  slotsProblem?: { id: string; params: Record<string, unknown> };
}

/** What the monitor needs from the rest of FieldKit; injected so it runs anywhere. */
export interface MonitorDeps {
  clusters(): Promise<Cluster[]>;
  /**
   * Opens an authenticated session with one BMC address of the server and
   * reads the chassis status through it. Throws a catalogued error:
   * MONITOR_NO_PASSWORD when no password is stored (not monitored), IPMI_*
   * when the BMC does not answer or refuses the session.
   *
   * `readSlots`, once the chassis status was read, says whether this probe
   * should also read the Slot/Connector sensors on the same session: the
   * primary always does; the secondary only when the primary did not answer,
   * so a sweep reads each server's slots once and opens no extra session.
   */
  probe(server: Server, address: BmcAddress, signal?: AbortSignal, readSlots?: () => Promise<boolean>): Promise<ProbeResult>;
  /** Newest OS stop / dump trap of a server since `since`, if any. */
  lastDumpTrap(server: string, since: Date): { receivedAt: string; summary: string } | undefined;
  /** The sweep's stamps and the dump-trap window (shared/clock.ts). */
  clock: Clock;
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
    const since = new Date(this.deps.clock.now() - (options.dumpWindowMinutes ?? 24 * 60) * 60_000);
    const jobs = clusters.flatMap((c) => c.servers.map((s) => this.serverStatus(c.name, s, since, options.signal)));
    const rows = await Promise.all(jobs);
    // A sweep cut short reads every link as NG: CANCELLED, not a wrong picture.
    throwIfCancelled(options.signal);
    return rows;
  }

  private async link(
    server: Server,
    role: 'primary' | 'secondary',
    address: BmcAddress | undefined,
    signal?: AbortSignal,
    readSlots?: () => Promise<boolean>,
  ): Promise<{ link: BmcLink; powerOn?: boolean; probe?: ProbeResult }> {
    if (!address) return { link: { role, link: 'none' } };
    const base = { role, address: formatAddress(address) };
    try {
      const r = await this.deps.probe(server, address, signal, readSlots);
      return { link: { ...base, link: 'OK' }, powerOn: r.powerOn, probe: r };
    } catch (e) {
      const p = toErrorPayload(e);
      const reason = linkReasonOf(p.id);
      const problem = { id: p.id, params: p.params as Record<string, unknown> };
      return { link: { ...base, link: reason === 'no password stored' ? '---' : 'NG', reason, problem } };
    }
  }

  private async serverStatus(cluster: string, server: Server, since: Date, signal?: AbortSignal): Promise<ServerStatus> {
    // Both addresses are probed at once; the secondary reads the slots only when the primary failed.
    const primary = this.link(server, 'primary', server.bmc.primary, signal, async () => true);
    const [p, s] = await Promise.all([
      primary,
      this.link(server, 'secondary', server.bmc.secondary, signal, async () => (await primary).powerOn === undefined),
    ]);
    const slotProbe = p.probe?.slots || p.probe?.slotsProblem ? p.probe : s.probe;
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
      ...(slotProbe?.slots ? { faultedSlots: faultedSlots(server, slotProbe.slots) } : {}),
      ...(!slotProbe?.slots && slotProbe?.slotsProblem ? { slotsProblem: slotProbe.slotsProblem } : {}),
      checkedAt: isoNow(this.deps.clock),
    };
  }
}

/** The faulted slots, named with the PCI slot number and what the inventory says is in it. */
export function faultedSlots(server: Server, slots: SlotReading[]): FaultedSlot[] {
  return slots
    .filter((x) => x.faulted)
    .map((x) => {
      const slot = slotNumberOf(x.name, x.entityInstance);
      const known = slot !== undefined ? server.slots.find((i) => i.number === slot) : undefined;
      return { sensorNumber: x.sensorNumber, name: x.name, ...(slot !== undefined ? { slot } : {}), ...(known ? { kind: known.kind } : {}) };
    });
}
