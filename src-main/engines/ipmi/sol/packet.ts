/**
 * The SOL payload (IPMI 2.0 section 15.9, tables 15-2 and 15-3): a 4-byte
 * header and the characters. Pure encode / decode; the console decides what
 * to send.
 *
 *   byte 1  packet sequence number, bits 3:0 (1..15; 0 = an ACK-only packet)
 *   byte 2  ACK/NACK sequence number, bits 3:0 (0 = this packet acknowledges nothing)
 *   byte 3  accepted character count (of the packet acknowledged)
 *   byte 4  operation (console to BMC) or status (BMC to console)
 *   byte 5+ character data
 */
import { decodeError } from '../decode-error';
import { SOL_HEADER_LENGTH, SOL_OP, SOL_STATUS } from '../spec';

// The SOL packet's numbers live with the other protocol numbers (spec.ts).
export { SOL_HEADER_LENGTH, SOL_OP, SOL_STATUS };

export interface SolPacket {
  /** 0 = no data of its own (ACK-only or status-only). */
  seq: number;
  /** The sequence number acknowledged (or NACKed); 0 = none. */
  ack: number;
  /** Characters of the acknowledged packet that were accepted. */
  accepted: number;
  /** Operation (outbound) or status (inbound) byte. */
  flags: number;
  data: Buffer;
}

export function encodeSolPacket(p: SolPacket): Buffer {
  const b = Buffer.allocUnsafe(SOL_HEADER_LENGTH + p.data.length);
  b[0] = p.seq & 0x0f;
  b[1] = p.ack & 0x0f;
  b[2] = p.accepted & 0xff;
  b[3] = p.flags & 0xff;
  p.data.copy(b, SOL_HEADER_LENGTH);
  return b;
}

export function decodeSolPacket(b: Buffer): SolPacket {
  if (b.length < SOL_HEADER_LENGTH) throw decodeError(`SOL packet of ${b.length} bytes is shorter than its header`);
  return { seq: b[0] & 0x0f, ack: b[1] & 0x0f, accepted: b[2], flags: b[3], data: Buffer.from(b.subarray(SOL_HEADER_LENGTH)) };
}

/** The sequence number after n: 1..15, never 0 (0 marks an ACK-only packet). */
export function nextSolSeq(n: number): number {
  return n >= 15 ? 1 : n + 1;
}
