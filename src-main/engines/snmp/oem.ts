import type { PetOemField } from '../../../shared/model/trap';
// The FRU string decoders of the IPMI interpreter: one reading of BCD plus and 6-bit ASCII for SDR, FRU and PET alike.
import { decodeBcdPlus, decodeSixBit } from '../ipmi/interpret/id-string';

/** End-of-fields marker of FRU-style type/length records (type 3, length 1). */
const END_OF_FIELDS = 0xc1;

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

function textOf(typeCode: number, data: Uint8Array): string | undefined {
  switch (typeCode) {
    case 1:
      return decodeBcdPlus(data);
    case 2:
      return decodeSixBit(data);
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
