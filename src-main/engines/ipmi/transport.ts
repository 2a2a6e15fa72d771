/**
 * The shared UDP transport: one udp4 socket (and a udp6 one on demand) for
 * every BMC the process talks to, like ipmipower's single event loop.
 * Datagrams are routed by source address and port, then by our console
 * session id (in the header in a session, in the payload during the
 * handshake). Nothing here decrypts or trusts a packet: sessions do.
 */
import dgram from 'node:dgram';
import { isIP } from 'node:net';
import { lookupHostCallback } from './lookup-host';
import { FieldKitError } from '../../../shared/errors';
import { PT_OPEN_SESSION_RSP, PT_RAKP2, PT_RAKP4, peek } from './packet';
import { isRmcpAsf } from './rmcp';

export interface Endpoint { address: string; port: number }

export type PacketHandler = (packet: Buffer) => void;

export interface TransportLogger {
  debug?(msg: string, fields?: Record<string, unknown>): void;
  warn?(msg: string, fields?: Record<string, unknown>): void;
}

export interface TransportStats { received: number; sent: number; unrouted: number }

const key = (address: string, port: number) => `${address}|${port}`;

/**
 * The sockets' name lookup. Sessions and probes resolve host names before
 * they send, so a datagram's address is an IP literal: answering at once
 * spares Node's DNS hop (a regex and a deferred callback) on every datagram.
 * Anything else still goes through the resolver.
 */
let lastLiteral = '';
function literalLookup(address: string, family: number, callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  if (address === lastLiteral || isIP(address)) {
    lastLiteral = address;
    callback(null, address, family);
    return;
  }
  lookupHostCallback(address, family, callback);
}

function normalise(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export class UdpTransport {
  private sock4?: dgram.Socket;
  private sock6?: dgram.Socket;
  private opening4?: Promise<dgram.Socket>;
  private opening6?: Promise<dgram.Socket>;
  /** endpoint -> console session id -> handler. */
  private readonly sessions = new Map<string, Map<number, PacketHandler>>();
  /** endpoint -> handlers of sessionless exchanges (auth caps, cipher suites). */
  private readonly sessionless = new Map<string, Set<PacketHandler>>();
  /** endpoint -> handlers of ASF pongs. */
  private readonly asf = new Map<string, Set<PacketHandler>>();
  private closed = false;
  readonly stats: TransportStats = { received: 0, sent: 0, unrouted: 0 };

  constructor(private readonly opts: { logger?: TransportLogger; recvBufferSize?: number } = {}) {}

  private open(family: 4 | 6): Promise<dgram.Socket> {
    if (this.closed) return Promise.reject(new FieldKitError('IPMI_ENGINE_CLOSED'));
    const existing = family === 4 ? this.sock4 : this.sock6;
    if (existing) return Promise.resolve(existing);
    const pending = family === 4 ? this.opening4 : this.opening6;
    if (pending) return pending;
    const p = new Promise<dgram.Socket>((resolve, reject) => {
      const s = dgram.createSocket({ type: family === 4 ? 'udp4' : 'udp6', lookup: literalLookup as unknown as dgram.SocketOptions['lookup'] });
      const onError = (e: Error) => reject(new FieldKitError('IPMI_SOCKET_ERROR', { detail: e.message }));
      s.once('error', onError);
      s.bind(0, () => {
        s.off('error', onError);
        s.on('error', (e) => this.opts.logger?.warn?.('ipmi socket error', { error: e.message }));
        try {
          // Sweeps over many BMCs answer in bursts; a larger buffer avoids drops.
          s.setRecvBufferSize(this.opts.recvBufferSize ?? 4 * 1024 * 1024);
        } catch { /* the kernel may cap it; the default still works */ }
        s.on('message', (m, rinfo) => this.route(m, normalise(rinfo.address), rinfo.port));
        // The socket must not keep a CLI process alive on its own.
        s.unref();
        if (family === 4) this.sock4 = s; else this.sock6 = s;
        resolve(s);
      });
    });
    if (family === 4) this.opening4 = p; else this.opening6 = p;
    p.catch(() => { if (family === 4) this.opening4 = undefined; else this.opening6 = undefined; });
    return p;
  }

  /** Opens the socket for the endpoint's family ahead of time. */
  async ready(ep: Endpoint): Promise<void> {
    await this.open(ep.address.includes(':') ? 6 : 4);
  }

  async send(ep: Endpoint, packet: Buffer): Promise<void> {
    const s = await this.open(ep.address.includes(':') ? 6 : 4);
    this.sendOn(s, ep, packet);
  }

  /** Sends without awaiting when the socket is already open (hot path). */
  sendNow(ep: Endpoint, packet: Buffer): boolean {
    const s = ep.address.includes(':') ? this.sock6 : this.sock4;
    if (!s) return false;
    this.sendOn(s, ep, packet);
    return true;
  }

  private sendOn(s: dgram.Socket, ep: Endpoint, packet: Buffer) {
    this.stats.sent++;
    // No per-packet callback on the hot path: send errors surface as the
    // socket's 'error' event, which is logged.
    s.send(packet, ep.port, ep.address);
  }

  subscribeSession(ep: Endpoint, consoleSid: number, h: PacketHandler): () => void {
    const k = key(ep.address, ep.port);
    let m = this.sessions.get(k);
    if (!m) this.sessions.set(k, (m = new Map()));
    m.set(consoleSid >>> 0, h);
    return () => {
      const cur = this.sessions.get(k);
      if (cur?.get(consoleSid >>> 0) === h) {
        cur.delete(consoleSid >>> 0);
        if (cur.size === 0) this.sessions.delete(k);
      }
    };
  }

  /** True when the console session id is already in use towards this endpoint. */
  hasSession(ep: Endpoint, consoleSid: number): boolean {
    return this.sessions.get(key(ep.address, ep.port))?.has(consoleSid >>> 0) ?? false;
  }

  subscribeSessionless(ep: Endpoint, h: PacketHandler): () => void {
    return this.addTo(this.sessionless, key(ep.address, ep.port), h);
  }

  subscribeAsf(ep: Endpoint, h: PacketHandler): () => void {
    return this.addTo(this.asf, key(ep.address, ep.port), h);
  }

  private addTo(map: Map<string, Set<PacketHandler>>, k: string, h: PacketHandler): () => void {
    let set = map.get(k);
    if (!set) map.set(k, (set = new Set()));
    set.add(h);
    return () => {
      const cur = map.get(k);
      if (!cur) return;
      cur.delete(h);
      if (cur.size === 0) map.delete(k);
    };
  }

  /** Routing: never throws; anything it cannot place is counted and dropped. */
  route(m: Buffer, address: string, port: number): void {
    this.stats.received++;
    const k = key(address, port);
    try {
      if (isRmcpAsf(m)) {
        const set = this.asf.get(k);
        if (set) for (const h of [...set]) h(m);
        else this.stats.unrouted++;
        return;
      }
      const p = peek(m);
      if (!p) { this.stats.unrouted++; return; }
      let target: PacketHandler | undefined;
      if (p.sessionId !== 0) {
        target = this.sessions.get(k)?.get(p.sessionId);
      } else if (p.version === 20 && (p.payloadType === PT_OPEN_SESSION_RSP || p.payloadType === PT_RAKP2 || p.payloadType === PT_RAKP4)) {
        // Handshake replies carry our console session id at payload offset 4;
        // short error replies do not, so every session of the endpoint sees
        // them and matches on its message tag.
        if (m.length >= 16 + 8 && m.readUInt16LE(14) >= 8) target = this.sessions.get(k)?.get(m.readUInt32LE(16 + 4));
        else {
          const all = this.sessions.get(k);
          if (all) { for (const h of [...all.values()]) h(m); return; }
        }
      } else {
        const set = this.sessionless.get(k);
        if (set) { for (const h of [...set]) h(m); return; }
      }
      if (target) target(m);
      else this.stats.unrouted++;
    } catch (e) {
      // A handler bug must not take the socket down.
      this.opts.logger?.warn?.('ipmi packet handler failed', { error: (e as Error).message });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const socks = [this.sock4, this.sock6].filter((s): s is dgram.Socket => !!s);
    this.sock4 = this.sock6 = undefined;
    await Promise.all(socks.map((s) => new Promise<void>((r) => { try { s.close(() => r()); } catch { r(); } })));
    this.sessions.clear();
    this.sessionless.clear();
    this.asf.clear();
  }
}
