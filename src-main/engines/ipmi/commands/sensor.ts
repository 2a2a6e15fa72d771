import { defineCommand, need } from './codec';
import { NETFN, SENSOR_CMD } from '../spec';

export interface RawSensorReading {
  raw: number;
  eventMessagesEnabled: boolean;
  scanningEnabled: boolean;
  /** Bit 5 of byte 2: the reading/state is not valid (yet). */
  unavailable: boolean;
  /** States 0-7 (byte 3) and, when sent, 8-14 (byte 4 bits 6:0). */
  states: number;
  /** True when the optional fourth byte was present. */
  hasSecondStateByte: boolean;
}

/** Get Sensor Reading (Sensor/Event 0x04 / 0x2D), IPMI 2.0 section 35.14. */
export const getSensorReading = defineCommand<number, RawSensorReading>({
  name: 'Get Sensor Reading',
  netFn: NETFN.SENSOR_EVENT,
  cmd: SENSOR_CMD.GET_SENSOR_READING,
  encode: (sensorNumber) => Uint8Array.of(sensorNumber & 0xff),
  decode(d) {
    need(d, 2, 'Get Sensor Reading');
    const b3 = d.length >= 3 ? d[2] : 0;
    const b4 = d.length >= 4 ? d[3] & 0x7f : 0;
    return {
      raw: d[0],
      eventMessagesEnabled: (d[1] & 0x80) !== 0,
      scanningEnabled: (d[1] & 0x40) !== 0,
      unavailable: (d[1] & 0x20) !== 0,
      states: b3 | (b4 << 8),
      hasSecondStateByte: d.length >= 4,
    };
  },
});

export interface RearmRequest {
  sensorNumber: number;
  /** Re-arm only these offsets (bit n = offset n); undefined = all events. */
  assertions?: number;
  deassertions?: number;
}

/** Re-arm Sensor Events (Sensor/Event 0x04 / 0x2A), IPMI 2.0 section 35.12. */
export const rearmSensorEvents = defineCommand<RearmRequest, void>({
  name: 'Re-arm Sensor Events',
  netFn: NETFN.SENSOR_EVENT,
  cmd: SENSOR_CMD.REARM_SENSOR_EVENTS,
  encode(r) {
    if (r.assertions === undefined && r.deassertions === undefined) return Uint8Array.of(r.sensorNumber & 0xff, 0x00);
    const a = r.assertions ?? 0;
    const da = r.deassertions ?? 0;
    return Uint8Array.of(r.sensorNumber & 0xff, 0x80, a & 0xff, (a >> 8) & 0x7f, da & 0xff, (da >> 8) & 0x7f);
  },
  decode: () => undefined,
});
