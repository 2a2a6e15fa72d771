import type { ErrorPayload } from '../errors';

/** The window's languages. */
export const UI_LANGUAGES = ['en', 'ja'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** How often the dashboard asks every BMC for its status: bounds and the default, in seconds. */
export const MONITOR_INTERVAL_SECONDS = { min: 10, max: 3600, default: 30 } as const;

/**
 * FieldKit's own preferences, kept in `<home>/settings.json`. The trap
 * listener's settings stay in traps.json (their own file and channel);
 * per-server IPMI options stay in the inventory.
 */
export interface AppSettings {
  /** Absent: the window follows the system's language. */
  language?: UiLanguage;
  monitorIntervalSeconds: number;
}

export const DEFAULT_SETTINGS: AppSettings = { monitorIntervalSeconds: MONITOR_INTERVAL_SECONDS.default };

/**
 * What the BMC access layer uses, read from the engine and the inventory's
 * defaults (shown, not set here: each server's suite and privilege are in
 * the inventory, and the engine's time budgets are its own).
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
