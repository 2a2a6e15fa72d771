import { FieldKitError } from '../../../../shared/errors';
import type { LanAlertType } from '../../../../shared/model/lan-alerts';
import { APP_CMD, NETFN, TRANSPORT_CMD } from '../spec';
import { defineCommand, need } from './codec';

/**
 * The LAN alert side of a BMC: Get Channel Info (to learn which channel the
 * session is on) and Get LAN Configuration Parameters with the decoders of
 * the parameters a trap destination check needs (IPMI 2.0 rev 1.1,
 * section 23.2, table 23-4): 16 Community String, 17 Number of
 * Destinations, 18 Destination Type, 19 Destination Addresses.
 * IPv6 destinations (parameters 56-58 of the errata) are not read.
 */

/** Channel medium types of table 6-3 that carry IPMI over LAN. */
export const LAN_MEDIUM = { LAN_802_3: 0x04, OTHER_LAN: 0x06 } as const;

export interface ChannelInfo {
  /** The actual channel number (the answer to "current channel" names it). */
  channel: number;
  medium: number;
  protocol: number;
  isLan: boolean;
}

/** Get Channel Info (App 0x06 / 0x42), section 22.24. Request: channel number (0x0E = the current one). */
export const getChannelInfo = defineCommand<number, ChannelInfo>({
  name: 'Get Channel Info',
  netFn: NETFN.APP,
  cmd: APP_CMD.GET_CHANNEL_INFO,
  encode: (channel) => Uint8Array.of(channel & 0x0f),
  decode(d) {
    need(d, 3, 'Get Channel Info');
    const medium = d[1] & 0x7f;
    return { channel: d[0] & 0x0f, medium, protocol: d[2] & 0x1f, isLan: medium === LAN_MEDIUM.LAN_802_3 || medium === LAN_MEDIUM.OTHER_LAN };
  },
});

/** Parameter selectors of table 23-4 that FieldKit reads. */
export const LAN_PARAM = {
  COMMUNITY_STRING: 0x10,
  NUMBER_OF_DESTINATIONS: 0x11,
  DESTINATION_TYPE: 0x12,
  DESTINATION_ADDRESSES: 0x13,
} as const;

/** Completion code 0x80 of Get LAN Configuration Parameters: "parameter not supported" (section 23.2). */
export const LAN_PARAM_NOT_SUPPORTED = 0x80;

export interface LanConfigRequest {
  channel: number;
  parameter: number;
  /** Set selector (the destination selector for 18 and 19); 0 when the parameter has none. */
  set?: number;
  /** Block selector; 0 when unused. */
  block?: number;
}

export interface LanConfigAnswer {
  /** Parameter revision byte: bits 7:4 present revision, 3:0 oldest compatible (0x11 on most BMCs). */
  revision: number;
  /** The parameter's data, after the revision byte. */
  data: Buffer;
}

/**
 * Get LAN Configuration Parameters (Transport 0x0C / 0x02), section 23.2.
 * Request: channel (bit 7 = 0: get the parameter, not only its revision),
 * parameter selector, set selector, block selector. Response (after the
 * completion code): parameter revision, then the parameter's data. A BMC
 * without the parameter answers completion code 0x80 (the caller's call()
 * turns it into IPMICMD_COMPLETION_CODE; completionCodeOf reads it back).
 */
export const getLanConfigParameters = defineCommand<LanConfigRequest, LanConfigAnswer>({
  name: 'Get LAN Configuration Parameters',
  netFn: NETFN.TRANSPORT,
  cmd: TRANSPORT_CMD.GET_LAN_CONFIGURATION_PARAMETERS,
  encode: (r) => Uint8Array.of(r.channel & 0x0f, r.parameter & 0xff, (r.set ?? 0) & 0xff, (r.block ?? 0) & 0xff),
  decode(d) {
    need(d, 1, 'Get LAN Configuration Parameters');
    return { revision: d[0], data: Buffer.from(d.subarray(1)) };
  },
});

function short(parameter: string, data: Buffer, expected: number): void {
  if (data.length < expected) throw new FieldKitError('IPMICMD_SHORT_RESPONSE', { command: `Get LAN Configuration Parameters (${parameter})`, length: data.length, expected });
}

/** Parameter 17: bits 3:0 = non-volatile destinations (1..15); 0 = LAN alerting not supported on the channel. */
export function decodeNumberOfDestinations(data: Buffer): number {
  short('Number of Destinations', data, 1);
  return data[0] & 0x0f;
}

export interface DestinationType {
  set: number;
  type: LanAlertType;
  /** The raw 3-bit type, kept for reserved values. */
  typeCode: number;
  /** Bit 7 of data 2: the BMC waits for a PET Acknowledge (else it retries blindly). */
  acknowledged: boolean;
  /** Data 3: acknowledge timeout (acknowledged) or retry interval (not), in seconds as the BMC holds it. */
  timeoutSeconds: number;
  /** Data 4 bits 2:0. */
  retries: number;
}

/** Alert type of parameter 18, data 2 bits 2:0: 000b PET, 110b OEM 1, 111b OEM 2 (001b-101b are reserved). */
export function alertTypeOf(code: number): LanAlertType {
  return code === 0 ? 'pet' : code === 6 ? 'oem1' : code === 7 ? 'oem2' : 'reserved';
}

/** Parameter 18: set selector, type and acknowledge, timeout / retry interval, retries. */
export function decodeDestinationType(data: Buffer): DestinationType {
  short('Destination Type', data, 4);
  const typeCode = data[1] & 0x07;
  return {
    set: data[0] & 0x0f,
    type: alertTypeOf(typeCode),
    typeCode,
    acknowledged: (data[1] & 0x80) !== 0,
    timeoutSeconds: data[2],
    retries: data[3] & 0x07,
  };
}

export interface DestinationAddress {
  set: number;
  /** Bits 7:4 of data 2: 0 = IPv4 address followed by an Ethernet MAC address. */
  addressFormat: number;
  /** Data 3 bit 0: 'backup' = send through the backup gateway. */
  gateway: 'default' | 'backup';
  /** IPv4 dotted quad (format 0 only). */
  address?: string;
  /** aa:bb:cc:dd:ee:ff, lower case (format 0 only). */
  mac?: string;
}

/** Parameter 19: set selector, address format, gateway selector, alerting IP (MS byte first), alerting MAC. */
export function decodeDestinationAddress(data: Buffer): DestinationAddress {
  short('Destination Addresses', data, 3);
  const addressFormat = (data[1] >> 4) & 0x0f;
  const base = { set: data[0] & 0x0f, addressFormat, gateway: (data[2] & 0x01 ? 'backup' : 'default') as 'default' | 'backup' };
  if (addressFormat !== 0) return base;
  short('Destination Addresses', data, 13);
  return {
    ...base,
    address: [...data.subarray(3, 7)].join('.'),
    mac: [...data.subarray(7, 13)].map((b) => b.toString(16).padStart(2, '0')).join(':'),
  };
}

/** Parameter 16: 18 bytes of printable ASCII, NUL-terminated or NUL-padded. */
export function decodeCommunityString(data: Buffer): string {
  const end = data.indexOf(0);
  return data.subarray(0, Math.min(end === -1 ? data.length : end, 18)).toString('latin1');
}
