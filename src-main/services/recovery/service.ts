import { isoNow, stopwatch, systemClock, type Clock } from '../../../shared/clock';
import { asCancellation, FieldKitError, isCancellationId, toErrorPayload } from '../../../shared/errors';
import type {
  BmcRole,
  CasePhase,
  CaseStep,
  ChecklistAnswers,
  RecoveryCase,
  StepName,
  StepResult,
} from '../../../shared/model/case';
import type { PrereqItem } from '../../../shared/guide/prerequisites';
import type { StepText } from '../../../shared/model/case-text';
import { CHECKLIST_KEYS, CLEAR_ALL_FAULTS_PATH, isTerminalPhase, MAX_RECOVERY_CYCLES, slotsNotBack as notBack } from '../../../shared/model/case';

// The one rule for "which slots are still not back", shared with the window's guidance.
export { slotsNotBack as notBack } from '../../../shared/model/case';
import type { OperationRecord } from '../../../shared/model/operation';
import type {
  RecoveryBmc,
  RecoveryConnector,
  RecoveryOperationLog,
  RecoveryProgress,
  VendorClearFaults,
} from './port';
import type { CaseStore } from './store';

export interface RecoveryTimings {
  /** How long to wait for the BMC to report power off / on. */
  powerTimeoutMs: number;
  /** How long verify re-reads the slots before giving guidance. */
  verifyTimeoutMs: number;
  pollMs: number;
}

export const DEFAULT_TIMINGS: RecoveryTimings = { powerTimeoutMs: 120_000, verifyTimeoutMs: 180_000, pollMs: 2_000 };

export interface RecoveryDeps {
  store: CaseStore;
  connect: RecoveryConnector;
  oplog?: RecoveryOperationLog;
  /** Time stamps, deadlines and poll waits (shared/clock.ts); default: real time. */
  clock?: Clock;
  /** OS user name, for the case record and the operation log. */
  operator: string;
  via: 'ui' | 'cli' | 'host';
  timings?: Partial<RecoveryTimings>;
  /** The vendor clear-faults command for this server, if a profile defines one. */
  vendorClearFaults?: (server: string, bmc: RecoveryBmc) => Promise<VendorClearFaults | undefined> | VendorClearFaults | undefined;
  /** Cluster of a server, for the record. */
  clusterOf?: (server: string) => string | undefined;
  /** Whether the inventory names this server (checked before a case file is made). */
  serverExists?: (server: string) => Promise<boolean>;
  /** The vendors' prerequisites for a server's model, kept in the case beside the checklist. */
  prerequisites?: (server: string) => Promise<PrereqItem[]>;
}

export type ProgressFn = (p: RecoveryProgress) => void;

/**
 * The guided post-fencing recovery as a state machine over a persisted case.
 *
 * In the vendor guide's order (BMC web console, Maintenance -> Component
 * Status -> Fault Information: Clear All Faults, power off, then power on):
 *
 *   start      : connect, read device id, power, slots, SEL  -> checklist | nothing-to-recover
 *   checklist  : the engineer confirms three items            -> clear
 *   clear      : Clear All Faults (a vendor profile's command, else the engineer
 *                confirms pressing it in the web console); then, as an extra
 *                step, IPMI re-arm of the faulted slot sensors; opt. clear SEL -> power-off
 *   power-off  : typed confirmation, Chassis Control off, wait -> power-on
 *   power-on   : confirmation, Chassis Control on, wait        -> verify
 *   verify     : re-read slots until every fenced slot is back -> recovered | guidance
 *   guidance   : "check again" runs verify again               -> recovered | guidance
 *                "cycle again" (once): clear again             -> power-off -> power-on -> verify
 *   abort      : from any open phase                           -> aborted
 *
 * Every method loads the case from disk and saves it after each change, so
 * the UI and the CLI are only views of it and a crash loses at most the step
 * in flight. A power action is written down (pendingPower) before it is
 * sent; resume() re-reads the server and never sends a power action itself.
 */
export class RecoveryService {
  private readonly clock: Clock;
  private readonly t: RecoveryTimings;
  /** One operation at a time per case within this process, shared by every front end over one store. */
  private static readonly locks = new WeakMap<CaseStore, Map<string, Promise<unknown>>>();
  private readonly busy: Map<string, Promise<unknown>>;

  constructor(private readonly deps: RecoveryDeps) {
    this.clock = deps.clock ?? systemClock;
    this.t = { ...DEFAULT_TIMINGS, ...defined(deps.timings) };
    let m = RecoveryService.locks.get(deps.store);
    if (!m) RecoveryService.locks.set(deps.store, (m = new Map()));
    this.busy = m;
  }

  get timings(): RecoveryTimings {
    return { ...this.t };
  }

  list() {
    return this.deps.store.list();
  }

  get(caseId: string) {
    return this.deps.store.load(caseId);
  }

  /** Cases that stopped half-way: what the UI offers to resume on open. */
  async openCases() {
    return (await this.deps.store.list()).filter((c) => !isTerminalPhase(c.phase));
  }

  /** Steps 1 and 2: connect, record the server's state, decide whether there is anything to do. */
  async start(server: string, signal?: AbortSignal): Promise<RecoveryCase> {
    if (this.deps.serverExists && !(await this.deps.serverExists(server))) throw new FieldKitError('SERVER_UNKNOWN', { server });
    const open = (await this.openCases()).find((c) => c.server === server);
    if (open) throw new FieldKitError('RECOVERY_CASE_OPEN', { server, caseId: open.id, phase: open.phase });
    const now = this.now();
    const c: RecoveryCase = {
      id: makeCaseId(now, server),
      schema: 1,
      server,
      cluster: this.deps.clusterOf?.(server),
      operator: this.deps.operator,
      via: this.deps.via,
      createdAt: now,
      updatedAt: now,
      phase: 'assess',
      bmcsAnswered: [],
      fencedSlots: [],
      slotsBefore: [],
      selBefore: [],
      steps: [],
    };
    // Resolving the server and its credentials sends nothing; if that fails (no password,
    // keychain locked) there is no case to record. Then the case is saved before the BMC
    // is first asked anything, so even a BMC that does not answer leaves a record.
    const bmc = await this.deps.connect(server, signal);
    try {
      await this.deps.store.save(c);
    } catch (e) {
      await bmc.close().catch(() => undefined);
      throw e;
    }
    return this.exclusive(c.id, () => this.assess(c, signal, bmc));
  }

  private async assess(c: RecoveryCase, signal?: AbortSignal, opened?: RecoveryBmc): Promise<RecoveryCase> {
    try {
      await this.readServer(c, signal, opened);
    } catch (e) {
      // Assessment only reads: nothing was sent, so there is nothing to resume. The case is
      // closed (its record kept) so that a BMC that did not answer never leaves a case the
      // engineer has to clear before trying again.
      // The failure goes with the step as an id and values, so the line reads in whichever language the case is opened in.
      const p = toErrorPayload(asCancellation(e, signal));
      c.phase = 'aborted';
      await this.step(c, 'abort', 'ok', undefined, { id: 'STEP_ASSESS_FAILED' }, p.id, p.params);
      await this.save(c);
      throw e;
    }
    c.phase = c.fencedSlots.length === 0 ? 'nothing-to-recover' : 'checklist';
    if (c.phase === 'checklist') {
      const prerequisites = await this.deps.prerequisites?.(c.server);
      if (prerequisites?.length) c.prerequisites = prerequisites;
    }
    await this.save(c);
    return c;
  }

  /** Steps 1-2 of the assessment: identity, power, slots, then the SEL saved with the case. */
  private async readServer(c: RecoveryCase, signal?: AbortSignal, opened?: RecoveryBmc): Promise<void> {
    await this.withBmc(c, 'connect', signal, opened, async (bmc) => {
      c.deviceId = await bmc.readDeviceId(signal);
      const vendor = await this.deps.vendorClearFaults?.(c.server, bmc);
      c.clearAllFaults = vendor ? { method: 'vendor', profile: vendor.profile } : { method: 'guided' };
      c.cycle = 1;
      c.powerBefore = await bmc.readPower(signal);
      const slots = await bmc.readSlots(signal);
      if (slots.length === 0) throw new FieldKitError('RECOVERY_NO_SLOTS', { server: c.server });
      c.slotsBefore = slots;
      c.fencedSlots = slots.filter((s) => s.faulted).map((s) => s.sensorNumber);
      this.noteBmc(c, bmc);
      await this.step(c, 'connect', 'ok', bmc, { id: 'STEP_CONNECTED', params: { device: c.deviceId.deviceId, firmware: c.deviceId.firmware, power: c.powerBefore } });
      c.selBefore = await bmc.readSel(signal);
      await this.step(c, 'snapshot', 'ok', bmc, { id: 'STEP_SNAPSHOT', params: { slots: slots.length, faulted: c.fencedSlots.length, sel: c.selBefore.length } });
    });
  }

  /** Step 3: the checklist, confirmed before anything changes. */
  async confirmChecklist(caseId: string, answers: ChecklistAnswers): Promise<RecoveryCase> {
    return this.exclusive(caseId, async () => {
      const c = await this.loadAt(caseId, ['checklist'], 'checklist');
      const missing = CHECKLIST_KEYS.filter((k) => answers[k] !== true);
      if (missing.length > 0) {
        await this.step(c, 'checklist', 'failed', undefined, { id: 'STEP_CHECKLIST_MISSING', params: { missing: missing.join(', ') } });
        await this.save(c);
        throw new FieldKitError('RECOVERY_CHECKLIST_INCOMPLETE', { server: c.server, missing: missing.join(', ') });
      }
      c.checklist = { ...pick(answers), confirmedAt: this.now() };
      await this.step(c, 'checklist', 'ok', undefined, { id: 'STEP_CHECKLIST_OK' });
      c.phase = 'clear';
      await this.save(c);
      return c;
    });
  }

  /**
   * Step 4, in the guide's order: Clear All Faults first. With a vendor
   * profile's command FieldKit sends it; otherwise the engineer presses Clear
   * All Faults in the BMC web console and says so (`faultsCleared`): without
   * that nothing is sent. Then, as an extra step named as what it is, the IPMI
   * re-arm of the faulted slot sensors, and optionally the SEL is cleared.
   * From guidance (a fault remained) this starts the cycle once more.
   */
  async clearFaults(caseId: string, opts: { clearSel?: boolean; faultsCleared?: boolean } = {}, signal?: AbortSignal): Promise<RecoveryCase> {
    return this.exclusive(caseId, async () => {
      const c = await this.loadAt(caseId, ['clear', 'guidance'], 'clear-faults');
      if (c.phase === 'guidance' && (c.cycle ?? 1) >= MAX_RECOVERY_CYCLES) {
        throw new FieldKitError('RECOVERY_CYCLES_USED', { server: c.server, cycles: MAX_RECOVERY_CYCLES });
      }
      const method = c.clearAllFaults?.method ?? 'guided';
      if (method === 'guided' && opts.faultsCleared !== true) {
        // Nothing is sent: the engineer has not said Clear All Faults was pressed.
        throw new FieldKitError('RECOVERY_CLEAR_ALL_FAULTS_UNCONFIRMED', {
          server: c.server,
          pathEn: CLEAR_ALL_FAULTS_PATH.en.join(' > '),
          pathJa: CLEAR_ALL_FAULTS_PATH.ja.join(' > '),
        });
      }
      if (c.phase === 'guidance') {
        c.cycle = (c.cycle ?? 1) + 1;
        c.phase = 'clear';
        c.slotsAfter = undefined;
      }
      const cycle = c.cycle ?? 1;
      await this.withBmc(c, method === 'vendor' ? 'clear-all-faults' : 'rearm', signal, undefined, async (bmc) => {
        if (method === 'guided') {
          await this.step(c, 'clear-all-faults', 'ok', undefined, {
            id: 'STEP_CLEAR_GUIDED',
            params: { cycle, path: CLEAR_ALL_FAULTS_PATH.en.join(' > '), operator: c.operator },
          });
        } else {
          const vendor = await this.deps.vendorClearFaults?.(c.server, bmc);
          if (!vendor) throw new FieldKitError('RECOVERY_VENDOR_CLEAR_FAILED', { server: c.server, profile: c.vendorProfile ?? '?', code: 'profile no longer configured' });
          c.vendorProfile = vendor.profile;
          const r = await bmc.raw(vendor.netFn, vendor.cmd, vendor.data, signal);
          if (r.completionCode !== 0) {
            throw new FieldKitError('RECOVERY_VENDOR_CLEAR_FAILED', { server: c.server, profile: vendor.profile, code: hex(r.completionCode) });
          }
          this.noteBmc(c, bmc);
          await this.step(c, 'clear-all-faults', 'ok', bmc, { id: 'STEP_CLEAR_VENDOR', params: { cycle, profile: vendor.profile, netFn: hex(vendor.netFn), cmd: hex(vendor.cmd) } });
        }
        for (const n of c.fencedSlots) {
          const name = slotName(c, n);
          try {
            await bmc.rearmSlot(n, signal);
          } catch (e) {
            const p = toErrorPayload(e);
            throw new FieldKitError('RECOVERY_REARM_FAILED', { server: c.server, slot: name, detail: p.message }, { cause: e });
          }
          this.noteBmc(c, bmc);
          await this.step(c, 'rearm', 'ok', bmc, { id: 'STEP_REARM', params: { slot: name, sensor: hex(n) } });
        }
        if (opts.clearSel) {
          // The SEL is saved with the case at assessment; refuse if that did not happen.
          if (!c.steps.some((s) => s.step === 'snapshot' && s.result === 'ok')) {
            throw new FieldKitError('RECOVERY_SEL_NOT_SAVED', { server: c.server });
          }
          await bmc.clearSel(signal);
          c.selClearedAt = this.now();
          await this.step(c, 'clear-sel', 'ok', bmc, { id: 'STEP_SEL_CLEARED', params: { count: c.selBefore.length } });
        }
      });
      c.phase = 'power-off';
      await this.save(c);
      return c;
    });
  }

  /** Step 5: power off after the server's name was typed (UI) or --yes (CLI passes the name). */
  async powerOff(caseId: string, opts: { confirmName: string }, onProgress?: ProgressFn, signal?: AbortSignal): Promise<RecoveryCase> {
    return this.exclusive(caseId, async () => {
      const c = await this.loadAt(caseId, ['power-off'], 'power-off');
      if (opts.confirmName !== c.server) {
        await this.step(c, 'power-off', 'failed', undefined, { id: 'STEP_NAME_MISMATCH' }, 'RECOVERY_CONFIRM_MISMATCH');
        await this.save(c);
        throw new FieldKitError('RECOVERY_CONFIRM_MISMATCH', { server: c.server });
      }
      await this.powerStep(c, 'off', onProgress, signal);
      c.phase = 'power-on';
      await this.save(c);
      return c;
    });
  }

  /** Step 6: power on and wait. */
  async powerOn(caseId: string, onProgress?: ProgressFn, signal?: AbortSignal): Promise<RecoveryCase> {
    // The confirmation is decided before this call, where it is given: the
    // handler table consumes its one-time id, the CLI asks at its prompt.
    return this.exclusive(caseId, async () => {
      const c = await this.loadAt(caseId, ['power-on'], 'power-on');
      await this.powerStep(c, 'on', onProgress, signal);
      c.phase = 'verify';
      await this.save(c);
      return c;
    });
  }

  /**
   * Step 7: re-read the slots until every fenced slot reads installed/attached
   * without a fault and no slot at all reads a fault. Times out into guidance.
   * From guidance this is "check again".
   */
  async verify(caseId: string, onProgress?: ProgressFn, signal?: AbortSignal, timeoutMs?: number): Promise<RecoveryCase> {
    return this.exclusive(caseId, async () => {
      const c = await this.loadAt(caseId, ['verify', 'guidance'], 'verify');
      const limit = timeoutMs ?? this.t.verifyTimeoutMs;
      await this.withBmc(c, 'verify', signal, undefined, async (bmc) => {
        const t0 = this.elapsedSince();
        for (let poll = 0; ; poll++) {
          const slots = await bmc.readSlots(signal);
          this.noteBmc(c, bmc);
          c.slotsAfter = slots;
          const pending = notBack(c, slots);
          const elapsed = t0();
          onProgress?.({ caseId: c.id, phase: 'verify', elapsedMs: elapsed, timeoutMs: limit, pendingSlots: pending, bmc: bmc.answeredBy()?.role });
          if (pending.length === 0) {
            c.selAfter = await bmc.readSel(signal).catch(() => undefined);
            c.phase = 'recovered';
            await this.step(c, 'verify', 'ok', bmc, { id: 'STEP_VERIFY_OK' });
            return;
          }
          if (elapsed >= limit) {
            c.selAfter = await bmc.readSel(signal).catch(() => undefined);
            c.phase = 'guidance';
            c.reason = `fault remains: ${pending.join(', ')}`;
            const last = (c.cycle ?? 1) >= MAX_RECOVERY_CYCLES;
            await this.step(c, 'verify', 'failed', bmc, undefined, last ? 'RECOVERY_FAULT_PERSISTS' : 'RECOVERY_FAULT_REMAINS', {
              server: c.server, slots: pending.join(', '), cycle: c.cycle ?? 1,
            });
            return;
          }
          await this.clock.sleep(Math.min(this.pollDelay(poll), Math.max(0, limit - elapsed)), signal);
        }
      });
      await this.save(c);
      return c;
    });
  }

  /**
   * Reopen a case after a crash or restart: re-read the server first. A power
   * action written down but not confirmed is completed only if the BMC now
   * reports the target state; otherwise the step waits for a new confirmation.
   */
  async resume(caseId: string, signal?: AbortSignal): Promise<RecoveryCase> {
    return this.exclusive(caseId, async () => {
      const c = await this.deps.store.load(caseId);
      if (isTerminalPhase(c.phase)) return c;
      if (c.phase === 'assess') return this.assess(c, signal);
      await this.withBmc(c, 'resume', signal, undefined, async (bmc) => {
        const power = await bmc.readPower(signal);
        const slots = await bmc.readSlots(signal);
        this.noteBmc(c, bmc);
        const faulted = slots.filter((s) => s.faulted).map((s) => s.name);
        const at = { phase: c.phase, power, faulted: faulted.length ? faulted.join(', ') : '-' };
        let text: StepText = { id: 'STEP_RESUMED', params: at };
        const pp = c.pendingPower;
        if (pp && pp.action === power) {
          text = { id: 'STEP_RESUMED_POWER_DONE', params: { ...at, action: pp.action, sentAt: pp.sentAt } };
          c.pendingPower = undefined;
          await this.step(c, pp.action === 'off' ? 'power-off' : 'power-on', 'ok', bmc, { id: 'STEP_POWER_CONFIRMED_ON_RESUME', params: { power } });
          if (c.phase === 'power-off' && pp.action === 'off') c.phase = 'power-on';
          else if (c.phase === 'power-on' && pp.action === 'on') c.phase = 'verify';
        } else if (pp) {
          text = { id: 'STEP_RESUMED_POWER_PENDING', params: { ...at, action: pp.action, sentAt: pp.sentAt } };
        }
        await this.step(c, 'resume', 'ok', bmc, text);
      });
      await this.save(c);
      return c;
    });
  }

  /** Stop here. What was done stays recorded. */
  async abort(caseId: string, reason?: string): Promise<RecoveryCase> {
    return this.exclusive(caseId, async () => {
      const c = await this.deps.store.load(caseId);
      if (isTerminalPhase(c.phase)) throw new FieldKitError('RECOVERY_CASE_CLOSED', { caseId, phase: c.phase });
      const abortedAt = c.phase;
      c.reason = `aborted at ${c.phase}: ${reason ?? 'by the engineer'}`;
      // The engineer's own words are kept as typed; without them the line is a text of ours, in the reader's language.
      await this.step(c, 'abort', 'ok', undefined, reason
        ? { id: 'STEP_ABORTED', params: { phase: abortedAt, reason } }
        : { id: 'STEP_ABORTED_BY_ENGINEER', params: { phase: abortedAt } });
      c.phase = 'aborted';
      await this.save(c);
      return c;
    });
  }

  // ---- internals -------------------------------------------------------

  /** Quick first looks (a quarter, then half of the interval: most BMCs switch power in well under a second), then the interval. */
  private pollDelay(poll: number): number {
    return Math.min(this.t.pollMs, (this.t.pollMs / 4) * 2 ** poll);
  }

  private async powerStep(c: RecoveryCase, target: 'on' | 'off', onProgress?: ProgressFn, signal?: AbortSignal) {
    const step: StepName = target === 'off' ? 'power-off' : 'power-on';
    await this.withBmc(c, step, signal, undefined, async (bmc) => {
      // Read first: a server already in the target state gets no command.
      const before = await bmc.readPower(signal);
      this.noteBmc(c, bmc);
      if (before === target) {
        c.pendingPower = undefined;
        await this.step(c, step, 'ok', bmc, { id: 'STEP_POWER_ALREADY', params: { power: target } });
        return;
      }
      c.pendingPower = { action: target, sentAt: this.now(), bmc: bmc.answeredBy()?.role };
      await this.step(c, step, 'started', bmc, { id: 'STEP_POWER_REQUESTED', params: { power: target } });
      await this.save(c);
      const sent = await bmc.setPower(target, signal);
      this.noteBmc(c, bmc);
      if (sent === 'unconfirmed') {
        // Never send it again: the wait below reads the state, through the other BMC if need be.
        await this.step(c, step, 'started', bmc, { id: 'STEP_POWER_NO_REPLY', params: { power: target } });
      }
      const t0 = this.elapsedSince();
      for (let poll = 0; ; poll++) {
        await this.clock.sleep(this.pollDelay(poll), signal);
        let power: 'on' | 'off' | undefined;
        try {
          power = await bmc.readPower(signal);
          this.noteBmc(c, bmc);
        } catch (e) {
          // During a power cycle a BMC may miss a poll; the deadline still holds.
          if (signal?.aborted) throw e;
        }
        const elapsed = t0();
        onProgress?.({ caseId: c.id, phase: step, elapsedMs: elapsed, timeoutMs: this.t.powerTimeoutMs, power, bmc: bmc.answeredBy()?.role });
        if (power === target) break;
        if (elapsed >= this.t.powerTimeoutMs) {
          throw new FieldKitError('RECOVERY_POWER_TIMEOUT', { server: c.server, target, seconds: Math.round(this.t.powerTimeoutMs / 1000) });
        }
      }
      c.pendingPower = undefined;
      await this.step(c, step, 'ok', bmc, { id: 'STEP_POWER_CONFIRMED', params: { power: target } });
    });
  }

  /** Runs fn with a connection; any failure is recorded as a failed step and rethrown. */
  private async withBmc(
    c: RecoveryCase,
    step: StepName,
    signal: AbortSignal | undefined,
    opened: RecoveryBmc | undefined,
    fn: (bmc: RecoveryBmc) => Promise<void>,
  ) {
    let bmc: RecoveryBmc | undefined = opened;
    try {
      bmc ??= await this.deps.connect(c.server, signal);
      await fn(bmc);
    } catch (thrown) {
      // A cancel (Ctrl-C, Cancel in the window) is recorded and reported as CANCELLED, whatever layer noticed it.
      const e = asCancellation(thrown, signal);
      const p = toErrorPayload(e);
      c.reason = p.message;
      await this.step(c, step, 'failed', bmc, undefined, p.id, p.params);
      await this.save(c);
      throw e instanceof FieldKitError ? e : new FieldKitError(p.id, p.params, { cause: e });
    } finally {
      await bmc?.close().catch(() => undefined);
    }
  }

  private noteBmc(c: RecoveryCase, bmc: RecoveryBmc) {
    const a = bmc.answeredBy();
    if (a && !c.bmcsAnswered.some((b) => b.role === a.role && b.address === a.address)) c.bmcsAnswered.push(a);
    // The cipher suite actually used, per BMC address (a re-opened session may differ).
    const s = a ? bmc.session?.() : undefined;
    if (a && s) {
      const sessions = (c.bmcSessions ??= []);
      if (!sessions.some((x) => x.role === a.role && x.address === a.address && x.cipherSuite === s.suite && x.privilege === s.privilege)) {
        sessions.push({ role: a.role, address: a.address, cipherSuite: s.suite, ...(s.privilege ? { privilege: s.privilege } : {}) });
      }
    }
  }

  private async step(
    c: RecoveryCase,
    step: StepName,
    result: StepResult,
    bmc: RecoveryBmc | undefined,
    text: StepText | undefined,
    errorId?: string,
    errorParams?: CaseStep['errorParams'],
  ) {
    const a = bmc?.answeredBy();
    const s: CaseStep = { step, at: this.now(), result, ...(text ? { text } : {}) };
    if (a) {
      s.bmc = a.role;
      s.bmcAddress = a.address;
      const session = bmc?.session?.();
      if (session) s.cipherSuite = session.suite;
    }
    if (errorId) {
      s.errorId = errorId;
      s.errorParams = errorParams;
    }
    c.steps.push(s);
    await this.log(c, s);
  }

  private async log(c: RecoveryCase, s: CaseStep) {
    if (!this.deps.oplog) return;
    const rec: OperationRecord = {
      when: s.at,
      who: c.operator,
      via: this.deps.via,
      target: c.server,
      bmc: s.bmcAddress,
      action: `recovery.${s.step}`,
      result: s.result === 'failed' ? (isCancellationId(s.errorId) ? 'cancelled' : 'failed') : s.step === 'abort' ? 'cancelled' : 'ok',
      errorId: s.errorId,
      // Ids and values, as in the case: the log is rendered in its reader's language too.
      details: { result: s.result, ...(s.text ? { text: s.text.id, ...s.text.params } : {}), role: s.bmc },
      caseId: c.id,
    };
    try {
      await this.deps.oplog.append(rec);
    } catch {
      // The case file is the record of truth; a log failure must not stop a power cycle half-way.
    }
  }

  private async loadAt(caseId: string, phases: CasePhase[], action: string) {
    const c = await this.deps.store.load(caseId);
    if (isTerminalPhase(c.phase)) throw new FieldKitError('RECOVERY_CASE_CLOSED', { caseId, phase: c.phase });
    if (!phases.includes(c.phase)) throw new FieldKitError('RECOVERY_WRONG_PHASE', { caseId, phase: c.phase, action });
    return c;
  }

  private async save(c: RecoveryCase) {
    c.updatedAt = this.now();
    await this.deps.store.save(c);
  }

  private now() {
    return isoNow(this.clock);
  }

  /**
   * A stopwatch on the injected clock: deadlines are measured on the same
   * clock the waits sleep on, so a test's clock drives both.
   */
  private elapsedSince(): () => number {
    return stopwatch(this.clock);
  }

  private async exclusive<T>(caseId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.busy.get(caseId) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(fn);
    this.busy.set(caseId, run);
    try {
      return await run;
    } finally {
      if (this.busy.get(caseId) === run) this.busy.delete(caseId);
    }
  }
}

/** Drops undefined values so that an unset option never overrides a default. */
function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function slotName(c: RecoveryCase, n: number) {
  return c.slotsBefore.find((s) => s.sensorNumber === n)?.name ?? `sensor ${hex(n)}`;
}

function hex(n: number) {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

function pick(a: ChecklistAnswers): ChecklistAnswers {
  return { failoverElsewhere: a.failoverElsewhere, serverIsolated: a.serverIsolated, maintenanceWindow: a.maintenanceWindow };
}

export function makeCaseId(iso: string, server: string): string {
  const stamp = iso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const safe = server.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'server';
  const rand = Math.random().toString(36).slice(2, 6);
  return `${stamp}-${safe}-${rand}`;
}

export type { BmcRole };
