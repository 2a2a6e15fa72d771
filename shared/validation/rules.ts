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
  checkResetPathAddress,
  checkServerName,
  checkSlotNumber,
  checkWeakCipher,
  NOTES_MAX_BYTES,
  parseCidr,
} from './fields';
import { BMC_NOTICE_CATEGORY, checkCategory, checkDeviceKeyword, DEVICE_CATEGORIES, parseServerKeyword, parseTrapKeyword } from './keyword';
import { canonicalIp, parseIp, sameSegment, utf8Length, type ParsedIp } from './net';
import { issue, type ValidationIssue } from './types';

export const CLUSTER_SIZE = { physical: { min: 2, max: 4 }, virtual: { min: 2, max: 2 } } as const;

/**
 * An OS interface name as Linux (eth1, bond0.100, ens1f0@if3) or Windows
 * ("Ethernet 2", 「イーサネット 2」) names it: starts with a letter or digit,
 * at most 64 characters, no control characters and none of = ; , " that
 * would break the CSV interfaces column or read as a spreadsheet formula.
 */
const INTERFACE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.:@()#-]{0,63}$/u;

export function checkFencing(server: Server, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const nics = server.slots.filter((s) => s.kind === 'NIC_FLOATING' || s.kind === 'NIC_INTERCONNECT');
  // An on-board interconnect sits in no PCI slot, so slot fencing leaves it up: the notice still gets out.
  if (nics.length > 0 && nics.every((s) => s.fenced) && server.onboardInterconnect !== true) {
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
  out.push(...checkWeakCipher(server.ipmi, server.name, `${path}.ipmi.cipherSuite`));
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
  if (server.resetPathAddress !== undefined) out.push(...checkResetPathAddress(server.resetPathAddress, `${path}.resetPathAddress`));
  server.interfaces.forEach((itf, i) => {
    if (!INTERFACE_NAME.test(itf.name)) out.push(issue('INVENTORY_INTERFACE_NAME_INVALID', `${path}.interfaces[${i}].name`, { value: itf.name.slice(0, 80) }));
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
  out.push(...checkResetPathRules(cluster, path));
  out.push(...checkTrapMonitors(cluster, path));
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
      const ia = resetSegmentOf(a);
      const ib = resetSegmentOf(b);
      if (ia && ib && sameSegment(ia.ip, ia.prefix, ib.ip, ib.prefix)) {
        out.push(issue('INVENTORY_RESETPATH_PORT_CONFLICT', `clusters[${bi}].resetPath.port`, { cluster: b.name, port: b.resetPath.port, other: a.name }));
      }
    });
  });
  return out;
}

/**
 * The cluster's reset-path segment: the first recorded server address (or the
 * address a migration could not assign) under the cluster's prefix length.
 */
export function resetSegmentOf(cluster: Cluster): { ip: ParsedIp; prefix: number; address: string } | null {
  const rp = cluster.resetPath;
  if (!rp) return null;
  const candidates = [...cluster.servers.map((s) => s.resetPathAddress), rp.unassignedAddress];
  for (const a of candidates) {
    const ip = a !== undefined ? parseIp(a) : null;
    if (ip && Number.isInteger(rp.prefixLength) && rp.prefixLength >= 1 && rp.prefixLength <= (ip.family === 4 ? 32 : 128)) {
      return { ip, prefix: rp.prefixLength, address: a! };
    }
  }
  return null;
}

/**
 * HA Monitor Connector's reset path, as its guide sets it up: one segment and
 * one port per cluster, each server's Connector bound to its own NIC on that
 * segment, and every BMC reachable on it (a BMC outside the segment is the
 * usual reason a server never shows "(own server)"). Other NICs of a server
 * must not share the segment (the Connector's broadcast would leave through
 * them).
 */
export function checkResetPathRules(cluster: Cluster, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const rp = cluster.resetPath;
  const family = cluster.servers.map((s) => (s.resetPathAddress ? parseIp(s.resetPathAddress)?.family : undefined)).find(Boolean)
    ?? (rp?.unassignedAddress ? parseIp(rp.unassignedAddress)?.family : undefined);
  if (!rp) {
    cluster.servers.forEach((s, si) => {
      if (s.resetPathAddress !== undefined) {
        out.push(issue('INVENTORY_RESETPATH_CLUSTER_MISSING', `${path}.servers[${si}].resetPathAddress`, { server: s.name, cluster: cluster.name }, 'warning'));
      }
    });
    return out;
  }
  const rpIssues = checkResetPath(rp, `${path}.resetPath`, family);
  out.push(...rpIssues);
  if (rp.unassignedAddress !== undefined) {
    out.push(issue('INVENTORY_RESETPATH_UNASSIGNED', `${path}.resetPath.unassignedAddress`, { cluster: cluster.name, value: rp.unassignedAddress }, 'warning'));
  }
  const seg = rpIssues.length === 0 ? resetSegmentOf(cluster) : null;
  if (!seg) return out;
  const segment = `${seg.address}/${seg.prefix}`;
  const owners = new Map<string, string>();
  cluster.servers.forEach((s, si) => {
    const sp = `${path}.servers[${si}]`;
    const own = s.resetPathAddress !== undefined ? parseIp(s.resetPathAddress) : null;
    if (own) {
      const key = canonicalIp(s.resetPathAddress!)!;
      const other = owners.get(key);
      if (other !== undefined) out.push(issue('INVENTORY_RESETPATH_ADDR_DUPLICATE', `${sp}.resetPathAddress`, { server: s.name, other, value: s.resetPathAddress! }));
      else owners.set(key, s.name);
      if (!sameSegment(own, seg.prefix, seg.ip, seg.prefix)) {
        out.push(issue('INVENTORY_RESETPATH_ADDR_OTHER_SEGMENT', `${sp}.resetPathAddress`, { server: s.name, value: `${s.resetPathAddress}/${seg.prefix}`, segment }, 'warning'));
      }
      // The server's other interfaces (not the one that carries the reset-path address) must be elsewhere.
      s.interfaces.forEach((itf, ii) => {
        const c = parseCidr(itf.cidr);
        if (!c || canonicalIp(itf.cidr.trim().split('/')[0]) === key) return;
        if (sameSegment(own, seg.prefix, c.ip, c.prefix)) {
          out.push(issue('INVENTORY_RESETPATH_SHARED_SEGMENT', `${sp}.interfaces[${ii}]`, {
            server: s.name, iface: itf.name, value: itf.cidr, segment: `${s.resetPathAddress}/${seg.prefix}`,
          }, 'warning'));
        }
      });
    }
    for (const [which, addr] of [['primary', s.bmc.primary], ['secondary', s.bmc.secondary]] as const) {
      const b = addr ? parseIp(addr.host) : null;
      if (b && !sameSegment(b, seg.prefix, seg.ip, seg.prefix)) {
        out.push(issue('INVENTORY_RESETPATH_BMC_OUTSIDE', `${sp}.bmc.${which}`, { server: s.name, bmc: which, value: addr!.host, segment }, 'warning'));
      }
    }
  });
  return out;
}

/** A server's OS-side addresses: its trap receivers and the addresses of its OS interfaces. */
function osAddressesOf(server: Server): Set<string> {
  const out = new Set<string>();
  for (const a of server.trapReceivers) {
    const c = canonicalIp(a);
    if (c) out.add(c);
  }
  for (const itf of server.interfaces) {
    const c = parseCidr(itf.cidr);
    const ip = c ? canonicalIp(itf.cidr.trim().split('/')[0]) : null;
    if (ip) out.add(ip);
  }
  return out;
}

/**
 * Trap monitors (CLUSTERPRO external monitors), as the Hardware Feature Guide
 * defines them:
 * - BMCNOTICE: the keyword lists the servers' OS-side addresses that receive
 *   the BMC's traps. Each server whose OS addresses are recorded should have
 *   one of them in the keyword (common or its own per-server keyword); an
 *   address that is a BMC's and no server's OS address is the likely mistake;
 *   when every server's OS addresses are recorded, an address that belongs to
 *   none of them is flagged too. One port for every monitor of a server.
 * - per-server keywords: one `<IP>[:<port>]` each, for servers of the
 *   cluster, and then one for every server (the A1080a/A1040a rule).
 * - NIC, FC, HA/SS, HA/AM, HA/RS, SPS: a device name or empty.
 */
export function checkTrapMonitors(cluster: Cluster, path: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const osOf = cluster.servers.map(osAddressesOf);
  const bmcOwner = new Map<string, string>();
  for (const s of cluster.servers) {
    for (const a of [s.bmc.primary, s.bmc.secondary]) {
      const c = a ? canonicalIp(a.host) : null;
      if (c && !bmcOwner.has(c)) bmcOwner.set(c, s.name);
    }
  }
  const osOwner = new Map<string, string>();
  cluster.servers.forEach((s, i) => osOf[i].forEach((a) => { if (!osOwner.has(a)) osOwner.set(a, s.name); }));
  const allRecorded = cluster.servers.length > 0 && osOf.every((set) => set.size > 0);
  /** Per server (lower-case name): the ports its monitors use. */
  const portsOf = new Map<string, Set<number>>();
  const addPort = (server: string, port: number) => {
    const k = server.toLowerCase();
    if (!portsOf.has(k)) portsOf.set(k, new Set());
    portsOf.get(k)!.add(port);
  };
  /** Per server index: does some BMCNOTICE keyword reach it? */
  const reached = cluster.servers.map(() => false);
  let hasNotice = false;

  const checkAddress = (addr: string, kwPath: string) => {
    if (osOwner.has(addr)) return;
    const bmc = bmcOwner.get(addr);
    if (bmc !== undefined) out.push(issue('INVENTORY_TRAP_KEYWORD_HAS_BMC', kwPath, { value: addr, server: bmc, cluster: cluster.name }, 'warning'));
    else if (allRecorded) out.push(issue('INVENTORY_TRAP_KEYWORD_ADDRESS_UNKNOWN', kwPath, { value: addr, cluster: cluster.name }, 'warning'));
  };

  cluster.trapSettings.monitors.forEach((m, i) => {
    const mp = `${path}.trapSettings.monitors[${i}]`;
    out.push(...checkCategory(m.category, `${mp}.category`));
    const perServer = m.serverKeywords ?? [];
    if (m.category === BMC_NOTICE_CATEGORY) {
      hasNotice = true;
      // With per-server keywords the common keyword may be empty.
      const common = m.keyword.trim() === '' && perServer.length > 0 ? undefined : parseTrapKeyword(m.keyword, `${mp}.keyword`);
      if (common) out.push(...common.issues);
      const own = new Set<string>();
      perServer.forEach((sk, j) => {
        const sp = `${mp}.serverKeywords[${j}]`;
        const si = cluster.servers.findIndex((s) => s.name.toLowerCase() === sk.server.toLowerCase());
        if (si < 0) { out.push(issue('INVENTORY_TRAP_SERVER_KEYWORD_UNKNOWN_SERVER', `${sp}.server`, { server: sk.server, cluster: cluster.name })); return; }
        if (own.has(sk.server.toLowerCase())) { out.push(issue('INVENTORY_TRAP_SERVER_KEYWORD_DUPLICATE', `${sp}.server`, { server: sk.server })); return; }
        own.add(sk.server.toLowerCase());
        const kw = parseServerKeyword(sk.keyword, `${sp}.keyword`);
        out.push(...kw.issues);
        if (!kw.value) return;
        const a = kw.value.addresses[0];
        addPort(cluster.servers[si].name, kw.value.port);
        if (osOf[si].has(a)) reached[si] = true;
        else if (bmcOwner.has(a) && !osOwner.has(a)) checkAddress(a, `${sp}.keyword`);
        else if (osOf[si].size > 0) {
          out.push(issue('INVENTORY_TRAP_SERVER_KEYWORD_NOT_OWN', `${sp}.keyword`, { server: cluster.servers[si].name, value: a }, 'warning'));
        }
      });
      if (perServer.length > 0) {
        cluster.servers.forEach((s) => {
          if (!own.has(s.name.toLowerCase())) out.push(issue('INVENTORY_TRAP_SERVER_KEYWORD_MISSING', `${mp}.serverKeywords`, { server: s.name, cluster: cluster.name }));
        });
      }
      if (common?.value) {
        const kv = common.value;
        if (perServer.length === 0) addPort('\u0000cluster', kv.port);
        cluster.servers.forEach((s, si) => {
          if (!own.has(s.name.toLowerCase())) addPort(s.name, kv.port);
          if (!own.has(s.name.toLowerCase()) && kv.addresses.some((a) => osOf[si].has(a))) reached[si] = true;
        });
        kv.addresses.forEach((a) => checkAddress(a, `${mp}.keyword`));
      }
    } else if (DEVICE_CATEGORIES.includes(m.category)) {
      out.push(...checkDeviceKeyword(m.keyword, `${mp}.keyword`));
    } else {
      out.push(...checkDeviceKeyword(m.keyword, `${mp}.keyword`).filter((x) => x.id === 'INVENTORY_TRAP_KEYWORD_TOO_LONG'));
    }
  });
  const ports = new Set<number>();
  let mismatch = false;
  for (const set of portsOf.values()) {
    set.forEach((p) => ports.add(p));
    if (set.size > 1) mismatch = true;
  }
  if (mismatch) {
    out.push(issue('INVENTORY_TRAP_PORT_MISMATCH', `${path}.trapSettings`, { cluster: cluster.name, ports: [...ports].sort((a, b) => a - b).join(', ') }));
  }
  if (hasNotice) {
    cluster.servers.forEach((s, si) => {
      if (osOf[si].size > 0 && !reached[si]) {
        out.push(issue('INVENTORY_TRAP_SERVER_NOT_LISTED', `${path}.servers[${si}]`, {
          server: s.name, cluster: cluster.name, value: [...osOf[si]].join(', '),
        }, 'warning'));
      }
    });
  }
  return out;
}
