import { defineCommand, need } from './codec';
import { CHASSIS_CMD, NETFN } from '../spec';

export interface ChassisStatus {
  powerOn: boolean;
  powerOverload: boolean;
  interlock: boolean;
  powerFault: boolean;
  powerControlFault: boolean;
  /** 'always-off' | 'previous' | 'always-on' | 'unknown' */
  restorePolicy: 'always-off' | 'previous' | 'always-on' | 'unknown';
  lastPowerEvent: number;
  intrusion: boolean;
  frontPanelLockout: boolean;
  driveFault: boolean;
  coolingFault: boolean;
}

const POLICIES = ['always-off', 'previous', 'always-on', 'unknown'] as const;

/** Get Chassis Status (Chassis 0x00 / 0x01), IPMI 2.0 section 28.2. */
export const getChassisStatus = defineCommand<void, ChassisStatus>({
  name: 'Get Chassis Status',
  netFn: NETFN.CHASSIS,
  cmd: CHASSIS_CMD.GET_CHASSIS_STATUS,
  encode: () => new Uint8Array(0),
  decode(d) {
    need(d, 3, 'Get Chassis Status');
    return {
      powerOn: (d[0] & 0x01) !== 0,
      powerOverload: (d[0] & 0x02) !== 0,
      interlock: (d[0] & 0x04) !== 0,
      powerFault: (d[0] & 0x08) !== 0,
      powerControlFault: (d[0] & 0x10) !== 0,
      restorePolicy: POLICIES[(d[0] >> 5) & 0x03],
      lastPowerEvent: d[1],
      intrusion: (d[2] & 0x01) !== 0,
      frontPanelLockout: (d[2] & 0x02) !== 0,
      driveFault: (d[2] & 0x04) !== 0,
      coolingFault: (d[2] & 0x08) !== 0,
    };
  },
});

export const CHASSIS_CONTROL = { off: 0x00, on: 0x01, cycle: 0x02, reset: 0x03, diag: 0x04, soft: 0x05 } as const;
export type ChassisAction = keyof typeof CHASSIS_CONTROL;

/** Chassis Control (Chassis 0x00 / 0x02), IPMI 2.0 section 28.3. */
export const chassisControl = defineCommand<ChassisAction, void>({
  name: 'Chassis Control',
  netFn: NETFN.CHASSIS,
  cmd: CHASSIS_CMD.CHASSIS_CONTROL,
  encode: (action) => Uint8Array.of(CHASSIS_CONTROL[action]),
  decode: () => undefined,
  // A retransmitted cycle or reset runs again on many BMCs (ipmi_sim too).
  changesState: true,
});
