import { eventData2Text, eventData3Text, eventSeverity, eventText, sensorTypeName, type Severity } from '../../../../shared/ipmi';
import { FieldKitError } from '../../../../shared/errors';
import { rawToValue } from './conversion';
import type { SensorSdr } from './sdr-record';
import { unitAbbrev } from './units';

/** One SEL record (IPMI 2.0 section 32), decoded. */
export interface SelRecord {
  recordId: number;
  recordType: number;
  kind: 'system' | 'oem-timestamped' | 'oem';
  /** Seconds since 1970; values below 0x20000000 count from BMC init (FreeIPMI prints "PostInit"). */
  timestamp?: number;
  preInit?: boolean;
  generatorId?: number;
  evmRev?: number;
  sensorType?: number;
  sensorTypeName?: string;
  sensorNumber?: number;
  eventReadingType?: number;
  assertion?: boolean;
  offset?: number;
  eventData?: [number, number, number];
  /** Text of the event offset (FreeIPMI's wording). */
  event?: string;
  severity?: Severity;
  /** Name of the sensor, filled in from the SDR by the caller. */
  sensorName?: string;
  /** Event data 2/3 interpreted (threshold events: trigger reading and threshold), as ipmi-sel prints it. */
  detail?: string;
  /** event, then detail: the whole text ipmi-sel prints in its Event column. */
  description?: string;
  raw: string;
}

const INIT_LIMIT = 0x20000000;

export function parseSelRecord(rec: Uint8Array): SelRecord {
  if (rec.length < 16) throw new FieldKitError('IPMICMD_BAD_RECORD', { what: 'SEL record', detail: `${rec.length} bytes instead of 16` });
  const b = Buffer.from(rec.buffer, rec.byteOffset, 16);
  const recordId = b.readUInt16LE(0);
  const recordType = b[2];
  const raw = b.toString('hex');
  if (recordType === 0x02) {
    const ts = b.readUInt32LE(3);
    const sensorType = b[10];
    const ert = b[12] & 0x7f;
    const offset = b[13] & 0x0f;
    return {
      recordId,
      recordType,
      kind: 'system',
      timestamp: ts,
      preInit: ts < INIT_LIMIT,
      generatorId: b.readUInt16LE(7),
      evmRev: b[9],
      sensorType,
      sensorTypeName: sensorTypeName(sensorType, 'N/A'),
      sensorNumber: b[11],
      eventReadingType: ert,
      assertion: (b[12] & 0x80) === 0,
      offset,
      eventData: [b[13], b[14], b[15]],
      event: eventText(sensorType, ert, offset),
      ...(eventSeverity(sensorType, ert, offset) ? { severity: eventSeverity(sensorType, ert, offset) } : {}),
      raw,
    };
  }
  if (recordType >= 0xc0 && recordType <= 0xdf) {
    const ts = b.readUInt32LE(3);
    return { recordId, recordType, kind: 'oem-timestamped', timestamp: ts, preInit: ts < INIT_LIMIT, raw };
  }
  return { recordId, recordType, kind: 'oem', raw };
}

/** Date and time as FreeIPMI prints them (UTC): "Nov-22-2026" and "03:00:00", or PostInit. */
export function selDateTime(r: SelRecord): { date: string; time: string } {
  if (r.timestamp === undefined) return { date: 'N/A', time: 'N/A' };
  if (r.preInit) return { date: 'PostInit', time: 'PostInit' };
  const d = new Date(r.timestamp * 1000);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return { date: `${mon}-${p(d.getUTCDate())}-${d.getUTCFullYear()}`, time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}` };
}

/** One line of text for a SEL record: "PCI Slot 5 (Slot/Connector): Fault Status asserted". */
export function selText(r: SelRecord): string {
  if (r.kind !== 'system') return `OEM record type 0x${r.recordType.toString(16).padStart(2, '0')}: ${r.raw}`;
  const who = r.sensorName ?? `Sensor #${r.sensorNumber}`;
  return `${who} (${r.sensorTypeName}): ${r.description ?? r.event}${r.assertion ? '' : ' (deasserted)'}`;
}

/**
 * Event data 2 and 3 (IPMI 2.0 table 29-6), worded like ipmi-sel. Event
 * data 1 bits 7:6 say what byte 2 holds, bits 5:4 what byte 3 holds:
 * threshold events carry the trigger reading (01b) and threshold (01b),
 * converted with the sensor's full SDR when we have it (else hex); OEM codes
 * (10b) are shown as hex unless 0xFF (unspecified); sensor-specific
 * extension codes (11b) through shared/ipmi's tables (Slot/Connector type
 * and number), else raw; discrete previous-state bytes are not decoded.
 */
export function selDetail(r: SelRecord, sdr?: SensorSdr): string | undefined {
  if (r.kind !== 'system' || !r.eventData || r.eventReadingType === undefined) return undefined;
  const [d1, d2, d3] = r.eventData;
  const f2 = (d1 >> 6) & 0x03;
  const f3 = (d1 >> 4) & 0x03;
  const hx = (b: number) => b.toString(16).toUpperCase().padStart(2, '0') + 'h';
  const conv = (label: string, raw: number) => {
    if (sdr?.kind === 'full') {
      const v = rawToValue(raw, sdr.factors);
      if (v !== undefined) return `${label} = ${v.toFixed(2)} ${unitAbbrev(sdr.baseUnit)}`;
    }
    return `${label} = ${hx(raw)}`;
  };
  const threshold = r.eventReadingType === 0x01;
  const oem = r.eventReadingType >= 0x70 && r.eventReadingType <= 0x7f;
  const parts: string[] = [];
  // Byte 2
  if (threshold && f2 === 0x01) parts.push(conv('Sensor Reading', d2));
  else if (oem && d2 !== 0xff && f2 !== 0x00) parts.push(`OEM Event Data2 code = ${hx(d2)}`);
  else if (f2 === 0x02 && d2 !== 0xff) parts.push(`OEM Event Data2 code = ${hx(d2)}`);
  else if (f2 === 0x03 && d2 !== 0xff) parts.push((!threshold && r.sensorType !== undefined && eventData2Text(r.sensorType, r.offset ?? 0, d2)) || `Event Data2 = ${hx(d2)}`);
  // Byte 3
  if (threshold && f3 === 0x01) parts.push(conv('Threshold', d3));
  else if (oem && d3 !== 0xff && f3 !== 0x00) parts.push(`OEM Event Data3 code = ${hx(d3)}`);
  else if (f3 === 0x02 && d3 !== 0xff) parts.push(`OEM Event Data3 code = ${hx(d3)}`);
  else if (f3 === 0x03 && d3 !== 0xff) parts.push((!threshold && r.sensorType !== undefined && eventData3Text(r.sensorType, r.offset ?? 0, d2, d3)) || `Event Data3 = ${hx(d3)}`);
  return parts.length ? parts.join(' ; ') : undefined;
}

/** Fills sensorName, detail and description from the sensor's SDR. */
export function describeSel(r: SelRecord, sdr?: SensorSdr): SelRecord {
  if (r.kind !== 'system') return r;
  if (sdr) r.sensorName = sdr.name;
  const detail = selDetail(r, sdr);
  if (detail) r.detail = detail;
  r.description = detail ? `${r.event} ; ${detail}` : r.event;
  return r;
}
