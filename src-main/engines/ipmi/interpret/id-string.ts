/**
 * SDR / FRU type-length strings (IPMI 2.0 section 43.15, FRU spec 13):
 * bits 7:6 type (00 unicode/binary, 01 BCD plus, 10 6-bit packed ASCII,
 * 11 8-bit ASCII+Latin-1), bits 4:0 length in bytes.
 */
export interface TypeLength {
  type: number;
  length: number;
}

export function typeLength(byte: number): TypeLength {
  return { type: (byte >> 6) & 0x03, length: byte & 0x3f };
}

const BCD_PLUS = '0123456789 -.:,_';

export function decodeBcdPlus(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += BCD_PLUS[(b >> 4) & 0x0f] + BCD_PLUS[b & 0x0f];
  return s.trim();
}

/** 6-bit packed ASCII: 4 characters in 3 bytes, little-endian bit order, char = 0x20 + value. */
export function decodeSixBit(bytes: Uint8Array): string {
  let s = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc |= b << bits;
    bits += 8;
    while (bits >= 6) {
      s += String.fromCharCode(0x20 + (acc & 0x3f));
      acc >>= 6;
      bits -= 6;
    }
  }
  return s.trimEnd();
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  // Trailing NULs and spaces are padding on many BMCs.
  return s.replace(/[\0\s]+$/, '');
}

/**
 * Decodes a type/length-prefixed string at `offset`. Returns the text and
 * the offset after it; a length running past the buffer is cut to what is
 * there (BMCs do send that) rather than rejected.
 */
export function decodeTypeLengthString(buf: Uint8Array, offset: number, sdr = true): { text: string; next: number; type: number } {
  if (offset >= buf.length) return { text: '', next: offset, type: 3 };
  const { type, length } = typeLength(buf[offset]);
  const start = offset + 1;
  const bytes = buf.subarray(start, Math.min(buf.length, start + length));
  let text: string;
  switch (type) {
    case 0:
      // SDR: unicode (rare); FRU: binary. Printable bytes only, else hex.
      text = bytes.every((b) => b >= 0x20 && b < 0x7f) ? latin1(bytes) : Buffer.from(bytes).toString('hex');
      if (sdr && bytes.length === 0) text = '';
      break;
    case 1:
      text = decodeBcdPlus(bytes);
      break;
    case 2:
      text = decodeSixBit(bytes);
      break;
    default:
      text = latin1(bytes);
  }
  return { text, next: start + length, type };
}
