import { z } from 'zod';
import { defineChannel, defineEvent } from './channel';
import { confirmationIdField as confirmationId } from './confirm';
import type { SensorView, Severity, StateInfo } from '../ipmi';

/**
 * Channels of the IPMI commands layer. The renderer names an inventory
 * server; passwords come from the keychain in the main process and never
 * cross this boundary.
 */
const server = z.string().min(1).max(64);
const byte = z.number().int().min(0).max(255);
const refresh = z.boolean().optional();

export interface IpmiMcInfoView {
  deviceId: number;
  deviceRevision: number;
  firmware: string;
  ipmiVersion: string;
  manufacturerId: number;
  manufacturerName?: string;
  productId: number;
  additionalSupportNames: string[];
  /** System GUID as ipmitool prints it; absent when the BMC does not support Get System GUID. */
  guid?: string;
}

export interface IpmiPowerView {
  action: 'status' | 'on' | 'off' | 'cycle' | 'reset' | 'soft';
  sent?: 'on' | 'off' | 'cycle' | 'reset' | 'soft';
  /** Chassis Control commands in the order sent (each copy counted; a cycle is off then on). */
  commands: ('on' | 'off' | 'cycle' | 'reset' | 'soft')[];
  /** 'already': the server was in that state, nothing sent; 'done': state read back; 'sent': accepted, not awaited. */
  outcome: 'done' | 'already' | 'sent';
  before: boolean;
  after: boolean;
  reached?: boolean;
  elapsedMs: number;
}

export type IpmiStateView = StateInfo;

/** A sensor as the window shows it; `error` when this one sensor could not be read. */
export interface IpmiSensorView extends SensorView {
  error?: string;
  /** A threshold sensor's readable thresholds, converted like the reading (the SDR's settable mask decides which are present). */
  thresholds?: {
    lowerNonRecoverable?: number;
    lowerCritical?: number;
    lowerNonCritical?: number;
    upperNonCritical?: number;
    upperCritical?: number;
    upperNonRecoverable?: number;
  };
}

export interface IpmiSlotView {
  name: string;
  number: number;
  /** Entity instance of the slot (often the slot number on the board). */
  entityInstance: number;
  states: string[];
  fault: boolean;
  installed: boolean;
  severity: Severity;
  text: string;
  available: boolean;
}

export interface IpmiSdrView {
  recordId: number;
  recordType: number;
  kind: 'full' | 'compact' | 'event-only' | 'fru-locator' | 'mc-locator' | 'other';
  name?: string;
  sensorNumber?: number;
  sensorTypeName?: string;
}

export interface IpmiSelView {
  recordId: number;
  recordType: number;
  kind: 'system' | 'oem-timestamped' | 'oem';
  timestamp?: number;
  preInit?: boolean;
  sensorName?: string;
  sensorTypeName?: string;
  sensorNumber?: number;
  assertion?: boolean;
  event?: string;
  detail?: string;
  description?: string;
  severity?: Severity;
  raw: string;
}

export interface IpmiFruView {
  fruId: number;
  size: number;
  chassis?: { typeName: string; partNumber: string; serialNumber: string; custom: string[] };
  board?: { mfgDate?: string; manufacturer: string; productName: string; serialNumber: string; partNumber: string; custom: string[] };
  product?: { manufacturer: string; name: string; partNumber: string; version: string; serialNumber: string; assetTag: string; custom: string[] };
  badChecksums: string[];
}

/** Every answer says which BMC address answered (primary or secondary). */
export interface IpmiAnswer<T> {
  server: string;
  answeredBy?: string;
  /** The session that answered: the cipher suite actually used and its privilege. */
  session?: { suite?: number; privilege?: string };
  result: T;
}

export const ipmiChannels = {
  'ipmi.mcInfo': defineChannel({ request: z.object({ server }).strict(), response: {} as IpmiAnswer<IpmiMcInfoView> }),
  'ipmi.power': defineChannel({
    request: z
      .object({
        server,
        action: z.enum(['status', 'on', 'off', 'cycle', 'reset', 'soft']),
        wait: z.boolean().default(false),
        waitTimeoutS: z.number().int().min(1).max(900).optional(),
        /** From confirm.prepare, for every action but 'status'. */
        confirmationId,
      })
      .strict(),
    response: {} as IpmiAnswer<IpmiPowerView>,
  }),
  // refresh: read the SDR repository again instead of using the cache (the CLI's --no-cache).
  'ipmi.sensors': defineChannel({ request: z.object({ server, refresh }).strict(), response: {} as IpmiAnswer<IpmiSensorView[]> }),
  'ipmi.slots': defineChannel({ request: z.object({ server, refresh }).strict(), response: {} as IpmiAnswer<IpmiSlotView[]> }),
  'ipmi.sdr': defineChannel({ request: z.object({ server, refresh, chunkSize: z.number().int().min(1).max(0xfe).optional() }).strict(), response: {} as IpmiAnswer<IpmiSdrView[]> }),
  'ipmi.selList': defineChannel({ request: z.object({ server, refresh }).strict(), response: {} as IpmiAnswer<IpmiSelView[]> }),
  'ipmi.selClear': defineChannel({ request: z.object({ server, confirmationId }).strict(), response: {} as IpmiAnswer<{ cleared: true }> }),
  'ipmi.fru': defineChannel({ request: z.object({ server, fruId: z.number().int().min(0).max(254).default(0) }).strict(), response: {} as IpmiAnswer<IpmiFruView> }),
  'ipmi.rearm': defineChannel({ request: z.object({ server, sensor: z.string().min(1).max(32), refresh, confirmationId }).strict(), response: {} as IpmiAnswer<{ number: number; name: string }> }),
  'ipmi.raw': defineChannel({
    // readOnly: the user says the command only reads, so it may be retransmitted when its answer is lost
    // (otherwise it is sent once). It still needs a confirmation: FieldKit cannot tell what a raw command does.
    request: z.object({ server, netFn: z.number().int().min(0).max(0x3f), cmd: byte, data: z.array(byte).max(64).default([]), readOnly: z.boolean().optional(), confirmationId }).strict(),
    response: {} as IpmiAnswer<{ completionCode: number; completionCodeText: string; data: number[] }>,
  }),
};

export interface IpmiProgress {
  server: string;
  operation: string;
  text: string;
}

export const ipmiEvents = {
  /** Progress of long IPMI operations (power wait, SEL clear, SDR read). */
  'ipmi.progress': defineEvent<IpmiProgress>(),
};
