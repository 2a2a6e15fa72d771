/**
 * The SOL console's protocol (IPMI 2.0 section 15): what we type goes out
 * in numbered packets, one outstanding at a time, retransmitted until the
 * BMC acknowledges it; the BMC's packets are acknowledged one by one and
 * delivered once. Transport-free: it sends SOL payloads through `send` and
 * is fed the BMC's SOL payloads through `receive`, so a unit test can play
 * the BMC.
 */
import { FieldKitError } from '../../../../shared/errors';
import { SOL_HEADER_LENGTH, SOL_OP, SOL_STATUS, decodeSolPacket, encodeSolPacket, nextSolSeq } from './packet';
import type { SolClose, SolConsole, SolInfo, SolStats, SolStatus } from './types';

export interface SolTiming {
  /** Wait for an ACK before sending the same packet again (ipmitool and ipmi_sim: 1 s). */
  retryMs: number;
  /** Copies sent again before the console is given up as lost. */
  retries: number;
  /** Keystrokes are gathered this long into one packet (or until a packet is full). */
  accumulateMs: number;
  /** After a NACK (the BMC's buffer is full): try the rest again after this long, or as soon as the BMC says it is ready. */
  nackRetryMs: number;
  /** deactivate() waits at most this long for queued characters to be accepted. */
  drainMs: number;
}

export const DEFAULT_SOL_TIMING: SolTiming = { retryMs: 500, retries: 6, accumulateMs: 5, nackRetryMs: 200, drainMs: 3000 };

/** Upper bound of characters per packet whatever the BMC offers (a UDP datagram stays small). */
const MAX_CHARS_PER_PACKET = 1024;

export interface SolConsoleDeps {
  info: SolInfo;
  /** Sends one SOL payload on the session; false when the session is gone. */
  send(payload: Buffer): boolean;
  /** Deactivate Payload on the BMC and detach from the session (called once, by deactivate()). */
  deactivatePayload(): Promise<void>;
  timing?: Partial<SolTiming>;
}

interface InFlight {
  seq: number;
  data: Buffer;
  flags: number;
  /** Copies sent so far. */
  sends: number;
  /** Bytes of the write stream this packet carries (for write() promises). */
  breakWaiters: (() => void)[];
}

export class SolConsoleProtocol implements SolConsole {
  readonly info: SolInfo;
  private readonly timing: SolTiming;
  private readonly maxChars: number;
  private readonly dataListeners = new Set<(b: Buffer) => void>();
  private readonly closeListeners = new Set<(why: SolClose) => void>();
  private readonly statusListeners = new Set<(s: SolStatus) => void>();
  private endedWith?: SolClose;
  private deactivating?: Promise<void>;

  // Outbound (console -> BMC)
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private pendingBreak: (() => void)[] = [];
  private inflight?: InFlight;
  private seq = 0;
  /** The empty first packet has been sent (see sendNext). */
  private synced = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private accumulateTimer?: ReturnType<typeof setTimeout>;
  private nackTimer?: ReturnType<typeof setTimeout>;
  /** Bytes ever queued by write() and bytes the BMC accepted: write() resolves on the latter. */
  private queuedTotal = 0;
  private acceptedTotal = 0;
  private writeWaiters: { until: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private breakRejects = new Set<(e: unknown) => void>();

  // Inbound (BMC -> console)
  private lastInSeq = 0;
  private lastInAccepted = 0;
  private bmcStatus: SolStatus = { transferUnavailable: false, breakDetected: false };

  private readonly counters: Required<SolStats> = {
    sentPackets: 0, retransmitted: 0, receivedPackets: 0, duplicatesDropped: 0, bytesIn: 0, bytesOut: 0, partial: 0, acksSent: 0,
  };

  constructor(private readonly deps: SolConsoleDeps) {
    this.info = deps.info;
    this.timing = { ...DEFAULT_SOL_TIMING, ...deps.timing };
    // The inbound size counts the SOL header (ipmitool subtracts it too).
    this.maxChars = Math.max(1, Math.min(MAX_CHARS_PER_PACKET, deps.info.inboundSize - SOL_HEADER_LENGTH));
  }

  get closed(): boolean {
    return this.endedWith !== undefined;
  }

  // ------------------------------------------------------------ listeners

  onData(cb: (bytes: Buffer) => void): () => void {
    this.dataListeners.add(cb);
    return () => this.dataListeners.delete(cb);
  }

  onClose(cb: (why: SolClose) => void): () => void {
    if (this.endedWith) {
      const why = this.endedWith;
      queueMicrotask(() => cb(why));
      return () => undefined;
    }
    this.closeListeners.add(cb);
    return () => this.closeListeners.delete(cb);
  }

  onStatus(cb: (s: SolStatus) => void): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }

  stats(): SolStats {
    return { ...this.counters };
  }

  status(): SolStatus {
    return { ...this.bmcStatus };
  }

  // ------------------------------------------------------------ outbound

  write(bytes: Uint8Array): Promise<void> {
    if (this.endedWith || this.deactivating) return Promise.reject(this.closedError());
    if (bytes.length === 0) return Promise.resolve();
    const b = Buffer.from(bytes);
    this.pending.push(b);
    this.pendingLength += b.length;
    this.queuedTotal += b.length;
    const until = this.queuedTotal;
    const done = new Promise<void>((resolve, reject) => this.writeWaiters.push({ until, resolve, reject }));
    this.pump();
    return done;
  }

  sendBreak(): Promise<void> {
    if (this.endedWith || this.deactivating) return Promise.reject(this.closedError());
    return new Promise<void>((resolve, reject) => {
      this.breakRejects.add(reject);
      this.pendingBreak.push(() => { this.breakRejects.delete(reject); resolve(); });
      this.pump(true);
    });
  }

  /** Sends the next packet when nothing is outstanding: at once if full (or a break), else after the accumulation time. */
  private pump(now = false): void {
    if (this.inflight || this.endedWith || this.nackTimer) return;
    if (this.pendingLength === 0 && this.pendingBreak.length === 0) return;
    if (now || this.pendingLength >= this.maxChars || this.pendingBreak.length > 0 || this.timing.accumulateMs <= 0) {
      if (this.accumulateTimer) clearTimeout(this.accumulateTimer);
      this.accumulateTimer = undefined;
      this.sendNext();
      return;
    }
    this.accumulateTimer ??= setTimeout(() => {
      this.accumulateTimer = undefined;
      if (!this.inflight) this.sendNext();
    }, this.timing.accumulateMs);
  }

  private takePending(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.pending = rest.length ? [rest] : [];
    this.pendingLength = rest.length;
    return Buffer.from(out);
  }

  private sendNext(): void {
    if (this.inflight || this.endedWith) return;
    if (!this.synced) {
      // The first packet carries no characters. A BMC may still remember the
      // sequence number of the previous console's last packet (ipmi_sim does,
      // across activations) and take our first packet for a copy of it: it
      // would acknowledge the old packet's count and drop our characters.
      // After this packet, whatever the BMC remembered, the next number differs.
      this.synced = true;
      this.seq = nextSolSeq(this.seq);
      this.inflight = { seq: this.seq, data: Buffer.alloc(0), flags: 0, sends: 0, breakWaiters: [] };
      this.counters.sentPackets++;
      this.transmit();
      return;
    }
    const data = this.pendingLength > 0 ? this.takePending(this.maxChars) : Buffer.alloc(0);
    const breaks = this.pendingBreak;
    this.pendingBreak = [];
    if (data.length === 0 && breaks.length === 0) return;
    this.seq = nextSolSeq(this.seq);
    this.inflight = { seq: this.seq, data, flags: breaks.length ? SOL_OP.BREAK : 0, sends: 0, breakWaiters: breaks };
    this.counters.sentPackets++;
    this.transmit();
  }

  /** Sends (or re-sends, same sequence number) the outstanding packet and arms its retry. */
  private transmit(): void {
    const p = this.inflight;
    if (!p || this.endedWith) return;
    if (p.sends > 0) this.counters.retransmitted++;
    p.sends++;
    const ok = this.deps.send(encodeSolPacket({ seq: p.seq, ack: 0, accepted: 0, flags: p.flags, data: p.data }));
    if (!ok) return this.end({ errorId: 'SOL_LOST', params: this.lostParams('the IPMI session ended') });
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.inflight !== p) return;
      if (p.sends > this.timing.retries) {
        this.end({ errorId: 'SOL_LOST', params: this.lostParams(`no acknowledgement after ${p.sends} copies of packet ${p.seq}`) });
        return;
      }
      this.transmit();
    }, this.timing.retryMs);
  }

  /** The BMC acknowledged (or refused) our outstanding packet. */
  private onAck(accepted: number, nack: boolean): void {
    const p = this.inflight!;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.inflight = undefined;
    // A break rides in the packet's operation byte: acknowledged (even with a NACK of the characters), it was carried out.
    for (const w of p.breakWaiters) w();
    const took = nack ? 0 : Math.min(accepted, p.data.length);
    this.counters.bytesOut += took;
    this.settleWrites(took);
    if (took < p.data.length) {
      // The rest goes first in a new packet (a new sequence number: the BMC
      // treats the same number as a copy it has already acknowledged).
      this.counters.partial++;
      const rest = p.data.subarray(took);
      this.pending.unshift(Buffer.from(rest));
      this.pendingLength += rest.length;
      if (nack) {
        // Buffer full: wait until the BMC says it is ready, or a while.
        this.nackTimer = setTimeout(() => { this.nackTimer = undefined; this.pump(true); }, this.timing.nackRetryMs);
        return;
      }
      this.pump(true);
      return;
    }
    this.pump(this.pendingLength >= this.maxChars || this.pendingBreak.length > 0);
  }

  private settleWrites(n: number): void {
    this.acceptedTotal += n;
    while (this.writeWaiters.length && this.writeWaiters[0].until <= this.acceptedTotal) this.writeWaiters.shift()!.resolve();
  }

  // ------------------------------------------------------------ inbound

  /** One SOL payload from the BMC (already checked by the session). */
  receive(payload: Buffer): void {
    if (this.endedWith) return;
    let p;
    try {
      p = decodeSolPacket(payload);
    } catch {
      return; // too short to be SOL: dropped
    }
    this.noteStatus(p.flags);
    if (p.seq !== 0) {
      if (p.seq === this.lastInSeq) {
        // A copy: our ACK was lost. ACK again what we took the first time; never deliver twice.
        this.counters.duplicatesDropped++;
        this.sendAck(p.seq, this.lastInAccepted);
      } else {
        this.lastInSeq = p.seq;
        this.lastInAccepted = Math.min(255, p.data.length);
        this.counters.receivedPackets++;
        this.sendAck(p.seq, this.lastInAccepted);
        if (p.data.length > 0) {
          const data = p.data.length > 255 ? p.data.subarray(0, 255) : p.data;
          this.counters.bytesIn += data.length;
          for (const cb of [...this.dataListeners]) cb(data);
        }
      }
    }
    if (p.ack !== 0 && this.inflight && p.ack === this.inflight.seq) {
      this.onAck(p.accepted, (p.flags & SOL_STATUS.NACK) !== 0);
    } else if (this.nackTimer && (p.flags & SOL_STATUS.NACK) === 0 && p.ack !== 0) {
      // The BMC has room again (it acknowledges with the NACK bit clear): send the rest now.
      clearTimeout(this.nackTimer);
      this.nackTimer = undefined;
      this.pump(true);
    }
    if (p.flags & SOL_STATUS.DEACTIVATING) {
      this.end({ errorId: 'SOL_DEACTIVATED_BY_BMC', params: { host: this.info.host, port: this.info.port } });
    }
  }

  private sendAck(seq: number, accepted: number): void {
    this.counters.acksSent++;
    this.deps.send(encodeSolPacket({ seq: 0, ack: seq, accepted, flags: 0, data: Buffer.alloc(0) }));
  }

  private noteStatus(flags: number): void {
    const next: SolStatus = {
      transferUnavailable: (flags & SOL_STATUS.TRANSFER_UNAVAILABLE) !== 0,
      breakDetected: (flags & SOL_STATUS.BREAK_DETECTED) !== 0,
    };
    if (next.transferUnavailable === this.bmcStatus.transferUnavailable && next.breakDetected === this.bmcStatus.breakDetected) return;
    this.bmcStatus = next;
    for (const cb of [...this.statusListeners]) cb({ ...next });
  }

  // ------------------------------------------------------------ ending

  /** Sends what is queued (for a while), then Deactivate Payload; ends the console without an error. */
  deactivate(): Promise<void> {
    if (this.deactivating) return this.deactivating;
    if (this.endedWith) return Promise.resolve();
    this.deactivating = (async () => {
      await this.drain();
      if (this.endedWith) return;
      this.stopTimers();
      try {
        await this.deps.deactivatePayload();
      } finally {
        this.end({});
      }
    })();
    return this.deactivating;
  }

  /** Waits until nothing is queued or outstanding, the drain time passes, or the console ends. */
  private drain(): Promise<void> {
    if (!this.inflight && this.pendingLength === 0 && this.pendingBreak.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const deadline = Date.now() + this.timing.drainMs;
      const check = () => {
        if (this.endedWith || Date.now() >= deadline || (!this.inflight && this.pendingLength === 0 && this.pendingBreak.length === 0)) return resolve();
        setTimeout(check, 10);
      };
      check();
    });
  }

  /** The session under the console ended (close = by us, anything else = lost). */
  sessionEnded(reason: string): void {
    if (this.endedWith) return;
    if (reason === 'closed') this.end({});
    else this.end({ errorId: 'SOL_LOST', params: this.lostParams(`the IPMI session ended (${reason})`) });
  }

  private lostParams(reason: string): Record<string, unknown> {
    return { host: this.info.host, port: this.info.port, reason };
  }

  private closedError(): FieldKitError {
    const e = this.endedWith;
    if (e?.errorId === 'SOL_LOST' || e?.errorId === 'SOL_DEACTIVATED_BY_BMC') return new FieldKitError(e.errorId, e.params as Record<string, string>);
    return new FieldKitError('SOL_CLOSED', { host: this.info.host, port: this.info.port });
  }

  private stopTimers(): void {
    for (const t of [this.retryTimer, this.accumulateTimer, this.nackTimer]) if (t) clearTimeout(t);
    this.retryTimer = this.accumulateTimer = this.nackTimer = undefined;
  }

  private end(why: SolClose): void {
    if (this.endedWith) return;
    this.endedWith = why;
    this.stopTimers();
    const err = this.closedError();
    for (const w of this.writeWaiters.splice(0)) w.reject(err);
    for (const r of [...this.breakRejects]) r(err);
    this.breakRejects.clear();
    this.inflight = undefined;
    this.pending = [];
    this.pendingLength = 0;
    this.pendingBreak = [];
    for (const cb of [...this.closeListeners]) {
      try {
        cb(why);
      } catch { /* a listener's fault must not stop the others */ }
    }
    this.closeListeners.clear();
  }

  /** Ends the console from outside (a failed activation, the engine closing). */
  abort(why: SolClose): void {
    this.end(why);
  }
}
