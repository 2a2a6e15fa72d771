import type { Severity } from './event-tables';
import type { StateInfo } from './events';

/**
 * One sensor, read and interpreted: what the IPMI engine produces and what
 * the window and `fieldkit sensors --json` show (one type for both).
 */
export interface SensorView {
  number: number;
  name: string;
  entityId: number;
  entityInstance: number;
  sensorType: number;
  typeName: string;
  readingType: number;
  kind: 'threshold' | 'discrete' | 'event-only';
  /** Converted value (threshold sensors with an analog reading). */
  value?: number;
  unit?: string;
  unitAbbrev?: string;
  /** False when the BMC flagged the reading unavailable or the sensor is event-only. */
  available: boolean;
  /** Raw state bits (0-14). */
  states: number;
  asserted: StateInfo[];
  severity: Severity;
}
