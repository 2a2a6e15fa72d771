/**
 * Sensor type codes (IPMI 2.0 table 42-3) with the names FreeIPMI prints in
 * its "Type" column, so that our output can be compared with ipmi-sensors,
 * ipmi-sel and ipmi-pet word for word.
 */
export const SENSOR_TYPE_NAMES: readonly string[] = [
  'Reserved',
  'Temperature',
  'Voltage',
  'Current',
  'Fan',
  'Physical Security',
  'Platform Security Violation Attempt',
  'Processor',
  'Power Supply',
  'Power Unit',
  'Cooling Device',
  'Other Units Based Sensor',
  'Memory',
  'Drive Slot',
  'POST Memory Resize',
  'System Firmware Progress',
  'Event Logging Disabled',
  'Watchdog 1',
  'System Event',
  'Critical Interrupt',
  'Button/Switch',
  'Module/Board',
  'Microcontroller/Coprocessor',
  'Add In Card',
  'Chassis',
  'Chip Set',
  'Other Fru',
  'Cable/Interconnect',
  'Terminator',
  'System Boot Initiated',
  'Boot Error',
  'OS Boot',
  'OS Critical Stop',
  'Slot/Connector',
  'System ACPI Power State',
  'Watchdog 2',
  'Platform Alert',
  'Entity Presence',
  'Monitor ASIC/IC',
  'LAN',
  'Management Subsystem Health',
  'Battery',
  'Session Audit',
  'Version Change',
  'FRU State',
];

/** Named constants for the sensor types FieldKit acts on. */
export const SensorType = {
  TEMPERATURE: 0x01,
  VOLTAGE: 0x02,
  CURRENT: 0x03,
  FAN: 0x04,
  PROCESSOR: 0x07,
  POWER_SUPPLY: 0x08,
  POWER_UNIT: 0x09,
  MEMORY: 0x0c,
  SYSTEM_FIRMWARE_PROGRESS: 0x0f,
  EVENT_LOGGING_DISABLED: 0x10,
  WATCHDOG1: 0x11,
  SYSTEM_EVENT: 0x12,
  CRITICAL_INTERRUPT: 0x13,
  SYSTEM_BOOT_INITIATED: 0x1d,
  OS_CRITICAL_STOP: 0x20,
  SLOT_CONNECTOR: 0x21,
  SYSTEM_ACPI_POWER_STATE: 0x22,
  WATCHDOG2: 0x23,
} as const;

export function isOemSensorType(sensorType: number): boolean {
  return sensorType >= 0xc0 && sensorType <= 0xff;
}

/**
 * FreeIPMI's name for a sensor type; OEM types 0xC0-0xFF read "OEM Reserved".
 * A type the spec does not define reads `unknown`: "Unrecognized" as
 * ipmi-sensors prints it, "N/A" in SEL listings as ipmi-sel does.
 */
export function sensorTypeName(sensorType: number, unknown = 'Unrecognized'): string {
  if (isOemSensorType(sensorType)) return 'OEM Reserved';
  return SENSOR_TYPE_NAMES[sensorType] ?? unknown;
}
