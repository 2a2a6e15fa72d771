import { PRIVILEGE_CODE, privilegeName, type Privilege } from '../privilege';
import { APP_CMD, CURRENT_CHANNEL, NETFN, SOL_BIT_RATE, TRANSPORT_CMD } from '../spec';
import { defineCommand, need } from './codec';

/**
 * The payload commands of IPMI 2.0 section 24 (Activate / Deactivate
 * Payload, Get Payload Activation Status) and the SOL configuration
 * parameters of section 26 (Get / Set SOL Configuration Parameters). The
 * SOL console (engines/ipmi/sol) drives them; they are pure codecs.
 */

export interface ActivatePayloadRequest {
  payloadType: number;
  instance: number;
  /** Ask the BMC to encrypt the payload (aux byte 1, bit 7): only in a confidential session. */
  encrypt: boolean;
  /** Ask the BMC to authenticate the payload (aux byte 1, bit 6): only in an integrity session. */
  authenticate: boolean;
}

/** Aux byte 1 bits 3:2 = 01b: serial/modem alerts are deferred while SOL is active (as ipmitool asks). */
const ALERTS_DEFERRED = 0x04;
const AUX_ENCRYPT = 0x80;
const AUX_AUTHENTICATE = 0x40;

export interface ActivatePayloadResponse {
  /** Largest payload the BMC takes from us (bytes of the SOL packet, header included). */
  inboundSize: number;
  /** Largest payload the BMC sends us. */
  outboundSize: number;
  /** UDP port the payload travels on (the session's port on nearly every BMC). */
  port: number;
  /** VLAN of the payload; 0xffff = none. */
  vlan: number;
}

/**
 * Activate Payload (App 0x06 / 0x48), section 24.1. A change: it takes the
 * BMC's one SOL instance, so it is sent once. Its own completion codes
 * (0x80 in use, 0x81 disabled, 0x82 limit, 0x83/0x84 encryption) are read
 * by the caller from the IPMICMD_COMPLETION_CODE error.
 */
export const activatePayload = defineCommand<ActivatePayloadRequest, ActivatePayloadResponse>({
  name: 'Activate Payload',
  netFn: NETFN.APP,
  cmd: APP_CMD.ACTIVATE_PAYLOAD,
  changesState: true,
  encode: (r) => Uint8Array.of(
    r.payloadType & 0x3f,
    r.instance & 0x0f,
    (r.encrypt ? AUX_ENCRYPT : 0) | (r.authenticate ? AUX_AUTHENTICATE : 0) | ALERTS_DEFERRED,
    0x00, 0x00, 0x00,
  ),
  decode(d) {
    need(d, 12, 'Activate Payload');
    return { inboundSize: d.readUInt16LE(4), outboundSize: d.readUInt16LE(6), port: d.readUInt16LE(8), vlan: d.readUInt16LE(10) };
  },
});

/**
 * Deactivate Payload (App 0x06 / 0x49), section 24.2: ends the payload
 * instance, whichever session holds it (a takeover). Completion code 0x80
 * means it was not active.
 */
export const deactivatePayload = defineCommand<{ payloadType: number; instance: number }, void>({
  name: 'Deactivate Payload',
  netFn: NETFN.APP,
  cmd: APP_CMD.DEACTIVATE_PAYLOAD,
  encode: (r) => Uint8Array.of(r.payloadType & 0x3f, r.instance & 0x0f, 0x00, 0x00, 0x00, 0x00),
  decode: () => undefined,
});

export interface PayloadActivationStatus {
  /** How many instances of the payload the BMC can run at once. */
  capacity: number;
  /** Instance numbers (1..16) that are active now. */
  active: number[];
}

/** Get Payload Activation Status (App 0x06 / 0x4A), section 24.4. */
export const getPayloadActivationStatus = defineCommand<number, PayloadActivationStatus>({
  name: 'Get Payload Activation Status',
  netFn: NETFN.APP,
  cmd: APP_CMD.GET_PAYLOAD_ACTIVATION_STATUS,
  encode: (payloadType) => Uint8Array.of(payloadType & 0x3f),
  decode(d) {
    need(d, 3, 'Get Payload Activation Status');
    const active: number[] = [];
    for (let i = 0; i < 16; i++) if (d[1 + (i >> 3)] & (1 << (i & 7))) active.push(i + 1);
    return { capacity: d[0] & 0x0f, active };
  },
});

// ------------------------------------------------------------ SOL configuration

export interface SolParamRequest {
  parameter: number;
  /** Channel; default the current one. */
  channel?: number;
  set?: number;
  block?: number;
}

/**
 * Get SOL Configuration Parameters (Transport 0x0C / 0x22), section 26.3:
 * answers the parameter revision and the parameter's data bytes.
 */
export const getSolConfigParam = defineCommand<SolParamRequest, { revision: number; data: Buffer }>({
  name: 'Get SOL Configuration Parameters',
  netFn: NETFN.TRANSPORT,
  cmd: TRANSPORT_CMD.GET_SOL_CONFIGURATION_PARAMETERS,
  encode: (r) => Uint8Array.of((r.channel ?? CURRENT_CHANNEL) & 0x0f, r.parameter & 0x7f, r.set ?? 0, r.block ?? 0),
  decode(d) {
    need(d, 1, 'Get SOL Configuration Parameters');
    return { revision: d[0], data: Buffer.from(d.subarray(1)) };
  },
});

/** Set SOL Configuration Parameters (Transport 0x0C / 0x21), section 26.2. A change: sent once. */
export const setSolConfigParam = defineCommand<{ parameter: number; data: Uint8Array; channel?: number }, void>({
  name: 'Set SOL Configuration Parameters',
  netFn: NETFN.TRANSPORT,
  cmd: TRANSPORT_CMD.SET_SOL_CONFIGURATION_PARAMETERS,
  changesState: true,
  encode: (r) => Uint8Array.of((r.channel ?? CURRENT_CHANNEL) & 0x0f, r.parameter & 0x7f, ...r.data),
  decode: () => undefined,
});

/** Parameter 1 (SOL Enable): bit 0. */
export function decodeSolEnable(d: Buffer): boolean {
  need(d, 1, 'SOL Enable');
  return (d[0] & 0x01) !== 0;
}

export function encodeSolEnable(enabled: boolean): Uint8Array {
  return Uint8Array.of(enabled ? 1 : 0);
}

export interface SolAuthentication {
  forceEncryption: boolean;
  forceAuthentication: boolean;
  /** Lowest privilege that may activate SOL ('user', 'operator', 'admin', 'oem'; hex if unknown). */
  privilege: string;
}

/** Parameter 2 (SOL Authentication): bit 7 force encryption, bit 6 force authentication, bits 3:0 privilege. */
export function decodeSolAuthentication(d: Buffer): SolAuthentication {
  need(d, 1, 'SOL Authentication');
  return {
    forceEncryption: (d[0] & 0x80) !== 0,
    forceAuthentication: (d[0] & 0x40) !== 0,
    privilege: privilegeName(d[0] & 0x0f) ?? `0x${(d[0] & 0x0f).toString(16)}`,
  };
}

export function encodeSolAuthentication(a: { forceEncryption: boolean; forceAuthentication: boolean; privilege: Privilege }): Uint8Array {
  return Uint8Array.of((a.forceEncryption ? 0x80 : 0) | (a.forceAuthentication ? 0x40 : 0) | PRIVILEGE_CODE[a.privilege]);
}

/** Parameters 5 / 6 (bit rate): bits/s, or undefined for 0 (the BMC's serial setting) or a code unknown here. */
export function decodeSolBitRate(d: Buffer): number | undefined {
  need(d, 1, 'SOL bit rate');
  return SOL_BIT_RATE[d[0] & 0x0f];
}

/** Parameter 8 (SOL payload port): LS byte first. */
export function decodeSolPayloadPort(d: Buffer): number {
  need(d, 2, 'SOL payload port');
  return d.readUInt16LE(0);
}
