import { eventSeverity, eventText, sensorTypeName, type Severity } from '../../../../shared/ipmi';
import { FieldKitError } from '../../../../shared/errors';

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
      sensorTypeName: sensorTypeName(sensorType),
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
  return `${who} (${r.sensorTypeName}): ${r.event}${r.assertion ? '' : ' (deasserted)'}`;
}
