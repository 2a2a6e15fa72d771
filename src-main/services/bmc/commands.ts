import { FieldKitError } from '../../../shared/errors';
import { entityName } from '../../../shared/ipmi';
import { call, completionCodeText, formatRawResponse, hexByte, parseRawArgs, rearmSensorEvents } from '../../engines/ipmi/commands';
import { isSensorSdr, readingSummary, selDateTime, selText, type SdrRecord } from '../../engines/ipmi/interpret';
import * as ops from '../../engines/ipmi/ops';
import type { IpmiRequester } from '../../engines/ipmi/requester';
import type { SdrCacheStore } from '../../engines/ipmi/ops';

/**
 * The IPMI maintenance commands as words ("power status", "raw 0x06 0x01"),
 * shared by the CLI subcommands and `exec FILE`, so one line of an exec file
 * behaves exactly like the command typed alone.
 */
export interface CommandContext {
  requester: IpmiRequester;
  cache?: SdrCacheStore;
  signal?: AbortSignal;
  /** Power changes and SEL clear need this (the caller asked the user). */
  confirmed?: boolean;
  wait?: boolean;
  waitTimeoutMs?: number;
  chunkSize?: number;
  progress?: (text: string) => void;
  /** raw: the user says the command only reads, so it may be retransmitted (otherwise it is sent once). */
  rawReadOnly?: boolean;
  /** SDR records already read on this session (exec reuses them). */
  sdr?: SdrRecord[];
}

export interface CommandResult {
  command: string;
  value: unknown;
  text: string[];
  /** Non-zero completion code of a raw command: the line failed. */
  failed?: boolean;
}

/** ipmi-sensors --output-sensor-state words. */
const STATE_WORD = { nominal: 'Nominal', warning: 'Warning', critical: 'Critical' } as const;

/** The text lines of a power change's result (the CLI prints them; the window draws its own). */
export function powerText(r: Pick<ops.PowerResult, 'outcome' | 'action' | 'sent' | 'before' | 'reached' | 'after'>): string[] {
  return [powerLine(r), `Chassis Power is ${r.after ? 'on' : 'off'}`];
}

export const CHANGING = new Set(['power on', 'power off', 'power cycle', 'power reset', 'power soft', 'sel clear']);

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]))).join(' | '));
}

async function sdrOf(ctx: CommandContext): Promise<SdrRecord[]> {
  if (!ctx.sdr) ctx.sdr = (await ops.readSdrRepository(ctx.requester, { cache: ctx.cache, signal: ctx.signal, chunkSize: ctx.chunkSize })).records;
  return ctx.sdr;
}

export function formatValue(v: number): string {
  return Number.isInteger(v) ? v.toFixed(2) : v.toFixed(2);
}

async function mcInfoCommand(rest: string[], ctx: CommandContext, words: string[]): Promise<CommandResult> {
  const o = { signal: ctx.signal };
  const bad = badArgument(words);
  if (rest[0] !== 'info') bad('Use "mc info".');
  const info = await ops.mcInfo(ctx.requester, o);
  // The GUID identifies the board across BMC address changes; the server page shows it beside the firmware.
  const guid = await ops.systemGuid(ctx.requester, o);
  const d = { ...info, ...(guid ? { guid } : {}) };
  return { command: 'mc info', value: d, text: mcInfoText(d) };
}

/**
 * The text of each read command, from its value alone: the CLI prints the
 * value a handler-table channel answers exactly as the command run here
 * would have printed it.
 */
export function mcInfoText(d: Awaited<ReturnType<typeof ops.mcInfo>> & { guid?: string }): string[] {
  return [
      `Device ID                 : ${d.deviceId}`,
      `Device Revision           : ${d.deviceRevision}`,
      `Firmware Revision         : ${d.firmware}`,
      `IPMI Version              : ${d.ipmiVersion}`,
      `Manufacturer ID           : ${d.manufacturerId}`,
      `Manufacturer Name         : ${d.manufacturerName ?? 'Unknown'}`,
      `Product ID                : ${d.productId} (0x${d.productId.toString(16).padStart(4, '0')})`,
      `Device Available          : ${d.deviceAvailable ? 'yes' : 'no'}`,
      `Provides Device SDRs      : ${d.providesDeviceSdrs ? 'yes' : 'no'}`,
      'Additional Device Support :',
      ...d.additionalSupportNames.map((n) => `    ${n}`),
      ...(d.guid ? [`System GUID               : ${d.guid}`] : []),
  ];
}

async function powerCommand(rest: string[], ctx: CommandContext, words: string[]): Promise<CommandResult> {
  const o = { signal: ctx.signal };
  const bad = badArgument(words);
  const action = (rest[0] ?? 'status') as ops.PowerAction;
  if (!ops.POWER_ACTIONS.includes(action)) bad('Use power status|on|off|cycle|reset|soft.');
  if (action !== 'status' && !ctx.confirmed) throw new FieldKitError('CLI_CONFIRMATION_REQUIRED');
  const r = await ops.power(ctx.requester, action, {
    ...o,
    wait: ctx.wait,
    ...(ctx.waitTimeoutMs ? { waitTimeoutMs: ctx.waitTimeoutMs } : {}),
    onProgress: (p) => ctx.progress?.(`power ${action}: ${p.step ? `${p.step} ` : ''}${PROGRESS_WORD[p.phase]}, power is ${p.powerOn ? 'on' : 'off'} (${(p.elapsedMs / 1000).toFixed(1)} s)`),
  });
  const { chassis, ...value } = r;
  void chassis;
  const text = action === 'status' ? [`Chassis Power is ${r.after ? 'on' : 'off'}`] : powerText(r);
  return { command: `power ${action}`, value: { ...value, power: r.after ? 'on' : 'off' }, text };
}

const PROGRESS_WORD = { sent: 'sent', waiting: 'waiting', done: 'done', unknown: 'sent, answer lost (not sent again; reading the state)' } as const;

/** What was carried out, in words: nothing, a substitute, or the action with how it was done. */
export function powerLine(r: Pick<ops.PowerResult, 'outcome' | 'action' | 'sent' | 'before' | 'reached'>): string {
  if (r.outcome === 'already') return `Chassis Power Control: ${r.action}: nothing sent (power was already ${r.before ? 'on' : 'off'})`;
  if (r.sent !== r.action) return `Chassis Power Control: ${r.action} -> ${r.sent} (server was off)`;
  if (r.action === 'cycle') return 'Chassis Power Control: cycle (off, confirmed off, then on, confirmed on)';
  return `Chassis Power Control: ${r.action}${r.reached ? ' (confirmed)' : ''}`;
}

async function sensorsCommand(rest: string[], ctx: CommandContext, _words: string[]): Promise<CommandResult> {
  const o = { signal: ctx.signal };
  const rows = await ops.readSensorsFrom(ctx.requester, await sdrOf(ctx), { ...o, includeEventOnly: false });
  return { command: 'sensors', value: rows, text: sensorsText(rows) };
}

export function sensorsText(rows: Awaited<ReturnType<typeof ops.readSensorsFrom>>): string[] {
  return table([
    ['Name', 'Type', 'State', 'Reading', 'Units', 'Event'],
    ...rows.map((r) => [r.name, r.typeName, STATE_WORD[r.severity], r.value !== undefined ? formatValue(r.value) : 'N/A', r.unitAbbrev ?? 'N/A', readingSummary(r)]),
  ]);
}

async function slotsCommand(rest: string[], ctx: CommandContext, _words: string[]): Promise<CommandResult> {
  const o = { signal: ctx.signal };
  const rows = (await ops.readSensorsFrom(ctx.requester, await sdrOf(ctx), { ...o, types: [0x21] })).map(ops.slotRow);
  return { command: 'slots', value: rows, text: slotsText(rows) };
}

export function slotsText(rows: { text: string }[]): string[] {
  return rows.length ? rows.map((r) => r.text) : ['No Slot/Connector sensors in the SDR repository.'];
}

async function sdrCommand(rest: string[], ctx: CommandContext, _words: string[]): Promise<CommandResult> {
  const recs = await sdrOf(ctx);
  const value = recs.map((r) => ({ ...r }));
  return { command: 'sdr', value, text: sdrText(recs) };
}

export function sdrText(recs: SdrRecord[]): string[] {
  return table([
      ['ID', 'Name', 'Kind', 'Number', 'Type', 'Entity'],
      ...recs.map((r) => [
        String(r.recordId),
        'name' in r ? r.name : '',
        r.kind,
        isSensorSdr(r) ? hexByte(r.sensorNumber) : '',
        isSensorSdr(r) ? r.sensorTypeName : '',
        'entityId' in r ? `${entityName(r.entityId)} (${r.entityId}.${r.entityInstance})` : '',
      ]),
    ]);
}

async function selCommand(rest: string[], ctx: CommandContext, words: string[]): Promise<CommandResult> {
  const o = { signal: ctx.signal };
  const bad = badArgument(words);
  const sub = rest[0] ?? 'list';
  if (sub === 'list' || sub === 'elist') {
    const r = await ops.listSel(ctx.requester, { ...o, sdr: await sdrOf(ctx) });
    return { command: 'sel list', value: r.entries, text: selListText(r.entries) };
  }
  if (sub === 'clear') {
    if (!ctx.confirmed) throw new FieldKitError('CLI_CONFIRMATION_REQUIRED');
    const r = await ops.clearSel(ctx.requester, { ...o, onProgress: (p) => ctx.progress?.(`sel clear: ${p.phase}`) });
    return { command: 'sel clear', value: r, text: ['Clearing SEL: done'] };
  }
  return bad('Use "sel list" or "sel clear".');
}

export function selListText(entries: Awaited<ReturnType<typeof ops.listSel>>['entries']): string[] {
  return entries.length
    ? table([
      ['ID', 'Date', 'Time', 'Name', 'Type', 'Event'],
      ...entries.map((e) => {
        const dt = selDateTime(e);
        return [String(e.recordId), dt.date, dt.time, e.sensorName ?? (e.sensorNumber !== undefined ? `Sensor #${e.sensorNumber}` : ''), e.sensorTypeName ?? 'OEM', e.kind === 'system' ? `${e.description ?? e.event}${e.assertion ? '' : ' (deasserted)'}` : selText(e)];
      }),
    ])
    : ['SEL has no entries'];
}

async function fruCommand(rest: string[], ctx: CommandContext, words: string[]): Promise<CommandResult> {
  const o = { signal: ctx.signal };
  const bad = badArgument(words);
  const fruId = rest[0] !== undefined ? Number(rest[0]) : 0;
  if (!Number.isInteger(fruId) || fruId < 0 || fruId > 254) bad('FRU id is 0-254.');
  const f = await ops.readFru(ctx.requester, { ...o, fruId });
  return { command: 'fru', value: f, text: fruText(f) };
}

export function fruText(f: Awaited<ReturnType<typeof ops.readFru>>): string[] {
  const t: string[] = [`FRU Device ${f.fruId} (${f.size} bytes)`];
  if (f.chassis) t.push(` Chassis Type          : ${f.chassis.typeName}`, ` Chassis Part Number   : ${f.chassis.partNumber}`, ` Chassis Serial        : ${f.chassis.serialNumber}`);
  if (f.board) {
    if (f.board.mfgDate) t.push(` Board Mfg Date        : ${f.board.mfgDate}`);
    t.push(` Board Mfg             : ${f.board.manufacturer}`, ` Board Product         : ${f.board.productName}`, ` Board Serial          : ${f.board.serialNumber}`, ` Board Part Number     : ${f.board.partNumber}`);
  }
  if (f.product) {
    t.push(` Product Manufacturer  : ${f.product.manufacturer}`, ` Product Name          : ${f.product.name}`, ` Product Part Number   : ${f.product.partNumber}`, ` Product Version       : ${f.product.version}`, ` Product Serial        : ${f.product.serialNumber}`, ` Product Asset Tag     : ${f.product.assetTag}`);
  }
  if (f.badChecksums.length) t.push(` Checksum errors in   : ${f.badChecksums.join(', ')}`);
  return t;
}

async function rawCommand(rest: string[], ctx: CommandContext, words: string[]): Promise<CommandResult> {
  const o = { signal: ctx.signal };
  const r = parseRawArgs(rest);
  const res = await ops.raw(ctx.requester, r.netFn, r.cmd, r.data, { ...o, readOnly: ctx.rawReadOnly === true });
  const value = { ...res, completionCodeText: completionCodeText(res.completionCode) };
  return { command: words.join(' '), value, text: rawText(value), ...(res.completionCode !== 0 ? { failed: true } : {}) };
}

/** A raw answer as ipmitool prints it; a non-zero completion code fails the command. */
export function rawText(v: { completionCode: number; data: number[] }): string[] {
  if (v.completionCode !== 0) return [`Completion code ${hexByte(v.completionCode)}: ${completionCodeText(v.completionCode)}`];
  return v.data.length ? [formatRawResponse(v.data)] : [''];
}

async function rearmCommand(rest: string[], ctx: CommandContext, words: string[]): Promise<CommandResult> {
  const o = { signal: ctx.signal };
  const bad = badArgument(words);
  if (!rest.length) bad('Give the sensor name or number.');
  const recs = await sdrOf(ctx);
  const s = ops.findSensor(recs, rest.join(' '));
  await call(ctx.requester, rearmSensorEvents, { sensorNumber: s.sensorNumber }, { ...o, lun: s.ownerLun });
  const value = { number: s.sensorNumber, name: s.name };
  return { command: `rearm ${s.name}`, value, text: rearmText(value) };
}

export function rearmText(v: { number: number; name: string }): string[] {
  return [`Re-armed events of ${v.name} (${hexByte(v.number)})`];
}

type CommandHandler = (rest: string[], ctx: CommandContext, words: string[]) => Promise<CommandResult>;

/** One small handler per verb: `exec` runs one of them thousands of times in a cold process. */
const HANDLERS: Record<string, CommandHandler> = {
  mc: mcInfoCommand, power: powerCommand, sensors: sensorsCommand, slots: slotsCommand, sdr: sdrCommand,
  sel: selCommand, fru: fruCommand, raw: rawCommand, rearm: rearmCommand,
};

function badArgument(words: string[]): (detail: string) => never {
  return (detail) => { throw badArgumentError(words, detail); };
}

export function runCommand(words: string[], ctx: CommandContext): Promise<CommandResult> {
  const handler = Object.hasOwn(HANDLERS, words[0]) ? HANDLERS[words[0]] : undefined;
  if (!handler) return Promise.reject(badArgumentError(words, 'Known commands: mc info, power, sensors, slots, sdr, sel list|clear, fru, raw, rearm.'));
  return handler(words.slice(1), ctx, words);
}

function badArgumentError(words: string[], detail: string): FieldKitError {
  return new FieldKitError('IPMICMD_BAD_ARGUMENT', { what: 'command', value: words.join(' '), detail });
}

/**
 * Checks a command's words without touching the BMC, so `exec` can refuse a
 * file with a bad line before it runs anything (never half a maintenance
 * script). Throws IPMICMD_BAD_ARGUMENT.
 */
export function validateWords(words: string[]): void {
  const bad = badArgument(words);
  const [verb, ...rest] = words;
  switch (verb) {
    case 'mc': if (rest.length !== 1 || rest[0] !== 'info') bad('Use "mc info".'); return;
    case 'power': if (rest.length > 1 || !ops.POWER_ACTIONS.includes((rest[0] ?? 'status') as ops.PowerAction)) bad('Use power status|on|off|cycle|reset|soft.'); return;
    case 'sensors': case 'slots': case 'sdr': if (rest.length) bad(`"${verb}" takes no arguments.`); return;
    case 'sel': if (rest.length > 1 || !['list', 'elist', 'clear', undefined].includes(rest[0])) bad('Use "sel list" or "sel clear".'); return;
    case 'fru': if (rest.length > 1 || (rest[0] !== undefined && !/^\d{1,3}$/.test(rest[0]))) bad('Use "fru [id]".'); return;
    case 'raw': parseRawArgs(rest); return;
    case 'rearm': if (!rest.length) bad('Give the sensor name or number.'); return;
    default: bad('Known commands: mc info, power, sensors, slots, sdr, sel list|clear, fru, raw, rearm.');
  }
}

/** Splits one exec line into words; "#" starts a comment, quotes group words. */
export function splitLine(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  const body = line.replace(/(^|\s)#.*$/, '');
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}
