/**
 * A BMC's own LAN alert (SNMP trap) destinations, as Get LAN Configuration
 * Parameters 16-19 report them (IPMI 2.0 table 23-4), and FieldKit's
 * comparison of them with the cluster's BMCNOTICE keyword and with this
 * laptop's trap listener. Pure data shared by the engine, the service, the
 * API, the CLI and the renderer.
 */

/** Alert type of parameter 18: PET trap, OEM 1, OEM 2, or a reserved code. */
export type LanAlertType = 'pet' | 'oem1' | 'oem2' | 'reserved';

/** One non-volatile alert destination (selector 1..count). */
export interface LanAlertDestination {
  /** Destination selector. */
  set: number;
  type: LanAlertType;
  /** Raw 3-bit alert type (kept for reserved values). */
  typeCode: number;
  /** The BMC waits for a PET Acknowledge (otherwise it retries blindly). */
  acknowledged: boolean;
  /** Acknowledge timeout or retry interval: the raw byte of parameter 18 data 3, as ipmitool prints it (the specification counts it from 0). */
  timeoutSeconds: number;
  retries: number;
  /** 0 = IPv4 address followed by a MAC address; others are not decoded. */
  addressFormat: number;
  gateway: 'default' | 'backup';
  /** IPv4 dotted quad (address format 0 only). */
  address?: string;
  /** aa:bb:cc:dd:ee:ff (address format 0 only). */
  mac?: string;
  /** No address set (0.0.0.0 or a format FieldKit does not read): the BMC sends nothing there. */
  unset: boolean;
}

/**
 * What the BMC told: 'read' = count and every destination read;
 * 'zero-destinations' = parameter 17 is 0 (LAN alerting not supported on the
 * channel, per the specification); 'not-supported' = the BMC answered
 * "parameter not supported" (completion code 0x80) for `unsupportedParameter`.
 */
export type LanAlertReadStatus = 'read' | 'zero-destinations' | 'not-supported';

export interface LanAlertReading {
  /** The LAN channel read (the session's own channel, else channel 1). */
  channel: number;
  status: LanAlertReadStatus;
  unsupportedParameter?: number;
  /** Parameter 16, when the BMC supports it. Not a secret: it travels in every trap in clear. */
  community?: string;
  /** Parameter 17: number of non-volatile destinations (0 when not supported). */
  count: number;
  destinations: LanAlertDestination[];
}

/** One result line of the comparison: a catalogue id (LANALERT_*) and its parameters. */
export interface LanAlertFinding {
  id: string;
  severity: 'ok' | 'info' | 'warning';
  params: Record<string, string | number>;
}

export interface LanAlertCheck {
  /** The inventory server, or host:port of an ad-hoc BMC. */
  server: string;
  cluster?: string;
  /** Which BMC address answered ("primary 192.0.2.10:623"). */
  answeredBy?: string;
  reading: LanAlertReading;
  /** The BMCNOTICE keyword that applies to this server (its own per-server keyword, else the cluster's). */
  keyword?: { addresses: string[]; port: number; source: 'cluster' | 'server' };
  /** This laptop's trap listener: its addresses (all of this machine's when it listens on any) and port. */
  listener: { addresses: string[]; port: number; listening: boolean };
  findings: LanAlertFinding[];
}
