import { FieldKitError } from '../../../../shared/errors';
import { call, chassisControl, completionCodeOf, CC, getChassisStatus, type ChassisStatus } from '../commands';
import type { IpmiRequester } from '../requester';
import { checkAbort, reqOpts, sleep, type OpOptions } from './common';

export type PowerAction = 'status' | 'on' | 'off' | 'cycle' | 'reset' | 'soft';
export const POWER_ACTIONS: readonly PowerAction[] = ['status', 'on', 'off', 'cycle', 'reset', 'soft'];

export interface PowerOptions extends OpOptions {
  /**
   * soft and reset: poll Get Chassis Status until the state is reached.
   * on, off and cycle always confirm the state they set (see power()).
   */
  wait?: boolean;
  /** How long to wait for a state (default 60 s). */
  waitTimeoutMs?: number;
  pollMs?: number;
  /** Budget of the one copy of a Chassis Control (default 8 s: a BMC may run a slow power script). */
  changeTimeoutMs?: number;
  /**
   * on/off: how long an unanswered command is given to show in the power
   * state before it is sent again (default 5 s). It is sent again only
   * after reading that the state is still not what was asked.
   */
  settleMs?: number;
  /** on/off: how many copies at most (default 3), each after a read. */
  maxSends?: number;
  onProgress?: (p: { phase: 'sent' | 'waiting' | 'done' | 'unknown'; powerOn: boolean; elapsedMs: number; step?: 'on' | 'off' }) => void;
  now?: () => number;
}

export type PowerStep = 'on' | 'off' | 'cycle' | 'reset' | 'soft';

export interface PowerResult {
  action: PowerAction;
  /** What was carried out: cycle/reset on a server that is off become 'on'; nothing when already there. */
  sent?: PowerStep;
  /** The Chassis Control commands in the order they were sent (each copy counted). */
  commands: PowerStep[];
  /** 'already': the state was what was asked, nothing was sent. */
  outcome: 'done' | 'already' | 'sent';
  before: boolean;
  after: boolean;
  /** True when the state asked for was read back. */
  reached?: boolean;
  elapsedMs: number;
  chassis: ChassisStatus;
}

export async function chassisStatus(req: IpmiRequester, o?: OpOptions): Promise<ChassisStatus> {
  return call(req, getChassisStatus, undefined, reqOpts(o));
}

const RETRYABLE_READ = new Set(['IPMI_NO_RESPONSE', 'IPMI_BMC_STOPPED_ANSWERING', 'IPMI_SESSION_LOST', 'IPMI_BOTH_BMCS_UNREACHABLE', 'IPMI_SOCKET_ERROR']);

/**
 * Reads the power state, asking again while the BMC(s) do not answer until
 * `until`: a read is safe to repeat, and on a lossy LAN the decision whether
 * to send anything rests on it.
 */
async function readState(req: IpmiRequester, o: PowerOptions, until: number, tries = Infinity): Promise<ChassisStatus> {
  const now = o.now ?? Date.now;
  for (let i = 1; ; i++) {
    try {
      return await chassisStatus(req, o);
    } catch (e) {
      if (!(e instanceof FieldKitError) || !RETRYABLE_READ.has(e.id) || i >= tries || now() >= until || o.signal?.aborted) throw e;
    }
  }
}

const isUnknownOutcome = (e: unknown) => e instanceof FieldKitError && e.id === 'IPMI_OUTCOME_UNKNOWN';

/**
 * Power control that takes effect at most once per request:
 *
 * - on and off are safe to repeat, but only after reading the state: nothing
 *   is sent when the server is already there, and a command whose answer was
 *   lost is sent again only after the state still reads otherwise (as
 *   ipmipower's --on-if-off). Success means the state was read back.
 * - cycle is carried out as off, confirmed off, on, confirmed on (as fence
 *   agents do): each half is safe to repeat after a read, so a lost answer
 *   never makes the server cycle twice, and the result is verified.
 * - reset and soft act again when repeated: each is sent once, never again;
 *   a lost answer ends in IPMICMD_POWER_OUTCOME_UNKNOWN with the state read
 *   back (reads may go to the other BMC).
 * - cycle and reset on a server that is off power it on instead.
 */
export async function power(req: IpmiRequester, action: PowerAction, o: PowerOptions = {}): Promise<PowerResult> {
  const now = o.now ?? Date.now;
  const t0 = now();
  checkAbort(o.signal);
  const timeout = o.waitTimeoutMs ?? 60_000;
  const deadline = t0 + timeout;
  // Before anything is sent: a status read is one read; a change keeps asking
  // for up to 20 s (a lossy LAN), so a BMC that is simply dead still fails it soon.
  const before = action === 'status' ? await readState(req, o, deadline, 1) : await readState(req, o, Math.min(deadline, t0 + 20_000));
  if (action === 'status') {
    return { action, commands: [], outcome: 'done', before: before.powerOn, after: before.powerOn, elapsedMs: now() - t0, chassis: before };
  }
  const commands: PowerStep[] = [];
  const result = (sent: PowerStep | undefined, st: ChassisStatus, reached: boolean | undefined): PowerResult => ({
    action, ...(sent ? { sent } : {}), commands, outcome: commands.length === 0 ? 'already' : reached ? 'done' : 'sent',
    before: before.powerOn, after: st.powerOn, ...(reached !== undefined ? { reached } : {}), elapsedMs: now() - t0, chassis: st,
  });
  const progress = (phase: 'sent' | 'waiting' | 'done' | 'unknown', powerOn: boolean, step?: 'on' | 'off') =>
    o.onProgress?.({ phase, powerOn, elapsedMs: now() - t0, ...(step ? { step } : {}) });

  /**
   * Sends one copy of a Chassis Control: 'answered', 'lost' (it went out,
   * its answer did not come: it may have been carried out), or 'not-sent'
   * (no session could be opened with either BMC: nothing left FieldKit).
   */
  const sendOnce = async (step: PowerStep): Promise<'answered' | 'lost' | 'not-sent'> => {
    try {
      await call(req, chassisControl, step, { ...reqOpts(o), timeoutMs: o.changeTimeoutMs ?? 8000 });
      commands.push(step);
      return 'answered';
    } catch (e) {
      if (isUnknownOutcome(e)) {
        commands.push(step);
        return 'lost';
      }
      // Once a copy is out, only IPMI_OUTCOME_UNKNOWN can come back; these
      // errors come from opening the session, before anything was sent.
      if (e instanceof FieldKitError && RETRYABLE_READ.has(e.id) && now() < deadline && !o.signal?.aborted) return 'not-sent';
      throw e;
    }
  };

  /** Brings power to `want`, each copy sent only after reading that it is not there yet. */
  const ensure = async (want: boolean, current: ChassisStatus): Promise<ChassisStatus> => {
    const step = want ? 'on' : 'off';
    let st = current;
    let sends = 0;
    for (;;) {
      if (st.powerOn === want) return st;
      if (sends >= (o.maxSends ?? 3) || now() >= deadline) {
        throw new FieldKitError('IPMICMD_POWER_TIMEOUT', { state: step, seconds: Math.round(timeout / 1000), action });
      }
      const sent = await sendOnce(step);
      if (sent === 'not-sent') {
        st = await readState(req, o, deadline);
        continue;
      }
      const answered = sent === 'answered';
      sends++;
      progress(answered ? 'sent' : 'unknown', st.powerOn, step);
      // An answered command is given the whole wait; an unanswered one a
      // settling time, after which a read decides whether to send it again.
      const settleUntil = answered ? deadline : Math.min(deadline, now() + (o.settleMs ?? 5000));
      for (;;) {
        st = await readState(req, o, deadline);
        if (st.powerOn === want || now() >= settleUntil) break;
        progress('waiting', st.powerOn, step);
        await sleep(Math.min(o.pollMs ?? 500, Math.max(10, settleUntil - now())), o.signal);
      }
    }
  };

  /** A change that acts again when repeated: one copy; a lost answer is reported with the state now. */
  const once = async (step: 'reset' | 'soft', wantOn: boolean): Promise<PowerResult> => {
    let answered: boolean;
    try {
      let sent = await sendOnce(step);
      // Nothing went out (no session with either BMC): trying again is safe.
      while (sent === 'not-sent') {
        await sleep(Math.min(o.pollMs ?? 500, Math.max(10, deadline - now())), o.signal);
        sent = await sendOnce(step);
      }
      answered = sent === 'answered';
    } catch (e) {
      // 0xD5: the BMC refused reset in the present state (the server went off): power on instead.
      if (step === 'reset' && completionCodeOf(e) === CC.NOT_IN_PRESENT_STATE) {
        const st = await ensure(true, await readState(req, o, deadline));
        progress('done', st.powerOn);
        return result('on', st, true);
      }
      throw e;
    }
    if (!answered) {
      const st = await readState(req, o, deadline);
      progress('unknown', st.powerOn);
      throw new FieldKitError('IPMICMD_POWER_OUTCOME_UNKNOWN', { action, power: st.powerOn ? 'on' : 'off', bmc: answeredByOf(req) ?? 'primary' });
    }
    progress('sent', before.powerOn);
    if (!o.wait) {
      const st = await readState(req, o, deadline);
      return result(step, st, undefined);
    }
    for (;;) {
      const st = await readState(req, o, deadline);
      if (st.powerOn === wantOn) {
        progress('done', st.powerOn);
        return result(step, st, true);
      }
      progress('waiting', st.powerOn);
      if (now() >= deadline) throw new FieldKitError('IPMICMD_POWER_TIMEOUT', { state: wantOn ? 'on' : 'off', seconds: Math.round(timeout / 1000), action });
      await sleep(Math.min(o.pollMs ?? 500, Math.max(10, deadline - now())), o.signal);
    }
  };

  switch (action) {
    case 'on':
    case 'off': {
      const st = await ensure(action === 'on', before);
      progress('done', st.powerOn);
      return result(commands.length ? action : undefined, st, true);
    }
    case 'cycle': {
      if (!before.powerOn) {
        const st = await ensure(true, before);
        progress('done', st.powerOn);
        return result('on', st, true);
      }
      const off = await ensure(false, before);
      const st = await ensure(true, off);
      progress('done', st.powerOn);
      return result('cycle', st, true);
    }
    case 'reset':
      if (!before.powerOn) {
        const st = await ensure(true, before);
        progress('done', st.powerOn);
        return result('on', st, true);
      }
      return once('reset', true);
    case 'soft':
      // An ACPI shutdown request to a server that is off does nothing: say so, send nothing.
      if (!before.powerOn) return result(undefined, before, true);
      return once('soft', false);
  }
}

/** "primary" / "secondary" when the requester says which BMC answered last (a dual requester). */
function answeredByOf(req: IpmiRequester): string | undefined {
  const r = req as IpmiRequester & { answeredBy?: () => string | undefined };
  return typeof r.answeredBy === 'function' ? r.answeredBy() : undefined;
}
