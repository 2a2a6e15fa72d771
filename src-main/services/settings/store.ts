import fs from 'node:fs';
import path from 'node:path';
import { FieldKitError, toErrorPayload } from '../../../shared/errors';
import type { OperationRecord } from '../../../shared/model/operation';
import { IPMI_PRIVILEGES, type IpmiPrivilege } from '../../../shared/model/inventory';
import {
  DEFAULT_SETTINGS, IPMI_RETRIES, IPMI_TIMEOUT_MS, MONITOR_INTERVAL_SECONDS, NEW_SERVER_CIPHER_SUITES, UI_LANGUAGES,
  type AppSettings, type IpmiDefaultsInUse, type IpmiDefaultsSetting, type SettingsView, type UiLanguage,
} from '../../../shared/model/settings';
import { removeStaleTemps, writeFileAtomic } from '../files/atomic';

export function settingsFile(home: string): string {
  return path.join(home, 'settings.json');
}

/** A change as the window or a caller sends it: values as typed, judged here. */
export interface SettingsPatch {
  language?: unknown;
  monitorIntervalSeconds?: unknown;
  ipmiNewServerCipherSuite?: unknown;
  ipmiNewServerPrivilege?: unknown;
  ipmiTimeoutMs?: unknown;
  ipmiRetries?: unknown;
}

const short = (v: unknown) => String(v).slice(0, 32);

export function checkLanguage(v: unknown): UiLanguage {
  if (typeof v === 'string' && (UI_LANGUAGES as readonly string[]).includes(v)) return v as UiLanguage;
  throw new FieldKitError('SETTINGS_LANGUAGE_INVALID', { value: short(v) });
}

/** Whole seconds within bounds; "30" as typed in a field counts, "30.5", "", "1e3" do not. */
export function checkMonitorInterval(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,7}\s*$/.test(v) ? Number(v) : NaN;
  if (Number.isInteger(n) && n >= MONITOR_INTERVAL_SECONDS.min && n <= MONITOR_INTERVAL_SECONDS.max) return n;
  throw new FieldKitError('SETTINGS_MONITOR_INTERVAL_INVALID', { value: short(v), min: MONITOR_INTERVAL_SECONDS.min, max: MONITOR_INTERVAL_SECONDS.max });
}

/** A whole number as a field gives it ("30" counts; "30.5", "", "1e3" do not); NaN otherwise. */
function wholeNumber(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,7}\s*$/.test(v) ? Number(v) : NaN;
}

export function checkNewServerCipherSuite(v: unknown): NonNullable<IpmiDefaultsSetting['newServerCipherSuite']> {
  const n = wholeNumber(v);
  if ((NEW_SERVER_CIPHER_SUITES as readonly number[]).includes(n)) return n as NonNullable<IpmiDefaultsSetting['newServerCipherSuite']>;
  throw new FieldKitError('SETTINGS_IPMI_SUITE_INVALID', { value: short(v), allowed: NEW_SERVER_CIPHER_SUITES.join(', ') });
}

export function checkNewServerPrivilege(v: unknown): IpmiPrivilege {
  if (typeof v === 'string' && (IPMI_PRIVILEGES as readonly string[]).includes(v)) return v as IpmiPrivilege;
  throw new FieldKitError('SETTINGS_IPMI_PRIVILEGE_INVALID', { value: short(v) });
}

export function checkIpmiTimeout(v: unknown): number {
  const n = wholeNumber(v);
  if (Number.isInteger(n) && n >= IPMI_TIMEOUT_MS.min && n <= IPMI_TIMEOUT_MS.max) return n;
  throw new FieldKitError('SETTINGS_IPMI_TIMEOUT_INVALID', { value: short(v), min: IPMI_TIMEOUT_MS.min, max: IPMI_TIMEOUT_MS.max });
}

export function checkIpmiRetries(v: unknown): number {
  const n = wholeNumber(v);
  if (Number.isInteger(n) && n >= IPMI_RETRIES.min && n <= IPMI_RETRIES.max) return n;
  throw new FieldKitError('SETTINGS_IPMI_RETRIES_INVALID', { value: short(v), min: IPMI_RETRIES.min, max: IPMI_RETRIES.max });
}

function parseIpmi(o: unknown): IpmiDefaultsSetting | undefined {
  if (o === undefined) return undefined;
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('ipmi is not an object');
  const i = o as Record<string, unknown>;
  const out: IpmiDefaultsSetting = {
    ...(i.newServerCipherSuite !== undefined ? { newServerCipherSuite: checkNewServerCipherSuite(i.newServerCipherSuite) } : {}),
    ...(i.newServerPrivilege !== undefined ? { newServerPrivilege: checkNewServerPrivilege(i.newServerPrivilege) } : {}),
    ...(i.timeoutMs !== undefined ? { timeoutMs: checkIpmiTimeout(i.timeoutMs) } : {}),
    ...(i.retries !== undefined ? { retries: checkIpmiRetries(i.retries) } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}

/** A file's content to settings: unknown keys are dropped, a bad value is a problem for the whole file (never half-read). */
function parseFile(text: string): AppSettings {
  const o = JSON.parse(text) as Record<string, unknown>;
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('not a JSON object');
  const ipmi = parseIpmi(o.ipmi);
  return {
    ...(o.language !== undefined ? { language: checkLanguage(o.language) } : {}),
    monitorIntervalSeconds: o.monitorIntervalSeconds !== undefined ? checkMonitorInterval(o.monitorIntervalSeconds) : DEFAULT_SETTINGS.monitorIntervalSeconds,
    ...(ipmi ? { ipmi } : {}),
  };
}

/**
 * The engineer's IPMI defaults in `<home>/settings.json`, for the engine and
 * the inventory: nothing when the file is absent or cannot be read (FieldKit's
 * built-in values then, as the Settings page says with SETTINGS_FILE_INVALID).
 */
export function ipmiSettingsIn(home: string): IpmiDefaultsSetting {
  try {
    return parseFile(fs.readFileSync(settingsFile(home), 'utf8')).ipmi ?? {};
  } catch {
    return {};
  }
}

type Audit = (r: Omit<OperationRecord, 'when'>) => void;

export interface SettingsStoreDeps {
  home: string;
  audit?: Audit;
  who?: string;
  via?: OperationRecord['via'];
  /** What the BMC access layer uses with these settings (ipmiDefaultsInUse), reported with them; injected so the store loads no engine. */
  ipmi: (settings: AppSettings) => IpmiDefaultsInUse;
  /** The atomic writer (injected by tests that simulate a crash between the temp file and the rename). */
  write?: typeof writeFileAtomic;
}

/**
 * `<home>/settings.json`: read with the defaults behind it, changed by
 * validated patches and written atomically (temp file, fsync, rename, the
 * previous version kept). A refused value throws its catalogued error before
 * anything is written.
 */
export class SettingsStore {
  constructor(private readonly d: SettingsStoreDeps) {}

  get file(): string {
    return settingsFile(this.d.home);
  }

  /** The settings, or the defaults with the reason when the file cannot be read. */
  read(): { settings: AppSettings; problem?: FieldKitError } {
    // A writer that died mid-write leaves its temp file beside settings.json; the settings themselves are intact.
    removeStaleTemps(this.file);
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { settings: { ...DEFAULT_SETTINGS } };
      return { settings: { ...DEFAULT_SETTINGS }, problem: new FieldKitError('SETTINGS_FILE_INVALID', { file: this.file, detail: (e as NodeJS.ErrnoException).code ?? String(e) }) };
    }
    try {
      return { settings: parseFile(text) };
    } catch (e) {
      // The detail names the kind of fault, never the content.
      const detail = e instanceof FieldKitError ? e.id : e instanceof SyntaxError ? 'not JSON' : String((e as Error).message ?? e).slice(0, 80);
      return { settings: { ...DEFAULT_SETTINGS }, problem: new FieldKitError('SETTINGS_FILE_INVALID', { file: this.file, detail }) };
    }
  }

  view(): SettingsView {
    const { settings, problem } = this.read();
    return { home: this.d.home, file: this.file, settings, ...(problem ? { problem: toErrorPayload(problem) } : {}), ipmi: this.d.ipmi(settings) };
  }

  /** Applies the given fields over the current settings; all are checked before the file is touched. */
  async save(patch: SettingsPatch): Promise<SettingsView> {
    const next: AppSettings = { ...this.read().settings };
    const audit = (result: OperationRecord['result'], extra: Partial<OperationRecord>) =>
      this.d.audit?.({ who: this.d.who ?? 'unknown', via: this.d.via ?? 'system', target: 'settings.json', action: 'settings.save', result, ...extra });
    try {
      if (patch.language !== undefined) next.language = checkLanguage(patch.language);
      if (patch.monitorIntervalSeconds !== undefined) next.monitorIntervalSeconds = checkMonitorInterval(patch.monitorIntervalSeconds);
      const ipmi: IpmiDefaultsSetting = { ...next.ipmi };
      if (patch.ipmiNewServerCipherSuite !== undefined) ipmi.newServerCipherSuite = checkNewServerCipherSuite(patch.ipmiNewServerCipherSuite);
      if (patch.ipmiNewServerPrivilege !== undefined) ipmi.newServerPrivilege = checkNewServerPrivilege(patch.ipmiNewServerPrivilege);
      if (patch.ipmiTimeoutMs !== undefined) ipmi.timeoutMs = checkIpmiTimeout(patch.ipmiTimeoutMs);
      if (patch.ipmiRetries !== undefined) ipmi.retries = checkIpmiRetries(patch.ipmiRetries);
      if (Object.keys(ipmi).length) next.ipmi = ipmi;
    } catch (e) {
      audit('refused', { errorId: (e as FieldKitError).id });
      throw e;
    }
    const write = this.d.write ?? writeFileAtomic;
    try {
      // keepPrevious: an unreadable file being replaced stays as settings.json.prev (SETTINGS_FILE_INVALID's remedy).
      await write(this.file, `${JSON.stringify(next, null, 2)}\n`, { keepPrevious: true });
    } catch (e) {
      audit('failed', { errorId: toErrorPayload(e).id });
      throw e;
    }
    audit('ok', { details: { language: next.language, monitorIntervalSeconds: next.monitorIntervalSeconds, ...(next.ipmi ? { ipmi: { ...next.ipmi } } : {}) } });
    return this.view();
  }
}
