/**
 * The IPMI message inside a LAN packet (IPMI 2.0 section 13.8): addresses,
 * netFn/LUN, two checksums, sequence and command.
 */
import { decodeError } from './decode-error';

export const BMC_SA = 0x20;
export const CONSOLE_SWID = 0x81;

export function checksum(b: Buffer, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s = (s + b[i]) & 0xff;
  return (0x100 - s) & 0xff;
}

export interface IpmiRequestMessage {
  netFn: number;
  cmd: number;
  rqSeq: number; // 0..63
  lun?: number;
  data?: Uint8Array;
}

export function encodeRequest(m: IpmiRequestMessage): Buffer {
  const data = m.data ?? new Uint8Array(0);
  // Every byte is written below: a pooled, unzeroed buffer is safe and far
  // cheaper than a fresh zeroed one on the per-request path.
  const b = Buffer.allocUnsafe(7 + data.length);
  b[0] = BMC_SA;
  b[1] = ((m.netFn & 0x3f) << 2) | ((m.lun ?? 0) & 0x03);
  b[2] = checksum(b, 0, 2);
  b[3] = CONSOLE_SWID;
  b[4] = ((m.rqSeq & 0x3f) << 2) | 0x00;
  b[5] = m.cmd & 0xff;
  b.set(data, 6);
  b[6 + data.length] = checksum(b, 3, 6 + data.length);
  return b;
}

export interface IpmiResponseMessage {
  netFn: number; // the response netFn (request netFn | 1)
  cmd: number;
  rqSeq: number;
  completionCode: number;
  data: Buffer;
}

/** Decodes a response message; checksums and lengths are checked. */
export function decodeResponse(b: Buffer): IpmiResponseMessage {
  if (b.length < 8) throw decodeError(`IPMI response too short (${b.length} bytes)`);
  if (checksum(b, 0, 2) !== b[2]) throw decodeError('IPMI header checksum mismatch');
  if (checksum(b, 3, b.length - 1) !== b[b.length - 1]) throw decodeError('IPMI data checksum mismatch');
  return {
    netFn: b[1] >> 2,
    rqSeq: b[4] >> 2,
    cmd: b[5],
    completionCode: b[6],
    data: Buffer.from(b.subarray(7, b.length - 1)),
  };
}
