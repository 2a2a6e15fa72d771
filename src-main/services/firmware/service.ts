import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isoNow, stopwatch, type Clock } from '../../../shared/clock';
import { cancelledError, FieldKitError, throwIfCancelled, toErrorPayload } from '../../../shared/errors';
import {
  CHECKLIST_ITEMS,
  verdictOf,
  type BmcProbe,
  type Checklist,
  type ChecklistItem,
  type FirmwareIdentity,
  type FirmwareProgress,
  type FwCheck,
  type NewSelEntry,
  type PostflightResult,
  type PreflightRecord,
  type SlotSnapshot,
} from '../../../shared/model/firmware';
import type { PrereqItem } from '../../../shared/guide/prerequisites';
import type { Server } from '../../../shared/model/inventory';
import type { OperationRecord } from '../../../shared/model/operation';
import { SensorType } from '../../../shared/ipmi';
import type { IpmiEngine } from '../../engines/ipmi';
import type { IpmiRequester } from '../../engines/ipmi/requester';
import { chassisStatus, listSel, mcInfo, readSdrRepository, readSensorsFrom, slotRow, type McInfo, type SensorRow } from '../../engines/ipmi/ops';
import type { SdrRecord } from '../../engines/ipmi/interpret';
import { writeFileAtomic } from '../files/atomic';
import { addressOf, probeBmc, serverTargets, type SecretLookup, type ServerTargets } from './targets';

export interface FirmwareServiceDeps {
  home: string;
  /** Stamps, the post-flight wait's deadline and its pauses between polls (shared/clock.ts; tests pass a fake one). */
  clock: Clock;
  appVersion: string;
  findServer: (name: string) => Promise<Server | undefined>;
  secret: SecretLookup;
  engine: () => IpmiEngine;
  audit: (record: Omit<OperationRecord, 'when'>) => void;
  /** The vendors' prerequisites for a server's model, recorded for the engineer to check by hand. */
  prerequisites?: (name: string) => Promise<PrereqItem[]>;
}

export interface RunOptions {
  /** Overrides the keychain (FIELDKIT_PASSWORD, --password-stdin). Never stored. */
  password?: string;
  who?: string;
  via?: OperationRecord['via'];
  signal?: AbortSignal;
  onProgress?: (p: FirmwareProgress) => void;
}

export interface PreflightOptions extends RunOptions {
  checklist: Partial<Checklist>;
}

export interface PostflightOptions extends RunOptions {
  /** How long to wait for the BMC to answer again (default 300 s). */
  waitMs?: number;
  /** Pause between attempts while waiting (default 1 s). */
  pollMs?: number;
}

/** SEL space below which an update may lose its own events (16 bytes per entry: 64 entries). */
const SEL_LOW_BYTES = 1024;

const CHECKLIST_MESSAGE: Record<ChecklistItem, string> = {
  haMonitorStopped: 'FIRMWARE_CHECK_HA_MONITOR_STOPPED',
  resetPathMonitoringStopped: 'FIRMWARE_CHECK_RESET_PATH_MONITORING_STOPPED',
  maintenanceWindowAgreed: 'FIRMWARE_CHECK_MAINTENANCE_WINDOW_AGREED',
  firmwareFileChecked: 'FIRMWARE_CHECK_FIRMWARE_FILE_CHECKED',
};

/** The catalogue id of the text of a checklist item (prompts in the CLI and the view use it too). */
export function checklistMessageId(item: ChecklistItem): string {
  return CHECKLIST_MESSAGE[item];
}

function check(id: string, status: FwCheck['status'], messageId: string, params: FwCheck['message']['params'] = {}): FwCheck {
  return { id, status, message: { id: messageId, params } };
}

function errText(e: unknown): string {
  return toErrorPayload(e).message;
}

function identity(d: McInfo): FirmwareIdentity {
  return {
    firmware: d.firmware,
    // All-zero aux bytes mean "no aux revision" (ipmitool prints them, FreeIPMI does not).
    ...(d.auxFirmware?.some((b) => b !== 0) ? { auxFirmware: d.auxFirmware.join('.') } : {}),
    manufacturerId: d.manufacturerId,
    ...(d.manufacturerName ? { manufacturerName: d.manufacturerName } : {}),
    productId: d.productId,
    deviceId: d.deviceId,
    ...(d.deviceRevision !== undefined ? { deviceRevision: d.deviceRevision } : {}),
    ipmiVersion: d.ipmiVersion,
  };
}

/** "9.08" or "9.08 (aux 1.2.3.4)": what engineers compare with the vendor's release notes. */
export function firmwareLabel(d: FirmwareIdentity): string {
  return d.auxFirmware ? `${d.firmware} (aux ${d.auxFirmware})` : d.firmware;
}

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${p(d.getUTCMilliseconds(), 3)}`;
}

function probeChecks(probes: BmcProbe[], hasSecondary: boolean): FwCheck[] {
  const out: FwCheck[] = [];
  for (const p of probes) {
    const base = { role: p.role, address: p.address };
    if (!p.ping) {
      out.push(check(`ping.${p.role}`, 'fail', 'FIRMWARE_CHECK_PING_FAILED', base));
      continue;
    }
    out.push(check(`ping.${p.role}`, 'pass', 'FIRMWARE_CHECK_PING_OK', base));
    if (!p.session) {
      out.push(check(`session.${p.role}`, 'fail', 'FIRMWARE_CHECK_SESSION_FAILED', { ...base, error: p.error ?? p.errorId ?? '' }));
      continue;
    }
    out.push(check(`session.${p.role}`, 'pass', 'FIRMWARE_CHECK_SESSION_OK', { ...base, privilege: p.privilege ?? '?' }));
    if (p.privilege !== 'admin') out.push(check(`privilege.${p.role}`, 'fail', 'FIRMWARE_CHECK_PRIVILEGE_LOW', { ...base, privilege: p.privilege ?? '?' }));
  }
  if (!hasSecondary) out.push(check('ping.secondary', 'info', 'FIRMWARE_CHECK_NO_SECONDARY'));
  return out;
}

function slotNames(slots: SlotSnapshot[]): string {
  return slots.map((s) => s.name).join(', ');
}

function unavailable(rows: SensorRow[]): string[] {
  return rows.filter((r) => r.kind !== 'event-only' && (!r.available || r.error !== undefined)).map((r) => r.name);
}

/**
 * Pre- and post-flight checks around a BMC firmware update done with the
 * vendor's tool. Both only read from the BMC; the pre-flight record is the
 * reference the post-flight compares with.
 */
export class FirmwareService {
  readonly dir: string;

  constructor(private readonly deps: FirmwareServiceDeps) {
    this.dir = path.join(deps.home, 'firmware');
  }

  private async server(name: string): Promise<Server> {
    const s = await this.deps.findServer(name);
    if (!s) throw new FieldKitError('SERVER_UNKNOWN', { server: name });
    return s;
  }

  private async probes(t: ServerTargets, signal?: AbortSignal): Promise<BmcProbe[]> {
    const engine = this.deps.engine();
    return Promise.all([
      probeBmc(engine, 'primary', t.primary, signal),
      ...(t.secondary ? [probeBmc(engine, 'secondary', t.secondary, signal)] : []),
    ]);
  }

  private requester(t: ServerTargets): { req: IpmiRequester; answeredBy: () => string | undefined } {
    const handle = this.deps.engine().dual(t.primary, t.secondary);
    return {
      req: handle,
      answeredBy: () => {
        const role = handle.answeredBy();
        if (!role) return undefined;
        return `${role} ${addressOf(role === 'secondary' && t.secondary ? t.secondary : t.primary)}`;
      },
    };
  }

  async preflight(name: string, o: PreflightOptions): Promise<PreflightRecord> {
    const server = await this.server(name);
    const targets = await serverTargets(server, this.deps.secret, o.password);
    const step = (s: string) => o.onProgress?.({ server: name, phase: 'step', step: s });
    const ro = o.signal ? { signal: o.signal } : undefined;

    step('bmc');
    const bmcs = await this.probes(targets, o.signal);
    const checks = probeChecks(bmcs, targets.secondary !== undefined);
    const record: PreflightRecord = {
      kind: 'preflight',
      server: name,
      takenAt: isoNow(this.deps.clock),
      who: o.who ?? 'unknown',
      via: o.via ?? 'cli',
      fieldkitVersion: this.deps.appVersion,
      bmcs,
      slots: [],
      checklist: Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, o.checklist[i] === true])) as Checklist,
      checks,
      verdict: 'pass',
    };

    if (bmcs.some((b) => b.session)) {
      const { req, answeredBy } = this.requester(targets);
      step('device');
      try {
        const d = identity(await mcInfo(req, ro));
        record.device = d;
        checks.push(check('device', 'pass', 'FIRMWARE_CHECK_DEVICE', { firmware: firmwareLabel(d), manufacturer: d.manufacturerName ?? d.manufacturerId, product: d.productId, ipmi: d.ipmiVersion }));
      } catch (e) {
        checks.push(check('device', 'fail', 'FIRMWARE_CHECK_DEVICE_FAILED', { error: errText(e) }));
      }
      step('power');
      try {
        record.power = (await chassisStatus(req, ro)).powerOn ? 'on' : 'off';
        checks.push(check('power', 'info', 'FIRMWARE_CHECK_POWER', { state: record.power }));
      } catch (e) {
        checks.push(check('power', 'warn', 'FIRMWARE_CHECK_POWER_FAILED', { error: errText(e) }));
      }
      step('sdr');
      let records: SdrRecord[] = [];
      try {
        const sdr = await readSdrRepository(req, ro);
        records = sdr.records;
        record.sdr = { records: sdr.records.length, cacheKey: sdr.cacheKey };
        checks.push(check('sdr', 'pass', 'FIRMWARE_CHECK_SDR_OK', { records: sdr.records.length }));
      } catch (e) {
        checks.push(check('sdr', 'fail', 'FIRMWARE_CHECK_SDR_FAILED', { error: errText(e) }));
      }
      step('sel');
      try {
        const sel = await listSel(req, { ...ro, sdr: records });
        const ids = sel.entries.map((e) => e.recordId);
        record.sel = {
          entries: sel.info.entries,
          freeSpace: sel.info.freeSpace,
          overflow: sel.info.overflow,
          lastAddition: sel.info.lastAddition,
          ...(ids.length ? { lastRecordId: Math.max(...ids) } : {}),
          recordIds: ids,
          raw: sel.entries.map((e) => e.raw),
        };
        const p = { entries: sel.info.entries, free: sel.info.freeSpace };
        if (sel.info.overflow) checks.push(check('sel', 'warn', 'FIRMWARE_CHECK_SEL_OVERFLOW', p));
        else if (sel.info.freeSpace < SEL_LOW_BYTES) checks.push(check('sel', 'warn', 'FIRMWARE_CHECK_SEL_LOW', p));
        else checks.push(check('sel', 'pass', 'FIRMWARE_CHECK_SEL_OK', p));
      } catch (e) {
        checks.push(check('sel', 'fail', 'FIRMWARE_CHECK_SEL_FAILED', { error: errText(e) }));
      }
      if (record.sdr) {
        step('slots');
        try {
          const rows = await readSensorsFrom(req, records, ro);
          record.unavailableSensors = unavailable(rows);
          record.slots = rows.filter((r) => r.sensorType === SensorType.SLOT_CONNECTOR).map(slotRow).map((s) => ({ name: s.name, fault: s.fault, text: s.text }));
          const faulted = record.slots.filter((s) => s.fault);
          if (faulted.length) checks.push(check('slots', 'warn', 'FIRMWARE_CHECK_SLOT_FAULT', { slots: slotNames(faulted) }));
          else checks.push(check('slots', 'pass', 'FIRMWARE_CHECK_SLOTS_OK', { count: record.slots.length }));
        } catch (e) {
          checks.push(check('slots', 'fail', 'FIRMWARE_CHECK_SLOTS_FAILED', { error: errText(e) }));
        }
      }
      const who = answeredBy();
      if (who) record.answeredBy = who;
    }
    for (const item of CHECKLIST_ITEMS) {
      checks.push(check(`checklist.${item}`, record.checklist[item] ? 'pass' : 'fail', CHECKLIST_MESSAGE[item], { server: name }));
    }
    record.verdict = verdictOf(checks);
    // Beside the checks, not among them: FieldKit cannot see these, so they neither pass nor fail.
    const prerequisites = await this.deps.prerequisites?.(name);
    if (prerequisites?.length) record.prerequisites = prerequisites;
    // A check cut short by a cancel would read as failed: no record rather than a wrong one.
    throwIfCancelled(o.signal);
    record.file = await this.save(record, `${name}-${stamp(new Date(this.deps.clock.now()))}.json`);
    this.deps.audit({
      who: record.who,
      via: record.via as OperationRecord['via'],
      target: name,
      ...(record.answeredBy ? { bmc: record.answeredBy } : {}),
      action: 'firmware.preflight',
      result: record.verdict === 'fail' ? 'failed' : 'ok',
      details: { verdict: record.verdict, firmware: record.device?.firmware ?? null, file: path.basename(record.file) },
    });
    return record;
  }

  /** Pre-flight records of a server, newest first. Unreadable files are skipped (they are not ours to judge). */
  async preflights(name: string): Promise<PreflightRecord[]> {
    let files: string[];
    try {
      files = (await fsp.readdir(this.dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.post.json'));
    } catch {
      return [];
    }
    const out: PreflightRecord[] = [];
    for (const f of files) {
      try {
        const r = JSON.parse(await fsp.readFile(path.join(this.dir, f), 'utf8')) as PreflightRecord;
        if (r.kind === 'preflight' && r.server === name) out.push({ ...r, file: path.join(this.dir, f) });
      } catch {
        /* a half-written or foreign file */
      }
    }
    return out.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  }

  /**
   * Waits until a BMC address answers a ping and a session again (a BMC
   * reboots after a flash), then compares with the newest pre-flight record.
   */
  async postflight(name: string, o: PostflightOptions = {}): Promise<PostflightResult> {
    const server = await this.server(name);
    const targets = await serverTargets(server, this.deps.secret, o.password);
    const pre = (await this.preflights(name))[0];
    const waitMs = o.waitMs ?? 300_000;
    const pollMs = o.pollMs ?? 1000;
    const ro = o.signal ? { signal: o.signal } : undefined;
    const step = (s: string) => o.onProgress?.({ server: name, phase: 'step', step: s });
    const engine = this.deps.engine();

    // Wait: a ping is cheap; a session only once something answers.
    // Measured on the injected clock, the one the poll waits sleep on.
    const elapsed = stopwatch(this.deps.clock);
    const candidates = [targets.primary, ...(targets.secondary ? [targets.secondary] : [])];
    // Sessions pooled before the reboot (the app keeps them) are unknown to the rebooted BMC:
    // drop them now rather than let every first request time out on them.
    await Promise.all(candidates.map((t) => engine.session(t).close().catch(() => undefined)));
    let answered = false;
    for (;;) {
      throwIfCancelled(o.signal);
      const elapsedMs = elapsed();
      // Both addresses at once: either answering again is enough to go on.
      const pongs = await Promise.all(
        candidates.map((t) => engine.ping(t.host, t.port ?? 623, { timeoutMs: 700, retries: 0, ...(o.signal ? { signal: o.signal } : {}) }).catch(() => false)),
      );
      const answering = pongs.some(Boolean);
      for (const [i, t] of candidates.entries()) {
        if (!pongs[i]) continue;
        try {
          await mcInfo(engine.session(t), ro);
          answered = true;
          break;
        } catch {
          /* the BMC answers pings before its IPMI stack is up: keep waiting */
        }
      }
      // "answering" = pings come back but IPMI is not up yet; once it is, the wait is over.
      o.onProgress?.({ server: name, phase: 'waiting', elapsedMs: elapsed(), limitMs: waitMs, answering: answering && !answered });
      if (answered || elapsedMs >= waitMs) break;
      await this.deps.clock.sleep(Math.min(pollMs, Math.max(0, waitMs - elapsed())), o.signal).catch(() => {
        throw cancelledError();
      });
    }
    const waitedMs = elapsed();

    const checks: FwCheck[] = [];
    const result: PostflightResult = {
      kind: 'postflight',
      server: name,
      takenAt: isoNow(this.deps.clock),
      who: o.who ?? 'unknown',
      via: o.via ?? 'cli',
      waitedMs,
      answered,
      bmcs: [],
      firmwareChange: 'unknown',
      slots: [],
      newFaults: [],
      newSel: [],
      checks,
      verdict: 'fail',
      ...(pre?.file ? { preflight: { file: pre.file, takenAt: pre.takenAt, ...(pre.device ? { firmware: firmwareLabel(pre.device) } : {}) } } : {}),
    };
    if (!answered) {
      checks.push(check('answer', 'fail', 'FIRMWARE_CHECK_NO_ANSWER', { seconds: Math.round(waitMs / 1000) }));
    } else {
      checks.push(check('answer', 'pass', 'FIRMWARE_CHECK_ANSWERED', { seconds: Math.round(waitedMs / 100) / 10 }));
      step('bmc');
      result.bmcs = await this.probes(targets, o.signal);
      checks.push(...probeChecks(result.bmcs, targets.secondary !== undefined));
      const { req, answeredBy } = this.requester(targets);

      step('device');
      try {
        const d = identity(await mcInfo(req, ro));
        result.device = d;
        result.firmwareAfter = firmwareLabel(d);
        if (pre?.device) {
          result.firmwareBefore = firmwareLabel(pre.device);
          result.firmwareChange = result.firmwareBefore === result.firmwareAfter ? 'unchanged' : 'changed';
          if (result.firmwareChange === 'changed') checks.push(check('firmware', 'pass', 'FIRMWARE_CHECK_FW_CHANGED', { before: result.firmwareBefore, after: result.firmwareAfter }));
          else checks.push(check('firmware', 'warn', 'FIRMWARE_CHECK_FW_UNCHANGED', { firmware: result.firmwareAfter }));
        } else {
          checks.push(check('firmware', 'warn', 'FIRMWARE_CHECK_NO_PREFLIGHT', { server: name }));
          checks.push(check('device', 'info', 'FIRMWARE_CHECK_DEVICE', { firmware: result.firmwareAfter, manufacturer: d.manufacturerName ?? d.manufacturerId, product: d.productId, ipmi: d.ipmiVersion }));
        }
      } catch (e) {
        checks.push(check('device', 'fail', 'FIRMWARE_CHECK_DEVICE_FAILED', { error: errText(e) }));
      }

      step('sdr');
      let records: SdrRecord[] = [];
      try {
        // Never from the cache: its key holds the firmware version, and the point is to read what the new firmware has.
        const sdr = await readSdrRepository(req, ro);
        records = sdr.records;
        const changed = pre?.sdr ? pre.sdr.cacheKey !== sdr.cacheKey : undefined;
        result.sdr = { records: sdr.records.length, cacheKey: sdr.cacheKey, ...(changed !== undefined ? { cacheKeyChanged: changed } : {}) };
        checks.push(check('sdr', 'pass', changed ? 'FIRMWARE_CHECK_SDR_REREAD_NEW_KEY' : 'FIRMWARE_CHECK_SDR_REREAD', { records: sdr.records.length }));
      } catch (e) {
        checks.push(check('sdr', 'fail', 'FIRMWARE_CHECK_SDR_FAILED', { error: errText(e) }));
      }

      if (result.sdr) {
        step('sensors');
        try {
          const rows = await readSensorsFrom(req, records, ro);
          const missing = unavailable(rows);
          const before = new Set(pre?.unavailableSensors ?? []);
          const lost = missing.filter((n) => !before.has(n));
          result.sensors = { count: rows.length, unavailable: missing.length };
          if (lost.length) checks.push(check('sensors', 'warn', 'FIRMWARE_CHECK_SENSORS_UNAVAILABLE', { count: lost.length, names: lost.join(', ') }));
          else checks.push(check('sensors', 'pass', 'FIRMWARE_CHECK_SENSORS_OK', { count: rows.length - missing.length }));
          result.slots = rows.filter((r) => r.sensorType === SensorType.SLOT_CONNECTOR).map(slotRow).map((s) => ({ name: s.name, fault: s.fault, text: s.text }));
          const faultedBefore = new Set((pre?.slots ?? []).filter((s) => s.fault).map((s) => s.name));
          const faulted = result.slots.filter((s) => s.fault);
          const fresh = faulted.filter((s) => !faultedBefore.has(s.name));
          result.newFaults = fresh.map((s) => s.name);
          if (fresh.length) checks.push(check('slots', 'fail', 'FIRMWARE_CHECK_NEW_SLOT_FAULT', { slots: slotNames(fresh) }));
          else if (faulted.length) checks.push(check('slots', 'warn', 'FIRMWARE_CHECK_SLOT_FAULT', { slots: slotNames(faulted) }));
          else checks.push(check('slots', 'pass', 'FIRMWARE_CHECK_SLOTS_OK', { count: result.slots.length }));
        } catch (e) {
          checks.push(check('sensors', 'fail', 'FIRMWARE_CHECK_SENSORS_FAILED', { error: errText(e) }));
        }
      }

      step('sel');
      try {
        const sel = await listSel(req, { ...ro, sdr: records });
        // By raw bytes when the record has them (ids are reused after an erase), else by record id.
        const knownRaw = pre?.sel?.raw ? new Set(pre.sel.raw) : undefined;
        const knownIds = new Set(pre?.sel?.recordIds ?? []);
        const fresh: NewSelEntry[] = pre?.sel
          ? sel.entries.filter((e) => (knownRaw ? !knownRaw.has(e.raw) : !knownIds.has(e.recordId))).map((e) => ({ recordId: e.recordId, text: [e.sensorName, e.description ?? e.event].filter(Boolean).join(': ') || e.kind, raw: e.raw }))
          : [];
        result.newSel = fresh;
        checks.push(check('sel', 'info', 'FIRMWARE_CHECK_NEW_SEL', { count: fresh.length }));
      } catch (e) {
        checks.push(check('sel', 'fail', 'FIRMWARE_CHECK_SEL_FAILED', { error: errText(e) }));
      }
      const who = answeredBy();
      if (who) result.answeredBy = who;
    }
    checks.push(check('remind.monrp', 'info', 'FIRMWARE_CHECK_REMIND_MONRP', { server: name }));
    checks.push(check('remind.ha', 'info', 'FIRMWARE_CHECK_REMIND_HA_MONITOR', { server: name }));
    result.verdict = verdictOf(checks);
    throwIfCancelled(o.signal);
    result.file = await this.save(result, `${name}-${stamp(new Date(this.deps.clock.now()))}.post.json`);
    this.deps.audit({
      who: result.who,
      via: result.via as OperationRecord['via'],
      target: name,
      ...(result.answeredBy ? { bmc: result.answeredBy } : {}),
      action: 'firmware.postflight',
      result: result.verdict === 'fail' ? 'failed' : 'ok',
      details: { verdict: result.verdict, before: result.firmwareBefore ?? null, after: result.firmwareAfter ?? null, change: result.firmwareChange, waitedMs },
    });
    return result;
  }

  private async save(value: PreflightRecord | PostflightResult, file: string): Promise<string> {
    const full = path.join(this.dir, file);
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const { file: _drop, ...rest } = value;
      void _drop;
      await writeFileAtomic(full, `${JSON.stringify(rest, null, 2)}\n`, { mode: 0o600 });
    } catch (e) {
      throw new FieldKitError('FIRMWARE_RECORD_WRITE_FAILED', { dir: this.dir, detail: (e as Error).message });
    }
    return full;
  }
}
