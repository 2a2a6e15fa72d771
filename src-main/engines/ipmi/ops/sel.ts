import { FieldKitError } from '../../../../shared/errors';
import { call, CC, clearSel as clearSelCmd, completionCodeOf, getSelEntry, getSelInfo, reserveSel, type SelInfo } from '../commands';
import { describeSel, isSensorSdr, parseSelRecord, type SdrRecord, type SelRecord, type SensorSdr } from '../interpret';
import type { IpmiRequester } from '../requester';
import { checkAbort, reqOpts, sleep, type OpOptions } from './common';

export interface SelListOptions extends OpOptions {
  /** SDR records to name the sensors with. */
  sdr?: SdrRecord[];
  onProgress?: (p: { read: number; total: number }) => void;
  maxReservationRetries?: number;
}

export interface SelListResult {
  info: SelInfo;
  entries: SelRecord[];
  reservationsLost: number;
}

export async function listSel(req: IpmiRequester, o: SelListOptions = {}): Promise<SelListResult> {
  const ro = reqOpts(o);
  const info = await call(req, getSelInfo, undefined, ro);
  const entries: SelRecord[] = [];
  let reservationsLost = 0;
  if (info.entries === 0) return { info, entries, reservationsLost };
  let reservation = 0;
  const reserve = async () => {
    try {
      reservation = await call(req, reserveSel, undefined, ro);
    } catch (e) {
      if (completionCodeOf(e) === undefined) throw e;
      reservation = 0;
    }
  };
  if (info.supportsReserve) await reserve();
  const sensors = new Map<string, SensorSdr>();
  for (const r of o.sdr ?? []) if (isSensorSdr(r)) sensors.set(`${r.ownerId}:${r.sensorNumber}`, r);

  const seen = new Set<number>();
  let id = 0x0000;
  while (id !== 0xffff) {
    checkAbort(o.signal);
    if (seen.has(id) || entries.length > 0x10000) break;
    seen.add(id);
    let attempts = 0;
    for (;;) {
      try {
        const r = await call(req, getSelEntry, { reservationId: reservation, recordId: id, offset: 0, bytes: 0xff }, ro);
        const rec = parseSelRecord(r.data);
        entries.push(describeSel(rec, rec.generatorId !== undefined ? sensors.get(`${rec.generatorId & 0xff}:${rec.sensorNumber}`) : undefined));
        id = r.nextRecordId;
        break;
      } catch (e) {
        const cc = completionCodeOf(e);
        if (cc === CC.RESERVATION_CANCELLED) {
          reservationsLost++;
          if (++attempts > (o.maxReservationRetries ?? 5)) throw new FieldKitError('IPMICMD_RESERVATION_LOST', { repository: 'SEL', attempts });
          await reserve();
          continue;
        }
        // 0xCB on the first id: the SEL was emptied between Info and now.
        if (cc === CC.NOT_PRESENT && entries.length === 0) return { info, entries, reservationsLost };
        throw e;
      }
    }
    o.onProgress?.({ read: entries.length, total: info.entries });
  }
  return { info, entries, reservationsLost };
}

export interface ClearSelOptions extends OpOptions {
  timeoutMs?: number;
  pollMs?: number;
  onProgress?: (p: { phase: 'initiated' | 'erasing' | 'done' }) => void;
}

/** Clear SEL: reserve, initiate (0xAA), poll (0x00) until erasure completes. */
export async function clearSel(req: IpmiRequester, o: ClearSelOptions = {}): Promise<{ cleared: true; polls: number }> {
  const ro = reqOpts({ signal: o.signal });
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  for (let attempt = 0; ; attempt++) {
    const reservationId = await call(req, reserveSel, undefined, ro);
    try {
      let done: boolean;
      try {
        // The erase itself is a change: one copy, never retransmitted (the polls below are reads).
        done = await call(req, clearSelCmd, { reservationId, action: 'initiate' }, { ...ro, once: true });
      } catch (e) {
        if (!(e instanceof FieldKitError && e.id === 'IPMI_OUTCOME_UNKNOWN')) throw e;
        const now = await call(req, getSelInfo, undefined, ro);
        throw new FieldKitError('IPMICMD_SEL_CLEAR_OUTCOME_UNKNOWN', { entries: now.entries }, { cause: e });
      }
      o.onProgress?.({ phase: 'initiated' });
      let polls = 0;
      while (!done) {
        if (Date.now() > deadline) throw new FieldKitError('IPMICMD_SEL_CLEAR_TIMEOUT', { seconds: Math.round((o.timeoutMs ?? 30_000) / 1000) });
        await sleep(o.pollMs ?? 200, o.signal);
        polls++;
        o.onProgress?.({ phase: 'erasing' });
        done = await call(req, clearSelCmd, { reservationId, action: 'status' }, ro);
      }
      o.onProgress?.({ phase: 'done' });
      return { cleared: true, polls };
    } catch (e) {
      if (completionCodeOf(e) === CC.RESERVATION_CANCELLED && attempt < 3) continue;
      throw e;
    }
  }
}
