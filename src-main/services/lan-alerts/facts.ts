import os from 'node:os';
import { FieldKitError } from '../../../shared/errors';
import type { Cluster } from '../../../shared/model/inventory';
import type { LanAlertCheck } from '../../../shared/model/lan-alerts';
import type { TrapConfig, TrapListenerStatus } from '../../../shared/model/trap';
import { DEFAULT_TRAP_LISTENER_SETTINGS } from '../../../shared/model/trap';
import { BMC_NOTICE_CATEGORY, parseServerKeyword, parseTrapKeyword } from '../../../shared/validation/keyword';
import { canonicalIp } from '../../../shared/validation/net';

const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

/**
 * The BMCNOTICE keyword that applies to one server: its own per-server
 * keyword where the cluster has one (Express5800/A1080a, A1040a), else the
 * cluster's common keyword; the addresses of every BMCNOTICE monitor
 * together. Undefined when the cluster has no usable BMCNOTICE keyword
 * (config check reports why).
 */
export function keywordFor(cluster: Cluster, server: string): LanAlertCheck['keyword'] {
  const addresses: string[] = [];
  let port: number | undefined;
  let source: 'cluster' | 'server' = 'cluster';
  for (const m of cluster.trapSettings.monitors) {
    if (m.category !== BMC_NOTICE_CATEGORY) continue;
    const own = m.serverKeywords?.find((k) => k.server.toLowerCase() === server.toLowerCase());
    const parsed = own ? parseServerKeyword(own.keyword).value : m.keyword.trim() ? parseTrapKeyword(m.keyword).value : undefined;
    if (!parsed) continue;
    if (own) source = 'server';
    port ??= parsed.port;
    for (const a of parsed.addresses) if (!addresses.includes(a)) addresses.push(a);
  }
  return addresses.length ? { addresses, port: port!, source } : undefined;
}

/** A keyword typed on the command line (-H --keyword): the same grammar, and messages, as the inventory's. */
export function keywordFromText(text: string): NonNullable<LanAlertCheck['keyword']> {
  const r = parseTrapKeyword(text, '--keyword');
  if (!r.value) throw new FieldKitError(r.issues[0].id, r.issues[0].params);
  return { addresses: r.value.addresses, port: r.value.port, source: 'cluster' };
}

/**
 * This machine's own IPv4 addresses, which a BMC could send to: parameter 19
 * holds IPv4 destinations only (IPv6 ones are other parameters, not read), and
 * loopback is left out because no BMC reaches it.
 */
export function machineAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list ?? []) {
      if (i.internal || i.family !== 'IPv4' || out.includes(i.address)) continue;
      out.push(i.address);
    }
  }
  return out;
}

/**
 * This laptop's trap listener as a BMC must address it: the running
 * listener's address and port, else the saved settings (traps.json), else the
 * defaults (any address, port 162). A listener on any address is reached at
 * every address of this machine.
 */
export function listenerFacts(config: TrapConfig, status?: Pick<TrapListenerStatus, 'listening' | 'address' | 'port'>, addresses: () => string[] = machineAddresses): LanAlertCheck['listener'] {
  const listening = status?.listening === true;
  const address = (listening ? status?.address : undefined) ?? config.address ?? DEFAULT_TRAP_LISTENER_SETTINGS.address;
  const port = (listening ? status?.port : undefined) ?? config.port ?? DEFAULT_TRAP_LISTENER_SETTINGS.port;
  const bare = address.replace(/^::ffff:/i, '');
  return { addresses: ANY_ADDRESS.has(bare) ? addresses() : [canonicalIp(bare) ?? bare], port, listening };
}
