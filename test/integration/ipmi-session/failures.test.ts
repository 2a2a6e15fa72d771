/**
 * Every way a BMC conversation fails ends in the right catalogued error
 * within the configured timeout, never echoes the password, and the next
 * call works once the cause is gone. Real ipmi_sim, real UDP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { IpmiEngine, type IpmiTarget } from '../../../src-main/engines/ipmi';
import { startFaultRelay } from '../../support/fault-relay';
import { findFreeUdpPort, hasIpmiSim, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../../support/ipmi-sim';

const skip = !hasIpmiSim;
if (skip) console.warn(`ipmi-session failure tests ${skipReason()}`);

const TIMEOUT = 1500;
// Scheduling slack on a loaded 2-core CI machine.
const SLACK = 400;
const PASSWORD = 'Secret-PW-4711';
const KG = 'fk-kg-secret-99';
const RAKP3 = 0x14;
const RAKP4 = 0x15;
/** A datagram of RMCP+ payload `type`: auth type 0x06 at byte 4, the payload type in byte 5's low six bits. */
const isRakp = (d: Buffer, type: number) => d.length > 5 && d[4] === 0x06 && (d[5] & 0x3f) === type;

async function expectFailure(p: Promise<unknown>, id: string, budgetMs: number, secrets: string[] = [PASSWORD, KG]): Promise<FieldKitError> {
  const t0 = Date.now();
  const e = await p.then(() => undefined, (x: unknown) => x);
  const elapsed = Date.now() - t0;
  expect(e, `expected ${id}`).toBeInstanceOf(FieldKitError);
  const err = e as FieldKitError;
  expect(err.id).toBe(id);
  expect(elapsed).toBeLessThanOrEqual(budgetMs + SLACK);
  const all = [err.message, JSON.stringify(err.toPayload()), err.render('ja').text, err.render('en').remedy, String(err.stack)].join('\n');
  for (const s of secrets) expect(all).not.toContain(s);
  return err;
}

describe.skipIf(skip)('session failures', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  let relay: UdpRelay;
  const target = (over: Partial<IpmiTarget> = {}): IpmiTarget => ({
    host: '127.0.0.1', port: sim.port, username: 'admin', password: PASSWORD, kg: KG, cipherSuite: 3, timeoutMs: TIMEOUT, ...over,
  });

  beforeAll(async () => {
    sim = await startIpmiSim({ password: PASSWORD, kg: KG, extraUsers: [{ name: 'oper', password: 'oper-pw', priv: 'operator' }] });
    relay = await startUdpRelay(sim.port);
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await relay?.close();
    await stopAllSims();
  });

  it('wrong password: IPMI_AUTH_FAILED (RAKP2 code does not verify), then the right one works', async () => {
    await expectFailure(engine.session(target({ password: 'wrong-password' })).request(6, 1), 'IPMI_AUTH_FAILED', TIMEOUT, [PASSWORD, KG, 'wrong-password']);
    expect((await engine.session(target()).request(6, 1)).completionCode).toBe(0);
  });

  it('a 20-byte password that differs only after byte 16 is still refused', async () => {
    await expectFailure(engine.session(target({ password: PASSWORD.padEnd(20, 'x') })).request(6, 1), 'IPMI_AUTH_FAILED', TIMEOUT);
  });

  it('unknown user: IPMI_USER_UNKNOWN (RAKP2 status 0x0D)', async () => {
    const e = await expectFailure(engine.session(target({ username: 'nobody' })).request(6, 1), 'IPMI_USER_UNKNOWN', TIMEOUT);
    expect(e.params.user).toBe('nobody');
  });

  it('missing or wrong Kg: IPMI_KG_MISMATCH (RAKP4 integrity check)', async () => {
    await expectFailure(engine.session(target({ kg: undefined })).request(6, 1), 'IPMI_KG_MISMATCH', TIMEOUT);
    await expectFailure(engine.session(target({ kg: 'not-the-key' })).request(6, 1), 'IPMI_KG_MISMATCH', TIMEOUT, [PASSWORD, KG, 'not-the-key']);
    expect((await engine.session(target()).request(6, 1)).completionCode).toBe(0);
  });

  it('suite 0 is refused unless explicitly allowed; suite 17 is reported unsupported by ipmi_sim', async () => {
    await expectFailure(engine.session(target({ cipherSuite: 0 })).request(6, 1), 'IPMI_SUITE0_REFUSED', 50);
    expect((await engine.session(target({ cipherSuite: 0, acceptWeakCipher: true })).request(6, 1)).completionCode).toBe(0);
    await expectFailure(engine.session(target({ cipherSuite: 17 })).request(6, 1), 'IPMI_SUITE_UNSUPPORTED', TIMEOUT);
  });

  it('unreachable port: IPMI_NO_RESPONSE within the timeout (auto suite included)', async () => {
    const port = await findFreeUdpPort();
    await expectFailure(engine.session(target({ port, cipherSuite: 'auto' })).request(6, 1), 'IPMI_NO_RESPONSE', TIMEOUT);
    await expectFailure(engine.session(target({ port, cipherSuite: 3 })).request(6, 1), 'IPMI_NO_RESPONSE', TIMEOUT);
    expect(await engine.ping('127.0.0.1', port, { timeoutMs: 300 })).toBe(false);
  });

  it('BMC stops answering mid-session: IPMI_BMC_STOPPED_ANSWERING, and the next call works once it is back', async () => {
    const s = engine.session(target({ port: relay.port }));
    expect((await s.request(6, 1)).completionCode).toBe(0);
    relay.pause();
    try {
      await expectFailure(s.request(6, 1), 'IPMI_BMC_STOPPED_ANSWERING', TIMEOUT);
      expect(s.info().state).toBe('closed');
    } finally {
      relay.resume();
    }
    expect((await s.request(6, 1)).completionCode).toBe(0);
    expect(s.info().opens).toBe(2);
  });

  it('BMC restarted under a live session: IPMI_SESSION_LOST, then a new session is opened by itself', async () => {
    const s = engine.session(target());
    expect((await s.request(6, 1)).completionCode).toBe(0);
    const opens = s.info().opens;
    await sim.restart();
    await expectFailure(s.request(6, 1), 'IPMI_SESSION_LOST', TIMEOUT);
    expect((await s.request(6, 1)).completionCode).toBe(0);
    expect(s.info().opens).toBe(opens + 1);
  });

  it('a read whose every answer is lost: IPMI_SESSION_LOST, and its session is closed on the BMC (counted there), not left held until the BMC times it out', async () => {
    // Only this test's sessions on the simulator: the shared engine's are closed first.
    await engine.close();
    engine = new IpmiEngine();
    const lossy = await startFaultRelay(sim.port);
    try {
      const s = engine.session(target({ port: lossy.port }));
      expect((await s.request(6, 1)).completionCode).toBe(0);
      expect(await sim.activeSessions()).toBe(2); // ours and ipmitool's own query
      // Every answer on a session is lost (the requests arrive); the sessionless probe still gets through, so the BMC is known alive.
      const inSession = (d: Buffer) => d.length >= 10 && d[4] === 0x06 && d.readUInt32LE(6) !== 0;
      let requests = 0;
      lossy.set({ replyLoss: 1, match: (d, direction) => (direction === 'request' ? (inSession(d) && requests++, false) : inSession(d)) });
      await expectFailure(s.request(6, 1), 'IPMI_SESSION_LOST', TIMEOUT);
      expect(s.info().state).toBe('closed');
      // The read's copies and then one Close Session, which the BMC carried out: only ipmitool's query is left.
      expect(requests).toBeGreaterThanOrEqual(2);
      expect(await sim.activeSessions()).toBe(1);
    } finally {
      await lossy.close();
    }
  });

  it('a lost RAKP 4: the session the BMC activated is closed before the handshake is tried again (counted on the BMC)', async () => {
    await engine.close();
    engine = new IpmiEngine();
    const lossy = await startFaultRelay(sim.port);
    try {
      // Only the first RAKP 4 is lost.
      let lost = 0;
      lossy.set({ replyLoss: 1, match: (d, direction) => direction === 'reply' && isRakp(d, RAKP4) && lost++ === 0 });
      const own = new IpmiEngine();
      try {
        const s = own.session(target({ port: lossy.port, timeoutMs: 5000 }));
        expect((await s.request(6, 1)).completionCode).toBe(0);
        expect(lossy.counts.repliesDropped).toBe(1);
        expect(s.info().opens).toBe(1);
        // Ours and ipmitool's own query: not a third, half-open one from the first attempt.
        expect(await sim.activeSessions()).toBe(2);
      } finally {
        await own.close();
      }
      expect(await sim.activeSessions()).toBe(1);
    } finally {
      await lossy.close();
    }
  });

  it('a handshake cancelled while it waits for RAKP 4: the session the BMC activated is closed (counted on the BMC)', async () => {
    await engine.close();
    engine = new IpmiEngine();
    const lossy = await startFaultRelay(sim.port);
    const ac = new AbortController();
    try {
      // RAKP 3 goes through and is carried out; every RAKP 4 is lost; the caller gives up meanwhile.
      lossy.set({
        replyLoss: 1,
        match: (d, direction) => {
          if (direction === 'request' && isRakp(d, RAKP3)) setTimeout(() => ac.abort(), 200);
          return direction === 'reply' && isRakp(d, RAKP4);
        },
      });
      const own = new IpmiEngine();
      try {
        await expectFailure(own.session(target({ port: lossy.port, timeoutMs: 5000 })).request(6, 1, undefined, { signal: ac.signal }), 'CANCELLED', 5000);
      } finally {
        await own.close();
      }
      expect(lossy.counts.repliesDropped).toBeGreaterThanOrEqual(1);
      expect(await sim.activeSessions()).toBe(1); // ipmitool's own query only
    } finally {
      await lossy.close();
    }
  });

  it('an AbortSignal ends a call at once with CANCELLED', async () => {
    relay.pause();
    try {
      const ac = new AbortController();
      const p = engine.session(target({ port: relay.port, timeoutMs: 5000 })).request(6, 1, undefined, { signal: ac.signal });
      setTimeout(() => ac.abort(), 100);
      await expectFailure(p, 'CANCELLED', 100 + 100);
    } finally {
      relay.resume();
    }
  });

  it('one signal for the sessions of twelve BMCs: no listener-leak warning, and an abort still ends the request in flight', async () => {
    const relays = await Promise.all(Array.from({ length: 12 }, () => startUdpRelay(sim.port)));
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const shared = new AbortController();
      const sessions = relays.map((r) => engine.session(target({ port: r.port, timeoutMs: 5000, username: 'oper', password: 'oper-pw', privilege: 'operator' })));
      await Promise.all(sessions.map((s) => s.connect()));
      for (let round = 0; round < 3; round++) {
        const rs = await Promise.all(sessions.map((s) => s.request(6, 1, undefined, { signal: shared.signal })));
        expect(rs.every((r) => r.completionCode === 0)).toBe(true);
      }
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      relays[7].pause();
      const p = sessions[7].request(6, 1, undefined, { signal: shared.signal });
      setTimeout(() => shared.abort(), 100);
      await expectFailure(p, 'CANCELLED', 100 + 100);
    } finally {
      process.off('warning', onWarning);
      await Promise.all(relays.map((r) => r.close()));
    }
  });

  it('on an open session, a signal shared by many requests aborts the one in flight; an old signal aborts nothing', async () => {
    // Its own account, so its own pooled session: the one of the tests above died with the restart.
    const s = engine.session(target({ port: relay.port, timeoutMs: 5000, username: 'oper', password: 'oper-pw', privilege: 'operator' }));
    const shared = new AbortController();
    for (let i = 0; i < 20; i++) expect((await s.request(6, 1, undefined, { signal: shared.signal })).completionCode).toBe(0);
    relay.pause();
    try {
      const p = s.request(6, 1, undefined, { signal: shared.signal });
      setTimeout(() => shared.abort(), 100);
      await expectFailure(p, 'CANCELLED', 100 + 100);
    } finally {
      relay.resume();
    }
    // Same session, no new handshake: the next call works.
    const opens = s.info().opens;
    const old = new AbortController();
    expect((await s.request(6, 1, undefined, { signal: old.signal })).completionCode).toBe(0);
    const current = new AbortController();
    const p = s.request(6, 1, undefined, { signal: current.signal });
    old.abort(); // belongs to a finished request
    expect((await p).completionCode).toBe(0);
    expect(s.info().opens).toBe(opens);
  });
});

describe.skipIf(skip)('privilege', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  // ipmi_sim enforces a user's maximum privilege only under name+privilege
  // lookup (RAKP1 role bit 4 clear): there it answers RAKP2 status 0x0D.
  const t = (over: Partial<IpmiTarget> = {}): IpmiTarget => ({
    host: '127.0.0.1', port: sim.port, username: 'viewer', password: 'viewer-pw', cipherSuite: 3, lookup: 'name-privilege', timeoutMs: TIMEOUT, ...over,
  });
  beforeAll(async () => {
    sim = await startIpmiSim({ password: PASSWORD, extraUsers: [{ name: 'viewer', password: 'viewer-pw', priv: 'user' }] });
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  it('pinned admin for a user-level account: IPMI_PRIVILEGE_REFUSED', async () => {
    const e = await expectFailure(engine.session(t({ privilege: 'admin' })).request(6, 1), 'IPMI_PRIVILEGE_REFUSED', TIMEOUT, [PASSWORD, 'viewer-pw']);
    expect(e.params.privilege).toBe('admin');
  });

  it('unpinned: falls back admin -> operator -> user and works; the BMC then refuses an admin command (0xD4)', async () => {
    const s = engine.session(t());
    expect((await s.request(6, 1)).completionCode).toBe(0);
    expect(s.info().privilege).toBe('user');
    expect((await s.request(0x00, 0x02, Uint8Array.of(0x01))).completionCode).toBe(0xd4);
  });

  it('an unknown user under name+privilege lookup is still IPMI_USER_UNKNOWN', async () => {
    await expectFailure(engine.session(t({ username: 'ghost', privilege: 'admin' })).request(6, 1), 'IPMI_USER_UNKNOWN', TIMEOUT, [PASSWORD, 'viewer-pw']);
  });
});
