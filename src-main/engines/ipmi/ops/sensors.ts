import { FieldKitError } from '../../../../shared/errors';
import { SensorType } from '../../../../shared/ipmi';
import type { MessageId, MessageParams } from '../../../../shared/messages';
import { call, completionCodeOf, getSensorReading, rearmSensorEvents } from '../commands';
import { interpretReading, isSensorSdr, type SensorReading, type SensorSdr, type SdrRecord } from '../interpret';
import type { IpmiRequester } from '../requester';
import { checkAbort, reqOpts } from './common';
import { readSdrRepository, type ReadSdrOptions } from './sdr';

export interface SensorsOptions extends ReadSdrOptions {
  /** Only sensors of these types. */
  types?: number[];
  /** Include event-only sensors (they have no reading). */
  includeEventOnly?: boolean;
  /** See InterpretOptions.ignoreScanningDisabled. */
  ignoreScanningDisabled?: boolean;
}

/** The BMC's own IPMB address: sensors of other controllers need bridging, which FieldKit does not do. */
const BMC_ADDRESS = 0x20;

export interface SensorRow extends SensorReading {
  /** Set when there is no reading (the BMC refused it, e.g. 0xCB sensor not present): the catalogue id and values, rendered where it is shown. */
  errorId?: MessageId;
  errorParams?: MessageParams;
  /** The same in English, for logs and dumps read without FieldKit. */
  error?: string;
}

/** A row's "no reading" finding in the shape SensorRow carries it. */
function rowError(e: FieldKitError): Pick<SensorRow, 'errorId' | 'errorParams' | 'error'> {
  return { errorId: e.id, errorParams: e.params, error: e.message };
}

/** Only sensors the BMC itself owns (LUN 0 of the addressed controller) are read directly. */
function readable(s: SensorSdr): boolean {
  return s.kind !== 'event-only';
}

export async function readSensorsFrom(req: IpmiRequester, records: SdrRecord[], o: SensorsOptions = {}): Promise<SensorRow[]> {
  const sensors = records.filter(isSensorSdr).filter((s) => !o.types || o.types.includes(s.sensorType));
  const out: SensorRow[] = [];
  for (const s of sensors) {
    checkAbort(o.signal);
    if (!readable(s)) {
      if (o.includeEventOnly) out.push(interpretReading(s, undefined));
      continue;
    }
    if ((s.ownerId & 0x01) === 0 && s.ownerId !== BMC_ADDRESS) {
      out.push({ ...interpretReading(s, undefined), kind: s.kind === 'full' ? 'threshold' : 'discrete', ...rowError(new FieldKitError('IPMICMD_SENSOR_NOT_BRIDGED', { sensor: s.name, owner: `0x${s.ownerId.toString(16)}` })) });
      continue;
    }
    try {
      const r = await call(req, getSensorReading, s.sensorNumber, { ...reqOpts(o), lun: s.ownerLun });
      out.push(interpretReading(s, r, { ignoreScanningDisabled: o.ignoreScanningDisabled }));
    } catch (e) {
      // A sensor that is absent or not ready is a finding, not a failure of the whole read.
      if (completionCodeOf(e) === undefined) throw e;
      out.push({ ...interpretReading(s, { raw: 0, eventMessagesEnabled: false, scanningEnabled: false, unavailable: true, states: 0, hasSecondStateByte: false }), ...rowError(e as FieldKitError) });
    }
  }
  return out;
}

export async function readSensors(req: IpmiRequester, o: SensorsOptions = {}): Promise<SensorRow[]> {
  const sdr = await readSdrRepository(req, o);
  return readSensorsFrom(req, sdr.records, o);
}

export interface SlotRow {
  name: string;
  number: number;
  entityInstance: number;
  states: string[];
  fault: boolean;
  installed: boolean;
  severity: SensorReading['severity'];
  /** "PCI Slot 5: Fault Status asserted, Device installed/attached" */
  text: string;
  available: boolean;
}

/** Slot/Connector (0x21) sensors named with their states, as the recovery procedure reads them. */
export async function readSlots(req: IpmiRequester, o: ReadSdrOptions = {}): Promise<SlotRow[]> {
  const sdr = await readSdrRepository(req, o);
  const rows = await readSensorsFrom(req, sdr.records, { ...o, types: [SensorType.SLOT_CONNECTOR] });
  return rows.map(slotRow);
}

export function slotRow(r: SensorRow): SlotRow {
  const states = r.asserted.map((a) => a.text);
  // Engineers read "Device installed/attached" in the web console; keep FreeIPMI's text in `states`.
  const short = r.asserted.map((a) => a.text.replace(/^Slot\/Connector /, ''));
  return {
    name: r.name,
    number: r.number,
    entityInstance: r.entityInstance,
    states,
    fault: (r.states & 0x01) !== 0,
    installed: (r.states & 0x04) !== 0,
    severity: r.severity,
    text: `${r.name}: ${r.available ? (short.length ? short.join(', ') : 'no state asserted') : 'reading unavailable'}`,
    available: r.available,
  };
}

/** Finds a sensor by exact name (case-insensitive) or number ("5", "0x05"). */
export function findSensor(records: SdrRecord[], key: string): SensorSdr {
  const sensors = records.filter(isSensorSdr);
  const byName = sensors.filter((s) => s.name.toLowerCase() === key.trim().toLowerCase());
  if (byName.length === 1) return byName[0];
  const num = /^(0x[0-9a-f]{1,2}|\d{1,3})$/i.test(key.trim()) ? Number(key.trim()) : NaN;
  const byNum = sensors.filter((s) => s.sensorNumber === num);
  if (byNum.length >= 1) return byNum[0];
  throw new FieldKitError('IPMICMD_SENSOR_NOT_FOUND', { sensor: key });
}

export async function rearm(req: IpmiRequester, sensor: string, o: ReadSdrOptions = {}): Promise<{ number: number; name: string }> {
  const sdr = await readSdrRepository(req, o);
  const s = findSensor(sdr.records, sensor);
  await call(req, rearmSensorEvents, { sensorNumber: s.sensorNumber }, { ...reqOpts(o), lun: s.ownerLun });
  return { number: s.sensorNumber, name: s.name };
}
