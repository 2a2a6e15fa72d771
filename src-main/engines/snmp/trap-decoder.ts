import type { TrapEvent } from '../../../shared/model/trap';
import type { PetProblem } from './pet';
import type { RawTrap } from './receiver';
import { decodeTrapRecord, hydrateRecord, type DecodeContext } from './trap-record';

export { petSpecific, type DecodeContext, type SourceMatch } from './trap-record';

export type DecodeResult = { ok: true; event: TrapEvent } | { ok: false; problem: PetProblem };

/**
 * Turns a received trap into an explained event: PET fields and texts,
 * class, severity, inventory match and the next step (the record of the hot
 * path, hydrated).
 */
export function decodeTrap(raw: RawTrap, ctx: DecodeContext): DecodeResult {
  const r = decodeTrapRecord(raw, ctx);
  return r.ok ? { ok: true, event: hydrateRecord(r.record) } : r;
}
