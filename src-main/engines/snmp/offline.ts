import { FieldKitError } from '../../../shared/errors';
import type { PetDecodeView } from '../../../shared/model/trap';
import { classify } from './classify';
import { interpretPet, tableSeverity } from './interpret';
import { decodePet, parseHexBytes, parseSpecificArg, PET_ENTERPRISE } from './pet';
import type { VendorProfile } from './profiles';

/** Decodes a PET given as text (specific trap and hex bytes), like `ipmi-pet SPECIFIC HEX...`. */
export function decodePetText(specific: string, hex: readonly string[], profiles: readonly VendorProfile[], nowMs = Date.now()): PetDecodeView {
  const spec = parseSpecificArg(specific);
  if (spec === undefined) throw new FieldKitError('TRAPS_PET_BAD_SPECIFIC', { value: specific.slice(0, 40) });
  const bytes = parseHexBytes(hex);
  if (!bytes) throw new FieldKitError('TRAPS_DECODE_BAD_HEX');
  const r = decodePet(spec, bytes, nowMs);
  if (!r.ok) throw new FieldKitError(r.problem.id, r.problem.params);
  const pet = r.fields;
  const cls = classify({ enterprise: PET_ENTERPRISE, genericTrap: 6, specificTrap: spec, trapOid: `${PET_ENTERPRISE}.0.${spec}`, pet, tableSeverity: tableSeverity(pet) }, profiles);
  return { pet, petTexts: interpretPet(pet), class: cls.class, severity: cls.severity, ...(cls.profile ? { profile: cls.profile } : {}) };
}
