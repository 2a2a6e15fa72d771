/** Completion codes of IPMI 2.0 table 5-2, worded as ipmitool prints them. */
const GENERIC: Readonly<Record<number, string>> = {
  0x00: 'Command completed normally',
  0xc0: 'Node busy',
  0xc1: 'Invalid command',
  0xc2: 'Invalid command on LUN',
  0xc3: 'Timeout',
  0xc4: 'Out of space',
  0xc5: 'Reservation cancelled or invalid',
  0xc6: 'Request data truncated',
  0xc7: 'Request data length invalid',
  0xc8: 'Request data field length limit exceeded',
  0xc9: 'Parameter out of range',
  0xca: 'Cannot return number of requested data bytes',
  0xcb: 'Requested sensor, data, or record not found',
  0xcc: 'Invalid data field in request',
  0xcd: 'Command illegal for specified sensor or record type',
  0xce: 'Command response could not be provided',
  0xcf: 'Cannot execute duplicated request',
  0xd0: 'SDR Repository in update mode',
  0xd1: 'Device firmeware in update mode',
  0xd2: 'BMC initialization in progress',
  0xd3: 'Destination unavailable',
  0xd4: 'Insufficient privilege level',
  0xd5: 'Command not supported in present state',
  0xd6: 'Cannot execute command, command disabled',
  0xff: 'Unspecified error',
};

export const CC = {
  OK: 0x00,
  RESERVATION_CANCELLED: 0xc5,
  CANNOT_RETURN_BYTES: 0xca,
  NOT_PRESENT: 0xcb,
  NOT_IN_PRESENT_STATE: 0xd5,
} as const;

export function completionCodeText(code: number): string {
  if (GENERIC[code]) return GENERIC[code];
  if (code >= 0x01 && code <= 0x7e) return 'Device specific (OEM) completion code';
  if (code >= 0x80 && code <= 0xbe) return 'Command specific completion code';
  return 'Unknown completion code';
}

export function hexByte(n: number): string {
  return '0x' + (n & 0xff).toString(16).padStart(2, '0');
}
