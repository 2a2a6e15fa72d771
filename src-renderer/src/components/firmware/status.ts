import type { CheckStatus, FwCheck } from '../../../../shared/model/firmware';

/** Element Plus tag colour of a check status or verdict. */
export const statusTagType = (s: string) => (s === 'pass' ? 'success' : s === 'warn' ? 'warning' : s === 'fail' ? 'danger' : 'info');

/** The engineer's own checklist ticks: what they told FieldKit, not something it measured. */
export const isSelfConfirmed = (c: Pick<FwCheck, 'id'>) => c.id.startsWith('checklist.');

const ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, info: 2, pass: 3 };

/** Failures first, then warnings, information and passes; the service's order within each. */
export function worstFirst(checks: FwCheck[]): FwCheck[] {
  return checks.map((c, i) => ({ c, i })).sort((a, b) => ORDER[a.c.status] - ORDER[b.c.status] || a.i - b.i).map((x) => x.c);
}
