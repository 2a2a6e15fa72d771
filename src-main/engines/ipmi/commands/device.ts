import { defineCommand, need } from './codec';
import { APP_CMD, NETFN } from '../spec';

export interface DeviceId {
  deviceId: number;
  deviceRevision: number;
  providesDeviceSdrs: boolean;
  deviceAvailable: boolean;
  /** Major (bits 6:0 of byte 3) and BCD minor: ipmi_sim's `9 8` is 9.08. */
  firmwareMajor: number;
  firmwareMinor: number;
  firmware: string;
  ipmiVersion: string;
  additionalSupport: number;
  manufacturerId: number;
  productId: number;
  auxFirmware?: number[];
}

function bcd(b: number): number {
  const hi = (b >> 4) & 0x0f;
  const lo = b & 0x0f;
  // Some BMCs put a binary minor here; keep the byte when it is not valid BCD.
  return hi > 9 || lo > 9 ? b : hi * 10 + lo;
}

/** Get Device ID (App 0x06 / 0x01), IPMI 2.0 section 20.1. */
export const getDeviceId = defineCommand<void, DeviceId>({
  name: 'Get Device ID',
  netFn: NETFN.APP,
  cmd: APP_CMD.GET_DEVICE_ID,
  encode: () => new Uint8Array(0),
  decode(d) {
    need(d, 11, 'Get Device ID');
    const major = d[2] & 0x7f;
    const minor = bcd(d[3]);
    return {
      deviceId: d[0],
      deviceRevision: d[1] & 0x0f,
      providesDeviceSdrs: (d[1] & 0x80) !== 0,
      deviceAvailable: (d[2] & 0x80) === 0,
      firmwareMajor: major,
      firmwareMinor: minor,
      firmware: `${major}.${String(minor).padStart(2, '0')}`,
      ipmiVersion: `${d[4] & 0x0f}.${(d[4] >> 4) & 0x0f}`,
      additionalSupport: d[5],
      manufacturerId: d[6] | (d[7] << 8) | ((d[8] & 0x0f) << 16),
      productId: d[9] | (d[10] << 8),
      ...(d.length >= 15 ? { auxFirmware: [d[11], d[12], d[13], d[14]] } : {}),
    };
  },
});

/** Get System GUID (App 0x06 / 0x37): part of the SDR cache key. */
export const getSystemGuid = defineCommand<void, string>({
  name: 'Get System GUID',
  netFn: NETFN.APP,
  cmd: APP_CMD.GET_SYSTEM_GUID,
  encode: () => new Uint8Array(0),
  decode(d) {
    need(d, 16, 'Get System GUID');
    return d.subarray(0, 16).toString('hex');
  },
});

export const ADDITIONAL_SUPPORT_NAMES = [
  'Sensor Device',
  'SDR Repository Device',
  'SEL Device',
  'FRU Inventory Device',
  'IPMB Event Receiver',
  'IPMB Event Generator',
  'Bridge',
  'Chassis Device',
] as const;

export function additionalSupportList(bits: number): string[] {
  return ADDITIONAL_SUPPORT_NAMES.filter((_, i) => bits & (1 << i));
}
