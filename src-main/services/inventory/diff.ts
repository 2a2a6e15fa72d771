/**
 * What an import would change, for the preview shown before anything is
 * applied. Clusters and servers are matched by name; fields are compared by
 * their display form so the preview reads like the settings themselves.
 */
import { formatBmcAddress, type Cluster, type Inventory, type Server } from '../../../shared/model/inventory';
import { formatSlots } from './csv';

export interface InventoryChange {
  op: 'add' | 'remove' | 'change';
  cluster: string;
  server?: string;
  field?: string;
  before?: string;
  after?: string;
}

function serverFields(s: Server): Record<string, string> {
  return {
    'bmc.primary': formatBmcAddress(s.bmc.primary),
    'bmc.secondary': s.bmc.secondary ? formatBmcAddress(s.bmc.secondary) : '',
    account: s.account,
    'ipmi.cipherSuite': String(s.ipmi.cipherSuite),
    'ipmi.weakCipherAccepted': String(s.ipmi.weakCipherAccepted === true),
    'ipmi.privilege': s.ipmi.privilege,
    'ipmi.kgStored': String(s.ipmi.kgStored),
    slots: formatSlots(s.slots),
    trapReceivers: s.trapReceivers.join(';'),
    interfaces: s.interfaces.map((i) => `${i.name}=${i.cidr}`).join(';'),
    notes: s.notes,
    model: s.model ?? '',
    resetPathAddress: s.resetPathAddress ?? '',
    onboardInterconnect: String(s.onboardInterconnect === true),
  };
}

function clusterFields(c: Cluster): Record<string, string> {
  return {
    kind: c.kind,
    'resetPath.prefixLength': c.resetPath ? String(c.resetPath.prefixLength) : '',
    'resetPath.port': c.resetPath ? String(c.resetPath.port) : '',
    'resetPath.unassignedAddress': c.resetPath?.unassignedAddress ?? '',
    trapMonitors: c.trapSettings.monitors
      .map((m) => `${m.category}:${m.keyword}${(m.serverKeywords ?? []).map((k) => ` ${k.server}=${k.keyword}`).join('')}`)
      .join(' | '),
  };
}

function fieldChanges(a: Record<string, string>, b: Record<string, string>, base: Omit<InventoryChange, 'op'>): InventoryChange[] {
  return Object.keys(b)
    .filter((k) => a[k] !== b[k])
    .map((k) => ({ op: 'change' as const, ...base, field: k, before: a[k], after: b[k] }));
}

export function diffInventories(before: Inventory, after: Inventory): InventoryChange[] {
  const out: InventoryChange[] = [];
  const byName = <T extends { name: string }>(xs: T[]) => new Map(xs.map((x) => [x.name, x]));
  const oldClusters = byName(before.clusters);
  const newClusters = byName(after.clusters);
  for (const c of before.clusters) if (!newClusters.has(c.name)) out.push({ op: 'remove', cluster: c.name });
  for (const c of after.clusters) {
    const old = oldClusters.get(c.name);
    if (!old) {
      out.push({ op: 'add', cluster: c.name });
      for (const s of c.servers) out.push({ op: 'add', cluster: c.name, server: s.name });
      continue;
    }
    out.push(...fieldChanges(clusterFields(old), clusterFields(c), { cluster: c.name }));
    const oldServers = byName(old.servers);
    const newServers = byName(c.servers);
    for (const s of old.servers) if (!newServers.has(s.name)) out.push({ op: 'remove', cluster: c.name, server: s.name });
    for (const s of c.servers) {
      const os = oldServers.get(s.name);
      if (!os) out.push({ op: 'add', cluster: c.name, server: s.name });
      else out.push(...fieldChanges(serverFields(os), serverFields(s), { cluster: c.name, server: s.name }));
    }
  }
  return out;
}

export function formatChange(ch: InventoryChange): string {
  const where = ch.server ? `${ch.cluster}/${ch.server}` : ch.cluster;
  if (ch.op === 'add') return `+ ${ch.server ? 'server' : 'cluster'} ${where}`;
  if (ch.op === 'remove') return `- ${ch.server ? 'server' : 'cluster'} ${where}`;
  return `~ ${where} ${ch.field}: "${ch.before}" -> "${ch.after}"`;
}
