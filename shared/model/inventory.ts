/**
 * The inventory: what FieldKit knows about the clusters it services.
 * Pure data, no secrets: passwords and Kg keys live only in the OS keychain;
 * the model records whether a Kg is stored, never the key itself.
 */

export const INVENTORY_SCHEMA_VERSION = 4;

export type ClusterKind = 'physical' | 'virtual';
export const CLUSTER_KINDS: readonly ClusterKind[] = ['physical', 'virtual'];

export type SlotKind = 'HBA' | 'NIC_FLOATING' | 'NIC_INTERCONNECT' | 'OTHER';
export const SLOT_KINDS: readonly SlotKind[] = ['HBA', 'NIC_FLOATING', 'NIC_INTERCONNECT', 'OTHER'];

/**
 * The server model, where the manuals give model-specific rules
 * (prerequisites, per-server BMCNOTICE keyword, reset times). Absent = not recorded.
 */
export type ServerModel = 'NX7700x' | 'Express5800/A1080a' | 'Express5800/A1040a' | 'HA8000' | 'other';
export const SERVER_MODELS: readonly ServerModel[] = ['NX7700x', 'Express5800/A1080a', 'Express5800/A1040a', 'HA8000', 'other'];

export type IpmiPrivilege = 'USER' | 'OPERATOR' | 'ADMINISTRATOR';
export const IPMI_PRIVILEGES: readonly IpmiPrivilege[] = ['USER', 'OPERATOR', 'ADMINISTRATOR'];

export const DEFAULT_IPMI_PORT = 623;
export const DEFAULT_TRAP_PORT = 162;
export const DEFAULT_CIPHER_SUITE = 3;

/** A BMC LAN endpoint. `host` is an IPv4 or IPv6 literal; port defaults to 623. */
export interface BmcAddress {
  host: string;
  port?: number;
}

export interface PciSlot {
  number: number;
  kind: SlotKind;
  /** The BMC cuts this slot off when it fences the server. */
  fenced: boolean;
  /** Interconnect priority as the cluster software numbers it: 1 is the highest. */
  priority?: number;
  label?: string;
}

/** An OS-side network interface of a server, used to spot segment overlaps with the reset path. */
export interface OsInterface {
  name: string;
  /** `<ip>/<prefix>` */
  cidr: string;
}

export interface IpmiOptions {
  cipherSuite: number;
  privilege: IpmiPrivilege;
  /** Whether a BMC key (Kg) is stored in the keychain for this server. */
  kgStored: boolean;
  /**
   * The engineer accepts a session without integrity / confidentiality:
   * required for cipher suites 0, 1 and 2 (like -C 0|1|2 --accept-weak-cipher
   * on the command line). Absent means not accepted.
   */
  weakCipherAccepted?: boolean;
}

export interface Server {
  name: string;
  /** Recorded model (see ServerModel); absent when the engineer has not said. */
  model?: ServerModel;
  bmc: { primary: BmcAddress; secondary?: BmcAddress };
  /** BMC user name; its password is in the keychain, never here. */
  account: string;
  ipmi: IpmiOptions;
  notes: string;
  slots: PciSlot[];
  /**
   * OS-side addresses that receive the BMC's SNMP traps (the BMC's trap
   * destinations); these, not the BMC addresses, belong in a BMCNOTICE keyword.
   */
  trapReceivers: string[];
  interfaces: OsInterface[];
  /**
   * This server's own NIC address on the reset-path segment: the addr= of
   * `haconnsetup resetpath` run on this server (the mask and port are the
   * cluster's, see ResetPath). Absent = not recorded yet.
   */
  resetPathAddress?: string;
  /**
   * The server has an on-board interconnect NIC (not in a PCI slot, so slot
   * fencing never cuts it off): "every NIC slot is fenced" is then no problem.
   */
  onboardInterconnect?: boolean;
}

/**
 * HA Monitor Connector's reset path of a cluster: one segment (prefix length)
 * and one UDP port for every server; each server's own address on that
 * segment is Server.resetPathAddress (`haconnsetup resetpath addr=<ip>/<mask>
 * port=<5001-65535>` is run on each server with its own addr).
 */
export interface ResetPath {
  prefixLength: number;
  port: number;
  /**
   * A schema 3 inventory held one address per cluster. When the migration to
   * schema 4 could not tell whose NIC it was (no OS interface of exactly one
   * server holds it), it is kept here, and a warning asks the engineer to
   * record each server's own address.
   */
  unassignedAddress?: string;
}

/**
 * A per-server keyword of an external monitor (the cluster software's
 * "server-specific setting"); Express5800/A1080a and A1040a require one per
 * server, holding one `<IP>[:<port>]`: that server's OS-side trap receiver.
 */
export interface ServerKeyword {
  server: string;
  keyword: string;
}

/** One CLUSTERPRO external monitor (category BMCNOTICE or a server management category). */
export interface TrapMonitor {
  /**
   * BMCNOTICE: `<IP>;<IP>;...;<IP>[:<port>]`, the servers' OS-side addresses
   * that receive the BMC's traps. NIC, FC, HA/SS, HA/AM, HA/RS, SPS: a device
   * name (e.g. `eth1`) or empty for any device.
   */
  keyword: string;
  /** BMCNOTICE, NIC, FC, HA/SS, HA/AM, HA/RS or SPS */
  category: string;
  /** Per-server keywords (BMCNOTICE on Express5800/A1080a, A1040a: required for every server). */
  serverKeywords?: ServerKeyword[];
}

export interface TrapSettings {
  monitors: TrapMonitor[];
}

export interface Cluster {
  name: string;
  kind: ClusterKind;
  resetPath?: ResetPath;
  trapSettings: TrapSettings;
  servers: Server[];
}

export interface Inventory {
  schemaVersion: number;
  clusters: Cluster[];
}

export function emptyInventory(): Inventory {
  return { schemaVersion: INVENTORY_SCHEMA_VERSION, clusters: [] };
}

/** What a new server's IPMI options start as when the engineer set defaults (Settings); FieldKit's own otherwise. */
export interface NewServerDefaults {
  cipherSuite?: number;
  privilege?: IpmiPrivilege;
}

export function newServer(name: string, primary: BmcAddress, account = '', defaults: NewServerDefaults = {}): Server {
  return {
    name,
    bmc: { primary },
    account,
    ipmi: { cipherSuite: defaults.cipherSuite ?? DEFAULT_CIPHER_SUITE, privilege: defaults.privilege ?? 'ADMINISTRATOR', kgStored: false },
    notes: '',
    slots: [],
    trapReceivers: [],
    interfaces: [],
  };
}

export function newCluster(name: string, kind: ClusterKind = 'physical'): Cluster {
  return { name, kind, trapSettings: { monitors: [] }, servers: [] };
}

/** The keychain account for a BMC endpoint and user: `user@host:port`, IPv6 hosts in brackets. */
export function endpointKey(addr: BmcAddress): string {
  const port = addr.port ?? DEFAULT_IPMI_PORT;
  return addr.host.includes(':') ? `[${addr.host}]:${port}` : `${addr.host}:${port}`;
}

export function formatBmcAddress(addr: BmcAddress): string {
  if (addr.port === undefined) return addr.host;
  return addr.host.includes(':') ? `[${addr.host}]:${addr.port}` : `${addr.host}:${addr.port}`;
}

