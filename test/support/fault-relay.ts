/**
 * A hostile LAN between FieldKit and a real BMC (ipmi_sim), on loopback:
 * this kernel has no netem, so the faults are made here, seeded so that a
 * failing run can be repeated.
 *
 *   const relay = await startFaultRelay(sim.port, { seed: 7, replyLoss: 0.4, requestLoss: 0.2, delayMs: 100, jitterMs: 50 });
 *   relay.port                       where the client sends
 *   relay.set({ silent: true })      change faults at run time (silent = swallow everything)
 *   relay.counts                     what actually crossed: requests/replies seen, dropped, delivered
 *   await relay.close()
 *
 * Faults: requestLoss / replyLoss (share of datagrams dropped in that
 * direction), delayMs ± jitterMs on every datagram (so they also reorder),
 * duplicate (share of datagrams delivered twice), silent; `match` limits
 * them to the datagrams it accepts (e.g. SOL payloads only, or the one
 * answer to a change: it is told each datagram's direction).
 */
import dgram from 'node:dgram';
import { findFreeUdpPort, releasePort } from './ipmi-sim';

export interface Faults {
  requestLoss?: number;
  replyLoss?: number;
  delayMs?: number;
  jitterMs?: number;
  duplicate?: number;
  silent?: boolean;
  /** Only datagrams this accepts get the faults (e.g. one payload type); the rest pass untouched. Called once per datagram, in arrival order. */
  match?: (datagram: Buffer, direction: 'request' | 'reply') => boolean;
}

export interface FaultCounts {
  requests: number;
  requestsDropped: number;
  replies: number;
  repliesDropped: number;
  duplicated: number;
}

export interface FaultRelay {
  readonly port: number;
  readonly counts: FaultCounts;
  set(f: Partial<Faults>): void;
  close(): Promise<void>;
}

/** Park-Miller: small, seeded, enough for fault decisions. */
function seeded(seed: number): () => number {
  let x = seed % 2147483647 || 1;
  return () => (x = (x * 16807) % 2147483647) / 2147483647;
}

export async function startFaultRelay(targetPort: number, faults: Faults & { seed?: number } = {}, targetHost = '127.0.0.1'): Promise<FaultRelay> {
  const port = await findFreeUdpPort();
  const random = seeded(faults.seed ?? 1);
  let f: Faults = { ...faults };
  const counts: FaultCounts = { requests: 0, requestsDropped: 0, replies: 0, repliesDropped: 0, duplicated: 0 };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;
  const front = dgram.createSocket('udp4');
  const upstreams = new Map<string, dgram.Socket>();
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.bind(port, '127.0.0.1', () => resolve());
  });
  front.on('error', () => { /* keep relaying */ });

  /** Delivers after the configured delay (± jitter), maybe twice. */
  const later = (deliver: () => void, hit = true) => {
    if (!hit) { deliver(); return; }
    const copies = f.duplicate && random() < f.duplicate ? 2 : 1;
    if (copies === 2) counts.duplicated++;
    for (let i = 0; i < copies; i++) {
      const ms = Math.max(0, (f.delayMs ?? 0) + (f.jitterMs ? (random() * 2 - 1) * f.jitterMs : 0));
      if (ms === 0) { deliver(); continue; }
      const t = setTimeout(() => { timers.delete(t); if (!closed) deliver(); }, ms);
      timers.add(t);
    }
  };

  front.on('message', (msg, rinfo) => {
    counts.requests++;
    const hit = !f.match || f.match(msg, 'request');
    if (f.silent || (hit && f.requestLoss && random() < f.requestLoss)) { counts.requestsDropped++; return; }
    const key = `${rinfo.address}:${rinfo.port}`;
    let up = upstreams.get(key);
    if (!up) {
      const sock = dgram.createSocket('udp4');
      sock.on('error', () => { /* ignore */ });
      sock.on('message', (reply) => {
        counts.replies++;
        const hit = !f.match || f.match(reply, 'reply');
        if (f.silent || (hit && f.replyLoss && random() < f.replyLoss)) { counts.repliesDropped++; return; }
        later(() => front.send(reply, rinfo.port, rinfo.address), hit);
      });
      sock.bind(0, '127.0.0.1');
      upstreams.set(key, sock);
      up = sock;
    }
    const sock = up;
    later(() => sock.send(msg, targetPort, targetHost), hit);
  });

  return {
    port,
    counts,
    set(next) { f = { ...f, ...next }; },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      for (const s of upstreams.values()) s.close();
      upstreams.clear();
      releasePort(port);
      await new Promise<void>((r) => front.close(() => r()));
    },
  };
}
