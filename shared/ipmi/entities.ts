/**
 * Entity ID codes (IPMI 2.0 table 43-13), in FreeIPMI's wording (case as in
 * the spec, spaces around slashes removed). 0x90-0xAF are chassis-specific,
 * 0xB0-0xCF board-set specific, 0xD0-0xFF OEM.
 */
const ENTITY_NAMES: readonly string[] = [
  'unspecified',
  'other',
  'unknown',
  'processor',
  'disk or disk bay',
  'peripheral bay',
  'system management module',
  'system board',
  'memory module',
  'processor module',
  'power supply',
  'add-in card',
  'front panel board',
  'back panel board',
  'power system board',
  'drive backplane',
  'system internal expansion board',
  'other system board',
  'processor board',
  'power unit/power domain',
  'power module/DC-to-DC converter',
  'power management/power distribution board',
  'chassis back panel board',
  'system chassis',
  'sub-chassis',
  'Other chassis board',
  'Disk Drive Bay',
  'Peripheral Bay',
  'Device Bay',
  'fan/cooling device',
  'cooling unit/cooling domain',
  'cable/interconnect',
  'memory device',
  'System Management Software',
  'System Firmware',
  'Operating System',
  'system bus',
  'Group',
  'Remote Management Communication Device',
  'External Environment',
  'battery',
  'Processing blade',
  'Connectivity switch',
  'Processor/memory module',
  'I/O module',
  'Processor/IO module',
  'Management Controller Firmware',
  'IPMI Channel',
  'PCI Bus',
  'PCI Express Bus',
  'SCSI Bus',
  'SATA/SAS bus',
  'Processor/front-side bus',
  'Real Time Clock',
];

const LATE_ENTITIES: Readonly<Record<number, string>> = {
  0x37: 'air inlet',
  0x40: 'air inlet',
  0x41: 'processor/CPU',
  0x42: 'baseboard/main system board',
};

export function entityName(entityId: number): string {
  const id = entityId & 0xff;
  if (id < ENTITY_NAMES.length) return ENTITY_NAMES[id];
  if (LATE_ENTITIES[id]) return LATE_ENTITIES[id];
  if (id >= 0x90 && id <= 0xaf) return 'chassis-specific';
  if (id >= 0xb0 && id <= 0xcf) return 'board-set specific';
  if (id >= 0xd0) return 'OEM system integrator defined';
  return 'reserved';
}
