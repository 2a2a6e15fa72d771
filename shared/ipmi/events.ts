import { GENERIC_EVENT_TABLES, SENSOR_SPECIFIC_TABLES, THRESHOLD_STATE_SEVERITY, THRESHOLD_STATE_TEXTS } from './event-tables';
import type { OffsetDef, Severity } from './event-tables';
import { readingTypeClass } from './reading-types';

export interface StateInfo {
  offset: number;
  text: string;
  severity?: Severity;
}

function hex2(n: number): string {
  return (n & 0xff).toString(16).toUpperCase().padStart(2, '0');
}

/** The table entry for one event offset, or undefined when no table defines it. */
export function lookupEvent(sensorType: number, eventReadingType: number, offset: number): OffsetDef | undefined {
  const rt = eventReadingType & 0x7f;
  const cls = readingTypeClass(rt);
  if (cls === 'threshold' || cls === 'generic') return GENERIC_EVENT_TABLES[rt]?.[offset];
  if (cls === 'sensor-specific') return SENSOR_SPECIFIC_TABLES[sensorType & 0xff]?.[offset];
  return undefined;
}

/**
 * The text of one event offset as FreeIPMI's ipmi-sel / ipmi-pet print it
 * (event data 1 bits 3:0). Offsets no table defines read like FreeIPMI's
 * fallback ("Event Offset = 0Ah", "OEM Event Offset = 03h").
 */
export function eventText(sensorType: number, eventReadingType: number, offset: number): string {
  const def = lookupEvent(sensorType, eventReadingType, offset);
  if (def) return def.text;
  if (readingTypeClass(eventReadingType) === 'oem') return `OEM Event Offset = ${hex2(offset)}h`;
  return `Event Offset = ${hex2(offset)}h`;
}

/** Severity of one event offset where a table rates it. */
export function eventSeverity(sensorType: number, eventReadingType: number, offset: number): Severity | undefined {
  return lookupEvent(sensorType, eventReadingType, offset)?.severity;
}

/**
 * The asserted states of a sensor reading (Get Sensor Reading bytes 3-4,
 * bit n = offset n, up to 15 offsets), interpreted.
 *
 * For threshold sensors, like ipmi-sensors, only the most severe comparison
 * state is reported (crossing a critical threshold also sets non-critical).
 */
export function assertedStates(sensorType: number, readingType: number, states: number): StateInfo[] {
  const cls = readingTypeClass(readingType);
  const out: StateInfo[] = [];
  if (cls === 'threshold') {
    for (let j = 5; j >= 0; j--) {
      if (states & (1 << j)) {
        out.push({ offset: j, text: THRESHOLD_STATE_TEXTS[j], severity: THRESHOLD_STATE_SEVERITY[j] });
        break;
      }
    }
    return out;
  }
  for (let i = 0; i < 15; i++) {
    if (!(states & (1 << i))) continue;
    const def = lookupEvent(sensorType, readingType, i);
    if (def) out.push({ offset: i, text: def.text, ...(def.severity ? { severity: def.severity } : {}) });
    else out.push({ offset: i, text: `Unrecognized Event = ${(1 << i).toString(16).toUpperCase().padStart(4, '0')}h` });
  }
  return out;
}

/** Just the texts of the asserted states (see assertedStates). */
export function stateTexts(sensorType: number, readingType: number, states: number): string[] {
  return assertedStates(sensorType, readingType, states).map((s) => s.text);
}

const RANK: Record<Severity, number> = { nominal: 0, warning: 1, critical: 2 };

/** The worst severity among states; 'nominal' when none is rated. */
export function worstSeverity(states: ReadonlyArray<{ severity?: Severity }>): Severity {
  let worst: Severity = 'nominal';
  for (const s of states) if (s.severity && RANK[s.severity] > RANK[worst]) worst = s.severity;
  return worst;
}
