/**
 * CSV of servers, for engineers who keep their lists in spreadsheets.
 * Header (any order, case-insensitive): cluster,name,bmc,bmc2,account,cipher,weakCipherAccepted,privilege,slots,trapReceivers,interfaces,notes
 * Only name and bmc are required. weakCipherAccepted: yes/no, the acknowledgement cipher suites 0, 1 and 2 need. Slots: `1:HBA:fenced;2:NIC_INTERCONNECT:prio=1`.
 * OS interfaces: `eth0=192.0.2.5/24;bond0=198.51.100.2/24`.
 * model: NX7700x, Express5800/A1080a, Express5800/A1040a, HA8000 or other (empty: not recorded).
 * resetPathAddress: the server's own NIC address on the reset path (the mask and port are the cluster's, not in the CSV).
 * onboardInterconnect: yes/no, the server has an interconnect NIC that is not in a PCI slot.
 */
import { FieldKitError } from '../../../shared/errors';
import {
  formatBmcAddress,
  IPMI_PRIVILEGES,
  newServer,
  SERVER_MODELS,
  SLOT_KINDS,
  type Inventory,
  type NewServerDefaults,
  type IpmiPrivilege,
  type OsInterface,
  type PciSlot,
  type Server,
  type SlotKind,
} from '../../../shared/model/inventory';
import { issue, parseBmcAddress, type ValidationIssue } from '../../../shared/validation';

export const CSV_COLUMNS = [
  'cluster', 'name', 'bmc', 'bmc2', 'account', 'cipher', 'weakCipherAccepted', 'privilege', 'slots', 'trapReceivers', 'interfaces',
  'model', 'resetPathAddress', 'onboardInterconnect', 'notes',
] as const;
const REQUIRED = ['name', 'bmc'];

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsvRecords(text: string): { records: string[][]; lines: number[] } {
  const src = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  const lines: number[] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) { inQuotes = true; fieldStarted = true; continue; }
    if (ch === '"') throw new FieldKitError('INVENTORY_CSV_BAD_ROW', { line, detail: 'a quote inside an unquoted value' });
    if (ch === ',') { record.push(field); field = ''; fieldStarted = false; continue; }
    if (ch === '\r') continue;
    if (ch === '\n') {
      record.push(field);
      if (!(record.length === 1 && record[0] === '')) { records.push(record); lines.push(recordLine); }
      record = []; field = ''; fieldStarted = false; line++; recordLine = line;
      continue;
    }
    field += ch;
    fieldStarted = true;
  }
  if (inQuotes) throw new FieldKitError('INVENTORY_CSV_BAD_ROW', { line: recordLine, detail: 'a quoted value is not closed' });
  record.push(field);
  if (!(record.length === 1 && record[0] === '')) { records.push(record); lines.push(recordLine); }
  return { records, lines };
}

function parseSlots(text: string, line: number, path: string): { slots: PciSlot[]; issues: ValidationIssue[] } {
  const slots: PciSlot[] = [];
  const issues: ValidationIssue[] = [];
  for (const tok of text.split(/[;\s]+/).filter(Boolean)) {
    const parts = tok.split(':');
    const num = /^\d{1,3}$/.test(parts[0]) ? Number(parts[0]) : NaN;
    const kind = (parts[1] ?? '').toUpperCase() as SlotKind;
    let fenced = false;
    let priority: number | undefined;
    let ok = Number.isInteger(num) && SLOT_KINDS.includes(kind);
    for (const p of parts.slice(2)) {
      const pl = p.toLowerCase();
      if (pl === 'fenced') fenced = true;
      else if (pl === 'open' || pl === 'unfenced') fenced = false;
      else if (/^prio=\d{1,2}$/.test(pl)) priority = Number(pl.slice(5));
      else ok = false;
    }
    if (!ok) issues.push(issue('INVENTORY_CSV_BAD_SLOT', path, { line, value: tok }));
    else slots.push(priority === undefined ? { number: num, kind, fenced } : { number: num, kind, fenced, priority });
  }
  return { slots, issues };
}

/** `name=address/prefix` tokens; the addresses are checked with the rest of the inventory. */
function parseInterfaces(text: string, line: number, path: string): { interfaces: OsInterface[]; issues: ValidationIssue[] } {
  const interfaces: OsInterface[] = [];
  const issues: ValidationIssue[] = [];
  for (const tok of text.split(/[;\s]+/).filter(Boolean)) {
    const eq = tok.indexOf('=');
    if (eq <= 0 || eq === tok.length - 1) issues.push(issue('INVENTORY_CSV_BAD_ROW', path, { line, detail: `interface "${tok}" is not name=address/prefix (e.g. eth0=192.0.2.5/24)` }));
    else interfaces.push({ name: tok.slice(0, eq), cidr: tok.slice(eq + 1) });
  }
  return { interfaces, issues };
}

export function formatInterfaces(interfaces: OsInterface[]): string {
  return interfaces.map((i) => `${i.name}=${i.cidr}`).join(';');
}

export interface CsvServerRow {
  line: number;
  cluster?: string;
  server: Server;
  /** Which optional columns the row filled, so an upsert leaves the others alone. */
  given: Set<string>;
}

export function serversFromCsv(text: string, defaults: NewServerDefaults = {}): { rows: CsvServerRow[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const { records, lines } = parseCsvRecords(text);
  if (records.length === 0) return { rows: [], issues: [issue('INVENTORY_CSV_BAD_HEADER', 'csv', { missing: REQUIRED.join(', ') })] };
  const header = records[0].map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const known = CSV_COLUMNS.find((c) => c.toLowerCase() === h.toLowerCase());
    if (known) index.set(known, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) return { rows: [], issues: [issue('INVENTORY_CSV_BAD_HEADER', 'csv', { missing: missing.join(', ') })] };
  const unknown = header.filter((h) => h !== '' && !CSV_COLUMNS.some((c) => c.toLowerCase() === h.toLowerCase()));
  if (unknown.length) issues.push(issue('INVENTORY_CSV_BAD_ROW', 'csv', { line: lines[0], detail: `unknown column(s) ${unknown.join(', ')}` }));
  const rows: CsvServerRow[] = [];
  records.slice(1).forEach((rec, ri) => {
    const line = lines[ri + 1];
    const path = `csv line ${line}`;
    if (rec.length !== header.length) {
      issues.push(issue('INVENTORY_CSV_BAD_ROW', path, { line, detail: `${rec.length} values for ${header.length} columns` }));
      return;
    }
    // Each cell loses exactly the ' that export put before a formula character (see neutraliseCell).
    const get = (c: string) => (index.has(c) ? restoreCell(rec[index.get(c)!].trim()) : undefined);
    const given = new Set<string>();
    const name = get('name') ?? '';
    const bmc = parseBmcAddress(get('bmc') ?? '', `${path} bmc`);
    issues.push(...bmc.issues);
    const server = newServer(name, bmc.value ?? { host: get('bmc') ?? '' }, '', defaults);
    const bmc2Text = get('bmc2');
    if (bmc2Text !== undefined) {
      given.add('bmc2');
      if (bmc2Text !== '') {
        const b2 = parseBmcAddress(bmc2Text, `${path} bmc2`);
        issues.push(...b2.issues);
        if (b2.value) server.bmc.secondary = b2.value;
      }
    }
    const account = get('account');
    if (account !== undefined) { given.add('account'); server.account = account; }
    const cipher = get('cipher');
    if (cipher !== undefined && cipher !== '') {
      given.add('cipher');
      server.ipmi.cipherSuite = /^\d{1,2}$/.test(cipher) ? Number(cipher) : NaN;
      if (Number.isNaN(server.ipmi.cipherSuite)) issues.push(issue('INVENTORY_CIPHER_SUITE_INVALID', `${path} cipher`, { value: cipher }));
    }
    const weak = get('weakCipherAccepted');
    if (weak !== undefined && weak !== '') {
      given.add('weakCipherAccepted');
      const v = weak.toLowerCase();
      if (['yes', 'true', '1'].includes(v)) server.ipmi.weakCipherAccepted = true;
      else if (['no', 'false', '0'].includes(v)) server.ipmi.weakCipherAccepted = false;
      else issues.push(issue('INVENTORY_CSV_BAD_ROW', `${path} weakCipherAccepted`, { line, detail: `weakCipherAccepted "${weak}" is not yes or no` }));
    }
    const priv = get('privilege');
    if (priv !== undefined && priv !== '') {
      given.add('privilege');
      const p = priv.toUpperCase() as IpmiPrivilege;
      if (IPMI_PRIVILEGES.includes(p)) server.ipmi.privilege = p;
      else issues.push(issue('INVENTORY_CSV_BAD_ROW', `${path} privilege`, { line, detail: `privilege "${priv}" is not USER, OPERATOR or ADMINISTRATOR` }));
    }
    const slots = get('slots');
    if (slots !== undefined) {
      given.add('slots');
      const s = parseSlots(slots, line, `${path} slots`);
      issues.push(...s.issues);
      server.slots = s.slots;
    }
    const tr = get('trapReceivers');
    if (tr !== undefined) { given.add('trapReceivers'); server.trapReceivers = tr.split(/[;\s]+/).filter(Boolean); }
    const itf = get('interfaces');
    if (itf !== undefined) {
      given.add('interfaces');
      const r = parseInterfaces(itf, line, `${path} interfaces`);
      issues.push(...r.issues);
      server.interfaces = r.interfaces;
    }
    const model = get('model');
    if (model !== undefined) {
      given.add('model');
      const m = SERVER_MODELS.find((x) => x.toLowerCase() === model.toLowerCase());
      if (m) server.model = m;
      else if (model !== '') issues.push(issue('INVENTORY_SERVER_MODEL_INVALID', `${path} model`, { value: model, models: SERVER_MODELS.join(', ') }));
    }
    const rpa = get('resetPathAddress');
    if (rpa !== undefined) { given.add('resetPathAddress'); if (rpa !== '') server.resetPathAddress = rpa; }
    const onboard = get('onboardInterconnect');
    if (onboard !== undefined && onboard !== '') {
      given.add('onboardInterconnect');
      const v = onboard.toLowerCase();
      if (['yes', 'true', '1'].includes(v)) server.onboardInterconnect = true;
      else if (['no', 'false', '0'].includes(v)) server.onboardInterconnect = false;
      else issues.push(issue('INVENTORY_CSV_BAD_ROW', `${path} onboardInterconnect`, { line, detail: `onboardInterconnect "${onboard}" is not yes or no` }));
    }
    const notes = get('notes');
    if (notes !== undefined) { given.add('notes'); server.notes = notes; }
    const cluster = get('cluster');
    rows.push({ line, cluster: cluster === '' ? undefined : cluster, server, given });
  });
  return { rows, issues };
}

/**
 * Spreadsheets run a cell starting with = + - @ (and, after a tab or CR, what
 * follows) as a formula. Every cell that starts with one of those, or with the
 * ' itself, gets a leading ' on export; restoreCell removes exactly that one
 * on import, so export → import gives back every value unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

export function neutraliseCell(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

export function restoreCell(v: string): string {
  return v.length > 1 && v[0] === "'" && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

function csvField(v: string): string {
  const safe = neutraliseCell(v);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatSlots(slots: PciSlot[]): string {
  return slots
    .map((s) => [String(s.number), s.kind, ...(s.fenced ? ['fenced'] : []), ...(s.priority !== undefined ? [`prio=${s.priority}`] : [])].join(':'))
    .join(';');
}

export function inventoryToCsv(inv: Inventory): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of inv.clusters) {
    for (const s of c.servers) {
      lines.push(
        [
          c.name,
          s.name,
          formatBmcAddress(s.bmc.primary),
          s.bmc.secondary ? formatBmcAddress(s.bmc.secondary) : '',
          s.account,
          String(s.ipmi.cipherSuite),
          s.ipmi.weakCipherAccepted === true ? 'yes' : 'no',
          s.ipmi.privilege,
          formatSlots(s.slots),
          s.trapReceivers.join(';'),
          formatInterfaces(s.interfaces),
          s.model ?? '',
          s.resetPathAddress ?? '',
          s.onboardInterconnect === true ? 'yes' : 'no',
          s.notes,
        ].map(csvField).join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
