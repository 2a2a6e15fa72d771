/**
 * Serial over LAN, pure parts: the SOL packet as the specification lays it
 * out (IPMI 2.0 tables 15-2 / 15-3), the payload and SOL configuration
 * codecs (sections 24 and 26), the console's protocol against a scripted
 * BMC (sequence numbers, ACK / NACK, partial acceptance, retransmission,
 * duplicates, break, deactivation) and the CLI's escape sequences.
 */
import { describe, expect, it } from 'vitest';
import {
  activatePayload, deactivatePayload, decodeSolAuthentication, decodeSolBitRate, decodeSolEnable, decodeSolPayloadPort,
  encodeSolAuthentication, getPayloadActivationStatus, getSolConfigParam, setSolConfigParam,
} from '../../../src-main/engines/ipmi/commands';
import { SolConsoleProtocol } from '../../../src-main/engines/ipmi/sol/console';
import { SOL_OP, SOL_STATUS, decodeSolPacket, encodeSolPacket, nextSolSeq, type SolPacket } from '../../../src-main/engines/ipmi/sol';
import { EscapeReader } from '../../../src-main/cli/sol-escape';
import { FieldKitError } from '../../../shared/errors';
import { renderMessage } from '../../../shared/messages';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SOL packet (tables 15-2, 15-3)', () => {
  it('encodes header and characters in the specification\'s byte order', () => {
    // seq 3, no ACK, count 0, operation: break; characters "ab".
    expect(hex(encodeSolPacket({ seq: 3, ack: 0, accepted: 0, flags: SOL_OP.BREAK, data: Buffer.from('ab') }))).toBe('030000106162');
    // ACK-only: seq 0, ACK of packet 9, 28 characters accepted.
    expect(hex(encodeSolPacket({ seq: 0, ack: 9, accepted: 28, flags: 0, data: Buffer.alloc(0) }))).toBe('00091c00');
    // Only the low nibble of the numbers goes on the wire.
    expect(hex(encodeSolPacket({ seq: 0x1f, ack: 0x12, accepted: 255, flags: SOL_OP.NACK, data: Buffer.alloc(0) }))).toBe('0f02ff40');
  });

  it('decodes a BMC packet with data, a piggybacked ACK and status bits', () => {
    const p = decodeSolPacket(Buffer.from('0502 0430 6869'.replace(/ /g, ''), 'hex'));
    expect(p).toEqual({ seq: 5, ack: 2, accepted: 4, flags: SOL_STATUS.TRANSFER_UNAVAILABLE | SOL_STATUS.DEACTIVATING, data: Buffer.from('hi') });
    expect(() => decodeSolPacket(Buffer.from([1, 0, 0]))).toThrow(FieldKitError);
  });

  it('sequence numbers run 1..15 and never 0', () => {
    const seen = [];
    let s = 0;
    for (let i = 0; i < 16; i++) seen.push((s = nextSolSeq(s)));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 1]);
  });
});

describe('payload and SOL configuration codecs (sections 24, 26)', () => {
  it('Activate Payload: SOL instance 1, encrypted and authenticated, alerts deferred; sent once', () => {
    expect(activatePayload.netFn).toBe(0x06);
    expect(activatePayload.cmd).toBe(0x48);
    expect(activatePayload.changesState).toBe(true);
    expect(hex(activatePayload.encode({ payloadType: 1, instance: 1, encrypt: true, authenticate: true }))).toBe('0101c4000000');
    expect(hex(activatePayload.encode({ payloadType: 1, instance: 1, encrypt: false, authenticate: false }))).toBe('010104000000');
    // ipmi_sim's answer: aux 0, inbound 32, outbound 16384, port 623, VLAN none.
    const r = activatePayload.decode(Buffer.from('00000000' + '2000' + '0040' + '6f02' + 'ffff', 'hex'));
    expect(r).toEqual({ inboundSize: 32, outboundSize: 16384, port: 623, vlan: 0xffff });
    expect(() => activatePayload.decode(Buffer.alloc(11))).toThrow(FieldKitError);
  });

  it('Deactivate Payload and Get Payload Activation Status', () => {
    expect(deactivatePayload.cmd).toBe(0x49);
    expect(hex(deactivatePayload.encode({ payloadType: 1, instance: 1 }))).toBe('010100000000');
    expect(getPayloadActivationStatus.cmd).toBe(0x4a);
    expect(hex(getPayloadActivationStatus.encode(1))).toBe('01');
    expect(getPayloadActivationStatus.decode(Buffer.from([0x02, 0x81, 0x01]))).toEqual({ capacity: 2, active: [1, 8, 9] });
  });

  it('Get / Set SOL Configuration Parameters and the parameters FieldKit reads', () => {
    expect([getSolConfigParam.netFn, getSolConfigParam.cmd]).toEqual([0x0c, 0x22]);
    expect(hex(getSolConfigParam.encode({ parameter: 1 }))).toBe('0e010000');
    expect(getSolConfigParam.decode(Buffer.from([0x11, 0x01]))).toEqual({ revision: 0x11, data: Buffer.from([0x01]) });
    expect([setSolConfigParam.cmd, setSolConfigParam.changesState]).toEqual([0x21, true]);
    expect(hex(setSolConfigParam.encode({ parameter: 1, data: Uint8Array.of(0) }))).toBe('0e0100');
    expect(decodeSolEnable(Buffer.from([0x01]))).toBe(true);
    expect(decodeSolEnable(Buffer.from([0x00]))).toBe(false);
    expect(decodeSolAuthentication(Buffer.from([0xc4]))).toEqual({ forceEncryption: true, forceAuthentication: true, privilege: 'admin' });
    expect(decodeSolAuthentication(Buffer.from([0x02]))).toEqual({ forceEncryption: false, forceAuthentication: false, privilege: 'user' });
    expect(hex(encodeSolAuthentication({ forceEncryption: true, forceAuthentication: false, privilege: 'operator' }))).toBe('83');
    expect(decodeSolBitRate(Buffer.from([0x0a]))).toBe(115200);
    expect(decodeSolBitRate(Buffer.from([0x06]))).toBe(9600);
    expect(decodeSolBitRate(Buffer.from([0x00]))).toBeUndefined();
    expect(decodeSolPayloadPort(Buffer.from([0x6f, 0x02]))).toBe(623);
  });
});

/** A scripted BMC: records what the console sends; the test answers. */
function rig(timing: Partial<{ retryMs: number; retries: number; accumulateMs: number; nackRetryMs: number; drainMs: number }> = {}, inboundSize = 8) {
  const sent: SolPacket[] = [];
  let deactivated = 0;
  const c = new SolConsoleProtocol({
    info: { host: 'bmc', port: 623, instance: 1, inboundSize, outboundSize: 255, payloadPort: 623, encrypted: true },
    send: (p) => { sent.push(decodeSolPacket(p)); return true; },
    deactivatePayload: async () => { deactivated++; },
    timing: { retryMs: 40, retries: 2, accumulateMs: 5, nackRetryMs: 30, drainMs: 500, ...timing },
  });
  const bmc = (p: Partial<SolPacket>) => c.receive(encodeSolPacket({ seq: 0, ack: 0, accepted: 0, flags: 0, data: Buffer.alloc(0), ...p }));
  /** Answers the empty first packet (see SolConsoleProtocol.sendNext). */
  const sync = async () => {
    await sleep(15);
    const first = sent[0];
    expect(first.data.length).toBe(0);
    bmc({ ack: first.seq });
  };
  return { c, sent, bmc, sync, deactivations: () => deactivated };
}

describe('SOL console protocol against a scripted BMC', () => {
  it('gathers keystrokes into packets of the BMC\'s inbound size (less the header) and waits for each ACK', async () => {
    const { c, sent, bmc, sync } = rig();
    const w = c.write(Buffer.from('ab'));
    void c.write(Buffer.from('cdefgh')); // 8 characters: more than 4 per packet
    await sync();
    await sleep(1);
    expect(sent.length).toBe(2);
    expect(sent[1]).toMatchObject({ seq: 2, ack: 0, data: Buffer.from('abcd') });
    bmc({ ack: 2, accepted: 4 });
    await w; // 'ab' accepted
    expect(sent[2]).toMatchObject({ seq: 3, data: Buffer.from('efgh') });
    bmc({ ack: 3, accepted: 4 });
    expect(c.stats()).toMatchObject({ sentPackets: 3, bytesOut: 8, retransmitted: 0 });
  });

  it('partial acceptance: the rest goes again in a new packet; a NACK holds it until the BMC is ready', async () => {
    const { c, sent, bmc, sync } = rig();
    const w = c.write(Buffer.from('wxyz'));
    await sync();
    await sleep(1);
    bmc({ ack: 2, accepted: 1 });
    expect(sent[2]).toMatchObject({ seq: 3, data: Buffer.from('xyz') });
    bmc({ ack: 3, accepted: 0, flags: SOL_STATUS.NACK });
    await sleep(5);
    expect(sent.length).toBe(3); // held while the BMC is full
    bmc({ ack: 3, accepted: 0 }); // ready again (NACK clear)
    expect(sent[3]).toMatchObject({ seq: 4, data: Buffer.from('xyz') });
    bmc({ ack: 4, accepted: 3 });
    await w;
    expect(c.stats()).toMatchObject({ bytesOut: 4, partial: 2 });
  });

  it('retransmits an unacknowledged packet with the same sequence number, then gives up as SOL_LOST', async () => {
    const { c, sent, sync } = rig({ retryMs: 20, retries: 2 });
    const closed = new Promise<{ errorId?: string }>((r) => c.onClose(r));
    const w = c.write(Buffer.from('hi'));
    await sync();
    await expect(w).rejects.toMatchObject({ id: 'SOL_LOST' });
    const data = sent.slice(1);
    expect(data.map((p) => p.seq)).toEqual([2, 2, 2]);
    expect(c.stats().retransmitted).toBe(2);
    expect((await closed).errorId).toBe('SOL_LOST');
    await expect(c.write(Buffer.from('x'))).rejects.toMatchObject({ id: 'SOL_LOST' });
  });

  it('ACKs every BMC packet, delivers a repeated one once and ACKs it again with the first count', () => {
    const { c, sent, bmc } = rig();
    const got: string[] = [];
    c.onData((b) => got.push(b.toString()));
    bmc({ seq: 7, data: Buffer.from('boot ') });
    bmc({ seq: 7, data: Buffer.from('boot ok') }); // our ACK was lost; the copy grew meanwhile
    bmc({ seq: 8, data: Buffer.from('ok') });
    expect(got).toEqual(['boot ', 'ok']);
    expect(sent.map((p) => [p.seq, p.ack, p.accepted])).toEqual([[0, 7, 5], [0, 7, 5], [0, 8, 2]]);
    expect(c.stats()).toMatchObject({ receivedPackets: 2, duplicatesDropped: 1, bytesIn: 7, acksSent: 3 });
  });

  it('a break goes as the operation bit of a packet and resolves on its ACK', async () => {
    const { c, sent, bmc, sync } = rig();
    const b = c.sendBreak();
    await sync();
    await sleep(1);
    expect(sent[1]).toMatchObject({ seq: 2, flags: SOL_OP.BREAK, data: Buffer.alloc(0) });
    bmc({ ack: 2 });
    await b;
  });

  it('status bits: transfer unavailable is reported; "SOL deactivating" ends the console', async () => {
    const { c, bmc } = rig();
    const statuses: boolean[] = [];
    c.onStatus((s) => statuses.push(s.transferUnavailable));
    const closed = new Promise<{ errorId?: string }>((r) => c.onClose(r));
    bmc({ flags: SOL_STATUS.TRANSFER_UNAVAILABLE });
    expect(c.status().transferUnavailable).toBe(true);
    bmc({ flags: SOL_STATUS.DEACTIVATING });
    expect(statuses).toEqual([true, false]);
    expect((await closed).errorId).toBe('SOL_DEACTIVATED_BY_BMC');
    expect(c.closed).toBe(true);
  });

  it('deactivate() sends what is queued first, then Deactivate Payload, and ends without an error', async () => {
    const { c, sent, bmc, sync, deactivations } = rig();
    void c.write(Buffer.from('bye'));
    const closed = new Promise((r) => c.onClose(r));
    const d = c.deactivate();
    await sync();
    await sleep(20); // past the accumulation time (5 ms)
    expect(deactivations()).toBe(0);
    bmc({ ack: sent[1].seq, accepted: 3 });
    await d;
    expect(deactivations()).toBe(1);
    expect(await closed).toEqual({});
    await expect(c.write(Buffer.from('late'))).rejects.toMatchObject({ id: 'SOL_CLOSED' });
  });

  it('the catalogue says what a takeover does', () => {
    expect(renderMessage('SOL_IN_USE', { host: 'bmc', port: 623 }, 'en').remedy).toMatch(/takeover ends the other user's console/);
    expect(renderMessage('SOL_IN_USE', { host: 'bmc', port: 623 }, 'ja').remedy).toMatch(/引き継ぐと/);
  });
});

describe('CLI escape sequences (as ipmitool)', () => {
  const run = (...chunks: string[]) => {
    const r = new EscapeReader();
    // Adjacent sends are one byte stream to the server: joined, so only the order of bytes and actions counts.
    const out: string[] = [];
    let lastWasSend = false;
    for (const a of chunks.flatMap((c) => r.feed(Buffer.from(c)))) {
      if (a.kind === 'send' && lastWasSend) out[out.length - 1] += a.bytes.toString();
      else out.push(a.kind === 'send' ? a.bytes.toString() : `<${a.kind}>`);
      lastWasSend = a.kind === 'send';
    }
    return out;
  };
  it('~. leaves, ~B breaks, ~? helps, ~~ sends one ~, only at the start of a line', () => {
    expect(run('ls\r~.rest')).toEqual(['ls\r', '<leave>']);
    expect(run('~B')).toEqual(['<break>']);
    expect(run('a~.b')).toEqual(['a~.b']);
    expect(run('x\n~~y')).toEqual(['x\n~y']);
    expect(run('~?')).toEqual(['<help>']);
    expect(run('\r~x')).toEqual(['\r~x']);
    // A terminal sends ~ and . in separate reads.
    expect(run('\r', '~', '.')).toEqual(['\r', '<leave>']);
    expect(run('a\r~', 'B', 'c')).toEqual(['a\r', '<break>', 'c']);
  });
});
