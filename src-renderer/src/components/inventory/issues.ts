import { renderMessage, type Lang } from '../../../../shared/messages';
import type { ValidationIssue } from '../../../../shared/validation';

/** Issues rendered in the UI language, for forms and previews. */
export function renderIssues(issues: ValidationIssue[], lang: Lang) {
  return issues.map((i) => ({ ...i, ...renderMessage(i.id, i.params, lang) }));
}

/** Issues that concern a path or anything below it. */
export function under(issues: ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`));
}
