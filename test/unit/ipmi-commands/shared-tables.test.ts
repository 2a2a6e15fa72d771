import { describe, expect, it } from 'vitest';
import {
  assertedStates,
  entityName,
  eventSeverity,
  eventText,
  manufacturerName,
  readingTypeClass,
  SENSOR_SPECIFIC_TABLES,
  sensorTypeName,
  stateTexts,
  worstSeverity,
} from '../../../shared/ipmi';

describe('shared/ipmi tables', () => {
  it('names sensor types like FreeIPMI', () => {
    expect(sensorTypeName(0x21)).toBe('Slot/Connector');
    expect(sensorTypeName(0x09)).toBe('Power Unit');
    expect(sensorTypeName(0x22)).toBe('System ACPI Power State');
    expect(sensorTypeName(0xc5)).toBe('OEM Reserved');
    expect(sensorTypeName(0x50)).toBe('Unrecognized');
  });

  it('classifies event/reading types', () => {
    expect(readingTypeClass(0x01)).toBe('threshold');
    expect(readingTypeClass(0x0c)).toBe('generic');
    expect(readingTypeClass(0x6f)).toBe('sensor-specific');
    expect(readingTypeClass(0xef)).toBe('sensor-specific'); // direction bit ignored
    expect(readingTypeClass(0x71)).toBe('oem');
    expect(readingTypeClass(0x00)).toBe('unspecified');
  });

  it('has all ten Slot/Connector offsets with severities', () => {
    const t = SENSOR_SPECIFIC_TABLES[0x21];
    expect(t).toHaveLength(10);
    expect(eventText(0x21, 0x6f, 0)).toBe('Fault Status asserted');
    expect(eventSeverity(0x21, 0x6f, 0)).toBe('critical');
    expect(eventText(0x21, 0x6f, 2)).toBe('Slot/Connector Device installed/attached');
    expect(eventText(0x21, 0x6f, 8)).toBe('Slot is Disabled');
    expect(eventText(0x21, 0x6f, 9)).toBe('Slot holds spare device');
    expect(eventText(0x21, 0x6f, 10)).toBe('Event Offset = 0Ah');
  });

  it('reads states 8-14 from the second state byte', () => {
    // bit 0 fault, bit 2 installed, bit 8 disabled (second byte 0x01)
    const states = 0x0105;
    expect(stateTexts(0x21, 0x6f, states)).toEqual([
      'Fault Status asserted',
      'Slot/Connector Device installed/attached',
      'Slot is Disabled',
    ]);
    expect(worstSeverity(assertedStates(0x21, 0x6f, states))).toBe('critical');
  });

  it('uses generic tables for generic reading types regardless of sensor type', () => {
    expect(eventText(0x08, 0x04, 1)).toBe('Predictive Failure asserted');
    expect(eventText(0x04, 0x08, 0)).toBe('Device Removed/Device Absent');
    expect(eventText(0x01, 0x01, 9)).toBe('Upper Critical - going high');
    expect(eventText(0xc0, 0x70, 3)).toBe('OEM Event Offset = 03h');
  });

  it('reports only the most severe threshold state', () => {
    // lower non-critical and lower critical both set
    expect(stateTexts(0x01, 0x01, 0x03)).toEqual(['At or Below (<=) Lower Critical Threshold']);
    expect(stateTexts(0x01, 0x01, 0x00)).toEqual([]);
  });

  it('names unknown offsets like ipmi-sensors', () => {
    expect(stateTexts(0x09, 0x6f, 1 << 12)).toEqual(['Unrecognized Event = 1000h']);
  });

  it('names entities and manufacturers', () => {
    expect(entityName(0x0b)).toBe('add-in card');
    expect(entityName(0x07)).toBe('system board');
    expect(entityName(0xd5)).toBe('OEM system integrator defined');
    expect(manufacturerName(119)).toBe('NEC');
    expect(manufacturerName(116)).toBe('Hitachi');
    expect(manufacturerName(999999)).toBeUndefined();
  });

  it('covers the required sensor-specific tables', () => {
    for (const t of [0x07, 0x08, 0x09, 0x0c, 0x0f, 0x10, 0x12, 0x13, 0x1d, 0x20, 0x21, 0x22, 0x23]) {
      expect(SENSOR_SPECIFIC_TABLES[t]?.length, `type ${t}`).toBeGreaterThan(0);
    }
  });
});
