/**
 * Times as the engineer reads a wall clock: local time with its zone
 * ("2026-12-02 10:10:35 JST"), the same layout in every page and both
 * languages. Records and exports keep ISO 8601 UTC; only the window converts.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(lang: string): Intl.DateTimeFormat {
  let f = cache.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US', {
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23', timeZoneName: 'short',
    });
    cache.set(lang, f);
  }
  return f;
}

/** An ISO time (or epoch ms) in local time with the zone; what cannot be read is shown as it is. */
export function localTime(value: string | number | undefined | null, lang: string): string {
  if (value === undefined || value === null || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const parts = Object.fromEntries(formatterFor(lang).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName ?? ''}`.trimEnd();
}
