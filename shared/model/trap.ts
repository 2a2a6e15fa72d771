/**
 * Traps: what the BMCs tell us, decoded and explained. Pure data shared by
 * the trap service, the API, the CLI and the renderer. No secrets: community
 * strings and v3 keys never appear here (only the v3 user name does).
 */

/** What the engineer cares about, in order of urgency. */
export type TrapClass = 'fencing' | 'predictive-failure' | 'performance' | 'power-off' | 'os-stop' | 'other';
export const TRAP_CLASSES: readonly TrapClass[] = ['fencing', 'predictive-failure', 'performance', 'power-off', 'os-stop', 'other'];

/** Our own coarse severity, used for filters and colours. */
export type TrapSeverity = 'info' | 'warning' | 'critical';
export const TRAP_SEVERITIES: readonly TrapSeverity[] = ['info', 'warning', 'critical'];

/** Why a datagram or trap did not make it into the log. */
export type DropReason = 'malformed' | 'unauthorised' | 'unknownSource' | 'rateLimited' | 'duplicate' | 'queueFull';
export const DROP_REASONS: readonly DropReason[] = ['malformed', 'unauthorised', 'unknownSource', 'rateLimited', 'duplicate', 'queueFull'];

/** One OEM custom field of a PET (bytes 46 onwards). */
export type PetOemField =
  /** FRU-style type/length record: type bits 7:6 (0 binary, 1 BCD plus, 2 6-bit ASCII, 3 8-bit text). */
  | { kind: 'typed'; typeCode: number; text?: string; hex: string }
  /** No 0xC1 terminator and all printable: a vendor sending plain ASCII. */
  | { kind: 'ascii'; text: string; hex: string }
  /** Anything else, kept as bytes. */
  | { kind: 'opaque'; hex: string };

/** The IPMI PET v1.0 variable binding, field by field, raw values kept. */
export interface PetFields {
  /** The SNMP specific-trap number (sensor type, event type, direction, offset). */
  specificTrap: number;
  sensorType: number;
  eventType: number;
  /** True when specific-trap bit 7 says deassertion. */
  deassertion: boolean;
  /** Event offset (0..14); 15 = unspecified. */
  offset: number;
  /** System GUID as 8-4-4-4-12 hex, byte order as sent (the way ipmi-pet prints it). */
  guid: string;
  sequence: number;
  /** Seconds since 1998-01-01 00:00 local BMC time; 0 = unspecified. */
  timestampRaw: number;
  /** BMC local time as ISO 8601; with the UTC offset as zone when it is known. */
  time?: string;
  /** False when the timestamp is before 2000 or more than a day in the future of our clock. */
  timePlausible: boolean;
  /** Raw 16-bit UTC offset field (0xFFFF = unspecified). */
  utcOffsetRaw: number;
  /** Signed minutes, when specified. */
  utcOffsetMinutes?: number;
  trapSourceType: number;
  eventSourceType: number;
  /** Raw PET severity byte (0x01 monitor … 0x20 non-recoverable). */
  severity: number;
  sensorDevice: number;
  sensorNumber: number;
  entity: number;
  entityInstance: number;
  /** Event data 1..8. */
  eventData: number[];
  languageCode: number;
  manufacturerId: number;
  systemId: number;
  oem: PetOemField[];
  /** The whole varbind as hex. */
  raw: string;
}

/** The texts FreeIPMI's ipmi-pet prints for the same trap. */
export interface PetTexts {
  /** e.g. "Slot/Connector" */
  sensorTypeName: string;
  /** e.g. "Fault Status asserted" */
  eventText: string;
  /** The text with threshold reading/threshold and OEM fields, as ipmi-pet's Event column. */
  eventDetail: string;
  /** "Assertion Event" | "Deassertion Event" */
  direction: string;
  /** e.g. "Critical condition" (ipmi-pet's Severity column) */
  severityName: string;
  /** e.g. "NEC Corporation", or the number when unknown */
  manufacturer: string;
  /** e.g. "Sensor #5" (ipmi-pet's name without an SDR entry) */
  sensorName: string;
}

export interface TrapVarbind {
  oid: string;
  /** net-snmp ObjectType number */
  type: number;
  /** Printable form: text, number, OID or hex for binary octets. */
  value: string;
}

/** A next step the UI can offer as an action and the CLI prints as text. */
export interface TrapNextStep {
  action: 'start-recovery' | 'check-hardware' | 'check-performance' | 'check-power' | 'collect-dump' | 'review';
  en: string;
  ja: string;
}

export interface TrapEvent {
  /** Unique per process and log: receive time + counter. */
  id: string;
  receivedAt: string;
  source: { address: string; port: number };
  /** Matched against the inventory's BMC addresses. */
  server?: string;
  cluster?: string;
  /** False when the source address is not a BMC of the inventory. */
  known: boolean;
  version: 'v1' | 'v2c' | 'v3';
  pdu: 'trap' | 'inform';
  /** v3 user name, when v3. */
  user?: string;
  enterprise?: string;
  genericTrap?: number;
  specificTrap?: number;
  /** snmpTrapOID for v2c/v3 (or the RFC 2576 form built from a v1 trap). */
  trapOid: string;
  varbinds: TrapVarbind[];
  pet?: PetFields;
  petTexts?: PetTexts;
  /** Why the PET varbind could not be decoded, when the trap looked like a PET (catalogue id + params). */
  petProblem?: { id: string; params: Record<string, string | number> };
  class: TrapClass;
  severity: TrapSeverity;
  /** One line for lists: "server1: Slot/Connector Fault Status asserted (Critical condition)". */
  summary: string;
  /** Name of the vendor profile that classified it. */
  profile?: string;
  nextStep: TrapNextStep;
  /** PET Acknowledge outcome, when configured. */
  ack?: 'sent' | 'failed' | 'skipped';
}

export type TrapCounters = Record<DropReason, number> & { received: number; accepted: number; handlerErrors: number };

export interface TrapV3User {
  name: string;
  level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
  authProtocol?: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  privProtocol?: 'des' | 'aes' | 'aes256b' | 'aes256r';
}

export interface TrapListenerSettings {
  address: string;
  port: number;
  /** Per-source token bucket: sustained traps/s and burst. */
  rateLimit: { perSecond: number; burst: number };
  /** Same PET (source, GUID, sequence, specific trap, event data) within this window is a duplicate. */
  duplicateWindowMs: number;
  /** Decoded traps waiting for the handler; beyond this the newest are dropped as queueFull. */
  queueLimit: number;
  /** Send IPMI PET Acknowledge to the BMC after a PET arrives. */
  acknowledge: boolean;
  /** Keep traps from unknown sources in the unknown-source list (they are never silently dropped). */
  acceptUnknownSources: boolean;
}

export const DEFAULT_TRAP_LISTENER_SETTINGS: TrapListenerSettings = {
  address: '0.0.0.0',
  port: 162,
  rateLimit: { perSecond: 200, burst: 400 },
  duplicateWindowMs: 10_000,
  queueLimit: 100_000,
  acknowledge: false,
  acceptUnknownSources: true,
};

export interface TrapListenerStatus {
  listening: boolean;
  address?: string;
  port?: number;
  since?: string;
  counters: TrapCounters;
  /** Distinct unknown sources seen, newest first. */
  unknownSources: Array<{ address: string; count: number; lastSeen: string }>;
  /** Most traps waiting to be decoded at once since the start (a burst the listener absorbed). */
  queuePeak: number;
  /** The last drops, newest first, for diagnosis (what, from where, why). */
  recentDrops: Array<{ at: string; reason: DropReason; address?: string; detail: string }>;
  /** Last bind error as a catalogue id, when the listener failed to start. */
  lastError?: { id: string; params: Record<string, string | number | boolean | undefined> };
}

export interface TrapFilter {
  server?: string;
  cluster?: string;
  class?: TrapClass;
  severity?: TrapSeverity;
  /** ISO 8601 bounds on receivedAt, inclusive. */
  since?: string;
  until?: string;
  /** Case-insensitive substring of summary, source or texts. */
  text?: string;
  /** Only traps from unknown sources. */
  unknownOnly?: boolean;
  limit?: number;
}

/** A push to the renderer: at most ~10 a second whatever the trap rate. */
export interface TrapBatch {
  events: TrapEvent[];
  /** Events of this interval left out of the push (they are in the log). */
  omitted: number;
  counters: TrapCounters;
}

/** What `traps decode` / traps.decode returns: a PET decoded offline, like ipmi-pet. */
export interface PetDecodeView {
  pet: PetFields;
  petTexts: PetTexts;
  class: TrapClass;
  severity: TrapSeverity;
  profile?: string;
}

export interface VendorProfileView {
  name: string;
  file: string;
  builtIn: boolean;
  rules: number;
  description?: string;
}

/**
 * A trap as the log stores it and the service handles it on the hot path:
 * the event without what can be derived again from the PET bytes (fields,
 * texts) and from the class (next step). TrapEvent = hydrate(TrapRecord).
 */
export type TrapRecord = Omit<TrapEvent, 'pet' | 'petTexts' | 'nextStep'> & {
  petRaw?: string;
  petSpecific?: number;
  /** Judged at receive time (it depends on our clock then). */
  petTimePlausible?: boolean;
};

/**
 * `<home>/traps.json`: the listener's configuration (edited by hand, in the
 * Listener settings panel or with `fieldkit traps user`). No keys in it:
 * SNMPv3 keys live in the OS keychain (accounts `snmpv3:<user>:auth|priv`),
 * or come from the environment or a prompt (CLI), never from this file.
 */
export interface TrapConfig {
  address?: string;
  port?: number;
  communities?: string[];
  users?: TrapV3User[];
  rateLimit?: { perSecond: number; burst: number };
  duplicateWindowMs?: number;
  queueLimit?: number;
  acknowledge?: boolean;
  acceptUnknownSources?: boolean;
}

/** Whether a v3 key is stored and where; the key itself never leaves the main process. */
export interface TrapKeyState {
  stored: boolean;
  source?: 'keychain' | 'session';
}

export interface TrapV3UserView extends TrapV3User {
  /** Absent when the security level needs no such key. */
  authKey?: TrapKeyState;
  privKey?: TrapKeyState;
  /** Why the keychain could not be asked, when it could not. */
  keychainError?: { id: string; params: Record<string, string | number | boolean | undefined> };
}

/** What the settings panel shows: traps.json and, per v3 user, whether its keys are stored. */
export interface TrapSettingsView {
  file: string;
  config: TrapConfig;
  users: TrapV3UserView[];
}
