/**
 * Sensor-specific event extension codes carried in event data 2 and 3 when
 * event data 1 bits 7:6 / 5:4 are 11b (IPMI 2.0 table 42-3), worded like
 * FreeIPMI's ipmi-sel (every text here was checked against ipmi-sel reading
 * the same SEL records from ipmi_sim; see test/integration/ipmi-commands).
 * Types and codes not decoded here return undefined: callers print the byte,
 * as ipmi-sel does.
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

/** System Firmware Progress (0x0F) offset 00h: the error code in event data 2. */
const FIRMWARE_ERRORS: readonly string[] = [
  'Unspecified',
  'No system memory is physically installed in the system',
  'No usable system memory, all installed memory has experienced an unrecoverable failure',
  'Unrecoverable hard-disk/ATAPI/IDE device failure',
  'Unrecoverable system-board failure',
  'Unrecoverable diskette subsystem failure',
  'Unrecoverable hard-disk controller failure',
  'Unrecoverable PS/2 or USB keyboard failure',
  'Removable boot media not found',
  'Unrecoverable video controller failure',
  'No video device detected',
  'Firmware (BIOS) ROM corruption detected',
  'CPU voltage mismatch (processors that share same supply have mismatched voltage requirements)',
  'CPU speed matching failure',
];

/** System Firmware Progress offsets 01h (hang) and 02h (progress): the step in event data 2. */
const FIRMWARE_PROGRESS: readonly string[] = [
  'Unspecified',
  'Memory initialization',
  'Hard-disk initialization',
  'Secondary processor(s) initialization',
  'User authentication',
  'User-initiated system setup',
  'USB resource configuration',
  'PCI resource configuration',
  'Option ROM initialization',
  'Video initialization',
  'Cache initialization',
  'SM Bus initialization',
  'Keyboard controller initialization',
  'Embedded controller/management controller initialization',
  'Docking station attachment',
  'Enabling docking station',
  'Docking station ejection',
  'Disabling docking station',
  'Calling operating system wake-up vector',
  'Starting operating system boot process, e.g. calling Unsigned Int 19h',
  'Baseboard or motherboard initialization',
  'reserved',
  'Floppy initialization',
  'Keyboard test',
  'Pointing device test',
  'Primary processor initialization',
];

/** Version Change (0x2B) offsets 01h and 07h: the version change type in event data 2. */
const VERSION_CHANGE_TYPES: readonly string[] = [
  'unspecified',
  "management controller device ID (change in one or more fields from `Get Device ID')",
  'management controller firmware revision',
  'management controller device revision',
  'management controller manufacturer ID',
  'management controller IPMI version',
  'management controller auxiliary firmware ID',
  'management controller firmware boot block',
  'other management controller firmware',
  'system firmware (EFI/BIOS) change',
  'SMBIOS change',
  'operating system change',
  'operating system loader change',
  'service or diagnostic partition change',
  'management software agent change',
  'management software application change',
  'management software middleware change',
  'programmable hardware change (e.g. FPGA)',
  'board/FRU module change (change of a module plugged into associated entity)',
  'board/FRU component change (addition or removal of a replaceable component on the board/FRU that is not tracked as a FRU)',
  'board/FRU replaced with equivalent version',
  'board/FRU replaced with newer version',
  'board/FRU replaced with older version',
  'board/FRU hardware configuration change (e.g. strap, jumper, cable change, etc.)',
];

/** System Boot / Restart Initiated (0x1D) offset 07h: the restart cause in event data 2 bits 3:0. */
const RESTART_CAUSES: readonly string[] = [
  'unknown',
  'Chassis Control command',
  'reset via pushbutton',
  'power-up via power pushbutton',
  'Watchdog expiration',
  'OEM',
  "automatic power-up on AC being applied due to 'always restore' power restore policy",
  "automatic power-up on AC being applied due to 'restore previous power state' power restore policy",
  'reset via PEF',
  'power-cycle via PEF',
  'soft reset (e.g. CTRL-ALT-DEL)',
  'power-up via RTC (system real time clock) wakeup',
];

/** Watchdog 2 (0x23) event data 2: timer use (bits 3:0, 1-5) and interrupt type (bits 7:4, 0-3). */
const WATCHDOG_TIMER_USES: Readonly<Record<number, string>> = { 1: 'BIOS FRB2', 2: 'BIOS/POST', 3: 'OS Load', 4: 'SMS/OS', 5: 'OEM', 15: 'unspecified' };
const WATCHDOG_INTERRUPTS: Readonly<Record<number, string>> = { 0: 'none', 1: 'SMI', 2: 'NMI', 3: 'Messaging Interrupt', 15: 'unspecified' };

/** FRU State (0x2C) event data 2: previous state (bits 3:0) and cause of the change (bits 7:4). */
const FRU_PREVIOUS_STATES: readonly string[] = [
  'FRU Not Installed',
  "FRU Inactive (in standby or `hot spare' state)",
  'FRU Activation Requested',
  'FRU Activation In Progress',
  'FRU Active',
  'FRU Deactivation Requested',
  'FRU Deactivation In Progress',
  'FRU Communication Lost',
];
const FRU_CHANGE_CAUSES: Readonly<Record<number, string>> = {
  0: 'Normal State Change',
  1: 'Change Commanded by software external to FRU',
  2: 'State Change due to operator changing a Handle latch',
  3: 'State Change due to operator pressing the hotswap push button',
  4: 'State Change due to FRU programmatic action',
  5: 'Communication Lost',
  6: 'Communication Lost due to local failure',
  7: 'State Change due to unexpected extraction',
  8: 'State Change due to operator intervention/update',
  9: 'Unable to compute IPMB address',
  10: 'Unexpected Deactivation',
  15: 'State Change, Cause Unknown',
};

/** Session Audit (0x2A) offset 01h event data 3 bits 5:4 (ipmi-sel's wording, spelling included). */
const SESSION_DEACTIVATION_CAUSES: readonly string[] = [
  'Session deactivatation cause unspecified. This value is also used for Session Activated events',
  'Session deactivated by Close Session command',
  'Session deactivated by timeout',
  'Session deactivated by configuration change',
];

const SENSOR_TYPE = {
  FIRMWARE_PROGRESS: 0x0f,
  EVENT_LOGGING_DISABLED: 0x10,
  SYSTEM_EVENT: 0x12,
  SYSTEM_BOOT_INITIATED: 0x1d,
  SLOT_CONNECTOR: 0x21,
  WATCHDOG_2: 0x23,
  SESSION_AUDIT: 0x2a,
  VERSION_CHANGE: 0x2b,
  FRU_STATE: 0x2c,
} as const;

/** "label = text" for a known code, "reserved" for a code the table leaves open (ipmi-sel's form). */
function labelled(label: string, table: Readonly<Record<number, string>>, code: number): string {
  const text = table[code];
  return text === undefined ? 'reserved' : `${label} = ${text}`;
}

/** Text of an event data 2 extension code, or undefined when not decoded here. */
export function eventData2Text(sensorType: number, offset: number, data2: number): string | undefined {
  switch (sensorType) {
    case SENSOR_TYPE.SLOT_CONNECTOR: {
      const t = SLOT_CONNECTOR_TYPES[data2 & 0x7f];
      return t ? `Slot/Connector Type = ${t}` : undefined;
    }
    case SENSOR_TYPE.FIRMWARE_PROGRESS:
      if (offset === 0x00) return FIRMWARE_ERRORS[data2];
      if (offset === 0x01 || offset === 0x02) return FIRMWARE_PROGRESS[data2];
      return undefined;
    case SENSOR_TYPE.VERSION_CHANGE: {
      const t = offset === 0x01 || offset === 0x07 ? VERSION_CHANGE_TYPES[data2] : undefined;
      return t === undefined ? undefined : `Version change type = ${t}`;
    }
    case SENSOR_TYPE.SYSTEM_BOOT_INITIATED:
      return offset === 0x07 && (data2 & 0xf0) === 0 ? RESTART_CAUSES[data2] : undefined;
    case SENSOR_TYPE.WATCHDOG_2:
      return `${labelled('Timer use at expiration', WATCHDOG_TIMER_USES, data2 & 0x0f)} ; ${labelled('Interrupt type', WATCHDOG_INTERRUPTS, data2 >> 4)}`;
    case SENSOR_TYPE.FRU_STATE:
      return `Previous State = ${FRU_PREVIOUS_STATES[data2 & 0x0f] ?? ''} ; ${labelled('Cause of state change', FRU_CHANGE_CAUSES, data2 >> 4)}`;
    case SENSOR_TYPE.SESSION_AUDIT:
      return offset === 0x00 ? `User ID for user that activated session #${data2 & 0x3f}` : undefined;
    case SENSOR_TYPE.EVENT_LOGGING_DISABLED:
      if (offset === 0x00) return `Memory module/device #${data2}`;
      if (offset === 0x01) return `Event/Reading Type Code #${data2}`;
      return undefined;
    case SENSOR_TYPE.SYSTEM_EVENT: {
      // Offset 05h, Timestamp Clock Synch: which clock (bits 3:0; ipmi-sel leaves
      // a reserved value empty) and which of the pair (bit 7).
      if (offset !== 0x05) return undefined;
      const clock = ['SEL Timestamp Clock updated (Also used when both SEL and SDR Timestamp clocks are linked together)', 'SDR Timestamp Clock updated'][data2 & 0x0f] ?? '';
      return `${clock} ; ${data2 & 0x80 ? 'event is second of pair' : 'event is first of pair'}`;
    }
    default:
      return undefined;
  }
}

/** Text of an event data 3 extension code, or undefined when not decoded here. */
export function eventData3Text(sensorType: number, offset: number, data2: number, data3: number): string | undefined {
  void data2;
  switch (sensorType) {
    case SENSOR_TYPE.SLOT_CONNECTOR:
      return `Slot/Connector #${data3}`;
    case SENSOR_TYPE.SESSION_AUDIT: {
      const channel = `Channel number that session was activated/deactivated = ${data3 & 0x0f}`;
      return offset === 0x01 ? `${channel} ; ${SESSION_DEACTIVATION_CAUSES[(data3 >> 4) & 0x03]}` : channel;
    }
    case SENSOR_TYPE.EVENT_LOGGING_DISABLED: {
      if (offset !== 0x01) return undefined;
      const parts = [`Event Offset #${data3 & 0x0f}`, data3 & 0x10 ? 'assertion event' : 'deassertion event'];
      if (data3 & 0x20) parts.push('logging has been disabled for all events of given type');
      return parts.join(' ; ');
    }
    default:
      return undefined;
  }
}
