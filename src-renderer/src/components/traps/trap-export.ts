import type { TrapEvent } from '../../../../shared/model/trap';

const CSV_COLUMNS = ['receivedAt', 'source', 'server', 'cluster', 'class', 'severity', 'sensorType', 'event', 'direction', 'petSeverity', 'bmcTime', 'summary', 'nextStep', 'petRaw'] as const;

function cell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // Quote everything that could break a row; a leading = + - @ is neutralised against spreadsheet formula injection.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with one row per trap and the fields an engineer filters on. */
export function trapsToCsv(events: readonly TrapEvent[]): string {
  const rows = events.map((e) =>
    [
      e.receivedAt,
      e.source.address,
      e.server,
      e.cluster,
      e.class,
      e.severity,
      e.petTexts?.sensorTypeName,
      e.petTexts?.eventDetail,
      e.petTexts?.direction,
      e.petTexts?.severityName,
      e.pet?.time,
      e.summary,
      e.nextStep.en,
      e.pet?.raw,
    ]
      .map(cell)
      .join(','),
  );
  return `${CSV_COLUMNS.join(',')}\r\n${rows.join('\r\n')}\r\n`;
}

/** Hex bytes in rows of 16, with offsets, for the detail pane. */
export function hexDump(hex: string): string[] {
  const bytes = hex.match(/../g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) out.push(`${i.toString().padStart(3, ' ')}: ${bytes.slice(i, i + 16).join(' ')}`);
  return out;
}
