/**
 * RMCP framing (DMTF ASF 2.0 section 3.2) and the ASF presence ping.
 */
import { decodeError } from './decode-error';

export const RMCP_VERSION = 0x06;
export const RMCP_SEQ_NO_ACK = 0xff;
export const RMCP_CLASS_ASF = 0x06;
export const RMCP_CLASS_IPMI = 0x07;
export const ASF_IANA = 4542;
export const ASF_PING = 0x80;
export const ASF_PONG = 0x40;

export const RMCP_IPMI_HEADER = Buffer.from([RMCP_VERSION, 0x00, RMCP_SEQ_NO_ACK, RMCP_CLASS_IPMI]);

export function encodeAsfPing(tag: number): Buffer {
  return Buffer.from([RMCP_VERSION, 0x00, RMCP_SEQ_NO_ACK, RMCP_CLASS_ASF, 0x00, 0x00, 0x11, 0xbe, ASF_PING, tag & 0xff, 0x00, 0x00]);
}

export interface AsfPong { tag: number; supportsIpmi: boolean }

/** Decodes a presence pong; throws a decode error on anything else. */
export function decodeAsfPong(b: Buffer): AsfPong {
  if (b.length < 12 || b[0] !== RMCP_VERSION || b[3] !== RMCP_CLASS_ASF) throw decodeError('not an ASF message');
  if (b.readUInt32BE(4) !== ASF_IANA || b[8] !== ASF_PONG) throw decodeError('not a presence pong');
  const len = b[11];
  const supportsIpmi = len >= 9 && b.length >= 12 + 9 ? (b[12 + 8] & 0x80) !== 0 : false;
  return { tag: b[9], supportsIpmi };
}

export function isRmcpIpmi(b: Buffer): boolean {
  return b.length >= 5 && b[0] === RMCP_VERSION && b[3] === RMCP_CLASS_IPMI;
}

export function isRmcpAsf(b: Buffer): boolean {
  return b.length >= 4 && b[0] === RMCP_VERSION && b[3] === RMCP_CLASS_ASF;
}
