import { z } from 'zod';
import { defineChannel, defineEvent } from './channel';
import { confirmationIdField as confirmationId } from './confirm';

/**
 * Serial over LAN in the window: one console per inventory server, opened
 * by the main process on the shared BMC session. The console's bytes travel
 * as base64 (the WebSocket carries JSON only); passwords never cross here.
 */
const server = z.string().min(1).max(128);
/** Keystrokes as base64: at most 3 KiB of input per call (a paste is sent in pieces). */
const data = z.string().min(1).max(4096).regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** What an activation set up, as the IPMI engine reports it (its SolInfo extends this). */
export interface SolPayloadFacts {
  /** Payload instance (1). */
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
}

/** The console as the main process opened it (no secrets). */
export interface SolConsoleView extends SolPayloadFacts {
  server: string;
  /** "primary 127.0.0.1:623": the BMC address that carries the console. */
  answeredBy: string;
  /** True when this console was opened by taking over another user's. */
  tookOver: boolean;
  openedAt: string;
}

/** A console's counters (the engine's SolStats extends this). */
export interface SolStatsView {
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
}

/** How a console ended: by us (no errorId), by the BMC or lost (SOL_LOST, ...). */
export interface SolEndedView {
  server: string;
  errorId?: string;
  params?: Record<string, string | number | boolean>;
  stats?: SolStatsView;
}

/** The BMC's SOL configuration parameters as read (Get SOL Configuration Parameters; the engine's SolConfig). */
export interface SolConfigFacts {
  enabled: boolean;
  privilege: string;
  forceEncryption: boolean;
  forceAuthentication: boolean;
  /** Volatile bit rate in bit/s (undefined: the BMC's serial setting). */
  bitRate?: number;
  nonVolatileBitRate?: number;
  payloadPort?: number;
}

export interface SolConfigView extends SolConfigFacts {
  server: string;
  answeredBy?: string;
}

/** What a view shows when it (re)opens: the open console, if any, and the transcript so far. */
export interface SolTranscriptView {
  server: string;
  open?: SolConsoleView;
  /** The transcript kept in memory (the last TRANSCRIPT_LIMIT bytes), base64. */
  data: string;
  /** Bytes received in all, and how many of the oldest were dropped from the ring. */
  totalBytes: number;
  droppedBytes: number;
}

export interface SolSavedView {
  server: string;
  caseId: string;
  /** The file's name among the case's attachments. */
  name: string;
  bytes: number;
}

export interface SolOutputEvent {
  server: string;
  /** base64 of the bytes as the BMC sent them. */
  data: string;
}

export type SolStateEvent =
  | { server: string; state: 'open'; console: SolConsoleView }
  | ({ state: 'closed' } & SolEndedView);

export const solChannels = {
  /**
   * Activates the SOL payload and holds the console until it ends: answers
   * only then (how it ended). 'sol.state' says when it is open. A takeover
   * (the payload is active on another session) carries a confirmationId
   * from confirm.prepare {action: 'sol.takeover'}. The console ends with the
   * call: sol.close, the window or connection gone, app quit.
   */
  'sol.open': defineChannel({
    request: z.object({ server, takeover: z.boolean().default(false), confirmationId }).strict(),
    response: {} as SolEndedView,
  }),
  /** Keystrokes for the host's serial port. */
  'sol.write': defineChannel({ request: z.object({ server, data }).strict(), response: {} as { accepted: number } }),
  /** A serial break (the SOL packet's break bit). */
  'sol.break': defineChannel({ request: z.object({ server }).strict(), response: {} as { sent: true } }),
  /** Deactivates the payload: no session is left on the BMC by this console. */
  'sol.close': defineChannel({ request: z.object({ server }).strict(), response: {} as { closed: boolean } }),
  /** The BMC's SOL configuration: enabled, privilege, bit rate. */
  'sol.config': defineChannel({ request: z.object({ server }).strict(), response: {} as SolConfigView }),
  /** The open console and the transcript kept so far (for a view that opens later). */
  'sol.transcript': defineChannel({ request: z.object({ server }).strict(), response: {} as SolTranscriptView }),
  /** Saves the transcript into the open recovery case of that server (an attachment stored with the case). */
  'sol.save': defineChannel({ request: z.object({ server }).strict(), response: {} as SolSavedView }),
};

export const solEvents = {
  'sol.output': defineEvent<SolOutputEvent>(),
  'sol.state': defineEvent<SolStateEvent>(),
};
