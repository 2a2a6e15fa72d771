import type { BmcRole, CaseSelEvent, DeviceIdInfo, SlotSnapshot } from '../../../shared/model/case';
import type { OperationRecord } from '../../../shared/model/operation';
import type { RecoveryProgressEvent } from '../../../shared/contract/recovery';

/**
 * What the recovery machine needs from a server's BMC(s). Small on purpose:
 * the machine is written against this port, and one adapter maps it onto the
 * IPMI engine (primary BMC, else the secondary). Every call takes an
 * AbortSignal; timeouts and retries live in the engine underneath.
 */
export interface RecoveryBmc {
  readDeviceId(signal?: AbortSignal): Promise<DeviceIdInfo>;
  readPower(signal?: AbortSignal): Promise<'on' | 'off'>;
  /** Every Slot/Connector (sensor type 0x21) sensor with its asserted states. */
  readSlots(signal?: AbortSignal): Promise<SlotSnapshot[]>;
  /** Re-arm Sensor Events (0x04/0x2A), all events, for one sensor. */
  rearmSlot(sensorNumber: number, signal?: AbortSignal): Promise<void>;
  /**
   * Sends a Chassis Control power command once, to one BMC, never failed over
   * or repeated: 'unconfirmed' when the BMC stopped answering after it was
   * sent (it may have acted on it; the caller re-reads the power state).
   */
  setPower(action: 'on' | 'off', signal?: AbortSignal): Promise<'sent' | 'unconfirmed'>;
  readSel(signal?: AbortSignal): Promise<CaseSelEvent[]>;
  clearSel(signal?: AbortSignal): Promise<void>;
  /** One raw request, for a vendor profile's OEM clear-faults command. */
  raw(netFn: number, cmd: number, data: number[], signal?: AbortSignal): Promise<{ completionCode: number; data: number[] }>;
  /** Which BMC answered the last request. */
  answeredBy(): { role: BmcRole; address: string } | undefined;
  /** Cipher suite and privilege of the session that answered the last request (the case records them). */
  session?(): { suite: number; privilege?: string } | undefined;
  close(): Promise<void>;
}

/** Opens the BMC(s) of a server named in the inventory. */
export type RecoveryConnector = (server: string, signal?: AbortSignal) => Promise<RecoveryBmc>;

/** The operation (audit) log: every step of a case goes here too. */
export interface RecoveryOperationLog {
  append(record: OperationRecord): void | Promise<void>;
}

/** A vendor's OEM clear-faults command, from a profile in resources/. */
export interface VendorClearFaults {
  profile: string;
  netFn: number;
  cmd: number;
  data: number[];
  /** Where the command is documented: a profile without a source is refused. */
  source: string;
}

/** Progress of a wait (power off/on, verify): the contract's event, so the service, the window and the CLI share one shape. */
export type RecoveryProgress = RecoveryProgressEvent;
