/**
 * One RMCP+ session with one BMC: handshake (Open Session, RAKP 1-4),
 * per-message integrity and confidentiality, sequence numbers with a replay
 * window, serialised requests, keepalive, Close Session, and re-opening
 * after the BMC forgot us. A failed handshake restarts from Open Session with
 * a new console session id: RAKP1 and RAKP3 are never resent.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { FieldKitError } from '../../../shared/errors';
import { getChannelAuthCapabilities, getChannelCipherSuites } from './channel-auth';
import { AUTO_ORDER, SUITES, isWeakSuite, type CipherSuite, type SuiteId } from './cipher-suites';
import { deriveK, padKey, rakp2Code, rakp3Code, rakp4Icv, safeEqual, sessionIntegrityKey, type RakpInputs } from './crypto';
import {
  decodeOpenSessionResponse, decodeRakp2, decodeRakp4, encodeOpenSessionRequest, encodeRakp1, encodeRakp3,
  type OpenSessionResponse, type Rakp2, type Rakp4,
} from './handshake';
import { decodeResponse, encodeRequest } from './message';
import {
  PT_IPMI, PT_OPEN_SESSION_REQ, PT_OPEN_SESSION_RSP, PT_RAKP1, PT_RAKP2, PT_RAKP3, PT_RAKP4, decodeV2, encodeV2, type SessionKeys,
} from './packet';
import { PRIVILEGE_CODE, lowerPrivileges, type Privilege } from './privilege';
import { ReplayWindow } from './replay-window';
import type { IpmiRequestOptions, IpmiRequester, IpmiResponse } from './requester';
import { TIMEOUT, flatTimeouts, throwIfAborted, waitFor, type RetryPolicy } from './retry';
import type { Endpoint, UdpTransport } from './transport';
import { Deadline } from './deadline';
import { getDeviceId } from './commands/device';
import { closeSession, setSessionPrivilegeLevel } from './commands/session-control';
import {
  NO_SESSION_SLOT, PRIVILEGE_LEVEL_REFUSED, RMCPP_STATUS, RMCPP_STATUS_TEXT, ROLE_REFUSED, SUITE_NOT_ACCEPTED,
} from './spec';
import { lookupHost } from './lookup-host';

export interface SessionLogger {
  debug?(msg: string, fields?: Record<string, unknown>): void;
  info?(msg: string, fields?: Record<string, unknown>): void;
  warn?(msg: string, fields?: Record<string, unknown>): void;
}

export interface SessionConfig {
  /** Host as the user wrote it (messages, logs). */
  host: string;
  endpoint: Endpoint;
  username: string;
  password: Buffer;
  kg?: Buffer;
  suite: 'auto' | SuiteId;
  /** The user accepts a pinned suite without integrity / confidentiality (0, 1, 2); never widens auto. */
  acceptWeakCipher: boolean;
  privilege: Privilege;
  /** Drop to lower privileges when the requested one is refused. */
  privilegeFallback: boolean;
  /** RAKP1 lookup: by name only (bit 4 set; ipmitool's default) or by name and privilege. */
  lookup: 'name-only' | 'name-privilege';
  policy: RetryPolicy;
  /** Budget of Get Channel Cipher Suites in auto mode (some BMCs ignore it). */
  cipherProbe: RetryPolicy;
  keepaliveMs: number;
  /**
   * Close the session after this long without traffic (0 = keep it alive
   * with Get Device ID instead): sessions are held only while used.
   */
  idleCloseMs: number;
  /** Idle time after which the session is assumed dead and opened afresh. */
  staleMs: number;
}

export interface SessionInfo {
  host: string;
  address: string;
  port: number;
  state: 'closed' | 'open';
  suite?: SuiteId;
  privilege?: Privilege;
  consoleSessionId?: number;
  bmcSessionId?: number;
  /** How many times a session was established (1 = never re-opened). */
  opens: number;
  requests: number;
  /** Inbound packets dropped: bad integrity, pad, replayed sequence, wrong session. */
  dropped: number;
  lastActivity?: number;
}

/**
 * A second payload stream carried on the session beside the request /
 * response exchanges (SOL, payload type 1): its inbound packets, decoded
 * with the session keys, go to onPayload whatever exchange is in flight.
 */
export interface PayloadHandlers {
  /** One inbound packet's payload (integrity checked, decrypted, not a replay). */
  onPayload(payload: Buffer, info: { encrypted: boolean; authenticated: boolean }): void;
  /** The session ended under the stream ('closed' = by us; anything else = lost). Called once. */
  onDrop(reason: string): void;
  /**
   * Runs inside close() before Close Session, with a requester that sends
   * on this session directly (the queue is held by close itself): e.g.
   * Deactivate Payload, so that nothing stays active on the BMC.
   */
  beforeClose?(direct: IpmiRequester): Promise<void>;
}

export interface PayloadLink {
  /** Sends one packet of the stream's payload type: next session sequence number, session keys. False when the session is not open. */
  send(payload: Buffer): boolean;
  /** Whether the payload travels encrypted / authenticated on this session. */
  readonly encrypted: boolean;
  readonly authenticated: boolean;
  /** Stops routing the stream and lets the session idle-close again. */
  detach(): void;
}

interface OpenState {
  suite: CipherSuite;
  privilege: Privilege;
  /** The managed system GUID of RAKP 2, kept only when RAKP 2's code proved it. */
  guid?: Buffer;
  consoleSid: number;
  bmcSid: number;
  keys: SessionKeys;
  unsubscribe: () => void;
}

/**
 * Why one handshake attempt did not open a session. FieldKit's own reasons
 * (silence, algorithms other than proposed, a refused privilege) are kinds
 * of their own, not RMCP+ status codes borrowed for them.
 */
type HandshakeFailure =
  | { kind: 'timeout' }
  /** The BMC refused or changed the suite's algorithms (`status` when it said so with a code). */
  | { kind: 'algorithm-mismatch'; step: string; status?: number }
  /** The requested role (privilege) was refused at RAKP or by Set Session Privilege Level. */
  | { kind: 'privilege-refused'; step: string; status?: number }
  /** Any other RMCP+ status: ends the search. */
  | { kind: 'status'; step: string; status: number };

/** The kind of a refusal the BMC stated with an RMCP+ status at `step`. */
function classifyStatus(step: string, status: number): HandshakeFailure {
  if (step === 'Open Session' && SUITE_NOT_ACCEPTED.has(status)) return { kind: 'algorithm-mismatch', step, status };
  if (ROLE_REFUSED.has(status)) return { kind: 'privilege-refused', step, status };
  return { kind: 'status', step, status };
}

/** About one second per handshake attempt (each of its steps waits at most that long). */
const HANDSHAKE_ATTEMPT_MS = 1000;
/** About half a second per in-session attempt of a read. */
const RETRANSMIT_MS = 500;

const IDLE_CLOSE_POLICY: RetryPolicy = { timeoutMs: 600, retries: 1 };
/** Keepalive period of a session that carries a payload stream when none is configured. */
const HELD_KEEPALIVE_MS = 25_000;

/**
 * One abort listener per signal for every session that uses it: a CLI run or
 * a dump passes one signal to the sessions of many BMCs, and a listener per
 * session would trip Node's "possible EventTarget memory leak" warning
 * beyond ten.
 */
const signalWatchers = new WeakMap<AbortSignal, Set<RmcpPlusSession>>();

function watchSignal(signal: AbortSignal, session: RmcpPlusSession): void {
  let sessions = signalWatchers.get(signal);
  if (!sessions) {
    const set = new Set<RmcpPlusSession>();
    signalWatchers.set(signal, set);
    signal.addEventListener('abort', () => { for (const s of set) s.abortIfWaitingOn(signal); }, { once: true });
    sessions = set;
  }
  sessions.add(session);
}

export class RmcpPlusSession implements IpmiRequester {
  private open?: OpenState;
  private tail: Promise<unknown> = Promise.resolve();
  /** Operations queued or running; 0 = idle, the next one starts at once. */
  private active = 0;
  /** Retry schedule of in-session exchanges, drawn again after a timeout (jitter). */
  private schedule?: { timeoutMs: number; retries: number; times: number[] };
  private readonly deadline = new Deadline();
  private feed?: (p: Buffer) => boolean;
  private readonly windowAuth = new ReplayWindow();
  private readonly windowPlain = new ReplayWindow();
  private outSeq = 0;
  private rqSeq = Math.floor(Math.random() * 64);
  private chosenSuite?: SuiteId;
  private keepaliveTimer?: ReturnType<typeof setTimeout>;
  private lastActivity = 0;
  private opens = 0;
  private requests = 0;
  private dropped = 0;
  private disposed = false;
  private disposal?: Promise<void>;
  /** Attached payload streams by payload type; while any is attached the session never idle-closes. */
  private readonly payloads = new Map<number, PayloadHandlers>();

  /**
   * `after`: the session this one replaces on the same BMC endpoint; nothing
   * is sent here before it has closed (one session per endpoint).
   */
  constructor(
    private readonly transport: UdpTransport,
    readonly config: SessionConfig,
    private readonly logger: SessionLogger = {},
    private readonly now: () => number = Date.now,
    after?: Promise<void>,
  ) {
    if (after) {
      this.active = 1;
      const done = () => { this.active--; };
      this.tail = after.then(done, done);
    }
  }

  /** Disposed (or being disposed): a new session takes its place. */
  get retired(): boolean {
    return this.disposed;
  }

  /** The managed system GUID this session's BMC proved in RAKP 2 (IpmiRequester.systemGuid). */
  systemGuid(): Buffer | undefined {
    return this.open?.guid;
  }

  info(): SessionInfo {
    const o = this.open;
    return {
      host: this.config.host,
      address: this.config.endpoint.address,
      port: this.config.endpoint.port,
      state: o ? 'open' : 'closed',
      suite: o?.suite.id,
      privilege: o?.privilege,
      consoleSessionId: o?.consoleSid,
      bmcSessionId: o?.bmcSid,
      opens: this.opens,
      requests: this.requests,
      dropped: this.dropped,
      lastActivity: this.lastActivity || undefined,
    };
  }

  // ------------------------------------------------------------ queue

  /** Runs fn after every earlier call on this session: one request at a time per BMC. */
  private enqueue<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.disposed) return Promise.reject(new FieldKitError('IPMI_ENGINE_CLOSED'));
    const done = () => { this.active--; };
    if (this.active === 0) {
      // Idle (the common case of a caller awaiting each request): nothing to
      // queue behind, so start now; the exchange itself honours the signal.
      if (signal?.aborted) return Promise.reject(new FieldKitError('CANCELLED'));
      this.active++;
      let run: Promise<T>;
      try {
        run = fn();
      } catch (e) {
        run = Promise.reject(e);
      }
      this.tail = run.then(done, done);
      return run;
    }
    this.active++;
    const run = this.tail.then(() => {
      throwIfAborted(signal);
      return fn();
    });
    this.tail = run.then(done, done);
    if (!signal) return run;
    // A caller that gives up while queued is released at once.
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new FieldKitError('CANCELLED'));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      run.then(
        (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
        (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
      );
    });
  }

  request(netFn: number, cmd: number, data: Uint8Array = new Uint8Array(0), options: IpmiRequestOptions = {}): Promise<IpmiResponse> {
    // Not an async function: on the per-request path every async frame costs
    // in a cold process (`exec` of thousands of lines).
    return this.enqueue(() => {
      // A session that carries a payload stream is kept alive, never presumed stale.
      if (this.open && this.payloads.size === 0 && this.now() - this.lastActivity > this.config.staleMs) this.drop('stale');
      if (!this.open) return this.establish(options.signal).then(() => this.exchange(netFn, cmd, data, options));
      return this.exchange(netFn, cmd, data, options);
    }, options.signal);
  }

  /** Opens the session now (otherwise the first request does). */
  connect(signal?: AbortSignal): Promise<SessionInfo> {
    return this.enqueue(async () => {
      if (!this.open) await this.establish(signal);
      return this.info();
    }, signal);
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      const o = this.open;
      if (!o) return;
      for (const h of [...this.payloads.values()]) {
        if (h.beforeClose) await h.beforeClose(this.direct).catch(() => undefined);
      }
      await this.closeOnBmc(o.bmcSid, IDLE_CLOSE_POLICY.timeoutMs, IDLE_CLOSE_POLICY.retries);
      this.drop('closed');
    });
  }

  /**
   * Closes (after what is queued) and refuses further use from now on:
   * engine shutdown, or a replacement session on the same endpoint.
   */
  dispose(): Promise<void> {
    if (this.disposal) return this.disposal;
    const closing = this.close().catch(() => undefined);
    this.disposed = true;
    this.disposal = closing.then(() => this.deadline.dispose());
    return this.disposal;
  }

  private drop(reason: string): void {
    if (this.keepaliveTimer) clearTimeout(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    if (this.open) {
      this.logger.debug?.('ipmi session dropped', { host: this.config.host, reason });
      this.open.unsubscribe();
      this.open = undefined;
    }
    this.feed = undefined;
    // A payload stream cannot outlive its session: tell each one, once.
    const streams = [...this.payloads.values()];
    this.payloads.clear();
    for (const h of streams) {
      try {
        h.onDrop(reason);
      } catch (e) {
        this.logger.warn?.('payload drop handler failed', { error: (e as Error).message });
      }
    }
  }

  /** A requester that bypasses the queue: only for code already running inside it (close). */
  private readonly direct: IpmiRequester = {
    request: (netFn, cmd, data = new Uint8Array(0), options = {}) => this.exchange(netFn, cmd, data, options),
  };

  // ------------------------------------------------------------ payload streams

  /**
   * Carries a payload stream (e.g. SOL) on this open session. Inbound
   * packets of that payload type go to the handlers, checked as responses
   * are (session keys, our session id, the replay window); the stream's
   * packets go out with the session's next sequence number. While attached,
   * the session is kept alive instead of idle-closed.
   */
  attachPayload(payloadType: number, handlers: PayloadHandlers): PayloadLink {
    const o = this.open;
    if (!o || this.disposed) throw new FieldKitError('IPMI_ENGINE_CLOSED');
    // One stream per payload type and session (the SOL console of this session).
    if (payloadType === PT_IPMI || this.payloads.has(payloadType)) throw new FieldKitError('SOL_IN_USE', { host: this.config.host, port: this.config.endpoint.port });
    this.payloads.set(payloadType, handlers);
    // Re-arm the timer: it now keeps the session alive rather than closing it.
    if (this.keepaliveTimer) clearTimeout(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    this.touch();
    const ep = this.config.endpoint;
    return {
      encrypted: o.keys.encrypted,
      authenticated: o.keys.integrityLength > 0,
      send: (payload) => {
        if (this.open !== o || this.payloads.get(payloadType) !== handlers) return false;
        const packet = encodeV2({ payloadType, sessionId: o.bmcSid, sequence: this.nextOutSeq(), payload, keys: o.keys });
        if (!this.transport.sendNow(ep, packet)) this.transport.send(ep, packet).catch(() => undefined);
        return true;
      },
      detach: () => {
        if (this.payloads.get(payloadType) === handlers) this.payloads.delete(payloadType);
      },
    };
  }

  /** An inbound packet of an attached payload stream; true when it was one (taken or dropped). */
  private routePayload(p: Buffer): boolean {
    const handlers = this.payloads.get(p[5] & 0x3f);
    const o = this.open;
    if (!handlers || !o) return false;
    let pkt;
    try {
      pkt = decodeV2(p, o.keys);
    } catch {
      this.dropped++;
      return true;
    }
    const window = pkt.authenticated ? this.windowAuth : this.windowPlain;
    if (pkt.sessionId !== o.consoleSid || !window.accept(pkt.sequence)) {
      this.dropped++;
      return true;
    }
    this.lastActivity = this.now();
    handlers.onPayload(pkt.payload, { encrypted: pkt.encrypted, authenticated: pkt.authenticated });
    return true;
  }

  // ------------------------------------------------------------ in-session exchange

  private nextOutSeq(): number {
    this.outSeq = (this.outSeq + 1) >>> 0;
    if (this.outSeq === 0) this.outSeq = 1; // 0 is reserved in a session
    return this.outSeq;
  }

  private onPacket = (p: Buffer): void => {
    if (this.payloads.size > 0 && this.routePayload(p)) return;
    if (!this.feed || !this.feed(p)) this.dropped++;
  };

  private install = (feed: (p: Buffer) => boolean): (() => void) => {
    this.feed = feed;
    return () => { if (this.feed === feed) this.feed = undefined; };
  };

  private exchange(
    netFn: number, cmd: number, data: Uint8Array, options: IpmiRequestOptions,
    retries = this.config.policy.retries, probeOnSilence = true,
  ): Promise<IpmiResponse> {
    const o = this.open!;
    const ep = this.config.endpoint;
    this.rqSeq = (this.rqSeq + 1) & 0x3f;
    const rqSeq = this.rqSeq;
    const msg = encodeRequest({ netFn, cmd, rqSeq, lun: options.lun, data });
    const total = options.timeoutMs ?? this.config.policy.timeoutMs;
    const once = options.once === true;
    // Keep a slice of the budget to tell "BMC silent" from "BMC forgot us".
    const probeMs = probeOnSilence && !once ? Math.min(500, Math.max(100, Math.round(total * 0.1))) : 0;
    const accept = (p: Buffer): IpmiResponse | undefined => {
      let pkt;
      try {
        pkt = decodeV2(p, o.keys);
      } catch {
        return undefined; // bad integrity, pad or length: dropped
      }
      if (pkt.payloadType !== PT_IPMI || pkt.sessionId !== o.consoleSid) return undefined;
      const window = pkt.authenticated ? this.windowAuth : this.windowPlain;
      if (!window.accept(pkt.sequence)) return undefined; // replayed or too old
      let m;
      try {
        m = decodeResponse(pkt.payload);
      } catch {
        return undefined;
      }
      if (m.rqSeq !== rqSeq || m.cmd !== cmd || m.netFn !== (netFn | 1)) return undefined; // a late answer to an earlier request
      return { completionCode: m.completionCode, data: m.data };
    };
    // A change is sent once and waited for over the whole budget: a copy that
    // reached a BMC slow to answer would otherwise be carried out twice.
    const times = once ? [total] : this.attemptTimes(total - probeMs, retries);
    // Attempt i: send (again, with a new session sequence number) and wait its share.
    const attempt = (i: number): Promise<IpmiResponse> => {
      if (i >= times.length) return once ? this.unanswered(netFn, cmd) : this.silent(probeMs, options.signal);
      if (options.signal?.aborted) return Promise.reject(new FieldKitError('CANCELLED'));
      const packet = encodeV2({ payloadType: PT_IPMI, sessionId: o.bmcSid, sequence: this.nextOutSeq(), payload: msg, keys: o.keys });
      const answered = (r: IpmiResponse | typeof TIMEOUT): IpmiResponse | Promise<IpmiResponse> => {
        if (r === TIMEOUT) {
          this.schedule = undefined; // the next exchange draws new jitter
          return attempt(i + 1);
        }
        this.requests++;
        this.touch();
        return r;
      };
      if (this.transport.sendNow(ep, packet)) return this.awaitResponse(accept, times[i], options.signal).then(answered);
      return this.transport.send(ep, packet).then(() => this.awaitResponse(accept, times[i], options.signal)).then(answered);
    };
    return attempt(0);
  }

  /**
   * Nothing came back to an exchange: the session is unusable either way.
   * A sessionless probe tells "BMC silent" from "BMC forgot us". (Apart from
   * exchange() so that the per-request function stays small to compile.)
   */
  private async silent(probeMs: number, signal: AbortSignal | undefined): Promise<never> {
    const { host } = this.config;
    const ep = this.config.endpoint;
    // probeMs is 0 only for a Close Session that went unanswered: not followed by another.
    if (probeMs > 0) this.closeOnBmcUnawaited();
    this.drop('no response');
    if (probeMs === 0) throw new FieldKitError('IPMI_BMC_STOPPED_ANSWERING', { host, port: ep.port });
    let alive = false;
    try {
      await getChannelAuthCapabilities(this.transport, ep, 'user', { timeoutMs: probeMs, retries: 0, signal, host });
      alive = true;
    } catch (e) {
      if ((e as FieldKitError).id === 'CANCELLED') throw e;
    }
    throw new FieldKitError(alive ? 'IPMI_SESSION_LOST' : 'IPMI_BMC_STOPPED_ANSWERING', { host, port: ep.port });
  }

  /**
   * The one copy of a change went unanswered: it may or may not have been
   * carried out. Nothing is sent again. The session is closed on the BMC
   * (best effort: most often only an answer was lost and the BMC still holds
   * it, and its slot is shared with the cluster software; the next sequence
   * number is inside the BMC's window whether or not the change arrived),
   * then dropped (its sequence state is unknown), and the caller reads the
   * state back on a new one.
   */
  private async unanswered(netFn: number, cmd: number): Promise<never> {
    const o = this.open;
    if (o) await this.closeOnBmc(o.bmcSid, IDLE_CLOSE_POLICY.timeoutMs, IDLE_CLOSE_POLICY.retries);
    this.drop('change unanswered');
    throw new FieldKitError('IPMI_OUTCOME_UNKNOWN', {
      host: this.config.host, port: this.config.endpoint.port, command: `netFn 0x${netFn.toString(16).padStart(2, '0')} cmd 0x${cmd.toString(16).padStart(2, '0')}`,
    });
  }

  /** The attempt timeouts of an exchange, kept while nothing times out. */
  private attemptTimes(timeoutMs: number, retries: number): number[] {
    const s = this.schedule;
    if (s && s.timeoutMs === timeoutMs && s.retries === retries) return s.times;
    // Slices of about half a second (as pyghmi; ipmipower 400 ms), at least retries + 1:
    // a lost datagram costs one slice, not the budget. Only reads are retransmitted.
    const times = flatTimeouts(timeoutMs, RETRANSMIT_MS, retries + 1);
    this.schedule = { timeoutMs, retries, times };
    return times;
  }

  /**
   * Waits for the response accept() takes, like waitFor but on the session's
   * reusable deadline (one exchange at a time), the hot path of every request.
   */
  private awaitResponse<T>(accept: (p: Buffer) => T | undefined, timeoutMs: number, signal: AbortSignal | undefined): Promise<T | typeof TIMEOUT> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new FieldKitError('CANCELLED'));
      const settle = () => {
        if (this.feed === feed) this.feed = undefined;
        this.deadline.stop();
        this.waiting = undefined;
      };
      const feed = (p: Buffer): boolean => {
        const v = accept(p);
        if (v === undefined) return false;
        settle();
        resolve(v);
        return true;
      };
      this.feed = feed;
      this.deadline.start(timeoutMs, () => { settle(); resolve(TIMEOUT); });
      if (signal) {
        this.waiting = { signal, abort: () => { settle(); reject(new FieldKitError('CANCELLED')); } };
        this.watch(signal);
      }
    });
  }

  /**
   * Abort listeners: one per signal and session, left in place, instead of
   * adding and removing one per request (a CLI run passes the same signal
   * to thousands of requests). A listener only acts when the exchange in
   * flight belongs to its signal.
   */
  private waiting?: { signal: AbortSignal; abort: () => void };
  private watched?: WeakRef<AbortSignal>;

  private watch(signal: AbortSignal): void {
    if (this.watched?.deref() === signal) return;
    this.watched = new WeakRef(signal);
    watchSignal(signal, this);
  }

  /** Called when a watched signal aborts: ends the exchange in flight if it belongs to that signal. */
  abortIfWaitingOn(signal: AbortSignal): void {
    const w = this.waiting;
    if (w && w.signal === signal) w.abort();
  }

  private touch(): void {
    this.lastActivity = this.now();
    const keepalive = this.config.keepaliveMs > 0 ? this.config.keepaliveMs : HELD_KEEPALIVE_MS;
    const ms = this.payloads.size > 0 ? keepalive : this.config.idleCloseMs > 0 ? this.config.idleCloseMs : this.config.keepaliveMs;
    if (!this.keepaliveTimer && ms > 0) this.armKeepalive(ms);
  }

  private armKeepalive(ms: number): void {
    this.keepaliveTimer = setTimeout(() => {
      this.keepaliveTimer = undefined;
      if (!this.open) return;
      const idle = this.now() - this.lastActivity;
      if (this.config.idleCloseMs > 0 && this.payloads.size === 0) {
        // Unused: give the BMC its session slot back rather than keep it alive.
        if (idle >= this.config.idleCloseMs) {
          this.close().catch(() => undefined);
          return;
        }
        return this.armKeepalive(this.config.idleCloseMs - idle);
      }
      // A session held by a payload stream is kept alive even when keepalives are otherwise off.
      const every = this.config.keepaliveMs > 0 ? this.config.keepaliveMs : HELD_KEEPALIVE_MS;
      if (idle < every) return this.armKeepalive(every - idle);
      // Get Device ID keeps the BMC's inactivity timer from closing the session.
      this.request(getDeviceId.netFn, getDeviceId.cmd).catch((e) => this.logger.debug?.('ipmi keepalive failed', { host: this.config.host, error: (e as Error).message }));
    }, ms);
    this.keepaliveTimer.unref?.();
  }

  // ------------------------------------------------------------ handshake

  private async candidateSuites(deadline: number, signal?: AbortSignal): Promise<SuiteId[]> {
    const { host, endpoint } = this.config;
    const pinned = this.config.suite;
    // Refused before anything is sent: a weak suite only when pinned and accepted.
    if (pinned !== 'auto' && isWeakSuite(pinned) && !this.config.acceptWeakCipher) {
      throw pinned === 0
        ? new FieldKitError('IPMI_SUITE0_REFUSED', { host, port: endpoint.port })
        : new FieldKitError('IPMI_WEAK_SUITE_REFUSED', { host, port: endpoint.port, suite: pinned });
    }
    if (pinned !== 'auto') return [pinned];
    if (this.chosenSuite !== undefined) return [this.chosenSuite];
    // The probe gets at most a third of the budget: some BMCs never answer it.
    const probeMs = Math.max(1, Math.min(this.config.cipherProbe.timeoutMs, Math.round((deadline - this.now()) / 3)));
    const offered = await getChannelCipherSuites(this.transport, endpoint, { timeoutMs: probeMs, retries: this.config.cipherProbe.retries, signal, host });
    if (!offered) return AUTO_ORDER; // ignored: try 17 then 3, moving on at a status or silence
    // Automatic means 17, then 3, and nothing else: an offer without either
    // (a BMC that lacks them, or an answer rewritten on the way, which
    // travels outside any session) is refused, never followed downwards.
    const usable = AUTO_ORDER.filter((s) => offered.includes(s));
    if (usable.length === 0) throw new FieldKitError('IPMI_SUITE_DOWNGRADE_REFUSED', { host, port: endpoint.port, offered: offered.join(', ') || '-' });
    return usable.slice(0, 1);
  }

  private async resolve(): Promise<void> {
    const ep = this.config.endpoint;
    if (isIP(ep.address)) return;
    try {
      ep.address = await lookupHost(ep.address);
    } catch {
      throw new FieldKitError('IPMI_HOST_UNRESOLVED', { host: this.config.host });
    }
  }

  /**
   * Opens the session: for each candidate suite and each allowed privilege
   * (highest first), handshakes until one works; then raises the session to
   * that privilege. What stops the search is decided by the failure's kind.
   */
  private async establish(signal?: AbortSignal): Promise<void> {
    await this.resolve();
    const deadline = this.now() + this.config.policy.timeoutMs;
    const suites = await this.candidateSuites(deadline, signal);
    let last: HandshakeFailure | undefined;
    for (let si = 0; si < suites.length; si++) {
      last = await this.trySuite(SUITES[suites[si]], suites.length - si, deadline, signal);
      if (last === undefined) {
        if (this.config.suite === 'auto') this.chosenSuite = suites[si];
        return;
      }
      // A suite the BMC refused or ignored: the next one may work.
      if (last.kind !== 'algorithm-mismatch' && last.kind !== 'timeout') break;
    }
    throw await this.refusalError(last!, suites, deadline, signal);
  }

  /** Every allowed privilege with one suite; undefined once a session is open. */
  private async trySuite(suite: CipherSuite, suitesLeft: number, deadline: number, signal?: AbortSignal): Promise<HandshakeFailure | undefined> {
    const privileges = this.config.privilegeFallback ? lowerPrivileges(this.config.privilege) : [this.config.privilege];
    let last: HandshakeFailure | undefined;
    for (const privilege of privileges) {
      last = await this.tryPrivilege(suite, privilege, suitesLeft, deadline, signal);
      if (last === undefined) return undefined;
      if (last.kind === 'status') throw this.statusError(last);
      if (last.kind !== 'privilege-refused') return last; // timeout or algorithms: not a matter of privilege
    }
    return last;
  }

  /** Handshakes at one suite and privilege, restarting from Open Session after silence, then raises the privilege. */
  private async tryPrivilege(
    suite: CipherSuite, privilege: Privilege, suitesLeft: number, deadline: number, signal?: AbortSignal,
  ): Promise<HandshakeFailure | undefined> {
    // Unknown offer (auto, probe ignored): each remaining suite gets its share.
    const share = Math.max(1, Math.round((deadline - this.now()) / suitesLeft));
    for (const t of flatTimeouts(share, HANDSHAKE_ATTEMPT_MS, this.config.policy.retries + 1)) {
      throwIfAborted(signal);
      const r = await this.handshakeOnce(suite, privilege, t, signal);
      if (r === undefined) return this.raisePrivilege(privilege, Math.max(200, deadline - this.now()), signal);
      if (r.kind !== 'timeout') return r;
    }
    return { kind: 'timeout' };
  }

  /** The catalogued error for the handshake failure that ended the search. */
  private async refusalError(r: HandshakeFailure, suites: SuiteId[], deadline: number, signal?: AbortSignal): Promise<FieldKitError> {
    const { host, endpoint, username } = this.config;
    const port = endpoint.port;
    switch (r.kind) {
      case 'timeout':
        return new FieldKitError('IPMI_NO_RESPONSE', { host, port, timeoutMs: this.config.policy.timeoutMs });
      case 'algorithm-mismatch':
        return new FieldKitError('IPMI_SUITE_UNSUPPORTED', { host, port, suite: String(this.config.suite === 'auto' ? suites.join(', ') : this.config.suite) });
      case 'status':
        return this.statusError(r);
      case 'privilege-refused':
        break;
    }
    if (r.status === RMCPP_STATUS.UNAUTHORIZED_NAME) {
      // With name+privilege lookup, "unauthorized name" also means "not at
      // that level": a handshake at user level tells an unknown user from a refused level.
      if (this.config.lookup === 'name-privilege' && !this.config.privilegeFallback && this.config.privilege !== 'user') {
        const probe = await this.handshakeOnce(SUITES[suites[0]], 'user', Math.max(1, Math.min(1000, deadline - this.now())), signal);
        if (probe === undefined) {
          await this.closeOnBmc(this.open!.bmcSid, 300, 0);
          this.drop('privilege probe');
          return new FieldKitError('IPMI_PRIVILEGE_REFUSED', { host, port, user: username, privilege: this.config.privilege });
        }
      }
      return new FieldKitError('IPMI_USER_UNKNOWN', { host, port, user: username });
    }
    return new FieldKitError('IPMI_PRIVILEGE_REFUSED', { host, port, user: username, privilege: this.config.privilege });
  }

  private statusError(r: { step: string; status: number }): FieldKitError {
    const { host, endpoint, username } = this.config;
    const port = endpoint.port;
    const status = `0x${r.status.toString(16).padStart(2, '0')}`;
    if (r.status === RMCPP_STATUS.UNAUTHORIZED_NAME) return new FieldKitError('IPMI_USER_UNKNOWN', { host, port, user: username });
    if (NO_SESSION_SLOT.has(r.status)) return new FieldKitError('IPMI_NO_SESSION_SLOTS', { host, port, step: r.step, status });
    // RAKP4 "invalid integrity check value": the BMC found our RAKP3 code wrong, i.e. it holds another password.
    if (r.status === RMCPP_STATUS.INVALID_INTEGRITY_CHECK_VALUE) return new FieldKitError('IPMI_AUTH_FAILED', { host, port, user: username });
    return new FieldKitError('IPMI_HANDSHAKE_FAILED', { host, port, step: r.step, status, reason: RMCPP_STATUS_TEXT[r.status] ?? 'unknown status' });
  }

  /**
   * Raises the new session to the requested privilege (sessions start at
   * user level). A refused level closes the session and is reported as its
   * own kind, so that the caller can try a lower one.
   */
  private async raisePrivilege(privilege: Privilege, timeoutMs: number, signal?: AbortSignal): Promise<HandshakeFailure | undefined> {
    if (PRIVILEGE_CODE[privilege] <= PRIVILEGE_CODE.user) return undefined;
    const command = setSessionPrivilegeLevel;
    let r: IpmiResponse;
    try {
      r = await this.exchange(command.netFn, command.cmd, command.encode(privilege), { signal, timeoutMs });
    } catch (e) {
      this.drop('set privilege failed');
      throw e;
    }
    if (r.completionCode === 0) return undefined;
    // Refused: free the BMC's session slot first.
    await this.closeOnBmc(this.open!.bmcSid, 300, 0);
    this.drop('privilege refused');
    if (PRIVILEGE_LEVEL_REFUSED.has(r.completionCode)) return { kind: 'privilege-refused', step: command.name };
    throw new FieldKitError('IPMI_HANDSHAKE_FAILED', {
      host: this.config.host, port: this.config.endpoint.port, step: command.name,
      status: `0x${r.completionCode.toString(16)}`, reason: 'completion code',
    });
  }

  /**
   * One Close Session datagram, not waited for: a read whose every copy went
   * unanswered leaves the session's state unknown, but if only the answers
   * were lost the BMC still holds it, and its slot is shared with the cluster
   * software. Not waited for, so that a BMC that really went silent (or
   * restarted and forgot us) is reported no later than before; its answer, if
   * any, finds no session and is discarded. Best effort like closeOnBmc.
   */
  private closeOnBmcUnawaited(): void {
    const o = this.open;
    if (o) this.sendCloseSession(o.bmcSid, o.keys, this.nextOutSeq());
  }

  /** One Close Session datagram on the BMC's session id with the session's keys; its answer is not waited for. */
  private sendCloseSession(bmcSid: number, keys: SessionKeys, sequence: number): void {
    this.rqSeq = (this.rqSeq + 1) & 0x3f;
    const msg = encodeRequest({ netFn: closeSession.netFn, cmd: closeSession.cmd, rqSeq: this.rqSeq, data: closeSession.encode(bmcSid) });
    const packet = encodeV2({ payloadType: PT_IPMI, sessionId: bmcSid, sequence, payload: msg, keys });
    if (!this.transport.sendNow(this.config.endpoint, packet)) this.transport.send(this.config.endpoint, packet).catch(() => undefined);
  }

  /** Close Session for the BMC's session id; best effort (the BMC times a session out anyway). */
  private closeOnBmc(bmcSid: number, timeoutMs: number, retries: number): Promise<void> {
    return this.exchange(closeSession.netFn, closeSession.cmd, closeSession.encode(bmcSid), { timeoutMs }, retries, false)
      .then(() => undefined, () => undefined);
  }

  private newConsoleSid(): number {
    for (;;) {
      const sid = randomBytes(4).readUInt32LE(0);
      if (sid !== 0 && !this.transport.hasSession(this.config.endpoint, sid)) return sid;
    }
  }

  /** One pass Open Session .. RAKP4; undefined on success (this.open set). */
  private async handshakeOnce(suite: CipherSuite, privilege: Privilege, stepTimeout: number, signal?: AbortSignal): Promise<HandshakeFailure | undefined> {
    const { host, endpoint, username } = this.config;
    const consoleSid = this.newConsoleSid();
    const unsubscribe = this.transport.subscribeSession(endpoint, consoleSid, this.onPacket);
    let ok = false;
    try {
      const send = (payloadType: number, payload: Buffer) =>
        this.transport.send(endpoint, encodeV2({ payloadType, sessionId: 0, sequence: 0, payload }));
      const tag = randomBytes(1)[0];
      const priv = PRIVILEGE_CODE[privilege];
      const until = <T extends { tag: number; consoleSid?: number }>(pt: number, decode: (b: Buffer) => T) =>
        waitFor(this.install, (p) => {
          try {
            const pkt = decodeV2(p);
            if (pkt.payloadType !== pt) return undefined;
            const d = decode(pkt.payload);
            // Short error replies carry no session id: the tag must do.
            return d.tag === tag && (d.consoleSid === undefined || d.consoleSid === consoleSid) ? d : undefined;
          } catch {
            return undefined;
          }
        }, stepTimeout, signal);

      // The real privilege goes into Open Session too: ipmi_sim and many
      // BMCs hash RAKP codes with the Open Session privilege.
      await send(PT_OPEN_SESSION_REQ, encodeOpenSessionRequest({ tag, privilege: priv, consoleSid, suite }));
      const os = await until<OpenSessionResponse>(PT_OPEN_SESSION_RSP, decodeOpenSessionResponse);
      if (os === TIMEOUT) return { kind: 'timeout' };
      if (os.status !== RMCPP_STATUS.NO_ERRORS) return classifyStatus('Open Session', os.status);
      if (os.auth !== suite.auth || os.integrity !== suite.integrity || os.confidentiality !== suite.confidentiality) {
        return { kind: 'algorithm-mismatch', step: 'Open Session' };
      }

      const rm = randomBytes(16);
      const role = priv | (this.config.lookup === 'name-only' ? 0x10 : 0);
      const uname = Buffer.from(username, 'utf8');
      await send(PT_RAKP1, encodeRakp1({ tag, bmcSid: os.bmcSid, rm, role, username: uname }));
      const r2 = await until<Rakp2>(PT_RAKP2, (b) => decodeRakp2(b, suite));
      if (r2 === TIMEOUT) return { kind: 'timeout' };
      if (r2.status !== RMCPP_STATUS.NO_ERRORS) return classifyStatus('RAKP 2', r2.status);

      const inputs: RakpInputs = {
        hash: suite.authHash ?? 'sha1', kuid: padKey(this.config.password), consoleSid, bmcSid: os.bmcSid,
        rm, rc: r2.rc, guid: r2.guid, role, username: uname,
      };
      if (suite.authHash && !safeEqual(rakp2Code(inputs), r2.code)) {
        // The BMC proved knowledge of a different password than ours. Tell it
        // so (RAKP3 status 0x0F) so it frees the half-open session.
        await send(PT_RAKP3, encodeRakp3(tag, RMCPP_STATUS.INVALID_INTEGRITY_CHECK_VALUE, os.bmcSid, Buffer.alloc(0)));
        throw new FieldKitError('IPMI_AUTH_FAILED', { host, port: endpoint.port, user: username });
      }
      const sik = suite.authHash ? sessionIntegrityKey(inputs, this.config.kg) : Buffer.alloc(0);
      const keys: SessionKeys = {
        integrityHash: suite.integrityHash,
        integrityLength: suite.integrityLength,
        k1: suite.integrityHash ? deriveK(suite.authHash!, sik, 1) : undefined,
        k2: suite.encrypted ? deriveK(suite.authHash!, sik, 2) : undefined,
        encrypted: suite.encrypted,
      };
      await send(PT_RAKP3, encodeRakp3(tag, RMCPP_STATUS.NO_ERRORS, os.bmcSid, suite.authHash ? rakp3Code(inputs) : Buffer.alloc(0)));
      // If RAKP 3 arrived, the BMC activated the session: when its RAKP 4 is
      // lost (or the caller cancels while waiting) the next attempt would hold
      // a second slot. The password matched at RAKP 2, so our keys are the
      // BMC's (unless the Kg differs, which only RAKP 4 could tell): close it.
      const r4 = await until<Rakp4>(PT_RAKP4, (b) => decodeRakp4(b, suite)).catch((e: unknown) => {
        this.sendCloseSession(os.bmcSid, keys, 1);
        throw e;
      });
      if (r4 === TIMEOUT) {
        this.sendCloseSession(os.bmcSid, keys, 1);
        return { kind: 'timeout' };
      }
      if (r4.status !== RMCPP_STATUS.NO_ERRORS) return classifyStatus('RAKP 4', r4.status);
      if (suite.authHash && !safeEqual(rakp4Icv(inputs, sik, suite.rakp4IcvLength), r4.icv)) {
        // Password accepted (RAKP2 matched) but the session key differs: Kg.
        throw new FieldKitError('IPMI_KG_MISMATCH', { host, port: endpoint.port });
      }
      this.windowAuth.reset();
      this.windowPlain.reset();
      this.outSeq = 0;
      // RAKP 2's code covers the GUID (checked above) only when the suite authenticates.
      this.open = { suite, privilege, consoleSid, bmcSid: os.bmcSid, keys, unsubscribe, ...(suite.authHash ? { guid: r2.guid } : {}) };
      this.opens++;
      this.touch();
      ok = true;
      this.logger.debug?.('ipmi session open', { host, port: endpoint.port, suite: suite.id, privilege });
      return undefined;
    } finally {
      if (!ok) unsubscribe();
    }
  }
}
