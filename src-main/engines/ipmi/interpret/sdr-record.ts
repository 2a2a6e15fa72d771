import { FieldKitError } from '../../../../shared/errors';
import { sensorTypeName } from '../../../../shared/ipmi';
import { fourBitSigned, tenBitSigned, type ConversionFactors } from './conversion';
import { decodeTypeLengthString } from './id-string';

/**
 * SDR records (IPMI 2.0 section 43): full sensor 0x01, compact 0x02,
 * event-only 0x03, FRU device locator 0x11, MC device locator 0x12. Other
 * types are kept as 'other' with their bytes so nothing is silently lost.
 */
interface SdrBase {
  recordId: number;
  version: number;
  recordType: number;
}

export interface SensorSdrCommon extends SdrBase {
  ownerId: number;
  ownerLun: number;
  channel: number;
  sensorNumber: number;
  entityId: number;
  entityInstance: number;
  sensorType: number;
  sensorTypeName: string;
  eventReadingType: number;
  name: string;
}

export interface Thresholds {
  upperNonRecoverable?: number;
  upperCritical?: number;
  upperNonCritical?: number;
  lowerNonRecoverable?: number;
  lowerCritical?: number;
  lowerNonCritical?: number;
}

export interface FullSensorSdr extends SensorSdrCommon {
  kind: 'full';
  factors: ConversionFactors;
  unitsModifier: number;
  baseUnit: number;
  modifierUnit: number;
  percentage: boolean;
  /** Raw threshold bytes readable per the SDR's mask (bit 0 lnc .. bit 5 unr). */
  readableThresholds: number;
  rawThresholds: { unr: number; uc: number; unc: number; lnr: number; lc: number; lnc: number };
  nominalRaw?: number;
  sensorMaxRaw: number;
  sensorMinRaw: number;
}

export interface CompactSensorSdr extends SensorSdrCommon {
  kind: 'compact';
  baseUnit: number;
  /** Record sharing: how many sensors this record stands for (1 = itself). */
  shareCount: number;
  idInstanceModifier: { type: 'numeric' | 'alpha'; offset: number };
}

export interface EventOnlySdr extends SensorSdrCommon {
  kind: 'event-only';
  shareCount: number;
}

export interface FruLocatorSdr extends SdrBase {
  kind: 'fru-locator';
  deviceAddress: number;
  fruId: number;
  logical: boolean;
  channel: number;
  entityId: number;
  entityInstance: number;
  name: string;
}

export interface McLocatorSdr extends SdrBase {
  kind: 'mc-locator';
  slaveAddress: number;
  channel: number;
  capabilities: number;
  entityId: number;
  entityInstance: number;
  name: string;
}

export interface OtherSdr extends SdrBase {
  kind: 'other';
  body: string; // hex
}

export type SdrRecord = FullSensorSdr | CompactSensorSdr | EventOnlySdr | FruLocatorSdr | McLocatorSdr | OtherSdr;
export type SensorSdr = FullSensorSdr | CompactSensorSdr | EventOnlySdr;

export function isSensorSdr(r: SdrRecord): r is SensorSdr {
  return r.kind === 'full' || r.kind === 'compact' || r.kind === 'event-only';
}

function bad(detail: string): FieldKitError {
  return new FieldKitError('IPMICMD_BAD_RECORD', { what: 'SDR record', detail });
}

const MIN_BODY: Record<number, number> = { 0x01: 43, 0x02: 27, 0x03: 12, 0x11: 11, 0x12: 11 };

/** Parses one whole record: 5-byte header then the body. */
export function parseSdrRecord(rec: Uint8Array): SdrRecord {
  if (rec.length < 5) throw bad(`record of ${rec.length} bytes has no header`);
  const b = Buffer.from(rec.buffer, rec.byteOffset, rec.byteLength);
  const base: SdrBase = { recordId: b.readUInt16LE(0), version: b[2], recordType: b[3] };
  const declared = b[4];
  const body = b.subarray(5, 5 + declared);
  const min = MIN_BODY[base.recordType];
  if (min !== undefined && body.length < min) {
    throw bad(`record ${base.recordId} type 0x${base.recordType.toString(16)} has ${body.length} body bytes, needs ${min}`);
  }
  // Offsets below are spec byte numbers (1-based over the whole record) minus 1.
  const at = (specByte: number) => b[specByte - 1];
  const common = (): Omit<SensorSdrCommon, keyof SdrBase | 'name' | 'sensorType' | 'eventReadingType' | 'sensorTypeName'> => ({
    ownerId: at(6),
    ownerLun: at(7) & 0x03,
    channel: (at(7) >> 4) & 0x0f,
    sensorNumber: at(8),
    entityId: at(9),
    entityInstance: at(10) & 0x7f,
  });
  switch (base.recordType) {
    case 0x01: {
      const sensorType = at(13);
      const units1 = at(21);
      return {
        ...base,
        ...common(),
        kind: 'full',
        sensorType,
        sensorTypeName: sensorTypeName(sensorType),
        eventReadingType: at(14),
        factors: {
          analogFormat: (units1 >> 6) & 0x03,
          linearization: at(24) & 0x7f,
          m: tenBitSigned(at(25), at(26) >> 6),
          b: tenBitSigned(at(27), at(28) >> 6),
          rExp: fourBitSigned(at(30) >> 4),
          bExp: fourBitSigned(at(30)),
        },
        unitsModifier: (units1 >> 1) & 0x03,
        percentage: (units1 & 0x01) !== 0,
        baseUnit: at(22),
        modifierUnit: at(23),
        readableThresholds: at(19),
        rawThresholds: { unr: at(37), uc: at(38), unc: at(39), lnr: at(40), lc: at(41), lnc: at(42) },
        ...(at(31) & 0x01 ? { nominalRaw: at(32) } : {}),
        sensorMaxRaw: at(35),
        sensorMinRaw: at(36),
        name: decodeTypeLengthString(b.subarray(0, 5 + declared), 47).text,
      };
    }
    case 0x02: {
      const sensorType = at(13);
      return {
        ...base,
        ...common(),
        kind: 'compact',
        sensorType,
        sensorTypeName: sensorTypeName(sensorType),
        eventReadingType: at(14),
        baseUnit: at(22),
        shareCount: Math.max(1, at(24) & 0x0f),
        idInstanceModifier: { type: at(24) & 0x30 ? 'alpha' : 'numeric', offset: at(25) & 0x7f },
        name: decodeTypeLengthString(b.subarray(0, 5 + declared), 31).text,
      };
    }
    case 0x03: {
      const sensorType = at(11);
      return {
        ...base,
        ...common(),
        kind: 'event-only',
        sensorType,
        sensorTypeName: sensorTypeName(sensorType),
        eventReadingType: at(12),
        shareCount: Math.max(1, at(13) & 0x0f),
        name: decodeTypeLengthString(b.subarray(0, 5 + declared), 16).text,
      };
    }
    case 0x11:
      return {
        ...base,
        kind: 'fru-locator',
        deviceAddress: at(6),
        fruId: at(7),
        logical: (at(8) & 0x80) !== 0,
        channel: (at(9) >> 4) & 0x0f,
        entityId: at(13),
        entityInstance: at(14),
        name: decodeTypeLengthString(b.subarray(0, 5 + declared), 15).text,
      };
    case 0x12:
      return {
        ...base,
        kind: 'mc-locator',
        slaveAddress: at(6),
        channel: at(7) & 0x0f,
        capabilities: at(9),
        entityId: at(13),
        entityInstance: at(14),
        name: decodeTypeLengthString(b.subarray(0, 5 + declared), 15).text,
      };
    default:
      return { ...base, kind: 'other', body: body.toString('hex') };
  }
}

/**
 * Shared compact / event-only records stand for several sensors (e.g.
 * "PCI Slot 1".."PCI Slot 6" in one record); expands them into one record
 * per sensor with the instance suffix the spec describes.
 */
export function expandShared(r: SdrRecord): SdrRecord[] {
  if (r.kind !== 'compact' && r.kind !== 'event-only') return [r];
  if (r.shareCount <= 1) return [r];
  const out: SdrRecord[] = [];
  const mod = r.kind === 'compact' ? r.idInstanceModifier : { type: 'numeric' as const, offset: 0 };
  for (let i = 0; i < r.shareCount; i++) {
    const n = mod.offset + i;
    const suffix = mod.type === 'alpha' ? String.fromCharCode(0x41 + (n % 26)) : String(n);
    out.push({ ...r, sensorNumber: (r.sensorNumber + i) & 0xff, entityInstance: r.entityInstance, name: `${r.name}${suffix}`, shareCount: 1 });
  }
  return out;
}
