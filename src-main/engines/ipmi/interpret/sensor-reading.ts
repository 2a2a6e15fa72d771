import { assertedStates, readingTypeClass, worstSeverity, type SensorView } from '../../../../shared/ipmi';
import type { RawSensorReading } from '../commands/sensor';
import { rawToValue } from './conversion';
import type { FullSensorSdr, SensorSdr, Thresholds } from './sdr-record';
import { unitAbbrev, unitName } from './units';

/** One sensor, read and interpreted (the shared view) with its thresholds. */
export interface SensorReading extends SensorView {
  thresholds?: Thresholds;
}

export function thresholdsOf(sdr: FullSensorSdr): Thresholds {
  const t = sdr.rawThresholds;
  const m = sdr.readableThresholds;
  const v = (bit: number, raw: number) => (m & (1 << bit) ? rawToValue(raw, sdr.factors) : undefined);
  const out: Thresholds = {};
  const set = (k: keyof Thresholds, val: number | undefined) => { if (val !== undefined) out[k] = val; };
  set('lowerNonCritical', v(0, t.lnc));
  set('lowerCritical', v(1, t.lc));
  set('lowerNonRecoverable', v(2, t.lnr));
  set('upperNonCritical', v(3, t.unc));
  set('upperCritical', v(4, t.uc));
  set('upperNonRecoverable', v(5, t.unr));
  return out;
}

export interface InterpretOptions {
  /**
   * Trust readings whose "scanning enabled" bit is clear. Off by default, as
   * FreeIPMI does; some BMCs (FreeIPMI lists Dell PowerEdge 2900/R610) clear
   * the bit on working sensors.
   */
  ignoreScanningDisabled?: boolean;
}

/** Interprets a Get Sensor Reading answer with its SDR. */
export function interpretReading(sdr: SensorSdr, r: RawSensorReading | undefined, opts: InterpretOptions = {}): SensorReading {
  const base = {
    number: sdr.sensorNumber,
    name: sdr.name,
    entityId: sdr.entityId,
    entityInstance: sdr.entityInstance,
    sensorType: sdr.sensorType,
    typeName: sdr.sensorTypeName,
    readingType: sdr.eventReadingType,
  };
  if (sdr.kind === 'event-only' || !r) {
    return { ...base, kind: sdr.kind === 'event-only' ? 'event-only' : 'discrete', available: false, states: 0, asserted: [], severity: 'nominal' };
  }
  const cls = readingTypeClass(sdr.eventReadingType);
  const available = !r.unavailable && (r.scanningEnabled || !!opts.ignoreScanningDisabled);
  const asserted = available ? assertedStates(sdr.sensorType, sdr.eventReadingType, r.states) : [];
  const severity = worstSeverity(asserted);
  if (cls === 'threshold' && sdr.kind === 'full') {
    const value = available ? rawToValue(r.raw, sdr.factors) : undefined;
    return {
      ...base,
      kind: 'threshold',
      ...(value !== undefined ? { value } : {}),
      unit: unitName(sdr.baseUnit),
      unitAbbrev: unitAbbrev(sdr.baseUnit),
      available: available && value !== undefined,
      states: available ? r.states & 0x3f : 0,
      asserted,
      severity,
      thresholds: thresholdsOf(sdr),
    };
  }
  return { ...base, kind: 'discrete', available, states: available ? r.states : 0, asserted, severity };
}

/** One line like ipmi-sensors' Event column: 'OK' when nothing is asserted. */
export function readingSummary(s: SensorReading): string {
  if (s.kind === 'event-only') return 'Event-Only';
  if (!s.available) return 'N/A';
  if (s.asserted.length === 0) return 'OK';
  return s.asserted.map((a) => a.text).join(', ');
}
