import snmp from 'net-snmp';
import type { PetFields, PetTexts, TrapEvent, TrapVarbind } from '../../../shared/model/trap';
import { classify, nextStepFor, type ClassifyInput } from './classify';
import { interpretPet, tableSeverity } from './interpret';
import { decodePet, isoMillis, PET_ENTERPRISE, PET_V2_TRAP_PREFIX, PET_VARBIND_OID, type PetProblem } from './pet';
import type { VendorProfile } from './profiles';
import type { RawTrap } from './receiver';

export interface SourceMatch {
  server: string;
  cluster?: string;
  /** The BMC's RMCP port from the inventory (PET Acknowledge goes there); 623 when absent. */
  ipmiPort?: number;
}

export type DecodeResult = { ok: true; event: TrapEvent } | { ok: false; problem: PetProblem };

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

export interface DecodeContext {
  profiles: readonly VendorProfile[];
  resolve: (address: string) => SourceMatch | undefined;
  id: () => string;
  now?: () => number;
}

/**
 * Turns a received trap into an explained event: PET fields and texts,
 * class, severity, inventory match and the next step. A trap that says it
 * is a PET but whose varbind is broken is refused (the caller counts it as
 * malformed); any other trap is kept, classified by the vendor profiles.
 */
export function decodeTrap(raw: RawTrap, ctx: DecodeContext): DecodeResult {
  let match = ctx.resolve(raw.address);
  if (!match && raw.agentAddr && raw.agentAddr !== raw.address && raw.agentAddr !== '0.0.0.0') match = ctx.resolve(raw.agentAddr);
  const specific = petSpecific(raw);
  let pet: PetFields | undefined;
  let petTexts: PetTexts | undefined;
  if (specific !== undefined) {
    let vb: snmp.Varbind | undefined;
    for (const v of raw.varbinds) {
      if (v && v.oid === PET_VARBIND_OID) {
        vb = v;
        break;
      }
    }
    const value = vb === undefined ? undefined : vb.type === snmp.ObjectType.OctetString ? (vb.value ?? new Uint8Array(0)) : { notOctets: vb.type };
    const r = decodePet(specific, value, ctx.now ? ctx.now() : Date.now());
    if (!r.ok) {
      if (r.problem.id === 'TRAPS_PET_WRONG_TYPE' && vb) r.problem.params.type = String(snmp.ObjectType[vb.type] ?? vb.type);
      return { ok: false, problem: r.problem };
    }
    pet = r.fields;
    petTexts = interpretPet(pet);
  }
  const input: ClassifyInput = { trapOid: raw.trapOid };
  if (raw.enterprise !== undefined) input.enterprise = raw.enterprise;
  if (raw.genericTrap !== undefined) input.genericTrap = raw.genericTrap;
  if (raw.specificTrap !== undefined) input.specificTrap = raw.specificTrap;
  if (pet) {
    input.pet = pet;
    input.tableSeverity = tableSeverity(pet);
  }
  const cls = classify(input, ctx.profiles);
  const who = match ? match.server : raw.address;
  const what = petTexts && pet
    ? `${petTexts.sensorTypeName} ${petTexts.eventText}${pet.deassertion ? ' (deasserted)' : ''} - ${petTexts.severityName}`
    : `trap ${raw.trapOid}`;
  const varbinds: TrapVarbind[] = [];
  for (const v of raw.varbinds) {
    // The PET varbind's bytes are in pet.raw already; keep the row, not a second copy.
    const value = pet && v.oid === PET_VARBIND_OID ? '(pet.raw)' : printable(v);
    varbinds.push({ oid: String(v.oid), type: Number(v.type), value });
  }
  const event: TrapEvent = {
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
    summary: `${who}: ${what}`,
    nextStep: nextStepFor(cls.class, who, !!match),
  };
  if (match) {
    event.server = match.server;
    if (match.cluster) event.cluster = match.cluster;
  }
  if (raw.user !== undefined) event.user = raw.user;
  if (raw.enterprise !== undefined) event.enterprise = raw.enterprise;
  if (raw.genericTrap !== undefined) event.genericTrap = raw.genericTrap;
  if (raw.specificTrap !== undefined) event.specificTrap = raw.specificTrap;
  if (pet) event.pet = pet;
  if (petTexts) event.petTexts = petTexts;
  if (cls.profile) event.profile = cls.profile;
  return { ok: true, event };
}
