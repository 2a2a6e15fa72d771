import { describe, expect, it } from 'vitest';
import { decodePet, isoMillis, isoSeconds, makeSpecificTrap, parseHexBytes, parseSpecificArg, PET_EPOCH_UNIX, splitSpecificTrap } from '../../../src-main/engines/snmp/pet';
import { interpretPet, petSeverityName } from '../../../src-main/engines/snmp/interpret';
import { loadPetCorpus } from '../../support/pet-corpus';

const corpus = loadPetCorpus();
const fault = Buffer.from(corpus[0].hex, 'hex');

function withBytes(base: Buffer, at: number, bytes: number[]): Buffer {
  const b = Buffer.from(base);
  bytes.forEach((v, i) => (b[at + i] = v));
  return b;
}

describe('specific trap', () => {
  it('splits 2191104 = 0x216F00 into Slot/Connector, sensor-specific, asserted, offset 0', () => {
    expect(splitSpecificTrap(2191104)).toEqual({ sensorType: 0x21, eventType: 0x6f, deassertion: false, offset: 0 });
    expect(splitSpecificTrap(0x216f80)).toEqual({ sensorType: 0x21, eventType: 0x6f, deassertion: true, offset: 0 });
    expect(splitSpecificTrap(0x01010b)?.offset).toBe(0x0b);
  });
  it('round-trips through makeSpecificTrap for every corpus entry', () => {
    for (const e of corpus) expect(makeSpecificTrap(splitSpecificTrap(e.specific)!)).toBe(e.specific & 0xffff8f);
  });
  it('refuses what net-snmp may deliver from a damaged trap', () => {
    for (const v of [-1, 0x1000000, 1.5, NaN, '2191104', null, undefined, 2 ** 31]) expect(splitSpecificTrap(v)).toBeUndefined();
  });
  it('parses decimal and 0x hex arguments like ipmi-pet', () => {
    expect(parseSpecificArg('2191104')).toBe(0x216f00);
    expect(parseSpecificArg('0x216F00')).toBe(0x216f00);
    expect(parseSpecificArg('0x1000000')).toBeUndefined();
    expect(parseSpecificArg('12abc')).toBeUndefined();
  });
});

describe('decodePet', () => {
  it('decodes the slot fault field by field', () => {
    const r = decodePet(0x216f00, fault, Date.UTC(2026, 0, 1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.fields;
    expect(p.guid).toBe('a1234567-89ab-cdef-a123-456789abcdef');
    expect(p.sequence).toBe(1);
    expect(p.timestampRaw).toBe(0x216f3a4b);
    expect(p.time).toBe('2015-10-11T07:59:07+00:00');
    expect(p.timePlausible).toBe(true);
    expect([p.trapSourceType, p.eventSourceType, p.severity, p.sensorDevice, p.sensorNumber, p.entity, p.entityInstance]).toEqual([0x20, 0x20, 0x10, 0x20, 5, 0x0b, 1]);
    expect(p.eventData).toEqual([0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(p.languageCode).toBe(0x19);
    expect(p.manufacturerId).toBe(119);
    expect(p.systemId).toBe(1);
    expect(p.oem).toEqual([]);
    expect(p.raw).toBe(corpus[0].hex);
    const t = interpretPet(p);
    expect(t).toMatchObject({ sensorTypeName: 'Slot/Connector', eventText: 'Fault Status asserted', direction: 'Assertion Event', severityName: 'Critical condition', manufacturer: 'NEC Corporation', sensorName: 'Sensor #5' });
  });

  it('accepts 47 to 110 bytes and refuses 46 and 111', () => {
    expect(decodePet(0x216f00, fault.subarray(0, 46))).toMatchObject({ ok: false, problem: { id: 'TRAPS_PET_BAD_LENGTH', params: { length: 46 } } });
    expect(decodePet(0x216f00, Buffer.concat([fault, Buffer.alloc(63)])).ok).toBe(true);
    expect(decodePet(0x216f00, Buffer.concat([fault, Buffer.alloc(64)]))).toMatchObject({ ok: false, problem: { id: 'TRAPS_PET_BAD_LENGTH', params: { length: 111 } } });
    expect(decodePet(0x216f00, Buffer.alloc(0)).ok).toBe(false);
  });

  it('reports a missing or mistyped varbind and a bad specific trap', () => {
    expect(decodePet(0x216f00, undefined)).toMatchObject({ ok: false, problem: { id: 'TRAPS_PET_MISSING' } });
    expect(decodePet(0x216f00, 'a string')).toMatchObject({ ok: false, problem: { id: 'TRAPS_PET_WRONG_TYPE' } });
    expect(decodePet(0x216f00, 42)).toMatchObject({ ok: false, problem: { id: 'TRAPS_PET_WRONG_TYPE' } });
    expect(decodePet(-5, fault)).toMatchObject({ ok: false, problem: { id: 'TRAPS_PET_BAD_SPECIFIC' } });
  });

  it('keeps raw time values; 0 and 0xFFFF mean unspecified; negative offsets; implausible clocks flagged', () => {
    const unspecified = decodePet(0x216f00, withBytes(fault, 18, [0, 0, 0, 0, 0xff, 0xff]));
    expect(unspecified.ok && unspecified.fields.time).toBeUndefined();
    expect(unspecified.ok && unspecified.fields.utcOffsetMinutes).toBeUndefined();
    expect(unspecified.ok && unspecified.fields.utcOffsetRaw).toBe(0xffff);
    const minus5h = decodePet(0x216f00, withBytes(fault, 22, [0xfe, 0xd4]));
    expect(minus5h.ok && minus5h.fields.utcOffsetMinutes).toBe(-300);
    expect(minus5h.ok && minus5h.fields.time).toBe('2015-10-11T07:59:07-05:00');
    const plus9h30 = decodePet(0x216f00, withBytes(fault, 22, [0x02, 0x3a]));
    expect(plus9h30.ok && plus9h30.fields.time).toBe('2015-10-11T07:59:07+09:30');
    const y1999 = decodePet(0x216f00, withBytes(fault, 18, [0x00, 0x00, 0x10, 0x00]));
    expect(y1999.ok && y1999.fields.timePlausible).toBe(false);
    expect(y1999.ok && y1999.fields.timestampRaw).toBe(0x1000);
    const farFuture = decodePet(0x216f00, withBytes(fault, 18, [0xff, 0xff, 0xff, 0xfe]), Date.UTC(2026, 0, 1));
    expect(farFuture.ok && farFuture.fields.timePlausible).toBe(false);
    expect(farFuture.ok && farFuture.fields.time).toBe(isoSeconds(PET_EPOCH_UNIX + 0xfffffffe) + '+00:00');
  });

  it('reads the manufacturer id as an unsigned 32-bit number', () => {
    const r = decodePet(0x216f00, withBytes(fault, 40, [0xff, 0xff, 0xff, 0xff]));
    expect(r.ok && r.fields.manufacturerId).toBe(0xffffffff);
    expect(r.ok && interpretPet(r.fields).manufacturer).toBe('4294967295');
  });

  it('offset 0x0F reads N/A, like ipmi-pet', () => {
    const e = corpus.find((c) => c.name === 'offset-unspecified')!;
    const r = decodePet(e.specific, Buffer.from(e.hex, 'hex'));
    expect(r.ok && interpretPet(r.fields).eventText).toBe('N/A');
  });

  it('names PET severities as ipmi-pet does', () => {
    expect([0, 1, 2, 4, 8, 0x10, 0x20, 0x40].map(petSeverityName)).toEqual(['N/A', 'Monitor', 'Information', 'Ok', 'Non-critical condition', 'Critical condition', 'Non-recoverable condition', 'Unspecified']);
  });

  it('formats ISO times exactly like Date#toISOString', () => {
    for (const ms of [0, 883612800000, 1e12, 4102444799999, Date.UTC(2024, 1, 29, 23, 59, 59, 7)]) expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('parseHexBytes', () => {
  it('takes separate bytes, runs, 0x prefixes, commas and colons', () => {
    expect(Array.from(parseHexBytes(['a1', '23', '0x45'])!)).toEqual([0xa1, 0x23, 0x45]);
    expect(Array.from(parseHexBytes(['a12345'])!)).toEqual([0xa1, 0x23, 0x45]);
    expect(Array.from(parseHexBytes(['a1:23,45'])!)).toEqual([0xa1, 0x23, 0x45]);
    expect(Array.from(parseHexBytes(['5'])!)).toEqual([5]);
  });
  it('refuses non-hex and odd-length runs', () => {
    expect(parseHexBytes(['zz'])).toBeUndefined();
    expect(parseHexBytes(['abc'])).toBeUndefined();
  });
});
