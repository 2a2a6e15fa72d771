/**
 * Sensor unit type codes (IPMI 2.0 table 43-15): the spec's names (what
 * ipmitool prints) and FreeIPMI's abbreviations (what ipmi-sensors prints).
 */
const UNITS: Readonly<Record<number, [string, string]>> = {
  0: ['unspecified', ''],
  1: ['degrees C', 'C'],
  2: ['degrees F', 'F'],
  3: ['degrees K', 'K'],
  4: ['Volts', 'V'],
  5: ['Amps', 'A'],
  6: ['Watts', 'W'],
  7: ['Joules', 'J'],
  8: ['Coulombs', 'C'],
  9: ['VA', 'VA'],
  10: ['Nits', 'nit'],
  11: ['lumen', 'lm'],
  12: ['lux', 'lx'],
  13: ['Candela', 'cd'],
  14: ['kPa', 'kPa'],
  15: ['PSI', 'PSI'],
  16: ['Newton', 'N'],
  17: ['CFM', 'CFM'],
  18: ['RPM', 'RPM'],
  19: ['Hz', 'Hz'],
  20: ['microsecond', 'us'],
  21: ['millisecond', 'ms'],
  22: ['second', 's'],
  23: ['minute', 'min'],
  24: ['hour', 'hr'],
  25: ['day', 'd'],
  26: ['week', 'week'],
  41: ['percent', '%'],
  63: ['errors', 'errors'],
  64: ['correctable errors', 'correctable errors'],
  65: ['uncorrectable errors', 'uncorrectable errors'],
};

export function unitName(code: number): string {
  return UNITS[code]?.[0] ?? `unit ${code}`;
}

export function unitAbbrev(code: number): string {
  return UNITS[code]?.[1] ?? `unit ${code}`;
}
