/**
 * Finding a notice of the catalogue from what the engineer has: an id
 * ("HCME1012", "c00001fd"), a pasted syslog line, or a few words typed into
 * the window's search box. Pure: the CLI's `explain` and the Messages view
 * call the same functions.
 */
import { NOTICES, type Notice } from './notices';

export type MatchedBy = 'id' | 'id-in-text' | 'text' | 'words';

export interface NoticeMatch {
  notice: Notice;
  matchedBy: MatchedBy;
}

/** Vendor ids that can appear inside a pasted line: the Connector's HCMEnnnn and ServerAgent's Cnnnnnnn. */
const ID_IN_TEXT = /\b(HCME\d{4}|C[0-9A-F]{7})\b/gi;

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function byId(id: string): Notice | undefined {
  const want = id.toUpperCase();
  return NOTICES.find((n) => n.id === want);
}

/**
 * The one notice an input stands for, or undefined when the catalogue has
 * none: an exact id first, then a vendor id inside the text, then the
 * guide's message text or term (longest pattern wins, so "I/O Fencing完了"
 * beats "I/O Fencing").
 */
export function explainNotice(input: string): NoticeMatch | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const exact = byId(text);
  if (exact) return { notice: exact, matchedBy: 'id' };
  for (const m of text.matchAll(ID_IN_TEXT)) {
    const n = byId(m[1]);
    if (n) return { notice: n, matchedBy: 'id-in-text' };
  }
  // A line that carries an id-shaped HCME number the catalogue does not know is not some other message.
  if (/\bHCME\d{4}\b/i.test(text)) return undefined;
  const hay = norm(text);
  let best: { notice: Notice; len: number } | undefined;
  for (const n of NOTICES) {
    for (const p of [n.textKind === 'verbatim' ? n.text.replace(/\[%s\].*$/, '') : '', ...n.patterns]) {
      const q = norm(p);
      if (q.length >= 3 && hay.includes(q) && (!best || q.length > best.len)) best = { notice: n, len: q.length };
    }
  }
  return best ? { notice: best.notice, matchedBy: 'text' } : undefined;
}

/**
 * The search box: every notice whose id, text, terms, product, meaning or
 * action holds all the typed words (either language), best first. A pasted
 * line that `explainNotice` recognises puts that notice first even when
 * not every word of the line is in the catalogue.
 */
export function searchNotices(query: string): NoticeMatch[] {
  const q = query.trim();
  if (!q) return NOTICES.map((notice) => ({ notice, matchedBy: 'words' as const }));
  const out: NoticeMatch[] = [];
  const first = explainNotice(q);
  if (first) out.push(first);
  const words = norm(q).split(' ').filter((w) => w.length > 0);
  const scored: { n: Notice; score: number }[] = [];
  for (const n of NOTICES) {
    if (first?.notice === n) continue;
    const head = norm([n.id, n.text, ...n.patterns, n.product, ...(n.models ?? [])].join(' '));
    const body = norm([n.meaning.en, n.meaning.ja, n.action.en, n.action.ja].join(' '));
    if (!words.every((w) => head.includes(w) || body.includes(w))) continue;
    // Words in the id, text or terms count more than words in the explanation.
    scored.push({ n, score: words.filter((w) => head.includes(w)).length });
  }
  scored.sort((a, b) => b.score - a.score);
  for (const s of scored) out.push({ notice: s.n, matchedBy: 'words' });
  return out;
}
