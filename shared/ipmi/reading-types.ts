/**
 * Event/reading type codes (IPMI 2.0 table 42-1): 0x01 threshold,
 * 0x02-0x0C generic discrete, 0x6F sensor-specific, 0x70-0x7F OEM.
 */
export type ReadingTypeClass = 'unspecified' | 'threshold' | 'generic' | 'sensor-specific' | 'oem' | 'reserved';

export const READING_TYPE_THRESHOLD = 0x01;
export const READING_TYPE_SENSOR_SPECIFIC = 0x6f;

export function readingTypeClass(eventReadingType: number): ReadingTypeClass {
  const rt = eventReadingType & 0x7f;
  if (rt === 0x00) return 'unspecified';
  if (rt === 0x01) return 'threshold';
  if (rt >= 0x02 && rt <= 0x0c) return 'generic';
  if (rt === 0x6f) return 'sensor-specific';
  if (rt >= 0x70 && rt <= 0x7f) return 'oem';
  return 'reserved';
}
