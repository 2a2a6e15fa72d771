/**
 * The IPMI engine: one per process. Owns the shared UDP transport and the
 * session pool (one session per BMC + credentials + suite + privilege,
 * shared by every caller and serialised), and hands out requesters.
 */
import type { Clock } from '../../../shared/clock';
import { FieldKitError } from '../../../shared/errors';
import { getChannelAuthCapabilities, getChannelCipherSuites, type ChannelAuthCapabilities } from './channel-auth';
import { DualRequester, type BmcRole } from './dual';
import { decodeAsfPong, encodeAsfPing } from './rmcp';
import type { IpmiRequestOptions, IpmiRequester, IpmiResponse } from './requester';
import { TIMEOUT, attemptTimeouts, waitFor } from './retry';
import { RmcpPlusSession, type SessionInfo, type SessionLogger } from './session';
import { endpointKey, poolKey, sessionConfig, validateTarget, type IpmiTarget } from './target';
import { UdpTransport } from './transport';
import { lookupHost } from './lookup-host';
import { isIP } from 'node:net';
import type { Privilege } from './privilege';
import { deactivateSolOn, openSolOn, readSolConfigOn, type OpenSolOptions } from './sol/open';
import type { SolConfig, SolConsole } from './sol/types';

export interface IpmiSessionHandle extends IpmiRequester {
  systemGuid(): Buffer | undefined;
  info(): SessionInfo;
  /** Opens the session now rather than on the first request. */
  connect(signal?: AbortSignal): Promise<SessionInfo>;
  close(): Promise<void>;
}

export interface IpmiDualHandle extends IpmiRequester {
  answeredBy(): BmcRole | undefined;
  /** The GUID the session of the address that answered last proved in RAKP 2. */
  systemGuid(): Buffer | undefined;
  /** The session of the address that answered last (its suite and privilege), if any answered. */
  info(): SessionInfo | undefined;
  /** Closes the sessions of both addresses now (Close Session), e.g. when a sweep is done with one server. */
  close(): Promise<void>;
}

export interface EngineOptions {
  logger?: SessionLogger;
  /** Session staleness and keepalive bookkeeping read this clock (shared/clock.ts); default: real time. */
  clock?: Clock;
  /** Receive buffer of the shared socket (bytes). */
  recvBufferSize?: number;
  /**
   * Request time budget and retransmissions for targets that name none
   * (the engineer's Settings); a target's own values win. Read when a
   * session is set up, so a changed setting applies to the next session.
   */
  requestDefaults?: () => { timeoutMs?: number; retries?: number };
}

export interface PingOptions { timeoutMs?: number; retries?: number; signal?: AbortSignal }

export class IpmiEngine {
  private readonly transport: UdpTransport;
  /** By BMC endpoint (address and port): at most one session each. */
  private readonly pool = new Map<string, { key: string; session: RmcpPlusSession }>();
  private closed = false;

  constructor(private readonly options: EngineOptions = {}) {
    this.transport = new UdpTransport({ logger: options.logger, recvBufferSize: options.recvBufferSize });
  }

  /**
   * The session of this target's BMC endpoint. BMC session slots are few and
   * shared with the cluster software's own BMC monitoring, so an endpoint
   * has one session: a caller with other credentials, suite or privilege
   * replaces it, and the old one is closed (after the requests queued on it)
   * before the new one opens.
   */
  private pooled(target: IpmiTarget): RmcpPlusSession {
    if (this.closed) throw new FieldKitError('IPMI_ENGINE_CLOSED');
    validateTarget(target);
    const endpoint = endpointKey(target);
    const key = poolKey(target);
    const current = this.pool.get(endpoint);
    if (current && current.key === key && !current.session.retired) return current.session;
    const predecessor = current && !current.session.retired ? this.track(current.session.dispose()) : undefined;
    const now = this.options.clock ? () => this.options.clock!.now() : Date.now;
    const s = new RmcpPlusSession(this.transport, sessionConfig(this.withRequestDefaults(target)), this.options.logger, now, predecessor);
    this.pool.set(endpoint, { key, session: s });
    return s;
  }

  /** Replaced sessions still closing: the engine's close waits for their Close Session. */
  private readonly retiring = new Set<Promise<void>>();

  private track(p: Promise<void>): Promise<void> {
    this.retiring.add(p);
    void p.finally(() => this.retiring.delete(p));
    return p;
  }

  /** A requester on the pooled session of this target (opened lazily, re-found if it was replaced). */
  session(target: IpmiTarget): IpmiSessionHandle {
    let s = this.pooled(target);
    const live = () => (s.retired ? (s = this.pooled(target)) : s);
    return {
      request: (netFn, cmd, data, options) => live().request(netFn, cmd, data, options),
      systemGuid: () => s.systemGuid(),
      info: () => s.info(),
      connect: (signal) => live().connect(signal),
      close: () => s.close(),
    };
  }

  /** Primary and optional secondary BMC of one server. */
  dual(primary: IpmiTarget, secondary?: IpmiTarget): IpmiDualHandle {
    const name = (t: IpmiTarget) => `${t.host}:${t.port ?? 623}`;
    const p = this.session(primary);
    const s = secondary ? this.session(secondary) : undefined;
    const d = new DualRequester(p, s, {
      primary: name(primary), secondary: secondary ? name(secondary) : undefined,
    });
    return {
      close: async () => { await Promise.all([p.close(), s?.close()]); },
      request: d.request.bind(d) as (netFn: number, cmd: number, data?: Uint8Array, opts?: IpmiRequestOptions) => Promise<IpmiResponse>,
      answeredBy: () => d.answeredBy(),
      systemGuid: () => d.systemGuid(),
      info: () => {
        const role = d.answeredBy();
        return role === 'primary' ? p.info() : role === 'secondary' ? s?.info() : undefined;
      },
    };
  }

  private async endpoint(host: string, port: number) {
    const address = host.replace(/^\[(.*)\]$/, '$1');
    if (isIP(address)) return { address, port };
    try {
      return { address: await lookupHost(address), port };
    } catch {
      throw new FieldKitError('IPMI_HOST_UNRESOLVED', { host });
    }
  }

  /** RMCP presence ping; true when the BMC answered with a pong. */
  async ping(host: string, port = 623, opts: PingOptions = {}): Promise<boolean> {
    if (this.closed) throw new FieldKitError('IPMI_ENGINE_CLOSED');
    const ep = await this.endpoint(host, port);
    await this.transport.ready(ep);
    const tag = Math.floor(Math.random() * 255);
    const packet = encodeAsfPing(tag);
    for (const t of attemptTimeouts({ timeoutMs: opts.timeoutMs ?? 1000, retries: opts.retries ?? 1 })) {
      this.transport.sendNow(ep, packet);
      const r = await waitFor(
        (feed) => this.transport.subscribeAsf(ep, (p) => { feed(p); }),
        (p) => { try { return decodeAsfPong(p).tag === tag ? true : undefined; } catch { return undefined; } },
        t, opts.signal,
      );
      if (r !== TIMEOUT) return true;
    }
    return false;
  }

  /** Get Channel Authentication Capabilities without a session (a liveness probe too). */
  async channelAuthCapabilities(host: string, port = 623, privilege: Privilege = 'admin', opts: PingOptions = {}): Promise<ChannelAuthCapabilities> {
    const ep = await this.endpoint(host, port);
    return getChannelAuthCapabilities(this.transport, ep, privilege, { timeoutMs: opts.timeoutMs ?? 2000, retries: opts.retries ?? 2, signal: opts.signal, host });
  }

  /** Cipher suites the BMC offers, or undefined when it ignores the request. */
  async cipherSuites(host: string, port = 623, opts: PingOptions = {}): Promise<number[] | undefined> {
    const ep = await this.endpoint(host, port);
    return getChannelCipherSuites(this.transport, ep, { timeoutMs: opts.timeoutMs ?? 1000, retries: opts.retries ?? 1, signal: opts.signal, host });
  }

  /**
   * Serial over LAN on the pooled session of this target's BMC endpoint:
   * Activate Payload (sent once; with `takeover`, the other session's
   * console is ended first), then a console on the same session. A console
   * already open on that session, or another client's without takeover:
   * SOL_IN_USE; SOL disabled: SOL_DISABLED.
   */
  openSol(target: IpmiTarget, options: OpenSolOptions = {}): Promise<SolConsole> {
    try {
      return openSolOn(this.pooled(target), options);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** The BMC's SOL configuration (enabled, privilege, force encryption / authentication, bit rates, payload port). */
  readSolConfig(target: IpmiTarget, signal?: AbortSignal): Promise<SolConfig> {
    try {
      return readSolConfigOn(this.pooled(target), signal);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Deactivate Payload of SOL instance 1 from our session, whoever holds it
   * (e.g. a console another client left behind). True when it was active.
   * A console of ours on that session ends as if deactivated.
   */
  deactivateSol(target: IpmiTarget, signal?: AbortSignal): Promise<boolean> {
    try {
      return deactivateSolOn(this.pooled(target), signal);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** The target with the engine's request defaults where it names no time budget or retransmissions of its own. */
  private withRequestDefaults(target: IpmiTarget): IpmiTarget {
    const d = this.options.requestDefaults?.();
    if (!d) return target;
    return {
      ...target,
      ...(target.timeoutMs === undefined && d.timeoutMs !== undefined ? { timeoutMs: d.timeoutMs } : {}),
      ...(target.retries === undefined && d.retries !== undefined ? { retries: d.retries } : {}),
    };
  }

  /** Counters for diagnostics and tests. */
  stats() {
    return { ...this.transport.stats, sessions: this.pool.size };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...[...this.pool.values()].map((p) => p.session.dispose()), ...this.retiring]);
    this.pool.clear();
    await this.transport.close();
  }
}
