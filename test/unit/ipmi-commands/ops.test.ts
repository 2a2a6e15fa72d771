import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { renderMessage } from '../../../shared/messages';
import { isSensorSdr } from '../../../src-main/engines/ipmi/interpret';
import { listSel, MemorySdrCache, power, readSdrRepository, readSensorsFrom, readSlots } from '../../../src-main/engines/ipmi/ops';
import { ReplayRequester } from './recorded';

describe('SDR read over recorded answers', () => {
  it('re-reserves after 0xC5 and still reads every record', async () => {
    const req = new ReplayRequester();
    let getSdrs = 0;
    req.intercept = (hex) => {
      if (hex.startsWith('0a23') && ++getSdrs === 4) return { completionCode: 0xc5, data: Buffer.alloc(0) };
      return undefined;
    };
    const r = await readSdrRepository(req);
    expect(r.reservationsLost).toBe(1);
    expect(r.records).toHaveLength(14);
    expect(req.sent.filter((h) => h === '0a22')).toHaveLength(2);
  });

  it('gives up with IPMICMD_RESERVATION_LOST when the reservation never holds', async () => {
    const req = new ReplayRequester();
    req.intercept = (hex) => (hex.startsWith('0a23') ? { completionCode: 0xc5, data: Buffer.alloc(0) } : undefined);
    const err = await readSdrRepository(req, { maxReservationRetries: 2 }).catch((e) => e);
    expect(err).toBeInstanceOf(FieldKitError);
    expect(err.id).toBe('IPMICMD_RESERVATION_LOST');
  });

  it('falls back to chunks after 0xCA on a whole-record read', async () => {
    const req = new ReplayRequester();
    const r = await readSdrRepository(req);
    // ipmi_sim answers 0xCA to whole reads of long records (recorded): the rest is read in 16-byte pieces.
    expect(req.sent.some((h) => h.startsWith('0a23') && h.endsWith('10'))).toBe(true);
    expect(r.records).toHaveLength(14);
  });

  it('serves the cache until the repository identity changes', async () => {
    const cache = new MemorySdrCache();
    const first = await readSdrRepository(new ReplayRequester(), { cache });
    expect(first.fromCache).toBe(false);
    const second = await readSdrRepository(new ReplayRequester(), { cache });
    expect(second.fromCache).toBe(true);
    expect(second.requests).toBe(0);
    // A record added: last-addition timestamp moves.
    const req = new ReplayRequester();
    req.intercept = (hex) => {
      if (hex !== '0a20') return undefined;
      const d = Buffer.from(first.info.recordCount ? '510e00feff' + 'aa020000' + '00000000' + '02' : '', 'hex');
      return { completionCode: 0, data: d };
    };
    const third = await readSdrRepository(req, { cache });
    expect(third.fromCache).toBe(false);
    expect(third.cacheKey).not.toBe(first.cacheKey);
  });

  it('an empty repository reads as no records', async () => {
    const req = new ReplayRequester();
    req.intercept = (hex) => {
      if (hex === '0a20') return { completionCode: 0, data: Buffer.from('510000feff0000000000000000' + '02', 'hex') };
      if (hex.startsWith('0a23')) return { completionCode: 0xcb, data: Buffer.alloc(0) };
      return undefined;
    };
    const r = await readSdrRepository(req);
    expect(r.records).toEqual([]);
    expect(req.sent.some((h) => h.startsWith('0a23'))).toBe(false);
  });

  it('names slots with their states', async () => {
    const slots = await readSlots(new ReplayRequester());
    const s5 = slots.find((s) => s.name === 'PCI Slot 5')!;
    expect(s5.text).toBe('PCI Slot 5: Fault Status asserted, Device installed/attached');
    expect(s5.fault).toBe(true);
    expect(s5.severity).toBe('critical');
  });

  it('lists the SEL with sensor names', async () => {
    const req = new ReplayRequester();
    const sdr = await readSdrRepository(req);
    const sel = await listSel(req, { sdr: sdr.records });
    expect(sel.entries[0].sensorName).toBe('PCI Slot 5');
  });
});

describe('power', () => {
  it('turns cycle on a server that is off into on, and waits for on', async () => {
    let on = false;
    const sent: number[] = [];
    const req = {
      async request(netFn: number, cmd: number, data: Uint8Array = new Uint8Array(0)) {
        if (netFn === 0 && cmd === 2) { sent.push(data[0]); setTimeout(() => (on = data[0] !== 0), 30); return { completionCode: 0, data: Buffer.alloc(0) }; }
        if (netFn === 0 && cmd === 1) return { completionCode: 0, data: Buffer.from([on ? 1 : 0, 0, 0]) };
        return { completionCode: 0xc1, data: Buffer.alloc(0) };
      },
    };
    const r = await power(req, 'cycle', { wait: true, pollMs: 10, waitTimeoutMs: 2000 });
    expect(sent).toEqual([0x01]);
    expect(r.sent).toBe('on');
    expect(r.after).toBe(true);
    expect(r.reached).toBe(true);
  });

  /**
   * A fake BMC for the decision logic only (the real-peer tests are in
   * test/integration/ipmi-commands): power follows Chassis Control after
   * `lagPolls` status reads; `lose(n)` says whether the answer to the n-th
   * control is lost (the BMC acts, the caller hears IPMI_OUTCOME_UNKNOWN).
   */
  function fakeBmc(o: { on: boolean; lagPolls?: number; lose?: (n: number) => boolean; ignore?: (n: number) => boolean }) {
    const bmc = { on: o.on, controls: [] as number[], polls: 0 };
    let pending: { on: boolean; at: number } | undefined;
    const req = {
      async request(netFn: number, cmd: number, data: Uint8Array = new Uint8Array(0)) {
        if (netFn === 0 && cmd === 1) {
          bmc.polls++;
          if (pending && bmc.polls >= pending.at) { bmc.on = pending.on; pending = undefined; }
          return { completionCode: 0, data: Buffer.from([bmc.on ? 1 : 0, 0, 0]) };
        }
        if (netFn === 0 && cmd === 2) {
          const n = bmc.controls.push(data[0]);
          if (!o.ignore?.(n)) {
            const target = data[0] === 0 || data[0] === 5 ? false : true;
            if (data[0] !== 5) pending = { on: target, at: bmc.polls + 1 + (o.lagPolls ?? 0) };
          }
          if (o.lose?.(n)) throw new FieldKitError('IPMI_OUTCOME_UNKNOWN', { host: 'fake', port: 623, command: 'chassis control' });
          return { completionCode: 0, data: Buffer.alloc(0) };
        }
        return { completionCode: 0xc1, data: Buffer.alloc(0) };
      },
    };
    return { bmc, req };
  }

  it('cycle on a server that is on is off, confirmed off, then on, confirmed on', async () => {
    const { bmc, req } = fakeBmc({ on: true, lagPolls: 2 });
    const r = await power(req, 'cycle', { pollMs: 1, waitTimeoutMs: 5000 });
    expect(bmc.controls).toEqual([0x00, 0x01]);
    expect(r.commands).toEqual(['off', 'on']);
    expect(r.sent).toBe('cycle');
    expect(r.after).toBe(true);
    expect(r.reached).toBe(true);
  });

  it('on when the server is already on sends nothing', async () => {
    const { bmc, req } = fakeBmc({ on: true });
    const r = await power(req, 'on', { pollMs: 1 });
    expect(bmc.controls).toEqual([]);
    expect(r.outcome).toBe('already');
  });

  it('a lost answer to off is not sent again when the state reads off', async () => {
    const { bmc, req } = fakeBmc({ on: true, lose: () => true });
    const r = await power(req, 'off', { pollMs: 1, settleMs: 50 });
    expect(bmc.controls).toEqual([0x00]);
    expect(r.after).toBe(false);
  });

  it('off whose copy never arrived is sent again only after reading it is still on', async () => {
    // The first copy is lost on the way (the BMC never acts), the second arrives.
    const { bmc, req } = fakeBmc({ on: true, lose: (n) => n === 1, ignore: (n) => n === 1 });
    const r = await power(req, 'off', { pollMs: 1, settleMs: 30 });
    expect(bmc.controls).toEqual([0x00, 0x00]);
    expect(r.commands).toEqual(['off', 'off']);
    expect(r.after).toBe(false);
  });

  it('a cycle whose answers are all lost still runs one off and one on', async () => {
    const { bmc, req } = fakeBmc({ on: true, lagPolls: 1, lose: () => true });
    const r = await power(req, 'cycle', { pollMs: 1, settleMs: 200 });
    expect(bmc.controls).toEqual([0x00, 0x01]);
    expect(r.after).toBe(true);
  });

  it('a reset whose answer is lost is never sent again and reports what is now true', async () => {
    const { bmc, req } = fakeBmc({ on: true, lose: () => true });
    const err = await power(req, 'reset', { pollMs: 1 }).catch((e) => e);
    expect(bmc.controls).toEqual([0x03]);
    expect(err.id).toBe('IPMICMD_POWER_OUTCOME_UNKNOWN');
    expect(err.params).toMatchObject({ action: 'reset', power: 'on' });
  });

  it('times out with IPMICMD_POWER_TIMEOUT and stops on abort', async () => {
    const req = {
      async request(netFn: number, cmd: number) {
        if (netFn === 0 && cmd === 1) return { completionCode: 0, data: Buffer.from([1, 0, 0]) };
        return { completionCode: 0, data: Buffer.alloc(0) };
      },
    };
    const err = await power(req, 'soft', { wait: true, pollMs: 10, waitTimeoutMs: 100 }).catch((e) => e);
    expect(err.id).toBe('IPMICMD_POWER_TIMEOUT');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err2 = await power(req, 'off', { wait: true, pollMs: 20, waitTimeoutMs: 5000, signal: ac.signal }).catch((e) => e);
    expect(err2.id).toBe('CANCELLED');
  });
});

describe('sensor rows without a reading', () => {
  it('carry the catalogue id and values (not only English): a refused reading and a sensor of another controller', async () => {
    const req = new ReplayRequester();
    const sdr = await readSdrRepository(req);
    const full = sdr.records.filter(isSensorSdr).filter((s) => s.kind === 'full');
    expect(full.length).toBeGreaterThanOrEqual(2);
    // One sensor moved behind another controller (0x30 needs bridging), one the BMC refuses with 0xCB (not present).
    const bridged = { ...full[0], ownerId: 0x30 };
    const refused = full[1];
    req.intercept = (hex) => (hex === `042d${refused.sensorNumber.toString(16).padStart(2, '0')}` ? { completionCode: 0xcb, data: Buffer.alloc(0) } : undefined);
    const rows = await readSensorsFrom(req, [bridged, refused]);
    expect(rows[0]).toMatchObject({ errorId: 'IPMICMD_SENSOR_NOT_BRIDGED', errorParams: { sensor: bridged.name, owner: '0x30' } });
    expect(rows[1]).toMatchObject({ errorId: 'IPMICMD_COMPLETION_CODE', errorParams: { code: '0xcb' } });
    // The stored values render in either language; the English kept for logs is the catalogue's own rendering.
    for (const r of rows) {
      expect(r.error).toBe(renderMessage(r.errorId!, r.errorParams, 'en').text);
      expect(renderMessage(r.errorId!, r.errorParams, 'ja').text).toMatch(/[\u3040-\u30ff]/);
    }
    // No reading was asked for the sensor behind the other controller.
    expect(bridged.sensorNumber).not.toBe(refused.sensorNumber);
    expect(req.sent).not.toContain(`042d${bridged.sensorNumber.toString(16).padStart(2, '0')}`);
  });
});
