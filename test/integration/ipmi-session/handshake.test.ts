/**
 * The RMCP+ handshake and in-session traffic against a real BMC simulator
 * (OpenIPMI ipmi_sim), with ipmitool and FreeIPMI reading the same
 * simulator as references.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpmiEngine } from '../../../src-main/engines/ipmi';
import { deriveK, padKey, rakp2Code, rakp3Code, rakp4Icv, sessionIntegrityKey } from '../../../src-main/engines/ipmi/crypto';
import { decodeV2 } from '../../../src-main/engines/ipmi/packet';
import { RMCP_IPMI_HEADER } from '../../../src-main/engines/ipmi/rmcp';
import { hasFreeipmi, hasIpmiSim, hasIpmitool, hasIpv6Loopback, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';

const skip = !hasIpmiSim || !hasIpmitool;
if (skip) console.warn(`ipmi-session handshake tests ${skipReason({ sim: true, ipmitool: true })}`);

function firmware(data: Buffer): string {
  return `${data[2] & 0x7f}.${data[3].toString(16).padStart(2, '0')}`;
}

describe.skipIf(skip)('RMCP+ handshake against ipmi_sim', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  let reference: string;

  beforeAll(async () => {
    sim = await startIpmiSim({ kg: undefined });
    engine = new IpmiEngine();
    const r = await sim.ipmitool(['mc', 'info']);
    expect(r.code).toBe(0);
    reference = /Firmware Revision\s*:\s*(\S+)/.exec(r.stdout)![1];
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  for (const suite of [3, 1, 2] as const) {
    it(`suite ${suite}: Get Device ID equals ipmitool's firmware revision`, async () => {
      // Suites 1 and 2 only with the acknowledgement (cipher-policy.test.ts checks the refusal).
      const s = engine.session({ host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: suite, acceptWeakCipher: suite !== 3 });
      const r = await s.request(0x06, 0x01);
      expect(r.completionCode).toBe(0);
      expect(firmware(r.data)).toBe(reference);
      expect(s.info()).toMatchObject({ state: 'open', suite, privilege: 'admin', opens: 1 });
      await s.close();
      expect(s.info().state).toBe('closed');
    });
  }

  it("auto asks Get Channel Cipher Suites and picks 3 on ipmi_sim (it has no 17)", async () => {
    const offered = await engine.cipherSuites('127.0.0.1', sim.port);
    expect(offered).toContain(3);
    expect(offered).not.toContain(17);
    const s = engine.session({ host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 'auto' });
    const r = await s.request(0x06, 0x01);
    expect(firmware(r.data)).toBe(reference);
    expect(s.info().suite).toBe(3);
  });

  it('presence ping and channel authentication capabilities answer without a session', async () => {
    expect(await engine.ping('127.0.0.1', sim.port)).toBe(true);
    const caps = await engine.channelAuthCapabilities('127.0.0.1', sim.port);
    expect(caps.ipmi20).toBe(true);
    expect(caps.kgRequired).toBe(false);
  });

  it.skipIf(!hasFreeipmi)('FreeIPMI bmc-info reads the same firmware revision', async () => {
    const r = spawnSync('bmc-info', [...sim.freeipmiArgs(3), '--get-device-id'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    const fw = /Firmware Revision\s*:\s*(\S+)/.exec(r.stdout)![1];
    const s = engine.session({ host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 });
    expect(firmware((await s.request(0x06, 0x01)).data)).toBe(fw);
  });

  it("suite 3 crypto agrees with ipmitool's own computation (ipmitool -vvvv: RAKP codes, SIK, K1, K2, authcode, AES)", () => {
    const r = spawnSync('ipmitool', ['-vvvv', ...sim.ipmitoolArgs(3), 'mc', 'info'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    const out = r.stdout + r.stderr;
    const block = (label: string, from = 0): Buffer => {
      const i = out.indexOf(label, from);
      expect(i, label).toBeGreaterThanOrEqual(0);
      const m = /\((\d+) bytes\)\s*\n((?:\s*[0-9a-f]{2}(?: [0-9a-f]{2})*\s*\n)+)/.exec(out.slice(i));
      const bytes = Buffer.from(m![2].replace(/\s+/g, ''), 'hex');
      expect(bytes.length).toBe(Number(m![1]));
      return bytes;
    };
    const in2 = block('rakp2 mac input buffer');
    const consoleSid = in2.readUInt32LE(0);
    const bmcSid = in2.readUInt32LE(4);
    const rm = in2.subarray(8, 24);
    const rc = in2.subarray(24, 40);
    const guid = in2.subarray(40, 56);
    const role = in2[56];
    const username = in2.subarray(58, 58 + in2[57]);
    expect(username.toString()).toBe(sim.username);
    const inputs = { hash: 'sha1' as const, kuid: padKey(sim.password), consoleSid, bmcSid, rm, rc, guid, role, username };
    expect(block('rakp2 mac key').equals(inputs.kuid)).toBe(true);
    expect(rakp2Code(inputs).toString('hex')).toBe(block('rakp2 mac as computed by the remote console').toString('hex'));
    expect(rakp3Code(inputs).toString('hex')).toBe(block('generated rakp3 mac').toString('hex'));
    const sik = sessionIntegrityKey(inputs);
    expect(sik.toString('hex')).toBe(block('Generated session integrity key').toString('hex'));
    const k1 = deriveK('sha1', sik, 1);
    const k2 = deriveK('sha1', sik, 2);
    expect(k1.toString('hex')).toBe(block('Generated K1').toString('hex'));
    expect(k2.toString('hex')).toBe(block('Generated K2').toString('hex'));
    expect(rakp4Icv(inputs, sik, 12).toString('hex')).toBe(block('rakp4 mac as computed by the BMC').subarray(0, 12).toString('hex'));
    // ipmitool's first in-session packet, rebuilt from its debug output,
    // passes our integrity check and decrypts with our AES and pad check.
    const at = out.indexOf('authcode input');
    const signed = block('authcode input', at);
    const code = block('authcode output', at);
    const packet = Buffer.concat([RMCP_IPMI_HEADER, signed, code]);
    const p = decodeV2(packet, { integrityHash: 'sha1', integrityLength: 12, k1, k2, encrypted: true });
    expect(p.payload[5]).toBe(0x3b); // Set Session Privilege Level
    expect(p.payload[1] >> 2).toBe(0x06);
  });
});

describe.skipIf(skip)('Kg (BMC key) against ipmi_sim', () => {
  let sim: IpmiSim;
  let engine: IpmiEngine;
  beforeAll(async () => {
    sim = await startIpmiSim({ kg: 'fk-bmc-key-01' });
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  it('opens a session with the right Kg; ipmitool -k agrees', async () => {
    const ref = await sim.ipmitool(['mc', 'info']);
    expect(ref.code).toBe(0);
    const s = engine.session({ host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, kg: 'fk-bmc-key-01', cipherSuite: 3 });
    const r = await s.request(0x06, 0x01);
    expect(firmware(r.data)).toBe(/Firmware Revision\s*:\s*(\S+)/.exec(ref.stdout)![1]);
    const caps = await engine.channelAuthCapabilities('127.0.0.1', sim.port);
    expect(caps.kgRequired).toBe(true);
  });
});

describe.skipIf(skip)('passwords longer than 16 bytes (the 20-byte form)', () => {
  // ipmi_sim keeps at most 19 characters of a quoted lan.conf password
  // (one byte goes to its terminator), so 19 is the longest testable here.
  const PW = 'Nineteen-Byte-Pw-01';
  let sim: IpmiSim;
  let engine: IpmiEngine;
  beforeAll(async () => {
    sim = await startIpmiSim({ password: PW });
    engine = new IpmiEngine();
  });
  afterAll(async () => {
    await engine?.close();
    await stopAllSims();
  });

  it('a 19-byte password opens a session (ipmitool agrees); one differing at byte 18 does not', async () => {
    expect(PW.length).toBe(19);
    expect((await sim.ipmitool(['mc', 'info'])).code).toBe(0);
    const ok = await engine.session({ host: '127.0.0.1', port: sim.port, username: 'admin', password: PW, cipherSuite: 3 }).request(0x06, 0x01);
    expect(ok.completionCode).toBe(0);
    const e = await engine.session({ host: '127.0.0.1', port: sim.port, username: 'admin', password: PW.slice(0, 17) + 'X1', cipherSuite: 3, timeoutMs: 1500 })
      .request(0x06, 0x01).catch((x: { id?: string }) => x);
    expect((e as { id?: string }).id).toBe('IPMI_AUTH_FAILED');
    const short = await engine.session({ host: '127.0.0.1', port: sim.port, username: 'admin', password: PW.slice(0, 16), cipherSuite: 3, timeoutMs: 1500 })
      .request(0x06, 0x01).catch((x: { id?: string }) => x);
    expect((short as { id?: string }).id).toBe('IPMI_AUTH_FAILED');
  });
});

describe.skipIf(skip)('IPv6 loopback', () => {
  it.skipIf(!hasIpv6Loopback)('opens a session with a BMC on ::1 (udp6 socket of the same engine)', async () => {
    const sim = await startIpmiSim({ host: '::1' });
    const engine = new IpmiEngine();
    try {
      expect(await engine.ping('::1', sim.port)).toBe(true);
      const s = engine.session({ host: '::1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 });
      const r = await s.request(0x06, 0x01);
      const ref = await sim.ipmitool(['mc', 'info']);
      expect(ref.code).toBe(0);
      expect(firmware(r.data)).toBe(/Firmware Revision\s*:\s*(\S+)/.exec(ref.stdout)![1]);
      expect(s.info().address).toBe('::1');
    } finally {
      await engine.close();
      await sim.stop();
    }
  });
  if (!hasIpv6Loopback) console.warn('IPv6 test skipped: this machine has no ::1 loopback address');
});
