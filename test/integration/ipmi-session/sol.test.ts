/**
 * Serial over LAN against ipmi_sim, whose host serial port is a TCP server
 * of the test's own (test/support/serial-host.ts): the host's text arrives
 * at FieldKit's console whole and once, keystrokes and a break arrive at the
 * host, deactivation leaves no session, a second client gets SOL_IN_USE and
 * a takeover works, and ipmitool (the reference client) sees the same lines.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { IpmiEngine, type IpmiTarget } from '../../../src-main/engines/ipmi';
import type { SolConsole } from '../../../src-main/engines/ipmi/sol';
import { startFaultRelay, type FaultRelay } from '../../support/fault-relay';
import { hasIpmiSim, hasIpmitool, skipReason, startIpmiSim, stopAllSims, type IpmiSim } from '../../support/ipmi-sim';
import { startSerialHost, type SerialHost } from '../../support/serial-host';
import { startIpmitoolConsole } from '../../support/ipmitool-console';

const skip = !hasIpmiSim || !hasIpmitool;
if (skip) console.warn(`SOL tests ${skipReason({ sim: true, ipmitool: true })}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Collects what a console delivers. */
function collect(c: SolConsole): { bytes: () => Buffer; until: (n: number, ms: number) => Promise<Buffer> } {
  const chunks: Buffer[] = [];
  let total = 0;
  c.onData((b) => { chunks.push(Buffer.from(b)); total += b.length; });
  return {
    bytes: () => Buffer.concat(chunks),
    async until(n, ms) {
      const end = Date.now() + ms;
      while (total < n && Date.now() < end) await sleep(10);
      return Buffer.concat(chunks);
    },
  };
}

/** Printable text the host writes: numbered lines, so order and loss show in a diff. */
function hostText(bytes: number): Buffer {
  const lines: string[] = [];
  let n = 0;
  let size = 0;
  while (size < bytes) {
    const line = `line ${String(n++).padStart(7, '0')} the quick brown fox jumps over the lazy dog\r\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
}

describe.skipIf(skip)('SOL against ipmi_sim', () => {
  let host: SerialHost;
  let sim: IpmiSim;
  let engine: IpmiEngine;
  let target: IpmiTarget;

  beforeAll(async () => {
    host = await startSerialHost();
    sim = await startIpmiSim({ solPort: host.port });
    await host.connected(10_000);
    target = { host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 };
  });
  afterEach(async () => {
    await engine?.close();
  });
  afterAll(async () => {
    await stopAllSims();
    await host?.close();
  });

  it('reads the SOL configuration as ipmitool sol info does', async () => {
    engine = new IpmiEngine();
    const cfg = await engine.readSolConfig(target);
    const ref = await sim.ipmitool(['sol', 'info']);
    expect(ref.stdout).toMatch(/Enabled\s*:\s*true/);
    expect(cfg.enabled).toBe(true);
    // ipmi_sim does not support parameter 2 (ipmitool: "Privilege Level : Unknown").
    expect(ref.stderr).toMatch(/Authentication \(2\)' not supported/);
    expect(cfg.privilege).toBe('unknown');
    // Bit rate 0 = "IPMI-Over-Serial-Setting": no number.
    expect(ref.stdout).toMatch(/Volatile Bit Rate \(kbps\)\s*:\s*IPMI-Over-Serial-Setting/);
    expect(cfg.bitRate).toBeUndefined();
  });

  it('1 MB from the host arrives whole, in order and once; typed keys and a break arrive at the host; nothing stays open', async () => {
    engine = new IpmiEngine();
    const c = await engine.openSol(target);
    expect(c.info.inboundSize).toBe(32); // ipmi_sim's buffer
    expect(c.info.encrypted).toBe(true);
    expect(c.info.payloadPort).toBe(sim.port);
    const got = collect(c);
    const text = hostText(1024 * 1024);
    const t0 = Date.now();
    await host.write(text);
    const seen = await got.until(text.length, 45_000);
    const ms = Date.now() - t0;
    console.log(`SOL host->console over ipmi_sim: ${text.length} bytes in ${ms} ms (${Math.round(text.length / ms)} kB/s); stats ${JSON.stringify(c.stats())}`);
    expect(seen.length).toBe(text.length);
    expect(sha(seen)).toBe(sha(text));
    const st = c.stats();
    expect(st.bytesIn).toBe(text.length);
    expect(st.duplicatesDropped).toBe(0);

    const before = host.received().length;
    const typed = 'root\r' + 'x'.repeat(100) + '\r'; // more than one packet (28 characters each)
    await c.write(Buffer.from(typed));
    await host.waitForReceived((b) => b.subarray(before).toString('latin1') === typed, 5000);
    expect(c.stats().sentPackets).toBeGreaterThanOrEqual(Math.ceil(typed.length / 28));
    // ipmi_sim hands a break to a TCP port as telnet IAC BREAK, written out with the next characters.
    await c.sendBreak();
    await c.write(Buffer.from('k'));
    const after = await host.waitForReceived((b) => b.length >= before + typed.length + 3, 5000);
    expect([...after.subarray(before + typed.length)]).toEqual([0xff, 0xf3, 0x6b]);

    const closed = new Promise((r) => c.onClose(r));
    await c.deactivate();
    expect(await closed).toEqual({});
    await expect(c.write(Buffer.from('late'))).rejects.toMatchObject({ id: 'SOL_CLOSED' });
    await engine.close();
    expect(await sim.activeSessions()).toBe(1);
  });

  it('a second client gets SOL_IN_USE; ipmitool sees the host\'s lines; a takeover moves the console to FieldKit', async () => {
    const tool = startIpmitoolConsole(sim.ipmitoolArgs());
    try {
      expect(await tool.waitFor('SOL Session operational', 20_000), tool.output()).toBe(true);
      await host.write('seen by ipmitool\r\n');
      expect(await tool.waitFor('seen by ipmitool', 10_000), tool.output()).toBe(true);

      engine = new IpmiEngine();
      const refused = await engine.openSol(target).then(() => undefined, (e: unknown) => e);
      expect(refused).toBeInstanceOf(FieldKitError);
      expect((refused as FieldKitError).id).toBe('SOL_IN_USE');
      expect((refused as FieldKitError).render('en').remedy).toMatch(/takeover ends the other user's console/i);

      const c = await engine.openSol(target, { takeover: true });
      expect(c.info.tookOver).toBe(true);
      const got = collect(c);
      await host.write('now seen by FieldKit\r\n');
      const seen = await got.until(22, 5000);
      expect(seen.toString()).toBe('now seen by FieldKit\r\n');
      await sleep(300);
      expect(tool.output()).not.toContain('now seen by FieldKit');
      // The same session cannot carry a second console.
      await expect(engine.openSol(target)).rejects.toMatchObject({ id: 'SOL_IN_USE' });
      await c.deactivate();
    } finally {
      // ipmitool's own way out: ~. at the start of a line (it deactivates, gets "not active", closes its session).
      tool.leave();
      const code = await Promise.race([tool.exited, sleep(8000).then(() => 'timeout')]);
      if (code === 'timeout') await tool.killHard();
      console.log(`ipmitool sol activate ended: ${String(code)}; its output: ${JSON.stringify(tool.output().slice(-300))}`);
    }
    // ipmitool, its console taken over, says "SOL session closed by BMC" and exits without
    // Close Session: its session stays until the BMC times it out. Ours must go.
    expect(tool.output()).toContain('SOL session closed by BMC');
    const withOurs = await sim.activeSessions();
    await engine.close();
    expect(await sim.activeSessions()).toBe(withOurs - 1);
  });

  it('deactivateSol from another engine ends a console; the console it ended is given up as SOL_LOST', async () => {
    engine = new IpmiEngine();
    const c = await engine.openSol(target, { timing: { retryMs: 200, retries: 3 } });
    const other = new IpmiEngine();
    try {
      await expect(other.openSol(target)).rejects.toMatchObject({ id: 'SOL_IN_USE' });
      expect(await other.deactivateSol(target)).toBe(true);
      expect(await other.deactivateSol(target)).toBe(false);
    } finally {
      await other.close();
    }
    const closed = new Promise<{ errorId?: string }>((r) => c.onClose(r));
    // ipmi_sim no longer answers this console: the typed characters are never acknowledged.
    await expect(c.write(Buffer.from('lost'))).rejects.toMatchObject({ id: 'SOL_LOST' });
    expect((await closed).errorId).toBe('SOL_LOST');
    expect(c.stats().retransmitted).toBe(3);
    // (ipmitool's session from the test before may still be there: count ours going away.)
    const withOurs = await sim.activeSessions();
    await engine.close();
    expect(await sim.activeSessions()).toBe(withOurs - 1);
  });

  it('SOL disabled on the BMC: SOL_DISABLED', async () => {
    const off = await sim.ipmitool(['sol', 'set', 'enabled', 'false']);
    expect(off.code, off.stderr).toBe(0);
    try {
      engine = new IpmiEngine();
      expect((await engine.readSolConfig(target)).enabled).toBe(false);
      await expect(engine.openSol(target)).rejects.toMatchObject({ id: 'SOL_DISABLED' });
    } finally {
      await sim.ipmitool(['sol', 'set', 'enabled', 'true']);
    }
  });
});

describe.skipIf(skip)('SOL through a lossy LAN', () => {
  let host: SerialHost;
  let sim: IpmiSim;
  let relay: FaultRelay;
  let engine: IpmiEngine;

  beforeAll(async () => {
    host = await startSerialHost();
    sim = await startIpmiSim({ solPort: host.port });
    await host.connected(10_000);
  });
  afterAll(async () => {
    await engine?.close();
    await relay?.close();
    await stopAllSims();
    await host?.close();
  });

  it('lost packets are sent again and duplicates are never delivered twice, both ways', async () => {
    // Chosen SOL datagrams (by their order on the wire, either way) are dropped; the
    // session's own traffic passes. ipmi_sim gives a stream up after 5 retransmissions
    // in all (it resets its count only when idle), so the drops are few and placed:
    // the host writes line by line, each after the last arrived, and
    //   2: our ACK of line 0 (the BMC sends it again: a duplicate for us to drop),
    //   5: the BMC's first copy of line 1 (it sends it again: delivered once),
    //   9: our ACK of line 2 (another duplicate);
    // then, typing: 1 and 4, our own data packets (we send them again).
    let solDatagrams = 0;
    let drops = new Set([2, 5, 9]);
    const isSol = (d: Buffer) => d.length > 5 && (d[5] & 0x3f) === 1;
    relay = await startFaultRelay(sim.port, { seed: 11, match: (d) => isSol(d) && drops.has(++solDatagrams) });
    const target: IpmiTarget = { host: '127.0.0.1', port: relay.port, username: sim.username, password: sim.password, cipherSuite: 3 };
    engine = new IpmiEngine();
    const c = await engine.openSol(target, { timing: { retryMs: 300, retries: 8 } });
    const got = collect(c);
    relay.set({ requestLoss: 1, replyLoss: 1 });
    const lines = Array.from({ length: 10 }, (_, i) => `boot message ${i} through a lossy LAN\r\n`);
    const t0 = Date.now();
    let expected = 0;
    for (const line of lines) {
      await host.write(line);
      expected += line.length;
      expect((await got.until(expected, 10_000)).length).toBe(expected);
    }
    const typed = Buffer.from('typed through a lossy LAN '.repeat(6));
    const before = host.received().length;
    await sleep(1500); // the BMC idle again (its last retransmission done)
    solDatagrams = 0;
    drops = new Set([1, 4]);
    await c.write(typed);
    await host.waitForReceived((b) => b.length >= before + typed.length, 20_000);
    const st = c.stats();
    console.log(`SOL through the lossy relay (${Date.now() - t0} ms): stats ${JSON.stringify(st)}, relay ${JSON.stringify(relay.counts)}`);
    expect(got.bytes().toString()).toBe(lines.join(''));
    expect(host.received().subarray(before).toString()).toBe(typed.toString());
    expect(relay.counts.requestsDropped).toBeGreaterThan(0);
    expect(relay.counts.repliesDropped).toBeGreaterThan(0);
    // Ours lost: sent again. The BMC's ACKed-but-ACK-lost packets: came again, dropped, ACKed again.
    expect(st.retransmitted).toBeGreaterThan(0);
    expect(st.duplicatesDropped).toBeGreaterThan(0);
    expect(st.bytesIn).toBe(expected);

    // Datagrams delivered twice by the LAN: the session's replay window drops the copies.
    relay.set({ requestLoss: 0, replyLoss: 0, duplicate: 1, match: isSol });
    const more = 'each datagram twice\r\n';
    await host.write(more);
    expect((await got.until(expected + more.length, 5000)).toString()).toBe(lines.join('') + more);
    await sleep(200);
    expect(got.bytes().length).toBe(expected + more.length);
    relay.set({ duplicate: 0 });
    await c.deactivate();
    await engine.close();
    expect(await sim.activeSessions()).toBe(1);
  });
});

/**
 * Arms a relay to lose the answer to the next request that crosses it, and
 * counts the requests of that request's session that cross from then on:
 * a change sent once and the Close Session after it are 2; a retransmitted
 * change would be more. (The state read back afterwards goes on a new
 * session, so it is not counted; neither is the close's own answer.)
 */
function loseNextAnswer(relay: FaultRelay): { copies: () => number } {
  let sessionId: number | undefined;
  let copies = 0;
  let lost = false;
  const sessionOf = (d: Buffer) => (d.length >= 10 && d[4] === 0x06 ? d.readUInt32LE(6) : undefined);
  relay.set({
    replyLoss: 1,
    match: (d, direction) => {
      if (direction === 'request') {
        const sid = sessionOf(d);
        if (sessionId === undefined) sessionId = sid;
        if (sid !== undefined && sid === sessionId) copies++;
        return false;
      }
      if (lost || sessionId === undefined) return false;
      lost = true;
      return true;
    },
  });
  return { copies: () => copies };
}

describe.skipIf(skip)('SOL changes whose answer is lost', () => {
  let host: SerialHost;
  let sim: IpmiSim;
  let relay: FaultRelay;
  const engines: IpmiEngine[] = [];
  const newEngine = () => {
    const e = new IpmiEngine();
    engines.push(e);
    return e;
  };
  let direct: IpmiTarget;
  let relayed: IpmiTarget;

  beforeAll(async () => {
    host = await startSerialHost();
    sim = await startIpmiSim({ solPort: host.port });
    await host.connected(10_000);
    relay = await startFaultRelay(sim.port);
    direct = { host: '127.0.0.1', port: sim.port, username: sim.username, password: sim.password, cipherSuite: 3 };
    relayed = { ...direct, port: relay.port, timeoutMs: 1500 };
  });
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.close();
    relay.set({ replyLoss: 0, match: undefined });
  });
  afterAll(async () => {
    await relay?.close();
    await stopAllSims();
    await host?.close();
  });

  it('Activate Payload: sent once; the session it went on is closed on the BMC, which ends the console; the state read back', async () => {
    const sessionsBefore = await sim.activeSessions();
    const engine = newEngine();
    await engine.readSolConfig(relayed); // the session is open: the next request is the activation
    const lose = loseNextAnswer(relay);
    const e = await engine.openSol(relayed).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(FieldKitError);
    expect((e as FieldKitError).id).toBe('SOL_ACTIVATE_OUTCOME_UNKNOWN');
    expect(lose.copies()).toBe(2); // Activate Payload once, then Close Session on the same session
    expect(relay.counts.repliesDropped).toBe(1);
    // The activation reached the BMC (only its answer was lost); closing its session ended that console.
    expect((e as FieldKitError).params.active).toBe(0);
    // On the BMC: the read back's session and ipmitool's query, not the one the answer was lost on.
    expect(await sim.activeSessions()).toBe(sessionsBefore + 1);
    await engine.close();
    expect(await sim.activeSessions()).toBe(sessionsBefore);
    // Free for an ordinary activation.
    const c = await newEngine().openSol(direct);
    expect(c.info.tookOver).toBe(false);
    await c.deactivate();
  });

  it('Deactivate Payload of another console (sol deactivate): sent once, never "nothing was active"; the state read back', async () => {
    const holder = newEngine();
    await holder.openSol(direct, { timing: { retryMs: 200, retries: 3 } });
    const engine = newEngine();
    await engine.readSolConfig(relayed);
    const lose = loseNextAnswer(relay);
    const e = await engine.deactivateSol(relayed).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(FieldKitError);
    expect((e as FieldKitError).id).toBe('SOL_DEACTIVATE_OUTCOME_UNKNOWN');
    expect((e as FieldKitError).params.active).toBe(0);
    expect(lose.copies()).toBe(2); // Deactivate Payload once, then Close Session on the same session
    // The BMC agrees: nothing is active any more.
    expect(await newEngine().deactivateSol(direct)).toBe(false);
  });

  it('a takeover whose Deactivate Payload answer is lost stops there: no activation is sent after it', async () => {
    const holder = newEngine();
    await holder.openSol(direct, { timing: { retryMs: 200, retries: 3 } });
    const engine = newEngine();
    await engine.readSolConfig(relayed);
    // The first activation is refused (in use) and answered; the deactivation's answer is lost.
    let requests = 0;
    let lost = false;
    relay.set({
      replyLoss: 1,
      match: (_d, direction) => {
        if (direction === 'request') { requests++; return false; }
        if (requests === 2 && !lost) { lost = true; return true; }
        return false;
      },
    });
    const e = await engine.openSol(relayed, { takeover: true }).then(() => undefined, (x: unknown) => x);
    expect((e as FieldKitError).id).toBe('SOL_DEACTIVATE_OUTCOME_UNKNOWN');
    expect((e as FieldKitError).params.active).toBe(0);
    // Activate (refused), Deactivate (answer lost), then the read back's new session: no second activation on ours.
    expect(lost).toBe(true);
    const again = newEngine();
    const c = await again.openSol(direct);
    expect(c.info.tookOver).toBe(false);
    await c.deactivate();
  });
});
