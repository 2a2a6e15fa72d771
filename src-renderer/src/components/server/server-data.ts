import type { IpmiSelView, IpmiSensorView } from '../../../../shared/contract/ipmi';
import type { Severity } from '../../../../shared/ipmi';
import { slotFromStates, type SlotSnapshot } from '../../../../shared/model/case';

/**
 * The server page's data shaping, kept out of the components so it can be
 * read (and tested) on its own: sensor grouping and filtering, the PCI slots
 * out of the same sensor read, SEL filters and exports.
 */

export type SensorFilter = 'all' | 'faults' | 'threshold' | 'discrete';

const RANK: Record<Severity, number> = { critical: 0, warning: 1, nominal: 2 };

export interface SensorGroup {
  typeName: string;
  worst: Severity;
  sensors: IpmiSensorView[];
}

/**
 * Sensors grouped by type, faults first: a group with a critical sensor
 * comes before one with a warning, and inside a group the worst sensors
 * lead; otherwise the BMC's order (sensor number) is kept.
 */
export function groupSensors(all: IpmiSensorView[], filter: SensorFilter, search: string): SensorGroup[] {
  const q = search.trim().toLowerCase();
  const shown = all.filter((s) => {
    if (q && !s.name.toLowerCase().includes(q)) return false;
    if (filter === 'faults') return s.severity !== 'nominal';
    if (filter === 'threshold') return s.kind === 'threshold';
    if (filter === 'discrete') return s.kind !== 'threshold';
    return true;
  });
  const groups = new Map<string, IpmiSensorView[]>();
  for (const s of shown) {
    const list = groups.get(s.typeName) ?? [];
    list.push(s);
    groups.set(s.typeName, list);
  }
  const out: SensorGroup[] = [...groups].map(([typeName, sensors]) => {
    const sorted = [...sensors].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.number - b.number);
    return { typeName, worst: sorted[0]?.severity ?? 'nominal', sensors: sorted };
  });
  return out.sort((a, b) => RANK[a.worst] - RANK[b.worst] || a.typeName.localeCompare(b.typeName));
}

/** A reading as ipmi-sensors prints it (two decimals); undefined when there is no value. */
export function formatReading(s: IpmiSensorView): string | undefined {
  return s.value === undefined ? undefined : s.value.toFixed(2);
}

/** LNR / LC / LNC — UNC / UC / UNR, '-' for a threshold the BMC does not report. */
export function thresholdText(s: IpmiSensorView): string {
  const t = s.thresholds;
  if (!t) return '';
  const f = (v: number | undefined) => (v === undefined ? '-' : String(Number(v.toFixed(3))));
  return `${f(t.lowerNonRecoverable)} / ${f(t.lowerCritical)} / ${f(t.lowerNonCritical)} — ${f(t.upperNonCritical)} / ${f(t.upperCritical)} / ${f(t.upperNonRecoverable)}`;
}

/** Slot/Connector sensor type (IPMI 2.0 table 42-3). */
export const SLOT_SENSOR_TYPE = 0x21;

/** The PCI slots as the recovery wizard draws them, from the same sensor read (no second request to the BMC). */
export function slotsFromSensors(all: IpmiSensorView[]): SlotSnapshot[] {
  return all
    .filter((s) => s.sensorType === SLOT_SENSOR_TYPE && s.kind !== 'event-only')
    .map((s) => {
      const offsets: number[] = [];
      for (let bit = 0; bit < 15; bit++) if (s.states & (1 << bit)) offsets.push(bit);
      return slotFromStates(s.number, s.name, offsets, s.available && !s.error);
    });
}

// ---------------------------------------------------------------- SEL

export interface SelFilter {
  sensorType: string;
  severity: '' | Severity;
  /** Epoch ms; entries without a real time (pre-init, OEM) are kept only when no range is set. */
  range: [number, number] | null;
}

/** Newest first: by timestamp, then by record id (the BMC's order when times tie or are missing). */
export function selNewestFirst(rows: IpmiSelView[]): IpmiSelView[] {
  return [...rows].sort((a, b) => (b.timestamp ?? -1) - (a.timestamp ?? -1) || b.recordId - a.recordId);
}

export function filterSel(rows: IpmiSelView[], f: SelFilter): IpmiSelView[] {
  return rows.filter((r) => {
    if (f.sensorType && r.sensorTypeName !== f.sensorType) return false;
    if (f.severity && (r.severity ?? 'nominal') !== f.severity) return false;
    if (f.range) {
      if (r.timestamp === undefined || r.preInit) return false;
      const ms = r.timestamp * 1000;
      if (ms < f.range[0] || ms > f.range[1]) return false;
    }
    return true;
  });
}

/** ISO 8601 UTC of a SEL time (exports keep UTC; only the window shows local time). */
export function selIso(r: IpmiSelView): string {
  return r.timestamp !== undefined && !r.preInit ? new Date(r.timestamp * 1000).toISOString() : '';
}

const CSV_COLUMNS = ['recordId', 'time', 'sensorName', 'sensorTypeName', 'sensorNumber', 'event', 'direction', 'severity', 'detail', 'raw'] as const;

function csvCell(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v);
  // A cell starting with = + - @ is read as a formula by spreadsheets: quote it with a leading apostrophe.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function selCsv(rows: IpmiSelView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.recordId,
        selIso(r),
        r.sensorName,
        r.sensorTypeName,
        r.sensorNumber,
        r.event ?? r.description,
        r.assertion === undefined ? '' : r.assertion ? 'Asserted' : 'Deasserted',
        r.severity,
        r.detail,
        r.raw,
      ].map(csvCell).join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export function selJson(server: string, answeredBy: string | undefined, rows: IpmiSelView[], now = new Date()): string {
  return JSON.stringify({ server, ...(answeredBy ? { bmc: answeredBy } : {}), savedAt: now.toISOString(), entries: rows.map((r) => ({ ...r, time: selIso(r) || undefined })) }, null, 2);
}

/** File name stem: server name made safe for any file system, and the UTC time. */
export function selFileName(server: string, ext: 'csv' | 'json', now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  return `sel-${server.replace(/[^A-Za-z0-9._-]/g, '_')}-${stamp}.${ext}`;
}
