/**
 * Canonical details that bind a confirmation to the exact change, beyond
 * action and server: the bytes of a raw command, the sensor to re-arm, the
 * recovery case (and whether clearing faults also clears the SEL). The
 * confirm.prepare handler and the changing handlers build them with the same
 * functions, so a confirmation of "raw 0x06 0x01" cannot send "raw 0x00 0x02".
 */
const hex = (b: number) => '0x' + b.toString(16).padStart(2, '0');

export const confirmDetail = {
  raw: (netFn: number, cmd: number, data: readonly number[] = []) => ['raw', hex(netFn), hex(cmd), ...data.map(hex)].join(' '),
  sensor: (sensor: string) => `sensor ${sensor}`,
  recoveryCase: (caseId: string, clearSel?: boolean) => `case ${caseId}${clearSel ? ', SEL cleared too' : ''}`,
};
