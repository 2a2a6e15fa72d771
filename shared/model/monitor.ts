/**
 * Live status of a server's BMCs, in HA Monitor Connector's terms
 * (`haconnsetup show status`): `link` per BMC address and a `status` per
 * server, plus FieldKit's own values, marked with a trailing "*" and
 * explained in STATUS_LEGEND.
 */
import type { SlotKind } from './inventory';

/**
 * The Connector's link values: OK = an authenticated session with the BMC
 * works (FieldKit opened one and read the chassis status); NG = it does not
 * (see BmcLink.reason); --- = not monitored (FieldKit has no password for
 * this BMC, so it never tried).
 */
export type LinkState = 'OK' | 'NG' | '---';

/** Why a link is NG, or why it is not monitored. */
export type LinkReason =
  | 'no answer'
  | 'password refused'
  | 'account unknown'
  | 'privilege too low'
  | 'no session slot'
  | 'no password stored'
  | 'other';

/** The Connector's status values. */
export type ConnectorState = '(own server)' | '----' | 'monitoring' | 'poff detected' | 'dump detected';
/** FieldKit's own: no BMC of the server completed an authenticated session. */
export type FieldKitState = 'unreachable*';
export type ServerState = ConnectorState | FieldKitState;

export const CONNECTOR_STATES: readonly ConnectorState[] = ['(own server)', '----', 'monitoring', 'poff detected', 'dump detected'];
export const FIELDKIT_STATES: readonly FieldKitState[] = ['unreachable*'];

/**
 * What each value means. `own: true` marks FieldKit's own values, which the
 * Connector does not show. Used by the dashboard's legend and `show status --help`.
 */
export const STATUS_LEGEND: { value: string; kind: 'link' | 'status'; own: boolean; en: string; ja: string }[] = [
  { value: 'OK', kind: 'link', own: false, en: 'an authenticated session with this BMC works (the chassis status was read)', ja: 'この BMC と認証済みセッションで正常に通信できる (シャーシ状態を読めた)' },
  { value: 'NG', kind: 'link', own: false, en: 'no working session with this BMC; the reason is shown (no answer, password refused, privilege too low, no session slot)', ja: 'この BMC と正常に通信できない。理由を表示 (応答なし、パスワード拒否、権限不足、セッション空きなし)' },
  { value: '---', kind: 'link', own: false, en: 'not monitored: no password stored for this BMC, so FieldKit did not try', ja: '監視していない: この BMC のパスワードが保存されていないため確認していない' },
  { value: '-', kind: 'link', own: true, en: 'FieldKit\'s own: no secondary BMC address configured', ja: 'FieldKit 独自: セカンダリ BMC のアドレスが未設定' },
  { value: '(own server)', kind: 'status', own: false, en: 'the server the Connector runs on; FieldKit runs on the engineer\'s PC, so it never shows this itself', ja: 'Connector が動作しているサーバ。FieldKit は保守員の PC で動作するため FieldKit 自身は表示しない' },
  { value: '----', kind: 'status', own: false, en: 'monitoring has not started (no BMC of the server is monitored)', ja: '監視を開始していない (監視しているBMCがない)' },
  { value: 'monitoring', kind: 'status', own: false, en: 'monitored, power on', ja: '監視中 (電源オン)' },
  { value: 'poff detected', kind: 'status', own: false, en: 'the BMC reports the server\'s power off', ja: 'BMC がサーバの電源オフを報告している' },
  { value: 'dump detected', kind: 'status', own: false, en: 'an OS stop / dump trap arrived in the watch window', ja: '監視期間内に OS 停止 / ダンプのトラップを受信した' },
  { value: 'unreachable*', kind: 'status', own: true, en: 'FieldKit\'s own: no BMC of the server completed an authenticated session (see link reasons)', ja: 'FieldKit 独自: サーバのどの BMC とも認証済みセッションが成立しない (link の理由を参照)' },
];

export interface BmcLink {
  role: 'primary' | 'secondary';
  /** "192.0.2.10:623", or undefined when no secondary is configured. */
  address?: string;
  /** 'none' = no such BMC configured (FieldKit's own; shown as "-"). */
  link: LinkState | 'none';
  /** Why NG, or why not monitored. */
  reason?: LinkReason;
  /** The catalogued error behind an NG or ---. */
  problem?: { id: string; params: Record<string, unknown> };
}

export interface ServerStatus {
  cluster: string;
  server: string;
  links: [BmcLink, BmcLink];
  power: 'on' | 'off' | 'unknown';
  /** Which BMC answered the power query. */
  powerFrom?: 'primary' | 'secondary';
  /** Why the power state is unknown (catalogue id), e.g. no password stored. */
  powerProblem?: { id: string; params: Record<string, unknown> };
  state: ServerState;
  /** Newest OS stop / dump trap inside the watch window, if any. */
  dumpTrap?: { receivedAt: string; summary: string };
  /**
   * PCI slots whose Slot/Connector sensor reads "Fault Status asserted" (the
   * BMC fenced them), read in the same sweep on the session that read the
   * power. Present when the slots were read ([] = none faulted); absent when
   * no BMC answered or the read failed (see slotsProblem).
   */
  faultedSlots?: FaultedSlot[];
  /** Why the slots could not be read although a BMC answered (catalogue id). */
  slotsProblem?: { id: string; params: Record<string, unknown> };
  checkedAt: string;
}

/** A faulted PCI slot as the window names it: "PCI Slot 5 (HBA) fenced". */
export interface FaultedSlot {
  /** Slot/Connector sensor number (what the recovery wizard keys slots by). */
  sensorNumber: number;
  /** The SDR's id string, e.g. "PCI Slot 5". */
  name: string;
  /** The PCI slot number (see slotNumberOf), when it can be told. */
  slot?: number;
  /** What the inventory says sits in that slot, when it records the slot. */
  kind?: SlotKind;
}

/**
 * The PCI slot number a Slot/Connector sensor stands for: the number its ID
 * string ends in ("PCI Slot 5" -> 5), as vendors name them; else the sensor's
 * entity instance (add-in cards are numbered by slot); else unknown.
 */
export function slotNumberOf(name: string, entityInstance?: number): number | undefined {
  const m = /(\d{1,3})\s*$/.exec(name);
  if (m) return Number(m[1]);
  return entityInstance !== undefined && entityInstance > 0 ? entityInstance : undefined;
}

/** The catalogued error of a failed session mapped onto the reason shown beside NG. */
export function linkReasonOf(errorId: string): LinkReason {
  switch (errorId) {
    case 'IPMI_NO_RESPONSE':
    case 'IPMI_BMC_STOPPED_ANSWERING':
    case 'IPMI_BOTH_BMCS_UNREACHABLE':
    case 'IPMI_SOCKET_ERROR':
    case 'IPMI_SESSION_LOST':
      return 'no answer';
    case 'IPMI_AUTH_FAILED':
    case 'IPMI_KG_MISMATCH':
      return 'password refused';
    case 'IPMI_USER_UNKNOWN':
      return 'account unknown';
    case 'IPMI_PRIVILEGE_REFUSED':
    case 'IPMI_INSUFFICIENT_PRIVILEGE':
      return 'privilege too low';
    case 'IPMI_NO_SESSION_SLOTS':
      return 'no session slot';
    case 'MONITOR_NO_PASSWORD':
    case 'IPMICMD_PASSWORD_MISSING':
      return 'no password stored';
    default:
      return 'other';
  }
}
