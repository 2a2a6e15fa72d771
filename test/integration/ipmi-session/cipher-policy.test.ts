/**
 * No silent downgrade of the RMCP+ cipher suite (issue 11, item 4), against
 * OpenIPMI's ipmi_sim behind a UDP relay of the test's own.
 *
 * The relay plays the man in the middle: Get Channel Cipher Suites travels
 * outside any session, so it rewrites that answer to offer only suite 1
 * (RAKP-HMAC-SHA1, no integrity, no encryption). Automatic mode must refuse
 * before any Open Session; -C 1 works only with --accept-weak-cipher, and
 * without it nothing at all is sent. The suite actually used shows in
 * --json. ipmi_sim has no suite 17, so auto picks 3 there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IpmiEngine, type IpmiTarget } from '../../../src-main/engines/ipmi';
import { isFieldKitError } from '../../../shared/errors';
import { renderMessage } from '../../../shared/messages';
import type { Inventory } from '../../../shared/model/inventory';
import { runFieldkit } from '../../support/cli';
import { sampleInventory } from '../../support/inventory';
import { hasIpmiSim, skipReason, startIpmiSim, startUdpRelay, stopAllSims, type IpmiSim, type UdpRelay } from '../../support/ipmi-sim';

const skip = !hasIpmiSim;
if (skip) console.warn(`cipher-policy tests ${skipReason({ sim: true })}`);

/** The answer to Get Channel Cipher Suites (IPMI 1.5 sessionless form, netFn App response, cmd 0x54)? */
function isCipherSuitesReply(p: Buffer): boolean {
  return p.length >= 21 && p[0] === 0x06 && p[3] === 0x07 && p[4] === 0x00 && p[14 + 1] >> 2 === 0x07 && p[14 + 5] === 0x54;
}

/**
 * The same answer, rewritten to list one record: suite 1 = auth HMAC-SHA1
 * (0x01), integrity none (0x40), confidentiality none (0x80), with the
 * message length and the second checksum recomputed.
 */
function offerOnlySuite1(p: Buffer): Buffer {
  const msg = p.subarray(14);
  const head = msg.subarray(0, 6); // rqSA, netFn/LUN, checksum 1, rsSA, rqSeq/LUN, cmd
  const body = Buffer.from([head[3], head[4], head[5], 0x00 /* completion */, msg[7] /* channel */, 0xc0, 0x01, 0x01, 0x40, 0x80]);
  const sum = body.reduce((a, b) => a + b, 0);
  const newMsg = Buffer.concat([head.subarray(0, 3), body, Buffer.from([(0x100 - (sum & 0xff)) & 0xff])]);
  const out = Buffer.concat([p.subarray(0, 14), newMsg]);
  out[13] = newMsg.length;
  return out;
}

interface OpenSessionSeen { auth: number; integrity: number; confidentiality: number }

/** What went through the relay, client -> BMC. */
class Tally {
  datagrams = 0;
  openSessions: OpenSessionSeen[] = [];
  rakp1 = 0;
  rewritten = 0;
  reset() {
    this.datagrams = 0;
    this.openSessions = [];
    this.rakp1 = 0;
    this.rewritten = 0;
  }
  see(p: Buffer) {
    this.datagrams++;
    // RMCP+ (auth type 6): payload type at byte 5, payload at 16.
    if (p.length >= 16 && p[4] === 0x06 && (p[5] & 0x3f) === 0x10 && p.length >= 16 + 32) {
      this.openSessions.push({ auth: p[16 + 12] & 0x3f, integrity: p[16 + 20] & 0x3f, confidentiality: p[16 + 28] & 0x3f });
    }
    if (p.length >= 6 && p[4] === 0x06 && (p[5] & 0x3f) === 0x12) this.rakp1++;
  }
}

async function failure(p: Promise<unknown>): Promise<{ id: string; params: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isFieldKitError(e)) return { id: e.id, params: e.params as Record<string, unknown> };
    throw e;
  }
  throw new Error('expected a failure, got success');
}

describe.skipIf(skip)('cipher suite policy: no silent downgrade', () => {
  let sim: IpmiSim;
  let mitm: UdpRelay; // rewrites the cipher suite offer to "suite 1 only"
  let tamper: UdpRelay; // rewrites the Open Session response's algorithms
  const seen = new Tally();
  const seenTamper = new Tally();
  let home: string;
  let engine: IpmiEngine;

  const target = (over: Partial<IpmiTarget> = {}): IpmiTarget => ({
    host: '127.0.0.1', port: mitm.port, username: sim.username, password: sim.password, timeoutMs: 3000, ...over,
  });

  beforeAll(async () => {
    sim = await startIpmiSim({ password: 'policy-secret-pw' });
    mitm = await startUdpRelay(sim.port);
    mitm.onRequest = (p) => { seen.see(p); return p; };
    mitm.onReply = (p) => {
      if (!isCipherSuitesReply(p)) return p;
      seen.rewritten++;
      return offerOnlySuite1(p);
    };
    tamper = await startUdpRelay(sim.port);
    tamper.onRequest = (p) => { seenTamper.see(p); return p; };
    tamper.onReply = (p) => {
      // Open Session response (payload type 0x11), status 0: claim integrity none and confidentiality none.
      if (p.length >= 16 + 36 && p[4] === 0x06 && (p[5] & 0x3f) === 0x11 && p[16 + 1] === 0x00) {
        const out = Buffer.from(p);
        out[16 + 24] = 0x00;
        out[16 + 32] = 0x00;
        seenTamper.rewritten++;
        return out;
      }
      return p;
    };
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-cipher-'));
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await mitm?.close();
    await tamper?.close();
    await stopAllSims();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });
  beforeEach(() => {
    seen.reset();
    seenTamper.reset();
  });

  it('the relay really rewrites the offer: the engine sees only suite 1 through it, 3 without it', async () => {
    expect(await engine.cipherSuites('127.0.0.1', mitm.port)).toEqual([1]);
    expect(seen.rewritten).toBeGreaterThan(0);
    const direct = await engine.cipherSuites('127.0.0.1', sim.port);
    expect(direct).toContain(3);
    expect(direct).toContain(1);
  });

  it('automatic mode refuses the downgrade with IPMI_SUITE_DOWNGRADE_REFUSED; no Open Session reached the BMC', async () => {
    const e = await failure(engine.session(target({ cipherSuite: 'auto' })).request(0x06, 0x01));
    expect(e.id).toBe('IPMI_SUITE_DOWNGRADE_REFUSED');
    expect(e.params).toMatchObject({ host: '127.0.0.1', port: mitm.port, offered: '1' });
    expect(seen.rewritten).toBeGreaterThan(0);
    expect(seen.datagrams).toBeGreaterThan(0); // the probe went through...
    expect(seen.openSessions).toEqual([]); // ...but no Open Session, for suite 1 or any other
    // The message names the downgrade and the offered suite, and says how to pin a weak suite on purpose.
    for (const lang of ['en', 'ja'] as const) {
      const r = renderMessage('IPMI_SUITE_DOWNGRADE_REFUSED', e.params as never, lang);
      expect(r.text).toContain('1');
      expect(r.text).toContain('17');
      expect(r.remedy).toContain('--accept-weak-cipher');
    }
    expect(renderMessage('IPMI_SUITE_DOWNGRADE_REFUSED', e.params as never, 'en').text).toMatch(/offers only cipher suite\(s\) 1\b.*neither 17 nor 3/);
  });

  it('the acknowledgement does not widen automatic mode: auto + acceptWeakCipher is still refused', async () => {
    const e = await failure(engine.session(target({ cipherSuite: 'auto', acceptWeakCipher: true })).request(0x06, 0x01));
    expect(e.id).toBe('IPMI_SUITE_DOWNGRADE_REFUSED');
    expect(seen.openSessions).toEqual([]);
  });

  it('suite 1 pinned with the acknowledgement works through the same relay, and only suite 1 is asked for', async () => {
    const s = engine.session(target({ cipherSuite: 1, acceptWeakCipher: true }));
    const r = await s.request(0x06, 0x01);
    expect(r.completionCode).toBe(0);
    expect(s.info()).toMatchObject({ state: 'open', suite: 1 });
    expect(seen.openSessions.length).toBeGreaterThan(0);
    for (const o of seen.openSessions) expect(o).toEqual({ auth: 1, integrity: 0, confidentiality: 0 });
    await s.close();
  });

  it.each([
    [1, 'IPMI_WEAK_SUITE_REFUSED'],
    [2, 'IPMI_WEAK_SUITE_REFUSED'],
    [0, 'IPMI_SUITE0_REFUSED'],
  ] as const)('suite %i pinned without the acknowledgement: %s before a single datagram is sent', async (suite, id) => {
    const e = await failure(engine.session(target({ cipherSuite: suite })).request(0x06, 0x01));
    expect(e.id).toBe(id);
    await new Promise((r) => setTimeout(r, 100)); // anything sent would have reached the relay by now
    expect(seen.datagrams).toBe(0);
  });

  it('an Open Session response naming other algorithms than asked is refused before RAKP 1 (pinned 3 and auto)', async () => {
    const t = { ...target({ port: tamper.port, cipherSuite: 3 as const }) };
    const e = await failure(engine.session(t).request(0x06, 0x01));
    expect(e.id).toBe('IPMI_SUITE_UNSUPPORTED');
    expect(seenTamper.rewritten).toBeGreaterThan(0);
    expect(seenTamper.openSessions.length).toBeGreaterThan(0);
    expect(seenTamper.rakp1).toBe(0);
    seenTamper.reset();
    const a = await failure(engine.session({ ...t, cipherSuite: 'auto' }).request(0x06, 0x01));
    expect(a.id).toBe('IPMI_SUITE_UNSUPPORTED');
    expect(seenTamper.rakp1).toBe(0);
  });

  // ---------------------------------------------------------------- the command line

  const cli = (args: string[]) => runFieldkit(home, args, { env: { FIELDKIT_PASSWORD: sim.password } });

  it('CLI, automatic mode through the relay: exit 1 with the catalogued error, no Open Session sent', async () => {
    const r = await cli(['mc', 'info', '-H', `127.0.0.1:${mitm.port}`, '-U', 'admin', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.error).toMatchObject({ id: 'IPMI_SUITE_DOWNGRADE_REFUSED', params: { offered: '1' } });
    expect(j.error.remedy).toContain('--accept-weak-cipher');
    expect(seen.rewritten).toBeGreaterThan(0);
    expect(seen.openSessions).toEqual([]);
    // -C auto is the same as no -C.
    seen.reset();
    const t = await cli(['mc', 'info', '-H', `127.0.0.1:${mitm.port}`, '-U', 'admin', '-C', 'auto']);
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('[IPMI_SUITE_DOWNGRADE_REFUSED]');
    expect(seen.openSessions).toEqual([]);
  });

  it('CLI -C 1 without --accept-weak-cipher is refused before anything is sent', async () => {
    const r = await cli(['mc', 'info', '-H', `127.0.0.1:${mitm.port}`, '-U', 'admin', '-C', '1', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ id: 'IPMI_WEAK_SUITE_REFUSED', params: { suite: 1, port: mitm.port } });
    const sweep = await cli(['power', 'status', '-H', `127.0.0.1:${mitm.port},127.0.0.1:${sim.port}`, '-U', 'admin', '-C', '2']);
    expect(sweep.code).toBe(1);
    expect(sweep.stderr).toContain('[IPMI_WEAK_SUITE_REFUSED]');
    expect(seen.datagrams).toBe(0);
  });

  it('CLI -C 1 --accept-weak-cipher works; --json and stderr show suite 1', async () => {
    const r = await cli(['mc', 'info', '-H', `127.0.0.1:${mitm.port}`, '-U', 'admin', '-C', '1', '--accept-weak-cipher', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.session).toEqual({ suite: 1, privilege: 'admin' });
    expect(j.result.firmware).toBe('9.08');
    for (const o of seen.openSessions) expect(o).toEqual({ auth: 1, integrity: 0, confidentiality: 0 });
    // Text mode says so on stderr even without -v: the session is weak.
    const t = await cli(['mc', 'info', '-H', `127.0.0.1:${mitm.port}`, '-U', 'admin', '-C', '1', '--accept-weak-cipher']);
    expect(t.code).toBe(0);
    expect(t.stderr).toContain('session: cipher suite 1, privilege admin (no integrity, no encryption');
  });

  it('CLI --json shows the suite actually used: 3 in automatic mode against ipmi_sim (it has no 17); -v prints it', async () => {
    const r = await cli(['mc', 'info', '-H', `127.0.0.1:${sim.port}`, '-U', 'admin', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ target: `127.0.0.1:${sim.port}`, answeredBy: `primary 127.0.0.1:${sim.port}`, session: { suite: 3, privilege: 'admin' } });
    const v = await cli(['power', 'status', '-H', `127.0.0.1:${sim.port}`, '-U', 'admin', '-v']);
    expect(v.code).toBe(0);
    expect(v.stderr).toContain('session: cipher suite 3, privilege admin');
    const quiet = await cli(['power', 'status', '-H', `127.0.0.1:${sim.port}`, '-U', 'admin']);
    expect(quiet.stderr).not.toContain('session: cipher suite');
    // The many-BMC form gives each host's session in --json.
    const sweep = await cli(['power', 'status', '-H', `127.0.0.1:${sim.port},`, '-U', 'admin', '--json']);
    expect(sweep.code, sweep.stderr + sweep.stdout).toBe(0);
    for (const row of JSON.parse(sweep.stdout)) expect(row.session).toEqual({ suite: 3, privilege: 'user' });
  });

  it('CLI, inventory server with suite 1: refused without weakCipherAccepted (nothing sent), used with it', async () => {
    const inv: Inventory = sampleInventory();
    const node = inv.clusters[0].servers[0];
    node.bmc = { primary: { host: '127.0.0.1', port: mitm.port } };
    node.ipmi = { cipherSuite: 1, privilege: 'ADMINISTRATOR', kgStored: false };
    inv.clusters[0].servers = [node];
    const write = () => fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(inv, null, 2));
    write();
    const no = await cli(['mc', 'info', 'node1', '--json']);
    expect(no.code).toBe(1);
    expect(JSON.parse(no.stdout).error).toMatchObject({ id: 'IPMI_WEAK_SUITE_REFUSED', params: { suite: 1 } });
    expect(seen.datagrams).toBe(0);

    node.ipmi.weakCipherAccepted = true;
    write();
    const yes = await cli(['mc', 'info', 'node1', '--json']);
    expect(yes.code, yes.stderr + yes.stdout).toBe(0);
    expect(JSON.parse(yes.stdout)).toMatchObject({ target: 'node1', session: { suite: 1, privilege: 'admin' } });
    fs.rmSync(path.join(home, 'inventory.json'));
  });
});
