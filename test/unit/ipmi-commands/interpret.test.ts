import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import {
  decodeBcdPlus,
  decodeFru,
  decodeSixBit,
  decodeTypeLengthString,
  describeSel,
  selDetail,
  expandShared,
  interpretReading,
  parseSdrRecord,
  parseSelRecord,
  rawToValue,
  selDateTime,
  type FullSensorSdr,
} from '../../../src-main/engines/ipmi/interpret';
import { readSdrRepository } from '../../../src-main/engines/ipmi/ops';
import { compactSdr } from '../../fixtures/ipmi/emu';
import { ReplayRequester, recorded } from './recorded';

async function records() {
  return (await readSdrRepository(new ReplayRequester())).records;
}

describe('SDR records from ipmi_sim', () => {
  it('parses full, compact, event-only and locator records', async () => {
    const r = await records();
    const kinds = r.map((x) => x.kind);
    expect(kinds).toContain('full');
    expect(kinds).toContain('compact');
    expect(kinds).toContain('event-only');
    expect(kinds).toContain('fru-locator');
    expect(kinds).toContain('mc-locator');
    const v = r.find((x) => 'name' in x && x.name === '12V') as FullSensorSdr;
    expect(v.factors.m).toBe(6);
    expect(v.factors.rExp).toBe(-2);
    expect(rawToValue(200, v.factors)).toBe(12);
    expect(rawToValue(v.rawThresholds.uc, v.factors)).toBe(13.2);
  });

  it('interprets a threshold reading and its state', async () => {
    const t = (await records()).find((x) => 'name' in x && x.name === 'CPU Temp') as FullSensorSdr;
    const ok = interpretReading(t, { raw: 45, eventMessagesEnabled: true, scanningEnabled: true, unavailable: false, states: 0, hasSecondStateByte: false });
    expect(ok.value).toBe(45);
    expect(ok.unitAbbrev).toBe('C');
    expect(ok.severity).toBe('nominal');
    const hot = interpretReading(t, { raw: 95, eventMessagesEnabled: true, scanningEnabled: true, unavailable: false, states: 0x18, hasSecondStateByte: false });
    expect(hot.asserted.map((a) => a.text)).toEqual(['At or Above (>=) Upper Critical Threshold']);
    expect(hot.severity).toBe('critical');
    expect(hot.thresholds?.upperCritical).toBe(90);
  });

  it('expands shared compact records with instance suffixes', () => {
    const rec = Buffer.from(compactSdr(0x10, 0x0b, 1, 0x21, 'Slot'));
    rec[23] = 0x06; // share count 6, numeric suffix
    rec[24] = 0x01; // suffix starts at 1
    const parsed = parseSdrRecord(rec);
    const out = expandShared(parsed);
    expect(out).toHaveLength(6);
    expect(out.map((o) => ('name' in o ? o.name : ''))).toEqual(['Slot1', 'Slot2', 'Slot3', 'Slot4', 'Slot5', 'Slot6']);
    expect(out.map((o) => ('sensorNumber' in o ? o.sensorNumber : -1))).toEqual([0x10, 0x11, 0x12, 0x13, 0x14, 0x15]);
  });

  it('rejects truncated records with a catalogued error', () => {
    expect(() => parseSdrRecord(Buffer.from('000051', 'hex'))).toThrowError(FieldKitError);
    expect(() => parseSdrRecord(Buffer.from('0000510105200001', 'hex'))).toThrowError(/SDR record/);
  });
});

describe('ID strings', () => {
  it('decodes 6-bit packed ASCII (4 chars in 3 bytes)', () => {
    // "IPMI": I=0x29 P=0x30 M=0x2D I=0x29 -> bits little-endian
    const v = 0x29 | (0x30 << 6) | (0x2d << 12) | (0x29 << 18);
    expect(decodeSixBit(Uint8Array.of(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff))).toBe('IPMI');
  });
  it('decodes BCD plus', () => {
    expect(decodeBcdPlus(Uint8Array.of(0x12, 0xc3))).toBe('12.3');
  });
  it('cuts a length running past the buffer', () => {
    expect(decodeTypeLengthString(Uint8Array.of(0xc8, 0x41, 0x42), 0).text).toBe('AB');
  });
});

describe('conversion', () => {
  it('handles signed formats, B, and linearization', () => {
    expect(rawToValue(0xff, { analogFormat: 2, linearization: 0, m: 1, b: 0, bExp: 0, rExp: 0 })).toBe(-1);
    expect(rawToValue(0xfe, { analogFormat: 1, linearization: 0, m: 1, b: 0, bExp: 0, rExp: 0 })).toBe(-1);
    expect(rawToValue(10, { analogFormat: 0, linearization: 0, m: 2, b: 5, bExp: 1, rExp: -1 })).toBe(7);
    expect(rawToValue(4, { analogFormat: 0, linearization: 0x08, m: 1, b: 0, bExp: 0, rExp: 0 })).toBe(16);
    expect(rawToValue(4, { analogFormat: 3, linearization: 0, m: 1, b: 0, bExp: 0, rExp: 0 })).toBeUndefined();
  });
});

describe('SEL and FRU', () => {
  it('decodes the recorded SEL entry', () => {
    const e = recorded.find((x) => x.req.startsWith('0a43'))!;
    const rec = parseSelRecord(Buffer.from(e.data, 'hex').subarray(2));
    expect(rec.sensorTypeName).toBe('Slot/Connector');
    expect(rec.event).toBe('Fault Status asserted');
    expect(rec.assertion).toBe(true);
    expect(rec.severity).toBe('critical');
    expect(selDateTime(rec).date).toBe('PostInit');
    const later = parseSelRecord(Buffer.from('0200' + '02' + 'b05a026b' + '2000' + '04' + '21' + '35' + 'ef' + '00ffff', 'hex'));
    expect(later.assertion).toBe(false);
    expect(selDateTime(later)).toEqual({ date: 'Nov-22-2026', time: '03:00:00' });
  });

  it('decodes FRU areas and notices a bad checksum', () => {
    const bytes = Buffer.concat(recorded.filter((x) => x.req.startsWith('0a11')).map((x) => Buffer.from(x.data, 'hex').subarray(1)));
    const f = decodeFru(bytes);
    expect(f.badChecksums).toEqual([]);
    expect(f.chassis?.typeName).toBe('Rack Mount Chassis');
    expect(f.board?.manufacturer).toBe('FieldKit Labs');
    expect(f.product?.assetTag).toBe('ASSET-7');
    const broken = Buffer.from(bytes);
    broken[8 * bytes[3] + 7] ^= 0xff; // a byte inside the board area
    expect(decodeFru(broken).badChecksums).toContain('board');
  });
});

describe('SEL event data 2/3', () => {
  const rec = (ert: number, d1: number, d2: number, d3: number) =>
    parseSelRecord(Buffer.from([0x10, 0x00, 0x02, 0, 0, 0, 0, 0x20, 0x00, 0x04, 0x01, 0x01, ert, d1, d2, d3]));

  it('threshold: trigger reading and threshold converted with the SDR, hex without it', async () => {
    const t = (await records()).find((x) => 'name' in x && x.name === 'CPU Temp') as FullSensorSdr;
    const r = rec(0x01, 0x59, 0x5f, 0x5a);
    expect(describeSel(r, t).description).toBe('Upper Critical - going high ; Sensor Reading = 95.00 C ; Threshold = 90.00 C');
    expect(selDetail(rec(0x01, 0x59, 0x5f, 0x5a))).toBe('Sensor Reading = 5Fh ; Threshold = 5Ah');
    expect(selDetail(rec(0x01, 0x09, 0xff, 0xff))).toBeUndefined();
  });

  it('OEM codes unless unspecified (0xFF)', () => {
    expect(selDetail(rec(0x6f, 0xa0, 0x12, 0x34))).toBe('OEM Event Data2 code = 12h ; OEM Event Data3 code = 34h');
    expect(selDetail(rec(0x6f, 0x80, 0x56, 0xff))).toBe('OEM Event Data2 code = 56h');
    expect(selDetail(rec(0x6f, 0xa0, 0xff, 0xff))).toBeUndefined();
  });
});
