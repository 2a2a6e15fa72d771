/**
 * One line of the operation (audit) log: every action that changes a server
 * or the stored configuration. Append-only, JSON lines, never a secret.
 */
export interface OperationRecord {
  /** ISO 8601 time the action finished (or failed). */
  when: string;
  /** OS user running FieldKit, and the front end used. */
  who: string;
  via: 'ui' | 'cli' | 'host' | 'system';
  /** What it was done to: a server name, a BMC address, "inventory". */
  target: string;
  /** Which BMC address answered, where a BMC was involved. */
  bmc?: string;
  action: string;
  result: 'ok' | 'failed' | 'refused' | 'cancelled';
  /** Catalogue id of the error when result is not ok. */
  errorId?: string;
  details?: Record<string, unknown>;
  /** Recovery case this belongs to, if any. */
  caseId?: string;
}
