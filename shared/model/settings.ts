import type { ErrorPayload } from '../errors';
import type { IpmiPrivilege } from './inventory';

/** The window's languages. */
export const UI_LANGUAGES = ['en', 'ja'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** How often the dashboard asks every BMC for its status: bounds and the default, in seconds. */
export const MONITOR_INTERVAL_SECONDS = { min: 10, max: 3600, default: 30 } as const;

/** Cipher suites a new server may get by default: only those with integrity and confidentiality (weak ones are accepted per server). */
export const NEW_SERVER_CIPHER_SUITES = [3, 17] as const;
/** One IPMI request's time budget (ms) and its retransmissions: bounds of the engineer's defaults. */
export const IPMI_TIMEOUT_MS = { min: 1000, max: 60_000 } as const;
export const IPMI_RETRIES = { min: 0, max: 10 } as const;

/**
 * The engineer's IPMI defaults: what a new inventory server gets, and the
 * request budget of every BMC request that does not name its own (a
 * server's own suite and privilege, and a command's --timeout, win).
 * Absent fields: FieldKit's built-in values.
 */
export interface IpmiDefaultsSetting {
  newServerCipherSuite?: (typeof NEW_SERVER_CIPHER_SUITES)[number];
  newServerPrivilege?: IpmiPrivilege;
  timeoutMs?: number;
  retries?: number;
}

/**
 * FieldKit's own preferences, kept in `<home>/settings.json`. The trap
 * listener's settings stay in traps.json (their own file and channel);
 * per-server IPMI options stay in the inventory.
 */
export interface AppSettings {
  /** Absent: the window follows the system's language. */
  language?: UiLanguage;
  monitorIntervalSeconds: number;
  /** Only what the engineer changed; see IpmiDefaultsSetting. */
  ipmi?: IpmiDefaultsSetting;
}

export const DEFAULT_SETTINGS: AppSettings = { monitorIntervalSeconds: MONITOR_INTERVAL_SECONDS.default };

/**
 * What the BMC access layer uses: FieldKit's built-in values with the
 * engineer's IpmiDefaultsSetting over them (each server's own suite and
 * privilege stay in the inventory).
 */
export interface IpmiDefaultsInUse {
  /** Cipher suite a new inventory server gets. */
  newServerCipherSuite: number;
  /** Privilege a new inventory server gets. */
  newServerPrivilege: string;
  /** The order "auto" tries (a BMC given by address without a suite); it never picks a weaker one. */
  autoOrder: number[];
  /** Suites without integrity or confidentiality: used only where the engineer accepted them per server. */
  weakSuites: number[];
  /** Total time budget of one IPMI request, and the retransmissions within it. */
  timeoutMs: number;
  retries: number;
  /** Budget of one status probe of the monitor. */
  monitorProbeTimeoutMs: number;
}

export interface SettingsView {
  /** The state folder (inventory, logs, traps.json, settings.json). */
  home: string;
  file: string;
  settings: AppSettings;
  /** settings.json could not be read: the defaults are shown, and the file is kept as .prev on the next save. */
  problem?: ErrorPayload;
  ipmi: IpmiDefaultsInUse;
}
