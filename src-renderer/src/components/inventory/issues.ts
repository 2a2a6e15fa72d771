import { renderMessage, type Lang } from '../../../../shared/messages';
import type { ValidationIssue } from '../../../../shared/validation';

/**
 * A model path as a person reads it: the form already says which cluster and
 * server, so "clusters[0].servers[3].interfaces[1].cidr" reads "interfaces 2 › cidr".
 */
export function plainPath(path: string): string {
  return path
    .replace(/^clusters\[\d+\]\.(servers\[\d+\]\.?)?/, '')
    .replace(/\[(\d+)\]/g, (_m, n: string) => ` ${Number(n) + 1}`)
    .replace(/\./g, ' › ');
}

/** Issues rendered in the UI language, for forms and previews, with plain field names. */
export function renderIssues(issues: ValidationIssue[], lang: Lang, o: { plain?: boolean } = { plain: true }) {
  return issues.map((i) => {
    const params = o.plain && typeof i.params?.path === 'string' ? { ...i.params, path: plainPath(i.params.path) } : i.params;
    return { ...i, ...renderMessage(i.id, params, lang, 'window') };
  });
}

/** Issues that concern a path or anything below it. */
export function under(issues: ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`));
}
