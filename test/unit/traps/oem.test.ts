import { describe, expect, it } from 'vitest';
import { parseOemFields } from '../../../src-main/engines/snmp/oem';
import { decodeBcdPlus } from '../../../src-main/engines/ipmi/interpret/id-string';

const b = (...x: Array<number | string>) => Buffer.concat(x.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));

describe('OEM custom fields', () => {
  it('none: empty, or just the 0xC1 terminator', () => {
    expect(parseOemFields(Buffer.alloc(0))).toEqual([]);
    expect(parseOemFields(b(0xc1))).toEqual([]);
  });
  it('FRU-style records closed by 0xC1, with zero padding after it', () => {
    const f = parseOemFields(b(0xc5, 'NODE1', 0x02, 0xde, 0xad, 0xc1, 0, 0));
    expect(f).toEqual([
      { kind: 'typed', typeCode: 3, text: 'NODE1', hex: Buffer.from('NODE1').toString('hex') },
      { kind: 'typed', typeCode: 0, hex: 'dead' },
    ]);
  });
  it('6-bit packed ASCII and BCD plus', () => {
    // "ABCD" in 6-bit: A=0x21,B=0x22,C=0x23,D=0x24 packed LSB first.
    const packed = [0x21 | (0x22 << 6), (0x22 >> 2) | (0x23 << 4), (0x23 >> 4) | (0x24 << 2)].map((x) => x & 0xff);
    expect(parseOemFields(b(0x83, ...packed, 0xc1))[0]).toMatchObject({ typeCode: 2, text: 'ABCD' });
    expect(parseOemFields(b(0x42, 0x12, 0xab, 0xc1))[0]).toMatchObject({ typeCode: 1, text: '12 -' });
  });
  it('BCD plus reads the same in a PET as in FRU and SDR strings (nibbles D-F included)', () => {
    const bytes = Uint8Array.of(0x12, 0xcd, 0xef);
    const fromPet = parseOemFields(b(0x43, ...bytes, 0xc1))[0];
    expect(fromPet).toMatchObject({ typeCode: 1, text: decodeBcdPlus(bytes) });
    expect(decodeBcdPlus(bytes)).toBe('12.:,_');
  });
  it('bare ASCII without 0xC1 (trailing NULs trimmed)', () => {
    expect(parseOemFields(b('FENCED SLOT 8', 0, 0))).toEqual([{ kind: 'ascii', text: 'FENCED SLOT 8', hex: Buffer.from('FENCED SLOT 8\0\0', 'latin1').toString('hex') }]);
  });
  it('records that fill the bytes exactly but lack 0xC1 are accepted, like ipmi-pet', () => {
    expect(parseOemFields(b(0x02, 0x01, 0xff))).toEqual([{ kind: 'typed', typeCode: 0, hex: '01ff' }]);
  });
  it('anything else is opaque, never lost', () => {
    expect(parseOemFields(b(0x05, 0x01, 0x02))).toEqual([{ kind: 'opaque', hex: '050102' }]);
    expect(parseOemFields(b(0xc1, 0x07))).toEqual([{ kind: 'opaque', hex: 'c107' }]);
  });
});
