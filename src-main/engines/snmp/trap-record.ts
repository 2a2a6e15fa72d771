import snmp from 'net-snmp';
import { eventSeverity, eventText, sensorTypeName } from '../../../shared/ipmi';
import type { TrapEvent, TrapRecord, TrapVarbind } from '../../../shared/model/trap';
import { classify, nextStepFor, type PetKey } from './classify';
import { interpretPet, petSeverityName } from './interpret';
import { decodePet, isoMillis, PET_EPOCH_UNIX, PET_MAX_LENGTH, PET_MIN_LENGTH, PET_ENTERPRISE, PET_V2_TRAP_PREFIX, PET_VARBIND_OID, splitSpecificTrap, type PetProblem } from './pet';
import type { VendorProfile } from './profiles';
import type { RawTrap } from './receiver';

export interface SourceMatch {
  server: string;
  cluster?: string;
  /** The BMC's RMCP port from the inventory (PET Acknowledge goes there); 623 when absent. */
  ipmiPort?: number;
}

export interface DecodeContext {
  profiles: readonly VendorProfile[];
  resolve: (address: string) => SourceMatch | undefined;
  id: () => string;
  now?: () => number;
}

export type RecordResult = { ok: true; record: TrapRecord } | { ok: false; problem: PetProblem };

function isText(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if ((c < 0x20 || c > 0x7e) && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

function printable(v: snmp.Varbind): string {
  const val = v.value;
  if (val === null || val === undefined) return '';
  // Text when it is text, hex otherwise (like snmptrapd's STRING / Hex-STRING).
  if (Buffer.isBuffer(val)) return isText(val) ? val.toString('latin1') : val.toString('hex');
  return String(val);
}

/** Which specific trap a PET carries, from either form; undefined when the trap is not a PET. */
export function petSpecific(raw: RawTrap): number | undefined {
  if (raw.version === 'v1') {
    return raw.enterprise === PET_ENTERPRISE && raw.genericTrap === 6 ? raw.specificTrap : undefined;
  }
  if (!raw.trapOid.startsWith(PET_V2_TRAP_PREFIX)) return undefined;
  const tail = raw.trapOid.slice(PET_V2_TRAP_PREFIX.length);
  return /^\d+$/.test(tail) ? Number(tail) : -1;
}

const PLAUSIBLE_FROM_UNIX = Date.UTC(2000, 0, 1) / 1000;

/**
 * The hot path: validates the PET varbind and reads only what matching,
 * classification, duplicate suppression and the log need, straight from the
 * bytes. The full decode (every field, ipmi-pet texts, next step) happens in
 * hydrateRecord, for what is shown. A trap that says it is a PET but whose
 * varbind is broken is refused (the caller counts it as malformed).
 */
export function decodeTrapRecord(raw: RawTrap, ctx: DecodeContext): RecordResult {
  let match = ctx.resolve(raw.address);
  if (!match && raw.agentAddr && raw.agentAddr !== raw.address && raw.agentAddr !== '0.0.0.0') match = ctx.resolve(raw.agentAddr);
  const specific = petSpecific(raw);
  let key: PetKey | undefined;
  let petBytes: Buffer | undefined;
  let plausible = false;
  let what: string;
  let tableSev: ReturnType<typeof eventSeverity>;
  if (specific !== undefined) {
    const split = splitSpecificTrap(specific);
    if (!split) return { ok: false, problem: { id: 'TRAPS_PET_BAD_SPECIFIC', params: { value: String(specific).slice(0, 40) } } };
    let vb: snmp.Varbind | undefined;
    for (const v of raw.varbinds) {
      if (v && v.oid === PET_VARBIND_OID) {
        vb = v;
        break;
      }
    }
    if (!vb) return { ok: false, problem: { id: 'TRAPS_PET_MISSING', params: {} } };
    if (vb.type !== snmp.ObjectType.OctetString || (vb.value !== null && !Buffer.isBuffer(vb.value))) {
      return { ok: false, problem: { id: 'TRAPS_PET_WRONG_TYPE', params: { type: String(snmp.ObjectType[vb.type] ?? vb.type) } } };
    }
    const b = (vb.value as Buffer | null) ?? Buffer.alloc(0);
    if (b.length < PET_MIN_LENGTH || b.length > PET_MAX_LENGTH) {
      return { ok: false, problem: { id: 'TRAPS_PET_BAD_LENGTH', params: { length: b.length, min: PET_MIN_LENGTH, max: PET_MAX_LENGTH } } };
    }
    petBytes = b;
    key = {
      sensorType: split.sensorType,
      eventType: split.eventType,
      offset: split.offset,
      deassertion: split.deassertion,
      severity: b[26],
      sensorNumber: b[28],
      manufacturerId: b[40] * 0x1000000 + ((b[41] << 16) | (b[42] << 8) | b[43]),
    };
    const ts = b[18] * 0x1000000 + ((b[19] << 16) | (b[20] << 8) | b[21]);
    if (ts !== 0) {
      const off = (b[22] << 8) | b[23];
      const unixUtc = PET_EPOCH_UNIX + ts - (off === 0xffff ? 0 : ((off << 16) >> 16) * 60);
      plausible = unixUtc >= PLAUSIBLE_FROM_UNIX && unixUtc <= (ctx.now ? ctx.now() : Date.now()) / 1000 + 86_400;
    }
    tableSev = eventSeverity(split.sensorType, split.eventType, split.offset);
    const text = split.offset === 0x0f ? 'N/A' : eventText(split.sensorType, split.eventType, split.offset);
    what = `${sensorTypeName(split.sensorType)} ${text}${split.deassertion ? ' (deasserted)' : ''} - ${petSeverityName(b[26])}`;
  } else {
    what = `trap ${raw.trapOid}`;
  }
  const input: Parameters<typeof classify>[0] = { trapOid: raw.trapOid };
  if (raw.enterprise !== undefined) input.enterprise = raw.enterprise;
  if (raw.genericTrap !== undefined) input.genericTrap = raw.genericTrap;
  if (raw.specificTrap !== undefined) input.specificTrap = raw.specificTrap;
  if (key) {
    input.pet = key;
    input.tableSeverity = tableSev;
  }
  const cls = classify(input, ctx.profiles);
  const varbinds: TrapVarbind[] = [];
  for (const v of raw.varbinds) {
    // The PET varbind's bytes are kept once, as petRaw.
    varbinds.push({ oid: String(v.oid), type: Number(v.type), value: petBytes && v.oid === PET_VARBIND_OID ? '(pet.raw)' : printable(v) });
  }
  const record: TrapRecord = {
    id: ctx.id(),
    receivedAt: isoMillis(raw.receivedAt),
    source: { address: raw.address, port: raw.port },
    known: !!match,
    version: raw.version,
    pdu: raw.pdu,
    trapOid: raw.trapOid,
    varbinds,
    class: cls.class,
    severity: cls.severity,
    summary: `${match ? match.server : raw.address}: ${what}`,
  };
  if (match) {
    record.server = match.server;
    if (match.cluster) record.cluster = match.cluster;
  }
  if (raw.user !== undefined) record.user = raw.user;
  if (raw.enterprise !== undefined) record.enterprise = raw.enterprise;
  if (raw.genericTrap !== undefined) record.genericTrap = raw.genericTrap;
  if (raw.specificTrap !== undefined) record.specificTrap = raw.specificTrap;
  if (cls.profile) record.profile = cls.profile;
  if (petBytes && specific !== undefined) {
    record.petRaw = petBytes.toString('hex');
    record.petSpecific = specific;
    record.petTimePlausible = plausible;
  }
  return { ok: true, record };
}

/** The full event of a record: every PET field, the ipmi-pet texts and the next step. */
export function hydrateRecord(r: TrapRecord): TrapEvent {
  const { petRaw, petSpecific: spec, petTimePlausible, ...rest } = r;
  const e = rest as TrapEvent;
  e.nextStep = nextStepFor(r.class, r.server ?? r.source.address, r.known);
  if (petRaw !== undefined && spec !== undefined) {
    const d = decodePet(spec, Buffer.from(petRaw, 'hex'));
    if (d.ok) {
      e.pet = d.fields;
      if (petTimePlausible !== undefined) e.pet.timePlausible = petTimePlausible;
      e.petTexts = interpretPet(e.pet);
    }
  }
  return e;
}

/** The record of an event (inverse of hydrateRecord). */
export function toRecord(e: TrapEvent): TrapRecord {
  const { pet, petTexts: _texts, nextStep: _step, ...rest } = e;
  void _texts;
  void _step;
  if (!pet) return rest;
  return { ...rest, petRaw: pet.raw, petSpecific: pet.specificTrap, petTimePlausible: pet.timePlausible };
}
