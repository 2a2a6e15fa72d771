import type { MessageId, MessageParams } from '../messages';

export type Severity = 'error' | 'warning';

/** One finding of a rule: a catalogued message id, its params, and where it applies. */
export interface ValidationIssue {
  id: MessageId;
  params: MessageParams;
  severity: Severity;
  /** Where in the inventory, e.g. "clusters[0].servers[1].bmc.primary". */
  path: string;
  /**
   * An error that only says the cluster is not complete yet (too few servers).
   * Step-by-step edits may save past it; import and `config check` do not.
   */
  incomplete?: boolean;
}

export function issue(id: MessageId, path: string, params: MessageParams = {}, severity: Severity = 'error'): ValidationIssue {
  return { id, params: { path, ...params }, severity, path };
}

export function errorsOf(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'error');
}

export function warningsOf(issues: ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.severity === 'warning');
}
