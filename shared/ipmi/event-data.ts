/**
 * Sensor-specific event extension codes carried in event data 2 and 3 when
 * event data 1 bits 7:6 / 5:4 are 11b (IPMI 2.0 table 42-3), worded like
 * FreeIPMI's ipmi-sel / ipmi-pet. Only the types FieldKit's jobs need are
 * decoded; others return undefined (callers print the byte).
 */
export const SLOT_CONNECTOR_TYPES: readonly string[] = [
  'PCI',
  'Drive Array',
  'External Peripheral Connector',
  'Docking',
  'other standard internal expansion slot',
  'slot associated with entity specified by Entity ID for sensor',
  'AdvancedTCA',
  'DIMM/memory device',
  'FAN',
  'PCI Express',
  'SCSI (parallel)',
  'SATA / SAS',
  'USB',
];

/** Text of an event data 2 extension code, or undefined when not decoded here. */
export function eventData2Text(sensorType: number, offset: number, data2: number): string | undefined {
  void offset;
  if (sensorType === 0x21) {
    const t = SLOT_CONNECTOR_TYPES[data2 & 0x7f];
    return t ? `Slot/Connector Type = ${t}` : undefined;
  }
  return undefined;
}

/** Text of an event data 3 extension code, or undefined when not decoded here. */
export function eventData3Text(sensorType: number, offset: number, data2: number, data3: number): string | undefined {
  void offset;
  void data2;
  if (sensorType === 0x21) return `Slot/Connector #${data3}`;
  return undefined;
}
