import type { MessageParams } from '../messages';
/**
 * Firmware-update safety checks: what the pre-flight records before the
 * vendor's flash tool runs, and what the post-flight compares afterwards.
 * FieldKit never flashes firmware itself.
 */
import type { PrereqItem } from '../guide/prerequisites';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info';
export type Verdict = 'pass' | 'warn' | 'fail';

/** One finding. The text comes from the message catalogue (FIRMWARE_CHECK_*), so both languages read it. */
export interface FwCheck {
  /** Stable id of the check: "ping.primary", "privilege.secondary", "slots", "checklist.haMonitorStopped"... */
  id: string;
  status: CheckStatus;
  message: { id: string; params: Record<string, string | number | boolean> };
}

/** The items the engineer confirms before the vendor's tool runs (the guides: stop the HA monitor first). */
export const CHECKLIST_ITEMS = ['haMonitorStopped', 'resetPathMonitoringStopped', 'maintenanceWindowAgreed', 'firmwareFileChecked'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export type Checklist = Record<ChecklistItem, boolean>;

export interface BmcProbe {
  role: 'primary' | 'secondary';
  address: string;
  ping: boolean;
  session: boolean;
  privilege?: string;
  /** Cipher suite of the session actually opened (17 or 3; 0-2 only when accepted for the server). */
  cipherSuite?: number;
  firmware?: string;
  /** Catalogue id of what went wrong, if anything, with its values (rendered in the reader's language) and its English text for logs (never a secret). */
  errorId?: string;
  errorParams?: MessageParams;
  error?: string;
}

export interface FirmwareIdentity {
  firmware: string;
  auxFirmware?: string;
  manufacturerId: number;
  manufacturerName?: string;
  productId: number;
  deviceId: number;
  deviceRevision?: number;
  ipmiVersion: string;
}

export interface SelSnapshot {
  entries: number;
  freeSpace: number;
  overflow: boolean;
  lastAddition: number;
  /** Highest record id at the time: entries above it were added later. */
  lastRecordId?: number;
  /** Record ids present at the time. */
  recordIds: number[];
  /**
   * Each entry's 16 raw bytes (hex; id, time stamp and event). The post-flight
   * calls an entry new when its bytes were not there before, so a SEL erased
   * by the flash and refilled with reused ids still shows every new event.
   */
  raw?: string[];
}

export interface SlotSnapshot {
  name: string;
  fault: boolean;
  text: string;
}

export interface PreflightRecord {
  kind: 'preflight';
  server: string;
  takenAt: string;
  who: string;
  via: string;
  fieldkitVersion: string;
  bmcs: BmcProbe[];
  answeredBy?: string;
  device?: FirmwareIdentity;
  power?: 'on' | 'off';
  sel?: SelSnapshot;
  sdr?: { records: number; cacheKey: string };
  slots: SlotSnapshot[];
  /** Sensors that gave no reading before the update (the post-flight reports only new ones). */
  unavailableSensors?: string[];
  checklist: Checklist;
  /**
   * The vendors' prerequisites for this server's model (shared/guide/prerequisites):
   * shown for the engineer to check by hand; never part of the checks or the verdict.
   */
  prerequisites?: PrereqItem[];
  checks: FwCheck[];
  verdict: Verdict;
  /** Where the record was saved (set once written). */
  file?: string;
}

export interface NewSelEntry {
  recordId: number;
  text: string;
  raw: string;
}

export interface PostflightResult {
  kind: 'postflight';
  server: string;
  takenAt: string;
  who: string;
  via: string;
  /** How long the BMC took to answer again. */
  waitedMs: number;
  answered: boolean;
  bmcs: BmcProbe[];
  answeredBy?: string;
  preflight?: { file: string; takenAt: string; firmware?: string };
  device?: FirmwareIdentity;
  firmwareBefore?: string;
  firmwareAfter?: string;
  firmwareChange: 'changed' | 'unchanged' | 'unknown';
  sdr?: { records: number; cacheKey: string; cacheKeyChanged?: boolean };
  sensors?: { count: number; unavailable: number };
  slots: SlotSnapshot[];
  newFaults: string[];
  newSel: NewSelEntry[];
  checks: FwCheck[];
  verdict: Verdict;
  file?: string;
}

export type FirmwareProgress =
  | { server: string; phase: 'step'; step: string }
  | { server: string; phase: 'waiting'; elapsedMs: number; limitMs: number; answering: boolean };

/** The worst status of a set of checks ('info' counts as pass). */
export function verdictOf(checks: FwCheck[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  return 'pass';
}
