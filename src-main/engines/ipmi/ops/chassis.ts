import { FieldKitError } from '../../../../shared/errors';
import { call, chassisControl, completionCodeOf, CC, getChassisStatus, type ChassisStatus } from '../commands';
import type { IpmiRequester } from '../requester';
import { checkAbort, reqOpts, sleep, type OpOptions } from './common';

export type PowerAction = 'status' | 'on' | 'off' | 'cycle' | 'reset' | 'soft';
export const POWER_ACTIONS: readonly PowerAction[] = ['status', 'on', 'off', 'cycle', 'reset', 'soft'];

export interface PowerOptions extends OpOptions {
  /** Poll Get Chassis Status until the expected state is reached. */
  wait?: boolean;
  /** How long to wait for the state (default 60 s; soft off gets the same unless given). */
  waitTimeoutMs?: number;
  pollMs?: number;
  /**
   * For cycle with wait: how long to look for the "off" half of the cycle
   * before accepting "on" as done (default 5 s). Right after the command a
   * real BMC may still report on; a fast one (ipmi_sim) is never seen off.
   */
  cycleOffWindowMs?: number;
  onProgress?: (p: { phase: 'sent' | 'waiting' | 'done'; powerOn: boolean; elapsedMs: number }) => void;
  now?: () => number;
}

export interface PowerResult {
  action: PowerAction;
  /** What was actually sent: cycle/reset on a server that is off become 'on'. */
  sent?: 'on' | 'off' | 'cycle' | 'reset' | 'soft';
  before: boolean;
  after: boolean;
  /** True when --wait saw the expected state. */
  reached?: boolean;
  elapsedMs: number;
  chassis: ChassisStatus;
}

export async function chassisStatus(req: IpmiRequester, o?: OpOptions): Promise<ChassisStatus> {
  return call(req, getChassisStatus, undefined, reqOpts(o));
}

/**
 * Power control with the rules field engineers expect:
 * - cycle and reset on a server that is off may do nothing or fail (0xD5):
 *   power on instead;
 * - with wait, poll until the state is reached (on: on; off/soft: off;
 *   cycle/reset: on again), else a catalogued timeout.
 */
export async function power(req: IpmiRequester, action: PowerAction, o: PowerOptions = {}): Promise<PowerResult> {
  const now = o.now ?? Date.now;
  const t0 = now();
  const op = `power ${action}`;
  checkAbort(o.signal, op);
  const before = await chassisStatus(req, o);
  if (action === 'status') {
    return { action, before: before.powerOn, after: before.powerOn, elapsedMs: now() - t0, chassis: before };
  }
  let sent: NonNullable<PowerResult['sent']> = action;
  if ((action === 'cycle' || action === 'reset') && !before.powerOn) sent = 'on';
  try {
    await call(req, chassisControl, sent, reqOpts(o));
  } catch (e) {
    // Some BMCs answer 0xD5 to cycle/reset when the state changed under us: fall back to on.
    if ((sent === 'cycle' || sent === 'reset') && completionCodeOf(e) === CC.NOT_IN_PRESENT_STATE) {
      sent = 'on';
      await call(req, chassisControl, sent, reqOpts(o));
    } else throw e;
  }
  o.onProgress?.({ phase: 'sent', powerOn: before.powerOn, elapsedMs: now() - t0 });
  const wantOn = sent === 'on' || sent === 'cycle' || sent === 'reset';
  if (!o.wait) {
    const st = await chassisStatus(req, o);
    return { action, sent, before: before.powerOn, after: st.powerOn, elapsedMs: now() - t0, chassis: st };
  }
  const timeout = o.waitTimeoutMs ?? 60_000;
  const poll = o.pollMs ?? 500;
  let sawOff = sent !== 'cycle';
  const offWindow = Math.min(o.cycleOffWindowMs ?? 5000, timeout);
  for (;;) {
    const st = await chassisStatus(req, o);
    const elapsed = now() - t0;
    if (!st.powerOn) sawOff = true;
    if (st.powerOn === wantOn && (sawOff || elapsed >= offWindow)) {
      o.onProgress?.({ phase: 'done', powerOn: st.powerOn, elapsedMs: elapsed });
      return { action, sent, before: before.powerOn, after: st.powerOn, reached: true, elapsedMs: elapsed, chassis: st };
    }
    o.onProgress?.({ phase: 'waiting', powerOn: st.powerOn, elapsedMs: elapsed });
    if (elapsed >= timeout) {
      throw new FieldKitError('IPMICMD_POWER_TIMEOUT', { state: wantOn ? 'on' : 'off', seconds: Math.round(timeout / 1000), action });
    }
    await sleep(Math.min(poll, Math.max(10, timeout - elapsed)), o.signal, op);
  }
}
