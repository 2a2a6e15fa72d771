/**
 * The SOL console's public shapes: what the service, the window and the
 * CLI program against (names fixed with the SOL service).
 */
export interface SolActivateOptions {
  /** When another session holds the console: end it (Deactivate Payload) and take it. Ask the user first. */
  takeover?: boolean;
  signal?: AbortSignal;
}

export interface SolInfo {
  host: string;
  port: number;
  instance: number;
  /** Largest payload the BMC takes from us (bytes, as Activate Payload answered). */
  inboundSize: number;
  /** Largest payload the BMC sends. */
  outboundSize: number;
  payloadPort: number;
  suite?: number;
  privilege?: string;
  /** The payload travels encrypted (the activation asked for it in a confidential session). */
  encrypted: boolean;
  /** True when this console was opened by ending another session's. */
  tookOver?: boolean;
}

export interface SolConfig {
  enabled: boolean;
  privilege: string;
  forceEncryption: boolean;
  forceAuthentication: boolean;
  /** Volatile bit rate in bit/s (undefined: the BMC's serial setting). */
  bitRate?: number;
  nonVolatileBitRate?: number;
  payloadPort?: number;
}

export interface SolStats {
  /** Packets with data (or a break) sent, first copies only. */
  sentPackets: number;
  /** Copies sent again because no ACK came in time. */
  retransmitted: number;
  /** BMC packets with new data. */
  receivedPackets: number;
  /** BMC packets that repeated the last one (our ACK was lost): ACKed again, not delivered. */
  duplicatesDropped: number;
  bytesIn: number;
  bytesOut: number;
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
