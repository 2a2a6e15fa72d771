/**
 * Sessions at scale and under attack, against real ipmi_sim processes:
 * serialisation of many callers on one session, several BMCs served at once
 * over one socket, dual-BMC failover, keepalive, and malformed, forged and
 * replayed datagrams injected "from the BMC" through a tampering relay.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { IpmiEngine, type IpmiTarget } from '../../../src-main/engines/ipmi';
import { hasIpmiSim, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../../support/ipmi-sim';

const skip = !hasIpmiSim;
if (skip) console.warn(`ipmi-session session tests ${skipReason()}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SEL_ENTRY = 'sel_add 0x20 0x02 0x00 0x00 0x00 0x00 0x20 0x00 0x04 0x21 0x05 0x6f 0x00 0xff 0xff';

interface Probe { inFlight: number; maxInFlight: number }

/** Counts in-session requests sent but not yet answered, at the engine's own socket. */
function probeSerialisation(engine: IpmiEngine): Probe {
  const probe: Probe = { inFlight: 0, maxInFlight: 0 };
  const transport = (engine as unknown as { transport: { sendNow: (ep: unknown, p: Buffer) => boolean; route: (m: Buffer, a: string, port: number) => void } }).transport;
  const sendNow = transport.sendNow.bind(transport);
  const route = transport.route.bind(transport);
  const inSession = (p: Buffer) => p.length > 16 && p[4] === 0x06 && (p[5] & 0x3f) === 0 && p.readUInt32LE(6) !== 0;
  transport.sendNow = (ep, p) => {
    if (inSession(p)) probe.maxInFlight = Math.max(probe.maxInFlight, ++probe.inFlight);
    return sendNow(ep, p);
  };
  transport.route = (m, a, port) => {
    if (inSession(m)) probe.inFlight = Math.max(0, probe.inFlight - 1);
    route(m, a, port);
  };
  return probe;
}

describe.skipIf(skip)('one session, many callers', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  beforeAll(async () => {
    sim = await startIpmiSim({});
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  it('150 concurrent callers share one session, are serialised, and each gets its own answer', async () => {
    const probe = probeSerialisation(engine);
    const target: IpmiTarget = { host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 };
    // Different handles with the same target land on the same pooled session.
    const calls = Array.from({ length: 150 }, (_, i) => {
      const s = engine.session({ ...target });
      const kind = i % 3;
      if (kind === 0) return s.request(0x06, 0x01).then((r) => ({ kind, r }));
      if (kind === 1) return s.request(0x00, 0x01).then((r) => ({ kind, r }));
      return s.request(0x0a, 0x40).then((r) => ({ kind, r }));
    });
    const results = await Promise.all(calls);
    const power = sim.powerState();
    for (const { kind, r } of results) {
      expect(r.completionCode).toBe(0);
      if (kind === 0) expect(`${r.data[2] & 0x7f}.${r.data[3].toString(16).padStart(2, '0')}`).toBe('9.08');
      if (kind === 1) expect((r.data[0] & 1) === 1).toBe(power);
      if (kind === 2) expect(r.data[0]).toBe(0x51); // SEL version 1.5
    }
    const info = engine.session(target).info();
    expect(info.opens).toBe(1);
    expect(engine.stats().sessions).toBe(1);
    expect(probe.maxInFlight).toBe(1);
  });

  it('keepalive sends Get Device ID when idle and keeps the same session', async () => {
    // Suite 1: a pool key of its own, so these session settings apply (the first caller's win).
    const s = engine.session({ host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 1, acceptWeakCipher: true, keepaliveMs: 250, idleCloseMs: 0 });
    await s.request(0x06, 0x01);
    const before = s.info();
    await sleep(900);
    const after = s.info();
    expect(after.requests - before.requests).toBeGreaterThanOrEqual(2);
    expect(after.opens).toBe(before.opens);
    expect(after.bmcSessionId).toBe(before.bmcSessionId);
  });

  it('an unused session is closed after its idle time: the BMC gets its slot back', async () => {
    const s = engine.session({ host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3, idleCloseMs: 300 });
    await s.request(0x06, 0x01);
    expect(s.info().state).toBe('open');
    await sleep(900);
    expect(s.info().state).toBe('closed');
    // Counted by the BMC: only ipmitool's own query is active.
    expect(await sim.activeSessions()).toBe(1);
  });

  it('one session per BMC endpoint: a caller with another privilege replaces it, and the old one is closed first', async () => {
    const e = new IpmiEngine();
    try {
      const base = { host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 as const };
      const admin = e.session({ ...base, privilege: 'admin' });
      await admin.request(0x06, 0x01);
      const user = e.session({ ...base, privilege: 'user' });
      await user.request(0x06, 0x01);
      expect(admin.info().state).toBe('closed');
      expect(e.stats().sessions).toBe(1);
      // FieldKit's one session plus ipmitool's own query (and nothing from the other test's engine).
      expect(await sim.activeSessions()).toBeLessThanOrEqual(2 + (engine.stats().sessions));
      // The first handle still works: it finds the endpoint's current session.
      await admin.request(0x06, 0x01);
      expect(e.stats().sessions).toBe(1);
    } finally {
      await e.close();
    }
  });

  it('close() sends Close Session; the next request opens a new session', async () => {
    const s = engine.session({ host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 2, acceptWeakCipher: true });
    await s.request(0x06, 0x01);
    const first = s.info().bmcSessionId;
    await s.close();
    expect(s.info().state).toBe('closed');
    await s.request(0x06, 0x01);
    expect(s.info().opens).toBe(2);
    expect(s.info().bmcSessionId).not.toBe(first);
  });
});

describe.skipIf(skip)('many BMCs at once', () => {
  const sims: IpmiSim[] = [];
  let engine: IpmiEngine;
  beforeAll(async () => {
    for (let i = 0; i < 6; i++) sims.push(await startIpmiSim({ password: `pw-${i}` }));
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  it('serves 6 simulators concurrently over one UDP socket', async () => {
    const t0 = Date.now();
    const per = await Promise.all(sims.map(async (sim) => {
      const s = engine.session({ host: '127.0.0.1', port: sim.port, username: 'admin', password: sim.password, cipherSuite: 3 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await s.request(0x00, 0x01)).completionCode);
      return out;
    }));
    expect(per.flat().every((c) => c === 0)).toBe(true);
    expect(engine.stats().sessions).toBe(6);
    const transport = (engine as unknown as { transport: { sock4?: unknown; sock6?: unknown } }).transport;
    expect(transport.sock4).toBeDefined();
    expect(transport.sock6).toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe.skipIf(skip)('dual BMC', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  let front1: UdpRelay;
  let front2: UdpRelay;
  beforeAll(async () => {
    sim = await startIpmiSim({ secondary: true });
    front1 = await startUdpRelay(sim.port);
    front2 = await startUdpRelay(sim.secondaryPort!);
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await front1?.close();
    await front2?.close();
    await stopAllSims();
  });

  it('uses the primary, fails over to the secondary when the primary stops answering, and says which answered', async () => {
    const t = (port: number): IpmiTarget => ({ host: '127.0.0.1', port, username: sim.username, password: sim.password, cipherSuite: 3, timeoutMs: 1000 });
    const d = engine.dual(t(front1.port), t(front2.port));
    expect((await d.request(0x06, 0x01)).completionCode).toBe(0);
    expect(d.answeredBy()).toBe('primary');
    front1.pause();
    const t0 = Date.now();
    expect((await d.request(0x06, 0x01)).completionCode).toBe(0);
    expect(d.answeredBy()).toBe('secondary');
    // The SDR cache key's GUID is the answering session's (both fronts lead to one simulator).
    expect(d.systemGuid()?.length).toBe(16);
    expect(Date.now() - t0).toBeLessThan(1000 + 1000);
    // Sticky: the next call goes straight to the secondary.
    const t1 = Date.now();
    await d.request(0x06, 0x01);
    expect(d.answeredBy()).toBe('secondary');
    expect(Date.now() - t1).toBeLessThan(600);
    front1.resume();
    front2.pause();
    await d.request(0x06, 0x01);
    expect(d.answeredBy()).toBe('primary');
    front1.pause();
    const e = await d.request(0x06, 0x01).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FieldKitError);
    expect((e as FieldKitError).id).toBe('IPMI_BOTH_BMCS_UNREACHABLE');
    expect(d.answeredBy()).toBeUndefined();
    expect(d.systemGuid()).toBeUndefined();
    front1.resume();
    front2.resume();
  });

  it('does not fail over on an authentication error: the other address has the same accounts', async () => {
    const d = engine.dual(
      { host: '127.0.0.1', port: front1.port, username: sim.username, password: 'not-the-password', cipherSuite: 3, timeoutMs: 1000 },
      { host: '127.0.0.1', port: front2.port, username: sim.username, password: sim.password, cipherSuite: 3, timeoutMs: 1000 },
    );
    const e = await d.request(0x06, 0x01).catch((x: unknown) => x);
    expect((e as FieldKitError).id).toBe('IPMI_AUTH_FAILED');
    expect(d.answeredBy()).toBeUndefined();
  });
});

describe.skipIf(skip)('malformed, forged and replayed datagrams', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  let relay: UdpRelay;
  const replies: Buffer[] = [];
  beforeAll(async () => {
    sim = await startIpmiSim({});
    relay = await startUdpRelay(sim.port);
    relay.onReply = (r) => { replies.push(Buffer.from(r)); return r; };
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await relay?.close();
    await stopAllSims();
  });

  it('drops truncated, mis-sized, badly signed, foreign-session and garbage packets without a crash', async () => {
    const s = engine.session({ host: '127.0.0.1', port: relay.port, username: sim.username, password: sim.password, cipherSuite: 3 });
    expect((await s.request(0x06, 0x01)).completionCode).toBe(0);
    const real = replies[replies.length - 1];
    const mangled: Buffer[] = [];
    mangled.push(real.subarray(0, 10)); // truncated header
    mangled.push(real.subarray(0, real.length - 5)); // truncated trailer
    const badLen = Buffer.from(real); badLen.writeUInt16LE(0xfff0, 14); mangled.push(badLen);
    const badLen2 = Buffer.from(real); badLen2.writeUInt16LE(3, 14); mangled.push(badLen2);
    const badMac = Buffer.from(real); badMac[badMac.length - 1] ^= 0x80; mangled.push(badMac);
    const badBody = Buffer.from(real); badBody[20] ^= 0x01; mangled.push(badBody);
    const clear = Buffer.from(real); clear[5] &= 0x3f; mangled.push(clear); // claims to be unauthenticated
    const foreign = Buffer.from(real); foreign.writeUInt32LE((foreign.readUInt32LE(6) + 1) >>> 0, 6); mangled.push(foreign);
    mangled.push(Buffer.from('0600ff07', 'hex'), Buffer.alloc(0), Buffer.alloc(300, 0xff), Buffer.from('0600ff0700000000000000000000ff', 'hex'));
    const droppedBefore = s.info().dropped;
    const unroutedBefore = engine.stats().unrouted;
    for (const m of mangled) relay.injectToClients(m);
    await sleep(150);
    // Everything addressed to our session was looked at and dropped; the rest was never routed.
    expect(s.info().dropped - droppedBefore + (engine.stats().unrouted - unroutedBefore)).toBeGreaterThanOrEqual(mangled.length - 1);
    for (let i = 0; i < 5; i++) expect((await s.request(0x06, 0x01)).completionCode).toBe(0);
    expect(s.info().opens).toBe(1);
  });

  it('datagrams from a stranger straight at the engine socket are never routed to a session, even copies of genuine answers', async () => {
    const s = engine.session({ host: '127.0.0.1', port: relay.port, username: sim.username, password: sim.password, cipherSuite: 3 });
    await s.request(0x06, 0x01);
    const genuine = replies[replies.length - 1];
    const sock = (engine as unknown as { transport: { sock4: import('node:dgram').Socket } }).transport.sock4;
    const enginePort = sock.address().port;
    const stranger = dgram.createSocket('udp4');
    const unrouted = engine.stats().unrouted;
    const dropped = s.info().dropped;
    await new Promise<void>((r) => stranger.bind(0, '127.0.0.1', () => r()));
    const send = (b: Buffer) => new Promise<void>((r) => stranger.send(b, enginePort, '127.0.0.1', () => r()));
    for (const b of [genuine, genuine.subarray(0, 12), Buffer.alloc(64, 0x06), Buffer.from('0600ff0700', 'hex')]) await send(b);
    await sleep(100);
    stranger.close();
    expect(engine.stats().unrouted - unrouted).toBe(4);
    expect(s.info().dropped).toBe(dropped);
    expect((await s.request(0x06, 0x01)).completionCode).toBe(0);
  });

  it('a replayed genuine answer (same rqSeq 64 requests later) is dropped by the sequence window', async () => {
    const s = engine.session({ host: '127.0.0.1', port: relay.port, username: sim.username, password: sim.password, cipherSuite: 3, retries: 0 });
    await s.request(0x06, 0x01);
    const old = await s.request(0x0a, 0x40); // Get SEL Info
    const oldReply = replies[replies.length - 1];
    const entries = (d: Buffer) => d.readUInt16LE(1);
    // rqSeq is 6 bits: after 63 more requests the next one reuses it.
    for (let i = 0; i < 63; i++) await s.request(0x06, 0x01);
    await sim.consoleCommand(SEL_ENTRY);
    const dropped = s.info().dropped;
    // Hold the genuine answer back and play the old one first.
    relay.onReply = (r) => {
      relay.onReply = (x) => { replies.push(Buffer.from(x)); return x; };
      relay.injectToClients(oldReply);
      setTimeout(() => relay.injectToClients(r), 30);
      return undefined;
    };
    const fresh = await s.request(0x0a, 0x40);
    expect(entries(fresh.data)).toBe(entries(old.data) + 1);
    expect(s.info().dropped).toBe(dropped + 1);
  });
});

describe.skipIf(skip)('lost handshake replies', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  let relay: UdpRelay;
  beforeAll(async () => {
    sim = await startIpmiSim({});
    relay = await startUdpRelay(sim.port);
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await relay?.close();
    await stopAllSims();
  });

  for (const [lost, type] of [['RAKP2', 0x13], ['RAKP4', 0x15]] as const) {
    it(`a lost ${lost} restarts from Open Session; RAKP1 and RAKP3 are never resent on the same session`, async () => {
      const sent: { type: number; consoleSid?: number; bmcSid?: number }[] = [];
      let dropped = 0;
      relay.onRequest = (p) => {
        const t = p[5] & 0x3f;
        if (p[4] === 0x06 && t >= 0x10 && t <= 0x14) {
          const body = p.subarray(16);
          sent.push({ type: t, consoleSid: t === 0x10 ? body.readUInt32LE(4) : undefined, bmcSid: t === 0x12 || t === 0x14 ? body.readUInt32LE(4) : undefined });
        }
        return p;
      };
      relay.onReply = (p) => {
        if (dropped === 0 && p[4] === 0x06 && (p[5] & 0x3f) === type) { dropped++; return undefined; }
        return p;
      };
      try {
        const s = engine.session({ host: '127.0.0.1', port: relay.port, username: sim.username, password: sim.password, cipherSuite: 3, timeoutMs: 3000, // a pool key per case
          lookup: lost === 'RAKP2' ? 'name-only' : 'name-privilege' });
        expect((await s.request(0x06, 0x01)).completionCode).toBe(0);
        expect(dropped).toBe(1);
        const opens = sent.filter((x) => x.type === 0x10);
        expect(opens.length).toBe(2);
        expect(opens[0].consoleSid).not.toBe(opens[1].consoleSid);
        // Each BMC session id got exactly one RAKP1 and at most one RAKP3.
        for (const t of [0x12, 0x14]) {
          const ids = sent.filter((x) => x.type === t).map((x) => x.bmcSid);
          expect(new Set(ids).size).toBe(ids.length);
        }
      } finally {
        relay.onRequest = undefined;
        relay.onReply = undefined;
      }
    });
  }
});
