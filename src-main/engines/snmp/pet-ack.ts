import dgram from 'node:dgram';
import net from 'node:net';
import { FieldKitError } from '../../../shared/errors';
import type { PetFields } from '../../../shared/model/trap';

/**
 * IPMI PET Acknowledge (netFn 0x04 Sensor/Event, cmd 0x17), sent the way
 * FreeIPMI's `ipmi-pet --pet-acknowledge` sends it: a sessionless IPMI 1.5
 * message (authentication type none, session id 0) to the BMC's RMCP port.
 * The BMC stops retransmitting the trap once it has it. No credentials are
 * involved, so no session through the IPMI engine is needed.
 */
export const NETFN_SENSOR_EVENT = 0x04;
export const CMD_PET_ACKNOWLEDGE = 0x17;
const BMC_ADDR = 0x20;
const CONSOLE_ADDR = 0x81;

function checksum(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum = (sum + bytes[i]) & 0xff;
  return (0x100 - sum) & 0xff;
}

/** The 12 request data bytes: sequence and local timestamp LS byte first, event source type, sensor device and number, event data 1-3. */
export function petAckData(p: PetFields): Buffer {
  const d = Buffer.alloc(12);
  d.writeUInt16LE(p.sequence, 0);
  d.writeUInt32LE(p.timestampRaw >>> 0, 2);
  d[6] = p.eventSourceType;
  d[7] = p.sensorDevice;
  d[8] = p.sensorNumber;
  d[9] = p.eventData[0];
  d[10] = p.eventData[1];
  d[11] = p.eventData[2];
  return d;
}

/** The whole datagram: RMCP header, IPMI 1.5 session header without authentication, IPMI message. */
export function encodePetAck(p: PetFields, rqSeq: number): Buffer {
  const msg = Buffer.concat([Buffer.from([BMC_ADDR, NETFN_SENSOR_EVENT << 2, 0, CONSOLE_ADDR, (rqSeq & 0x3f) << 2, CMD_PET_ACKNOWLEDGE]), petAckData(p), Buffer.from([0])]);
  msg[2] = checksum(msg, 0, 2);
  msg[msg.length - 1] = checksum(msg, 3, msg.length - 1);
  const header = Buffer.from([0x06, 0x00, 0xff, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, msg.length]);
  return Buffer.concat([header, msg]);
}

/** Completion code of a PET Acknowledge response with our rqSeq; undefined for anything else. */
export function decodePetAckResponse(b: Buffer, rqSeq: number): number | undefined {
  if (b.length < 14 + 8 || b[0] !== 0x06 || b[3] !== 0x07 || b[4] !== 0x00) return undefined;
  const m = b.subarray(14, 14 + b[13]);
  if (m.length < 8) return undefined;
  if (m[1] >> 2 !== NETFN_SENSOR_EVENT + 1 || m[4] >> 2 !== (rqSeq & 0x3f) || m[5] !== CMD_PET_ACKNOWLEDGE) return undefined;
  if (checksum(m, 0, 2) !== m[2] || checksum(m, 3, m.length - 1) !== m[m.length - 1]) return undefined;
  return m[6];
}

export interface PetAckOptions {
  host: string;
  port?: number;
  pet: PetFields;
  /** Per attempt; FreeIPMI's retransmission timeout is 1 s. */
  timeoutMs?: number;
  retries?: number;
  signal?: AbortSignal;
}

let nextSeq = 1;

/** Sends PET Acknowledge and resolves with the completion code; throws TRAPS_ACK_FAILED on no answer. */
export function sendPetAck(o: PetAckOptions): Promise<number> {
  const port = o.port ?? 623;
  const timeoutMs = o.timeoutMs ?? 1000;
  const attempts = 1 + (o.retries ?? 2);
  const rqSeq = nextSeq = (nextSeq % 63) + 1;
  const packet = encodePetAck(o.pet, rqSeq);
  const sock = dgram.createSocket(net.isIPv6(o.host) ? 'udp6' : 'udp4');
  return new Promise<number>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let tries = 0;
    const done = (err: FieldKitError | undefined, cc?: number) => {
      if (timer) clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      try {
        sock.close();
      } catch {
        // already closed
      }
      if (err) reject(err);
      else resolve(cc!);
    };
    const onAbort = () => done(new FieldKitError('TRAPS_ACK_FAILED', { address: o.host, detail: 'cancelled' }));
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    sock.on('error', (e) => done(new FieldKitError('TRAPS_ACK_FAILED', { address: o.host, detail: (e as NodeJS.ErrnoException).code ?? e.message })));
    sock.on('message', (m, rinfo) => {
      if (rinfo.port !== port) return;
      const cc = decodePetAckResponse(m, rqSeq);
      if (cc !== undefined) done(undefined, cc);
    });
    const attempt = () => {
      if (tries++ >= attempts) return done(new FieldKitError('TRAPS_ACK_FAILED', { address: o.host, detail: `no answer after ${attempts} attempts` }));
      sock.send(packet, port, o.host);
      timer = setTimeout(attempt, timeoutMs);
    };
    sock.bind(0, () => attempt());
  });
}
