/**
 * A recovery case: the record of one guided post-fencing recovery of one
 * server. It is the state of the recovery state machine (persisted after
 * every step so that a crash loses nothing) and, at the end, the report.
 * Pure data: it crosses IPC, the WebSocket and `--json` as is, and never
 * holds a secret.
 */
import type { PrereqItem } from '../guide/prerequisites';
import type { StepText } from './case-text';

/**
 * Where the case stands. The machine only moves forward along
 *   assess -> checklist -> clear -> power-off -> power-on -> verify -> recovered
 * with two other ends: nothing-to-recover (no slot faulted, nothing was sent)
 * and guidance (a fault remains after verify; "check again" returns to verify,
 * and once, the whole cycle clear -> power-off -> power-on may run again).
 * aborted can be reached from any open phase.
 */
export type CasePhase =
  | 'assess'
  | 'checklist'
  | 'clear'
  | 'power-off'
  | 'power-on'
  | 'verify'
  | 'guidance'
  | 'recovered'
  | 'nothing-to-recover'
  | 'aborted';

export const CASE_PHASES: readonly CasePhase[] = [
  'assess',
  'checklist',
  'clear',
  'power-off',
  'power-on',
  'verify',
  'guidance',
  'recovered',
  'nothing-to-recover',
  'aborted',
];

/** Phases after which nothing more happens to the server. */
export const TERMINAL_PHASES: readonly CasePhase[] = ['recovered', 'nothing-to-recover', 'aborted'];

export function isTerminalPhase(p: CasePhase): boolean {
  return TERMINAL_PHASES.includes(p);
}

export type BmcRole = 'primary' | 'secondary';

/** One BMC session used during a case: which address, which cipher suite and privilege. */
export interface BmcSessionRecord {
  role: BmcRole;
  address: string;
  cipherSuite: number;
  privilege?: string;
}

/** Slot/Connector (sensor type 0x21) state offsets, IPMI 2.0 table 42-3. */
export const SLOT_STATE = {
  FAULT: 0,
  IDENTIFY: 1,
  INSTALLED: 2,
  READY_FOR_INSTALL: 3,
  READY_FOR_REMOVAL: 4,
  POWER_OFF: 5,
  REMOVAL_REQUEST: 6,
  INTERLOCK: 7,
  DISABLED: 8,
  SPARE: 9,
} as const;

/** One Slot/Connector sensor as read at one moment. */
export interface SlotSnapshot {
  sensorNumber: number;
  /** The SDR's id string, e.g. "PCI Slot 5". */
  name: string;
  /** Asserted state offsets (0..14). */
  asserted: number[];
  /** False when the BMC said the reading is unavailable. */
  readable: boolean;
  /** Derived: offset 0 (Fault Status) asserted. */
  faulted: boolean;
  /** Derived: offset 2 (Device installed/attached) asserted. */
  installed: boolean;
}

/** One SEL record in a form a report can show. */
export interface CaseSelEvent {
  recordId: number;
  /** ISO time from the BMC's clock, when it gave one. */
  time?: string;
  sensorType?: number;
  sensorNumber?: number;
  offset?: number;
  assertion?: boolean;
  /** Human-readable description, English. */
  text: string;
}

export interface DeviceIdInfo {
  deviceId: number;
  firmware: string;
  ipmiVersion: string;
  manufacturerId: number;
  productId: number;
}

export type StepName =
  | 'connect'
  | 'snapshot'
  | 'checklist'
  | 'clear-all-faults'
  | 'rearm'
  /** Older cases only: the vendor command, now recorded as clear-all-faults. */
  | 'vendor-clear'
  | 'clear-sel'
  | 'power-off'
  | 'power-on'
  | 'verify'
  | 'resume'
  | 'abort';

export type StepResult = 'ok' | 'failed' | 'skipped' | 'started';

/** One line of the case's history. */
export interface CaseStep {
  step: StepName;
  at: string;
  result: StepResult;
  /** Which BMC answered for this step, and its address. */
  bmc?: BmcRole;
  bmcAddress?: string;
  /** What the step says, as an id and values (shared/model/case-text.ts), rendered in the reader's language. */
  text?: StepText;
  /** English summary written by versions before steps had text ids; read only (stepLine shows it). */
  detail?: string;
  /** Cipher suite of the BMC session that answered for this step (17, 3; 0-2 only when accepted). */
  cipherSuite?: number;
  /** Catalogue id when it failed. */
  errorId?: string;
  errorParams?: Record<string, string | number | boolean | undefined>;
}

export interface ChecklistAnswers {
  failoverElsewhere: boolean;
  serverIsolated: boolean;
  maintenanceWindow: boolean;
}

export const CHECKLIST_KEYS: readonly (keyof ChecklistAnswers)[] = ['failoverElsewhere', 'serverIsolated', 'maintenanceWindow'];

/**
 * A power action written down before it is sent: after a crash the machine
 * sees it, re-reads the power state, and never sends it again unasked.
 */
export interface PendingPower {
  action: 'off' | 'on';
  sentAt: string;
  bmc?: BmcRole;
}

export interface RecoveryCase {
  /** e.g. "2026-11-22T03-40-00Z-node1-ab12"; also the file name. */
  id: string;
  schema: 1;
  server: string;
  cluster?: string;
  /** OS user who ran it, and through which front end. */
  operator: string;
  via: 'ui' | 'cli' | 'host';
  createdAt: string;
  updatedAt: string;
  phase: CasePhase;
  /** Why it was aborted, or the last failure that stopped a step. */
  reason?: string;
  /** Which BMCs answered at any time during the case. */
  bmcsAnswered: { role: BmcRole; address: string }[];
  /** The RMCP+ sessions those BMCs answered on: cipher suite and privilege actually used. */
  bmcSessions?: BmcSessionRecord[];
  deviceId?: DeviceIdInfo;
  powerBefore?: 'on' | 'off';
  /** The sensors whose fault this case is about (faulted at assessment). */
  fencedSlots: number[];
  slotsBefore: SlotSnapshot[];
  /** Latest reading after power-on (set by verify, updated by check again). */
  slotsAfter?: SlotSnapshot[];
  selBefore: CaseSelEvent[];
  selAfter?: CaseSelEvent[];
  /** Set when the SEL was cleared during the case (after it was saved). */
  selClearedAt?: string;
  checklist?: ChecklistAnswers & { confirmedAt: string };
  /**
   * The vendors' prerequisites for this server's model, shown beside the
   * checklist for the engineer to check by hand (never confirmed by FieldKit).
   */
  prerequisites?: PrereqItem[];
  pendingPower?: PendingPower;
  /** Vendor profile used for clear-faults, if any. */
  vendorProfile?: string;
  /**
   * How Clear All Faults is done for this server (decided at assessment):
   * 'vendor' = a vendor profile's command, sent by FieldKit; 'guided' = the
   * engineer presses Clear All Faults in the BMC web console and confirms it.
   */
  clearAllFaults?: { method: 'vendor'; profile: string } | { method: 'guided' };
  /** Which clear -> power off -> power on cycle the case is in (1, then at most one more). */
  cycle?: number;
  steps: CaseStep[];
  /**
   * Files stored with the case (e.g. a Serial over LAN console transcript),
   * listed from <cases>/<id>.files/ whenever the case is read.
   */
  attachments?: CaseAttachment[];
}

/** One file stored with a case: its name, size and when it was saved (never a secret). */
export interface CaseAttachment {
  name: string;
  kind: 'sol-transcript' | 'file';
  bytes: number;
  savedAt: string;
}

/** Cycles of clear -> off -> on a case offers before pointing at hardware service. */
export const MAX_RECOVERY_CYCLES = 2;

/**
 * The BMC web console's own labels for where Clear All Faults is
 * (EXPRESSSCOPE Engine 3): the Japanese console and the English one.
 */
export const CLEAR_ALL_FAULTS_PATH = {
  ja: ['保守', 'コンポーネントステータス', '障害情報'],
  en: ['Maintenance', 'Component Status', 'Fault Information'],
  button: 'Clear All Faults',
} as const;

/** A short row for `cases list` and the resume offer. */
export interface CaseSummary {
  id: string;
  server: string;
  phase: CasePhase;
  createdAt: string;
  updatedAt: string;
  operator: string;
}

export function summarizeCase(c: RecoveryCase): CaseSummary {
  return { id: c.id, server: c.server, phase: c.phase, createdAt: c.createdAt, updatedAt: c.updatedAt, operator: c.operator };
}

export function slotFromStates(sensorNumber: number, name: string, asserted: number[], readable = true): SlotSnapshot {
  const sorted = [...new Set(asserted)].sort((a, b) => a - b);
  return {
    sensorNumber,
    name,
    asserted: sorted,
    readable,
    faulted: readable && sorted.includes(SLOT_STATE.FAULT),
    installed: readable && sorted.includes(SLOT_STATE.INSTALLED),
  };
}

/** English wording of the slot states, as FreeIPMI prints them. */
export const SLOT_STATE_TEXT: Record<number, string> = {
  0: 'Fault Status asserted',
  1: 'Identify Status asserted',
  2: 'Slot/Connector Device installed/attached',
  3: 'Slot/Connector Ready for Device Installation',
  4: 'Slot/Connector Ready for Device Removal',
  5: 'Slot Power is Off',
  6: 'Slot/Connector Device Removal Request',
  7: 'Interlock asserted',
  8: 'Slot is Disabled',
  9: 'Slot holds spare device',
};

/**
 * The verdict the machine is allowed to give: a slot counts as recovered only
 * when it reads installed/attached and no fault. Unreadable counts as not
 * recovered: "recovered" is never said on a guess.
 */
export function slotRecovered(s: SlotSnapshot): boolean {
  return s.readable && s.installed && !s.faulted;
}

/** Fenced slots not yet back (by name, or by sensor number when not read), plus any other slot that now reads a fault. */
export function slotsNotBack(c: Pick<RecoveryCase, 'fencedSlots'>, slots: SlotSnapshot[]): string[] {
  const out: string[] = [];
  for (const n of c.fencedSlots) {
    const s = slots.find((x) => x.sensorNumber === n);
    if (!s) out.push(`sensor 0x${n.toString(16).padStart(2, '0')} (not read)`);
    else if (!slotRecovered(s)) out.push(s.name);
  }
  for (const s of slots) if (s.faulted && !c.fencedSlots.includes(s.sensorNumber)) out.push(s.name);
  return out;
}

/** SEL records that appeared after the case's snapshot (all of them if the SEL was cleared in between). */
export function selDuringCase(c: Pick<RecoveryCase, 'selBefore' | 'selAfter' | 'selClearedAt'>): CaseSelEvent[] {
  const after = c.selAfter ?? [];
  if (c.selClearedAt) return after;
  const key = (e: CaseSelEvent) => `${e.recordId}|${e.time ?? ''}|${e.text}`;
  const seen = new Set(c.selBefore.map(key));
  return after.filter((e) => !seen.has(key(e)));
}
