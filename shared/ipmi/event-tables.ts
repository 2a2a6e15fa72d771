/**
 * Event offset texts for generic (0x01-0x0C) and sensor-specific (0x6F)
 * event/reading types, worded as FreeIPMI's short strings (the ones
 * ipmi-sensors, ipmi-sel and ipmi-pet print), with the severity FreeIPMI's
 * interpretation tables give each state where they rate it.
 *
 * Severity: 'nominal' | 'warning' | 'critical'. Threshold event offsets
 * (going high / low, as in SEL records and PET traps) are not rated by
 * FreeIPMI; we rate non-critical as warning and critical / non-recoverable
 * as critical (our choice). Threshold *states* of a reading follow FreeIPMI
 * (THRESHOLD_STATE_SEVERITY below).
 */
export type Severity = 'nominal' | 'warning' | 'critical';

export interface OffsetDef {
  text: string;
  severity?: Severity;
}

const N: Severity = 'nominal';
const W: Severity = 'warning';
const C: Severity = 'critical';

function table(rows: ReadonlyArray<readonly [string, Severity?]>): readonly OffsetDef[] {
  return rows.map(([text, severity]) => (severity ? { text, severity } : { text }));
}

/** Generic event/reading type tables, keyed by event/reading type code. */
export const GENERIC_EVENT_TABLES: Readonly<Record<number, readonly OffsetDef[]>> = {
  0x01: table([
    ['Lower Non-critical - going low', W],
    ['Lower Non-critical - going high', W],
    ['Lower Critical - going low', C],
    ['Lower Critical - going high', C],
    ['Lower Non-recoverable - going low', C],
    ['Lower Non-recoverable - going high', C],
    ['Upper Non-critical - going low', W],
    ['Upper Non-critical - going high', W],
    ['Upper Critical - going low', C],
    ['Upper Critical - going high', C],
    ['Upper Non-recoverable - going low', C],
    ['Upper Non-recoverable - going high', C],
  ]),
  0x02: table([['Transition to Idle'], ['Transition to Active'], ['Transition to Busy']]),
  0x03: table([
    ['State Deasserted', N],
    ['State Asserted', W],
  ]),
  0x04: table([
    ['Predictive Failure deasserted', N],
    ['Predictive Failure asserted', C],
  ]),
  0x05: table([
    ['Limit Not Exceeded', N],
    ['Limit Exceeded', C],
  ]),
  0x06: table([
    ['Performance Met', N],
    ['Performance Lags', C],
  ]),
  0x07: table([
    ['transition to OK', N],
    ['transition to Non-Critical from OK', W],
    ['transition to Critical from less severe', C],
    ['transition to Non-recoverable from less severe', C],
    ['transition to Non-Critical from more severe', W],
    ['transition to Critical from Non-recoverable', C],
    ['transition to Non-recoverable', C],
    ['Monitor', W],
    ['Informational', N],
  ]),
  0x08: table([
    ['Device Removed/Device Absent', C],
    ['Device Inserted/Device Present', N],
  ]),
  0x09: table([['Device Disabled'], ['Device Enabled']]),
  0x0a: table([
    ['transition to Running', N],
    ['transition to In Test', W],
    ['transition to Power Off', W],
    ['transition to On Line', W],
    ['transition to Off Line', W],
    ['transition to Off Duty', W],
    ['transition to Degraded', C],
    ['transition to Power Save', W],
    ['Install Error', C],
  ]),
  0x0b: table([
    ['Fully Redundant', N],
    ['Redundancy Lost', C],
    ['Redundancy Degraded', W],
    ['Non-redundant:Sufficient Resources from Redundant', C],
    ['Non-redundant:Sufficient Resources from Insufficient Resources', C],
    ['Non-redundant:Insufficient Resources', C],
    ['Redundancy Degraded from Fully Redundant', W],
    ['Redundancy Degraded from Non-redundant', W],
  ]),
  0x0c: table([['D0 Power State'], ['D1 Power State'], ['D2 Power State'], ['D3 Power State']]),
};

/** Sensor-specific offset tables (event/reading type 0x6F), keyed by sensor type. */
export const SENSOR_SPECIFIC_TABLES: Readonly<Record<number, readonly OffsetDef[]>> = {
  // Physical Security
  0x05: table([
    ['General Chassis Intrusion', C],
    ['Drive Bay intrusion', C],
    ['I/O Card area intrusion', C],
    ['Processor area intrusion', C],
    ['LAN Leash Lost', C],
    ['Unauthorized dock', C],
    ['FAN area intrusion', C],
  ]),
  // Processor
  0x07: table([
    ['IERR', C],
    ['Thermal Trip', C],
    ['FRB1/BIST failure', C],
    ['FRB2/Hang in POST failure', C],
    ['FRB3/Processor Startup/Initialization failure', C],
    ['Configuration Error', C],
    ["SM BIOS `Uncorrectable CPU-complex Error'", C],
    ['Processor Presence detected', N],
    ['Processor disabled', C],
    ['Terminator Presence Detected', C],
    ['Processor Automatically Throttled', W],
    ['Machine Check Exception', C],
    ['Correctable Machine Check Error', W],
  ]),
  // Power Supply
  0x08: table([
    ['Presence detected', N],
    ['Power Supply Failure detected', C],
    ['Predictive Failure', C],
    ['Power Supply input lost (AC/DC)', C],
    ['Power Supply input lost or out-of-range', C],
    ['Power Supply input out-of-range, but present', C],
    ['Configuration error', C],
    ['Power Supply Inactive', W],
  ]),
  // Power Unit
  0x09: table([
    ['Power Off/Power Down', N],
    ['Power Cycle', N],
    ['240VA Power Down', W],
    ['Interlock Power Down', W],
    ['AC lost/Power input lost', C],
    ['Soft Power Control Failure', C],
    ['Power Unit Failure detected', C],
    ['Predictive Failure', C],
  ]),
  // Memory
  0x0c: table([
    ['Correctable memory error', W],
    ['Uncorrectable memory error', C],
    ['Parity', C],
    ['Memory Scrub Failed', C],
    ['Memory Device Disabled', C],
    ['Correctable memory error logging limit reached', W],
    ['Presence detected', N],
    ['Configuration error', C],
    ['Spare', N],
    ['Memory Automatically Throttled', W],
    ['Critical Overtemperature', C],
  ]),
  // Drive Slot
  0x0d: table([
    ['Drive Presence', N],
    ['Drive Fault', C],
    ['Predictive Failure', C],
    ['Hot Spare', N],
    ['Consistency Check / Parity Check in progress', N],
    ['In Critical Array', C],
    ['In Failed Array', C],
    ['Rebuild/Remap in progress', N],
    ['Rebuild/Remap Aborted', C],
  ]),
  // System Firmware Progress
  0x0f: table([
    ['System Firmware Error', C],
    ['System Firmware Hang', C],
    ['System Firmware Progress', N],
  ]),
  // Event Logging Disabled
  0x10: table([
    ['Correctable Memory Error Logging Disabled', C],
    ['Event Type Logging Disabled', C],
    ['Log Area Reset/Cleared', N],
    ['All Event Logging Disabled', C],
    ['SEL Full', C],
    ['SEL Almost Full', W],
    ['Correctable Machine Check Error Logging Disabled', C],
  ]),
  // Watchdog 1
  0x11: table([
    ['BIOS Watchdog Reset'],
    ['OS Watchdog Reset'],
    ['OS Watchdog Shut Down'],
    ['OS Watchdog Power Down'],
    ['OS Watchdog Power Cycle'],
    ['OS Watchdog NMI/Diagnostic Interrupt'],
    ['OS Watchdog Expired, status only'],
    ['OS Watchdog pre-timeout Interrupt, non-NMI'],
  ]),
  // System Event
  0x12: table([
    ['System Reconfigured', W],
    ['OEM System Boot Event', N],
    ['Undetermined system hardware failure', C],
    ['Entry added to Auxiliary Log', N],
    ['PEF Action', N],
    ['Timestamp Clock Synch', W],
  ]),
  // Critical Interrupt
  0x13: table([
    ['Front Panel NMI/Diagnostic Interrupt', C],
    ['Bus Timeout', C],
    ['I/O channel check NMI', C],
    ['Software NMI', W],
    ['PCI PERR', C],
    ['PCI SERR', C],
    ['EISA Fail Safe Timeout', C],
    ['Bus Correctable Error', W],
    ['Bus Uncorrectable Error', C],
    ['Fatal NMI', C],
    ['Bus Fatal Error', C],
    ['Bus Degraded', W],
  ]),
  // Button/Switch
  0x14: table([
    ['Power Button pressed', N],
    ['Sleep Button pressed', N],
    ['Reset Button pressed', N],
    ['FRU latch open', W],
    ['FRU service request button', W],
  ]),
  // Cable/Interconnect
  0x1b: table([['Cable/Interconnect is connected'], ['Configuration Error - Incorrect cable connected']]),
  // System Boot Initiated
  0x1d: table([
    ['Initiated by power up'],
    ['Initiated by hard reset'],
    ['Initiated by warm reset'],
    ['User requested PXE boot'],
    ['Automatic boot to diagnostic'],
    ['OS / run-time software initiated hard reset'],
    ['OS / run-time software initiated warm reset'],
    ['System Restart'],
  ]),
  // Boot Error
  0x1e: table([
    ['No bootable media'],
    ['Non-bootable diskette left in drive'],
    ['PXE Server not found'],
    ['Invalid boot sector'],
    ['Timeout waiting for user selection of boot source'],
  ]),
  // OS Boot
  0x1f: table([
    ['A: boot completed', N],
    ['C: boot completed', N],
    ['PXE boot completed', N],
    ['Diagnostic boot completed', N],
    ['CD-ROM boot completed', N],
    ['ROM boot completed', N],
    ['boot completed - boot device not specified', W],
    ['Base OS/Hypervisor Installation started', N],
    ['Base OS/Hypervisor Installation completed', N],
    ['Base OS/Hypervisor Installation aborted', W],
    ['Base OS/Hypervisor Installation failed', C],
  ]),
  // OS Critical Stop (FreeIPMI rates the state form only; every offset is a stop)
  0x20: table([
    ['Critical stop during OS load', C],
    ['Run-time Critical Stop', C],
    ['OS Graceful Stop', C],
    ['OS Graceful Shutdown', C],
    ['Soft Shutdown initiated by PEF', C],
    ['Agent Not Responding', C],
  ]),
  // Slot/Connector: offsets 8 and 9 arrive in the optional second state byte.
  0x21: table([
    ['Fault Status asserted', C],
    ['Identify Status asserted', W],
    ['Slot/Connector Device installed/attached', N],
    ['Slot/Connector Ready for Device Installation', N],
    ['Slot/Connector Ready for Device Removal', N],
    ['Slot Power is Off', N],
    ['Slot/Connector Device Removal Request', W],
    ['Interlock asserted', W],
    ['Slot is Disabled', W],
    ['Slot holds spare device', N],
  ]),
  // System ACPI Power State
  0x22: table([
    ['S0/G0', N],
    ['S1', N],
    ['S2', N],
    ['S3', N],
    ['S4', N],
    ['S5/G2', N],
    ['S4/S5 soft-off', N],
    ['G3/Mechanical Off', N],
    ['Sleeping in an S1, S2, or S3 states', N],
    ['G1 sleeping', N],
    ['S5 entered by override', N],
    ['Legacy ON state', N],
    ['Legacy OFF state', N],
    ['Unspecified', C],
    ['Unknown', C],
  ]),
  // Watchdog 2
  0x23: table([
    ['Timer expired, status only', W],
    ['Hard Reset', C],
    ['Power Down', C],
    ['Power Cycle', C],
    ['reserved', N],
    ['reserved', N],
    ['reserved', N],
    ['reserved', N],
    ['Timer interrupt', W],
  ]),
  // Platform Alert
  0x24: table([
    ['platform generated page'],
    ['platform generated LAN alert'],
    ['Platform Event Trap generated'],
    ['platform generated SNMP trap, OEM format'],
  ]),
  // Entity Presence
  0x25: table([['Entity Present'], ['Entity Absent'], ['Entity Disabled']]),
  // LAN
  0x27: table([['LAN Heartbeat Lost'], ['LAN Heartbeat']]),
  // Management Subsystem Health
  0x28: table([
    ['sensor access degraded or unavailable'],
    ['controller access degraded or unavailable'],
    ['management controller off-line'],
    ['management controller unavailable'],
    ['sensor failure'],
    ['FRU failure'],
  ]),
  // Battery
  0x29: table([
    ['battery low', W],
    ['battery failed', C],
    ['battery presence detected', N],
  ]),
  // Session Audit
  0x2a: table([
    ['Session Activated', N],
    ['Session Deactivated', N],
    ['Invalid Username or Password', W],
    ['Invalid Password Disable', C],
  ]),
  // Version Change
  0x2b: table([
    ['Hardware change detected with associated Entity', W],
    ['Firmware or software change detected with associated Entity', W],
    ['Hardware incompatibility detected with associated Entity', C],
    ['Firmware or software incompatibility detected with associated Entity', C],
    ['Entity is of an invalid or unsupported hardware version', C],
    ['Entity contains an invalid or unsupported firmware or software version', C],
    ['Hardware Change detected with associated Entity was successful', N],
    ['Software or F/W Change detected with associated Entity was successful', N],
  ]),
  // FRU State
  0x2c: table([
    ['FRU Not Installed', C],
    ['FRU Inactive', C],
    ['FRU Activation Requested', W],
    ['FRU Activation In Progress', W],
    ['FRU Active', N],
    ['FRU Deactivation Requested', W],
    ['FRU Deactivation In Progress', W],
    ['FRU Communication Lost', C],
  ]),
};

/**
 * Texts of the threshold comparison states of Get Sensor Reading (byte 3,
 * bits 0-5) as ipmi-sensors prints them; only the most severe one is shown.
 */
export const THRESHOLD_STATE_TEXTS: readonly string[] = [
  'At or Below (<=) Lower Non-Critical Threshold',
  'At or Below (<=) Lower Critical Threshold',
  'At or Below (<=) Lower Non-Recoverable Threshold',
  'At or Above (>=) Upper Non-Critical Threshold',
  'At or Above (>=) Upper Critical Threshold',
  'At or Above (>=) Upper Non-Recoverable Threshold',
];

/**
 * Severity of those states as FreeIPMI's ipmi-sensors --output-sensor-state
 * rates them: non-critical is still Nominal, critical and non-recoverable
 * are Critical (checked against ipmi-sensors in the integration tests).
 */
export const THRESHOLD_STATE_SEVERITY: readonly Severity[] = [N, C, C, N, C, C];
