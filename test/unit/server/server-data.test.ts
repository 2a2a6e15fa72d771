import { describe, expect, it } from 'vitest';
import type { IpmiSelView, IpmiSensorView } from '../../../shared/contract/ipmi';
import { filterSel, groupSensors, selCsv, selFileName, selNewestFirst, slotsFromSensors, thresholdText } from '../../../src-renderer/src/components/server/server-data';
import { formatGuid } from '../../../src-main/engines/ipmi/ops/device';

const sensor = (o: Partial<IpmiSensorView> & Pick<IpmiSensorView, 'number' | 'name' | 'typeName'>): IpmiSensorView => ({
  entityId: 3, entityInstance: 1, sensorType: 1, readingType: 1, kind: 'threshold', available: true, states: 0, asserted: [], severity: 'nominal', ...o,
});

describe('server page data', () => {
  const rows = [
    sensor({ number: 1, name: 'CPU Temp', typeName: 'Temperature', value: 45 }),
    sensor({ number: 2, name: 'Inlet Temp', typeName: 'Temperature', value: 80, severity: 'warning' }),
    sensor({ number: 3, name: 'Fan 1', typeName: 'Fan', value: 3000 }),
    sensor({ number: 0x35, name: 'PCI Slot 5', typeName: 'Slot/Connector', sensorType: 0x21, readingType: 0x6f, kind: 'discrete', states: 0b101, severity: 'critical' }),
    sensor({ number: 0x34, name: 'PCI Slot 4', typeName: 'Slot/Connector', sensorType: 0x21, readingType: 0x6f, kind: 'discrete', states: 0b100000 }),
  ];

  it('groups by type with the worst group first and the worst sensor first inside it', () => {
    const g = groupSensors(rows, 'all', '');
    expect(g.map((x) => x.typeName)).toEqual(['Slot/Connector', 'Temperature', 'Fan']);
    expect(g[1].sensors.map((s) => s.name)).toEqual(['Inlet Temp', 'CPU Temp']);
    expect(groupSensors(rows, 'faults', '').flatMap((x) => x.sensors.map((s) => s.name))).toEqual(['PCI Slot 5', 'Inlet Temp']);
    expect(groupSensors(rows, 'all', 'FAN').flatMap((x) => x.sensors.map((s) => s.name))).toEqual(['Fan 1']);
    expect(groupSensors(rows, 'discrete', '').map((x) => x.typeName)).toEqual(['Slot/Connector']);
  });

  it('draws slots from the slot sensors of the same read', () => {
    const s = slotsFromSensors(rows);
    expect(s.map((x) => [x.name, x.faulted, x.installed, x.asserted])).toEqual([
      ['PCI Slot 5', true, true, [0, 2]],
      ['PCI Slot 4', false, false, [5]],
    ]);
  });

  it('writes thresholds in a fixed order with - for the missing ones', () => {
    expect(thresholdText(sensor({ number: 1, name: 'x', typeName: 't', thresholds: { lowerCritical: 5, upperCritical: 90, upperNonRecoverable: 100 } }))).toBe('- / 5 / - — - / 90 / 100');
  });

  it('orders, filters and exports the SEL; CSV cells that a spreadsheet would run are defused', () => {
    const sel: IpmiSelView[] = [
      { recordId: 1, recordType: 2, kind: 'system', timestamp: 1_700_000_000, sensorName: 'PCI Slot 5', sensorTypeName: 'Slot/Connector', event: 'Fault Status', assertion: true, severity: 'critical', raw: '01' },
      { recordId: 2, recordType: 2, kind: 'system', timestamp: 1_700_000_100, sensorName: '=cmd', sensorTypeName: 'Temperature', event: 'Upper, "hot"', assertion: false, severity: 'warning', raw: '02' },
      { recordId: 3, recordType: 2, kind: 'system', timestamp: 5, preInit: true, sensorTypeName: 'Temperature', raw: '03' },
    ];
    const sorted = selNewestFirst(sel);
    expect(sorted.map((r) => r.recordId)).toEqual([2, 1, 3]);
    expect(filterSel(sorted, { sensorType: 'Temperature', severity: '', range: null }).map((r) => r.recordId)).toEqual([2, 3]);
    expect(filterSel(sorted, { sensorType: '', severity: 'critical', range: null }).map((r) => r.recordId)).toEqual([1]);
    // A time range keeps only entries with a real time inside it.
    expect(filterSel(sorted, { sensorType: '', severity: '', range: [1_700_000_050_000, 1_700_000_200_000] }).map((r) => r.recordId)).toEqual([2]);
    const csv = selCsv(sorted).split('\r\n');
    expect(csv[0]).toBe('recordId,time,sensorName,sensorTypeName,sensorNumber,event,direction,severity,detail,raw');
    expect(csv[1]).toBe(`2,${new Date(1_700_000_100_000).toISOString()},'=cmd,Temperature,,"Upper, ""hot""",Deasserted,warning,,02`);
    expect(selFileName('node 1/x', 'csv', new Date('2026-12-02T10:00:00.123Z'))).toBe('sel-node_1_x-2026-12-02T10-00-00Z.csv');
  });

  it('prints the System GUID as ipmitool mc guid does (bytes sent least significant first)', () => {
    // ipmi_sim's guid a123456789abcdefa123456789abcde1, which ipmitool prints as e1cdab89-6745-23a1-efcd-ab89674523a1.
    expect(formatGuid('a123456789abcdefa123456789abcde1')).toBe('e1cdab89-6745-23a1-efcd-ab89674523a1');
  });
});
