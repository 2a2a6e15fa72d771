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

export const SOL_HEADER_LENGTH = 4;

/** Byte 4 from the console: operation bits (table 15-2). */
export const SOL_OP = {
  NACK: 0x40,
  RING_WOR: 0x20,
  BREAK: 0x10,
  CTS_PAUSE: 0x08,
  DEASSERT_DCD_DSR: 0x04,
  FLUSH_INBOUND: 0x02,
  FLUSH_OUTBOUND: 0x01,
} as const;

/** Byte 4 from the BMC: status bits (table 15-3). */
export const SOL_STATUS = {
  NACK: 0x40,
  TRANSFER_UNAVAILABLE: 0x20,
  DEACTIVATING: 0x10,
  TRANSMIT_OVERRUN: 0x08,
  BREAK_DETECTED: 0x04,
} as const;

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
