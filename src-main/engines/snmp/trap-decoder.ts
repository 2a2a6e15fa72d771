import snmp from 'net-snmp';
import type { TrapEvent, TrapVarbind } from '../../../shared/model/trap';
import { classify, nextStepFor } from './classify';
import { interpretPet, tableSeverity } from './interpret';
import { decodePet, PET_ENTERPRISE, PET_V2_TRAP_PREFIX, PET_VARBIND_OID, type PetProblem } from './pet';
import type { VendorProfile } from './profiles';
import type { RawTrap } from './receiver';

export interface SourceMatch {
  server: string;
  cluster?: string;
}

export type DecodeResult = { ok: true; event: TrapEvent } | { ok: false; problem: PetProblem };

function printable(v: snmp.Varbind): string {
  const val = v.value;
  if (val === null || val === undefined) return '';
  if (Buffer.isBuffer(val)) {
    // Show text when it is text, hex otherwise (like snmptrapd's STRING / Hex-STRING).
    return /^[\x20-\x7e\t\r\n]*$/.test(val.toString('latin1')) ? val.toString('latin1') : val.toString('hex');
  }
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
  let pet: TrapEvent['pet'];
  let petTexts: TrapEvent['petTexts'];
  if (specific !== undefined) {
    const vb = raw.varbinds.find((v) => v && v.oid === PET_VARBIND_OID);
    const value = vb === undefined ? undefined : vb.type === snmp.ObjectType.OctetString ? vb.value : { notOctets: vb.type };
    const r = decodePet(specific, value === null ? new Uint8Array(0) : value, ctx.now?.() ?? Date.now());
    if (!r.ok) {
      if (r.problem.id === 'TRAPS_PET_WRONG_TYPE' && vb) r.problem.params.type = String(snmp.ObjectType[vb.type] ?? vb.type);
      return { ok: false, problem: r.problem };
    }
    pet = r.fields;
    petTexts = interpretPet(pet);
  }
  const cls = classify(
    {
      ...(raw.enterprise !== undefined ? { enterprise: raw.enterprise } : {}),
      ...(raw.genericTrap !== undefined ? { genericTrap: raw.genericTrap } : {}),
      ...(raw.specificTrap !== undefined ? { specificTrap: raw.specificTrap } : {}),
      trapOid: raw.trapOid,
      ...(pet ? { pet } : {}),
      ...(pet ? { tableSeverity: tableSeverity(pet) } : {}),
    },
    ctx.profiles,
  );
  const who = match?.server ?? raw.address;
  const what = petTexts
    ? `${petTexts.sensorTypeName} ${petTexts.eventText}${pet!.deassertion ? ' (deasserted)' : ''} - ${petTexts.severityName}`
    : `trap ${raw.trapOid}`;
  const varbinds: TrapVarbind[] = raw.varbinds.map((v) => ({ oid: String(v.oid), type: Number(v.type), value: printable(v) }));
  const event: TrapEvent = {
    id: ctx.id(),
    receivedAt: new Date(raw.receivedAt).toISOString(),
    source: { address: raw.address, port: raw.port },
    ...(match ? { server: match.server } : {}),
    ...(match?.cluster ? { cluster: match.cluster } : {}),
    known: !!match,
    version: raw.version,
    pdu: raw.pdu,
    ...(raw.user !== undefined ? { user: raw.user } : {}),
    ...(raw.enterprise !== undefined ? { enterprise: raw.enterprise } : {}),
    ...(raw.genericTrap !== undefined ? { genericTrap: raw.genericTrap } : {}),
    ...(raw.specificTrap !== undefined ? { specificTrap: raw.specificTrap } : {}),
    trapOid: raw.trapOid,
    varbinds,
    ...(pet ? { pet } : {}),
    ...(petTexts ? { petTexts } : {}),
    class: cls.class,
    severity: cls.severity,
    summary: `${who}: ${what}`,
    ...(cls.profile ? { profile: cls.profile } : {}),
    nextStep: nextStepFor(cls.class, who, !!match),
  };
  return { ok: true, event };
}
