/**
 * The SOL console's public shapes: what the service, the window and the
 * CLI program against (names fixed with the SOL service). The facts the
 * window sees too are defined once, in the contract.
 */
import type { SolConfigFacts, SolPayloadFacts, SolStatsView } from '../../../../shared/contract/sol';

export interface SolActivateOptions {
  /** When another session holds the console: end it (Deactivate Payload) and take it. Ask the user first. */
  takeover?: boolean;
  signal?: AbortSignal;
}

export interface SolInfo extends SolPayloadFacts {
  host: string;
  port: number;
  /** True when this console was opened by ending another session's. */
  tookOver?: boolean;
}

export type SolConfig = SolConfigFacts;

export interface SolStats extends SolStatsView {
  /** Our packets the BMC NACKed or took only in part (the rest was sent again). */
  partial?: number;
  /** ACK-only packets sent. */
  acksSent?: number;
}

export interface SolClose { errorId?: string; params?: Record<string, unknown> }

/** The BMC's status bits as last seen. */
export interface SolStatus {
  /** The host cannot take characters (powered down or asleep). */
  transferUnavailable: boolean;
  /** The BMC detected a break from the host. */
  breakDetected: boolean;
}

export interface SolConsole {
  readonly info: SolInfo;
  onData(cb: (bytes: Buffer) => void): () => void;
  /** Once, when the console ends: by deactivate(), by the BMC, or lost. errorId undefined = ended by us. */
  onClose(cb: (why: SolClose) => void): () => void;
  /** Resolves when the BMC has accepted every byte; rejects if the console ends first. */
  write(bytes: Uint8Array): Promise<void>;
  /** Sends a serial break to the host (resolves when the BMC acknowledged it). */
  sendBreak(): Promise<void>;
  /** Sends what is still queued, then Deactivate Payload. The session stays (idle-closes later). */
  deactivate(): Promise<void>;
  stats(): SolStats;
  /** The BMC's status bits (character transfer unavailable, break detected) as last reported. */
  status(): SolStatus;
  /** Called when the status bits change. */
  onStatus(cb: (s: SolStatus) => void): () => void;
  readonly closed: boolean;
}
