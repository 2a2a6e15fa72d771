/**
 * The whole-inventory rules: everything the field rules check, plus the
 * rules that need more than one value (uniqueness, cluster size, segments,
 * trap ports, the vendor guide's fencing advice).
 */
import { DEFAULT_IPMI_PORT, endpointKey, type Cluster, type Inventory, type Server } from '../model/inventory';
import {
  checkAccount,
  checkBmcAddress,
  checkCipherSuite,
  checkClusterName,
  checkIpList,
  checkResetPath,
  checkServerName,
  checkSlotNumber,
  NOTES_MAX_BYTES,
  parseCidr,
} from './fields';
import { BMC_NOTICE_CATEGORY, checkCategory, parseTrapKeyword } from './keyword';
import { canonicalIp, parseIp, sameSegment, utf8Length } from './net';
import { issue, type ValidationIssue } from './types';

export const CLUSTER_SIZE = { physical: { min: 2, max: 4 }, virtual: { min: 2, max: 2 } } as const;

export function checkFencing(server: Server, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const nics = server.slots.filter((s) => s.kind === 'NIC_FLOATING' || s.kind === 'NIC_INTERCONNECT');
  if (nics.length > 0 && nics.every((s) => s.fenced)) {
    out.push(issue('INVENTORY_FENCING_ALL_NICS', `${path}.slots`, { server: server.name }, 'warning'));
  }
  const ics = server.slots.filter((s) => s.kind === 'NIC_INTERCONNECT' && s.priority !== undefined);
  for (const f of ics.filter((s) => s.fenced)) {
    for (const o of ics.filter((s) => !s.fenced)) {
      if (f.priority! < o.priority!) {
        out.push(issue('INVENTORY_FENCING_INTERCONNECT_PRIORITY', `${path}.slots`, { server: server.name, fencedSlot: f.number, openSlot: o.number }, 'warning'));
      }
    }
  }
  server.slots.forEach((s, i) => {
    if ((s.kind === 'HBA' || s.kind === 'NIC_FLOATING') && !s.fenced) {
      out.push(issue('INVENTORY_FENCING_SHARED_NOT_FENCED', `${path}.slots[${i}]`, { server: server.name, slot: s.number, kind: s.kind }, 'warning'));
    }
  });
  return out;
}

export function checkServer(server: Server, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  out.push(...checkServerName(server.name, `${path}.name`));
  out.push(...checkBmcAddress(server.bmc.primary, `${path}.bmc.primary`));
  if (server.bmc.secondary) {
    out.push(...checkBmcAddress(server.bmc.secondary, `${path}.bmc.secondary`));
    if (endpointKeyOf(server.bmc.secondary) === endpointKeyOf(server.bmc.primary)) {
      out.push(issue('INVENTORY_BMC_SECONDARY_SAME', `${path}.bmc.secondary`, { server: server.name, value: endpointKey(server.bmc.primary) }));
    }
  }
  out.push(...checkAccount(server.account, `${path}.account`));
  out.push(...checkCipherSuite(server.ipmi.cipherSuite, `${path}.ipmi.cipherSuite`));
  const notesBytes = utf8Length(server.notes);
  if (notesBytes > NOTES_MAX_BYTES) out.push(issue('INVENTORY_NOTES_TOO_LONG', `${path}.notes`, { server: server.name, bytes: notesBytes, max: NOTES_MAX_BYTES }));
  const seen = new Set<number>();
  server.slots.forEach((s, i) => {
    const sp = `${path}.slots[${i}]`;
    out.push(...checkSlotNumber(s.number, `${sp}.number`));
    if (seen.has(s.number)) out.push(issue('INVENTORY_SLOT_DUPLICATE', sp, { server: server.name, value: s.number }));
    seen.add(s.number);
    if (s.priority !== undefined && (!Number.isInteger(s.priority) || s.priority < 1 || s.priority > 64)) {
      out.push(issue('INVENTORY_SLOT_PRIORITY_INVALID', `${sp}.priority`, { value: String(s.priority) }));
    }
  });
  out.push(...checkFencing(server, path));
  out.push(...checkIpList(server.trapReceivers, `${path}.trapReceivers`, 'INVENTORY_TRAP_RECEIVER_INVALID'));
  server.interfaces.forEach((itf, i) => {
    if (!parseCidr(itf.cidr)) out.push(issue('INVENTORY_INTERFACE_INVALID', `${path}.interfaces[${i}]`, { value: itf.cidr }));
  });
  return out;
}

/** Canonical endpoint so 192.0.2.1 and 192.0.2.1:623, or two spellings of one IPv6 address, compare equal. */
function endpointKeyOf(a: { host: string; port?: number }): string {
  return endpointKey({ host: canonicalIp(a.host) ?? a.host, port: a.port ?? DEFAULT_IPMI_PORT });
}

export function checkCluster(cluster: Cluster, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  out.push(...checkClusterName(cluster.name, `${path}.name`));
  const size = CLUSTER_SIZE[cluster.kind];
  const count = cluster.servers.length;
  if (count < size.min) {
    out.push({ ...issue('INVENTORY_CLUSTER_TOO_FEW_SERVERS', `${path}.servers`, { cluster: cluster.name, kind: cluster.kind, count, min: size.min, max: size.max }), incomplete: true });
  } else if (count > size.max) {
    out.push(issue('INVENTORY_CLUSTER_TOO_MANY_SERVERS', `${path}.servers`, { cluster: cluster.name, kind: cluster.kind, count, max: size.max }));
  }
  const names = new Map<string, number>();
  cluster.servers.forEach((s, i) => {
    const sp = `${path}.servers[${i}]`;
    out.push(...checkServer(s, sp));
    const key = s.name.toLowerCase();
    if (names.has(key)) out.push(issue('INVENTORY_SERVER_NAME_DUPLICATE', `${sp}.name`, { value: s.name, cluster: cluster.name }));
    names.set(key, i);
  });
  if (cluster.resetPath) {
    const rp = cluster.resetPath;
    const rpIssues = checkResetPath(rp, `${path}.resetPath`);
    out.push(...rpIssues);
    const rpIp = parseIp(rp.address);
    if (rpIssues.length === 0 && rpIp) {
      cluster.servers.forEach((s, si) => {
        s.interfaces.forEach((itf, ii) => {
          const c = parseCidr(itf.cidr);
          if (c && sameSegment(rpIp, rp.prefixLength, c.ip, c.prefix)) {
            out.push(issue('INVENTORY_RESETPATH_SHARED_SEGMENT', `${path}.servers[${si}].interfaces[${ii}]`, {
              server: s.name, iface: itf.name, value: itf.cidr, segment: `${rp.address}/${rp.prefixLength}`,
            }, 'warning'));
          }
        });
      });
    }
  }
  // Trap monitors: each keyword and category, one port for all, every BMC listed.
  const ports = new Set<number>();
  const listed = new Set<string>();
  let hasNotice = false;
  cluster.trapSettings.monitors.forEach((m, i) => {
    const mp = `${path}.trapSettings.monitors[${i}]`;
    const kw = parseTrapKeyword(m.keyword, `${mp}.keyword`);
    out.push(...kw.issues);
    out.push(...checkCategory(m.category, `${mp}.category`));
    if (kw.value) {
      ports.add(kw.value.port);
      if (m.category === BMC_NOTICE_CATEGORY) {
        hasNotice = true;
        kw.value.addresses.forEach((a) => listed.add(a));
      }
    }
  });
  if (ports.size > 1) {
    out.push(issue('INVENTORY_TRAP_PORT_MISMATCH', `${path}.trapSettings`, { cluster: cluster.name, ports: [...ports].sort((a, b) => a - b).join(', ') }));
  }
  if (hasNotice) {
    cluster.servers.forEach((s, si) => {
      for (const [which, addr] of [['primary', s.bmc.primary], ['secondary', s.bmc.secondary]] as const) {
        if (!addr) continue;
        const c = canonicalIp(addr.host);
        if (c && !listed.has(c)) {
          out.push(issue('INVENTORY_TRAP_BMC_NOT_LISTED', `${path}.servers[${si}].bmc.${which}`, { server: s.name, value: addr.host, cluster: cluster.name }, 'warning'));
        }
      }
    });
  }
  return out;
}

export function validateInventory(inv: Inventory): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const clusterNames = new Set<string>();
  const endpoints = new Map<string, string>();
  inv.clusters.forEach((c, ci) => {
    const cp = `clusters[${ci}]`;
    out.push(...checkCluster(c, cp));
    const key = c.name.toLowerCase();
    if (clusterNames.has(key)) out.push(issue('INVENTORY_CLUSTER_NAME_DUPLICATE', `${cp}.name`, { value: c.name }));
    clusterNames.add(key);
    c.servers.forEach((s, si) => {
      for (const [which, addr] of [['primary', s.bmc.primary], ['secondary', s.bmc.secondary]] as const) {
        if (!addr || !parseIp(addr.host)) continue;
        const k = endpointKeyOf(addr);
        const owner = endpoints.get(k);
        if (owner !== undefined) {
          out.push(issue('INVENTORY_BMC_ADDRESS_DUPLICATE', `${cp}.servers[${si}].bmc.${which}`, { value: k, other: owner }));
        } else endpoints.set(k, s.name);
      }
    });
  });
  // Reset paths of different clusters on one segment must not share a port.
  inv.clusters.forEach((a, ai) => {
    inv.clusters.forEach((b, bi) => {
      if (bi <= ai || !a.resetPath || !b.resetPath || a.resetPath.port !== b.resetPath.port) return;
      const ia = parseIp(a.resetPath.address);
      const ib = parseIp(b.resetPath.address);
      if (ia && ib && sameSegment(ia, a.resetPath.prefixLength, ib, b.resetPath.prefixLength)) {
        out.push(issue('INVENTORY_RESETPATH_PORT_CONFLICT', `clusters[${bi}].resetPath.port`, { cluster: b.name, port: b.resetPath.port, other: a.name }));
      }
    });
  });
  return out;
}
