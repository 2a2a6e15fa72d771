import type { PetOemField } from '../../../shared/model/trap';

/** End-of-fields marker of FRU-style type/length records (type 3, length 1). */
const END_OF_FIELDS = 0xc1;

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** 6-bit packed ASCII (IPMI FRU spec 13.2): 4 characters per 3 bytes, LSB first, 0x20 offset. */
function unpackSixBit(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc |= b << bits;
    bits += 8;
    while (bits >= 6) {
      out += String.fromCharCode((acc & 0x3f) + 0x20);
      acc >>= 6;
      bits -= 6;
    }
  }
  return out;
}

/** BCD plus: digits, space, dash and period in nibbles (0xA space, 0xB '-', 0xC '.'). */
function unpackBcdPlus(bytes: Uint8Array): string {
  const map = '0123456789 -.???';
  let out = '';
  for (const b of bytes) out += map[b >> 4] + map[b & 0x0f];
  return out;
}

function textOf(typeCode: number, data: Uint8Array): string | undefined {
  switch (typeCode) {
    case 1:
      return unpackBcdPlus(data);
    case 2:
      return unpackSixBit(data);
    case 3:
      return Buffer.from(data).toString('latin1');
    default:
      return undefined; // binary: hex only
  }
}

/**
 * Tries the standard form; undefined when the bytes are not a well-formed
 * record list. `requireEnd`: the list must be closed by 0xC1.
 */
function parseTyped(bytes: Uint8Array, requireEnd: boolean): PetOemField[] | undefined {
  const fields: PetOemField[] = [];
  let i = 0;
  while (i < bytes.length) {
    const tl = bytes[i];
    if (tl === END_OF_FIELDS) {
      // Some senders pad the varbind after the terminator; only zero padding is accepted as such.
      for (let j = i + 1; j < bytes.length; j++) if (bytes[j] !== 0) return undefined;
      return fields;
    }
    const typeCode = tl >> 6;
    const len = tl & 0x3f;
    if (i + 1 + len > bytes.length) return undefined;
    const data = bytes.subarray(i + 1, i + 1 + len);
    const text = textOf(typeCode, data);
    fields.push(text === undefined ? { kind: 'typed', typeCode, hex: hex(data) } : { kind: 'typed', typeCode, text, hex: hex(data) });
    i += 1 + len;
  }
  // Records that fill the varbind exactly but lack the terminator: lenient, like ipmi-pet.
  return requireEnd ? undefined : fields;
}

function isPrintable(bytes: Uint8Array): boolean {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--; // trailing NULs are common in C-string senders
  if (end === 0) return false;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

/**
 * OEM custom fields of a PET (bytes 46 onwards). The spec says FRU-style
 * type/length records closed by 0xC1; some BMCs send bare ASCII; anything
 * else is kept as opaque bytes so that nothing the BMC said is lost.
 */
export function parseOemFields(bytes: Uint8Array): PetOemField[] {
  if (bytes.length === 0) return [];
  if (bytes.length === 1 && bytes[0] === END_OF_FIELDS) return []; // the common case: no OEM fields
  const typed = parseTyped(bytes, true);
  if (typed) return typed;
  // Bare text is checked before unterminated records: "FENCED..." would otherwise read as records.
  if (isPrintable(bytes)) {
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    return [{ kind: 'ascii', text: Buffer.from(bytes.subarray(0, end)).toString('latin1'), hex: hex(bytes) }];
  }
  return parseTyped(bytes, false) ?? [{ kind: 'opaque', hex: hex(bytes) }];
}
