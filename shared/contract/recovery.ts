import { z } from 'zod';
import { defineChannel, defineEvent } from './channel';
import { confirmationIdField as confirmationId } from './confirm';
import type { BmcRole, CaseSummary, RecoveryCase } from '../model/case';

const caseId = z.string().min(1).max(160).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
const server = z.string().min(1).max(128);

/** A server the wizard can offer: its name, cluster and BMC addresses (no secrets). */
export interface RecoveryServerChoice {
  name: string;
  cluster: string;
  /** BMC addresses as shown ("host:port"); primaryHost is the bare host, for the web console. */
  primary: string;
  primaryHost: string;
  secondary?: string;
  /** An unfinished case for this server, if any. */
  openCaseId?: string;
}

export interface RecoveryReport {
  fileName: string;
  mime: 'text/html' | 'application/json';
  content: string;
}

/** Progress of a wait (power off/on, verify), pushed while a request runs. */
export interface RecoveryProgressEvent {
  caseId: string;
  phase: 'power-off' | 'power-on' | 'verify';
  elapsedMs: number;
  timeoutMs: number;
  power?: 'on' | 'off';
  pendingSlots?: string[];
  bmc?: BmcRole;
}

export const recoveryChannels = {
  'recovery.servers': defineChannel({ request: z.object({}).strict(), response: {} as RecoveryServerChoice[] }),
  'recovery.list': defineChannel({ request: z.object({}).strict(), response: {} as CaseSummary[] }),
  /** Unfinished cases: what the wizard offers to resume when it opens. */
  'recovery.openCases': defineChannel({ request: z.object({}).strict(), response: {} as CaseSummary[] }),
  'recovery.get': defineChannel({ request: z.object({ caseId }).strict(), response: {} as RecoveryCase }),
  /** Steps 1-2: connect, snapshot; ends in checklist or nothing-to-recover. Reads only. */
  'recovery.start': defineChannel({ request: z.object({ server }).strict(), response: {} as RecoveryCase }),
  /** Re-reads the server and continues at the step reached; never sends a power action. */
  'recovery.resume': defineChannel({ request: z.object({ caseId }).strict(), response: {} as RecoveryCase }),
  'recovery.checklist': defineChannel({
    request: z
      .object({
        caseId,
        answers: z.object({ failoverElsewhere: z.boolean(), serverIsolated: z.boolean(), maintenanceWindow: z.boolean() }).strict(),
      })
      .strict(),
    response: {} as RecoveryCase,
  }),
  /**
   * Clear All Faults first (a vendor profile's command, or - guided - the
   * engineer's word that it was pressed in the BMC web console:
   * faultsCleared), then the IPMI re-arm as an extra step. From guidance it
   * starts the cycle once more.
   */
  'recovery.clearFaults': defineChannel({
    request: z.object({ caseId, clearSel: z.boolean().default(false), faultsCleared: z.boolean().default(false), confirmationId }).strict(),
    response: {} as RecoveryCase,
  }),
  /** The server's name typed by the engineer must match exactly (a UI gate), and the confirmation must be valid. */
  'recovery.powerOff': defineChannel({
    request: z.object({ caseId, confirmName: z.string().max(128), confirmationId }).strict(),
    response: {} as RecoveryCase,
  }),
  'recovery.powerOn': defineChannel({
    request: z.object({ caseId, confirmationId }).strict(),
    response: {} as RecoveryCase,
  }),
  /** Verify, and "check again" from guidance. */
  'recovery.verify': defineChannel({
    request: z.object({ caseId, timeoutMs: z.number().int().min(0).max(900_000).optional() }).strict(),
    response: {} as RecoveryCase,
  }),
  'recovery.abort': defineChannel({
    request: z.object({ caseId, reason: z.string().max(500).optional() }).strict(),
    response: {} as RecoveryCase,
  }),
  'recovery.report': defineChannel({
    request: z.object({ caseId, format: z.enum(['html', 'json']), lang: z.enum(['en', 'ja']).default('en') }).strict(),
    response: {} as RecoveryReport,
  }),
  /** The URL of the BMC's web console, for "open BMC web console" (opened in the system browser). */
  'recovery.webConsoleUrl': defineChannel({
    request: z.object({ caseId }).strict(),
    response: {} as { url: string },
  }),
};

export const recoveryEvents = {
  'recovery.progress': defineEvent<RecoveryProgressEvent>(),
};
