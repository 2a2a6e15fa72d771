import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIRM_ACTIONS, CONFIRMATION_TTL_MS } from '../../../shared/contract/confirm';
import { FieldKitError } from '../../../shared/errors';
import { emptyInventory, INVENTORY_SCHEMA_VERSION, newCluster, newServer } from '../../../shared/model/inventory';
import { dispatch } from '../../../src-main/api';
import { confirmDetail, confirmationSummary, ConfirmationService } from '../../../src-main/services/confirmations';
import { tempServices } from '../../support/temp-services';

/** A service on a clock the test moves by hand. */
function withClock(options: { maxOutstanding?: number; ttlMs?: number } = {}) {
  let now = 1_700_000_000_000;
  const svc = new ConfirmationService({ now: () => now, ...options });
  return { svc, advance: (ms: number) => (now += ms), now: () => now };
}

const who = { who: 'tester', via: 'host' as const };

/** The catalogued id of what `fn` throws. */
function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldKitError);
    return (e as FieldKitError).id;
  }
  return undefined;
}

describe('ConfirmationService', () => {
  it('accepts an id once, for the action and server it was issued for', () => {
    const { svc } = withClock();
    const c = svc.prepare({ action: 'power.off', server: 'node1', ...who });
    expect(c.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(svc.consume(c.id, 'power.off', { server: 'node1' })).toMatchObject({ action: 'power.off', server: 'node1', who: 'tester', via: 'host' });
    expect(refusal(() => svc.consume(c.id, 'power.off', { server: 'node1' }))).toBe('CONFIRM_UNKNOWN');
    expect(svc.outstanding).toBe(0);
  });

  it('issues different random ids for the same change', () => {
    const { svc } = withClock();
    const ids = new Set(Array.from({ length: 20 }, () => svc.prepare({ action: 'power.cycle', server: 'node1', ...who }).id));
    expect(ids.size).toBe(20);
  });

  it('refuses a missing id and one it never issued', () => {
    const { svc } = withClock();
    svc.prepare({ action: 'power.off', server: 'node1', ...who });
    expect(refusal(() => svc.consume(undefined, 'power.off', { server: 'node1' }))).toBe('CONFIRM_MISSING');
    expect(refusal(() => svc.consume('', 'power.off', { server: 'node1' }))).toBe('CONFIRM_MISSING');
    expect(refusal(() => svc.consume('made-up-id', 'power.off', { server: 'node1' }))).toBe('CONFIRM_UNKNOWN');
    expect(svc.outstanding).toBe(1);
  });

  it('expires after 60 s at most: valid just before, refused at the limit', () => {
    const { svc, advance, now } = withClock();
    const a = svc.prepare({ action: 'sel.clear', server: 'node1', ...who });
    expect(a.expiresAt - now()).toBe(CONFIRMATION_TTL_MS);
    expect(CONFIRMATION_TTL_MS).toBeLessThanOrEqual(60_000);
    const b = svc.prepare({ action: 'sel.clear', server: 'node1', ...who });
    advance(CONFIRMATION_TTL_MS - 1);
    expect(svc.consume(a.id, 'sel.clear', { server: 'node1' }).id).toBe(a.id);
    advance(1);
    let e: unknown;
    try {
      svc.consume(b.id, 'sel.clear', { server: 'node1' });
    } catch (x) {
      e = x;
    }
    expect((e as FieldKitError).id).toBe('CONFIRM_EXPIRED');
    expect((e as FieldKitError).params.seconds).toBe(60);
    // An expired id is used up too.
    expect(refusal(() => svc.consume(b.id, 'sel.clear', { server: 'node1' }))).toBe('CONFIRM_UNKNOWN');
  });

  it('a lifetime longer than a minute is cut to a minute', () => {
    const { svc, now } = withClock({ ttlMs: 10 * 60_000 });
    expect(svc.prepare({ action: 'power.on', server: 'n', ...who }).expiresAt - now()).toBe(60_000);
  });

  it('refuses an id for another action, and the id is used up', () => {
    const { svc } = withClock();
    const c = svc.prepare({ action: 'power.on', server: 'node1', ...who });
    let e: unknown;
    try {
      svc.consume(c.id, 'power.cycle', { server: 'node1' });
    } catch (x) {
      e = x;
    }
    expect((e as FieldKitError).id).toBe('CONFIRM_WRONG_ACTION');
    expect((e as FieldKitError).params).toMatchObject({ action: 'power.cycle', confirmedAction: 'power.on' });
    expect(refusal(() => svc.consume(c.id, 'power.on', { server: 'node1' }))).toBe('CONFIRM_UNKNOWN');
  });

  it('refuses an id for another server, and for another command, sensor or case', () => {
    const { svc } = withClock();
    const forNode2 = svc.prepare({ action: 'power.reset', server: 'node2', ...who });
    let e: unknown;
    try {
      svc.consume(forNode2.id, 'power.reset', { server: 'node1' });
    } catch (x) {
      e = x;
    }
    expect((e as FieldKitError).id).toBe('CONFIRM_WRONG_TARGET');
    expect((e as FieldKitError).message).toContain('"node2"');
    expect((e as FieldKitError).message).toContain('"node1"');
    expect(refusal(() => svc.consume(forNode2.id, 'power.reset', { server: 'node2' }))).toBe('CONFIRM_UNKNOWN');

    const getDeviceId = svc.prepare({ action: 'raw', server: 'node1', detail: confirmDetail.raw(0x06, 0x01), ...who });
    expect(refusal(() => svc.consume(getDeviceId.id, 'raw', { server: 'node1', detail: confirmDetail.raw(0x00, 0x02, [0x03]) }))).toBe('CONFIRM_WRONG_TARGET');
    const sensor = svc.prepare({ action: 'sensor.rearm', server: 'node1', detail: confirmDetail.sensor('PCI Slot 5'), ...who });
    expect(refusal(() => svc.consume(sensor.id, 'sensor.rearm', { server: 'node1' }))).toBe('CONFIRM_WRONG_TARGET');
    const withSel = svc.prepare({ action: 'recovery.clearFaults', server: 'node1', detail: confirmDetail.recoveryCase('c1', true), ...who });
    expect(refusal(() => svc.consume(withSel.id, 'recovery.clearFaults', { server: 'node1', detail: confirmDetail.recoveryCase('c1', false) }))).toBe('CONFIRM_WRONG_TARGET');
    const ok = svc.prepare({ action: 'raw', server: 'node1', detail: confirmDetail.raw(0x06, 0x01, []), ...who });
    expect(svc.consume(ok.id, 'raw', { server: 'node1', detail: confirmDetail.raw(0x06, 0x01) }).id).toBe(ok.id);
  });

  it('keeps a bounded number of ids: expired ones go first, then the oldest', () => {
    const { svc, advance } = withClock({ maxOutstanding: 3 });
    const old = svc.prepare({ action: 'power.on', server: 'a', ...who });
    advance(CONFIRMATION_TTL_MS); // `old` has expired
    const b = svc.prepare({ action: 'power.on', server: 'b', ...who });
    const c = svc.prepare({ action: 'power.on', server: 'c', ...who });
    expect(svc.outstanding).toBe(3);
    const d = svc.prepare({ action: 'power.on', server: 'd', ...who });
    expect(svc.outstanding).toBe(3);
    expect(refusal(() => svc.consume(old.id, 'power.on', { server: 'a' }))).toBe('CONFIRM_UNKNOWN');
    const e = svc.prepare({ action: 'power.on', server: 'e', ...who });
    expect(svc.outstanding).toBe(3);
    // Nothing had expired: the oldest (b) gave way.
    expect(refusal(() => svc.consume(b.id, 'power.on', { server: 'b' }))).toBe('CONFIRM_UNKNOWN');
    for (const [x, server] of [[c, 'c'], [d, 'd'], [e, 'e']] as const) expect(svc.consume(x.id, 'power.on', { server }).server).toBe(server);
    for (let i = 0; i < 1000; i++) svc.prepare({ action: 'power.off', server: `s${i}`, ...who });
    expect(svc.outstanding).toBe(3);
  });

  it('has a summary in both languages for every action', () => {
    for (const action of CONFIRM_ACTIONS) {
      const s = confirmationSummary({ action, server: 'node1', bmcs: ['127.0.0.1:623'], sensor: 'PCI Slot 5', raw: 'raw 0x06 0x01', caseId: 'c1' });
      expect(s.en, action).toContain('node1');
      expect(s.ja, action).toContain('node1');
      expect(s.ja, action).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});

describe('confirm.prepare through the handler table', () => {
  function homeWithServers() {
    const t = tempServices();
    const inv = emptyInventory();
    inv.schemaVersion = INVENTORY_SCHEMA_VERSION;
    const c = newCluster('lab');
    const s = newServer('node1', { host: '127.0.0.1', port: 16230 }, 'admin');
    s.bmc.secondary = { host: '127.0.0.1', port: 16231 };
    c.servers.push(s, newServer('node2', { host: '127.0.0.1', port: 16232 }, 'admin'));
    inv.clusters.push(c);
    fs.writeFileSync(path.join(t.home, 'inventory.json'), JSON.stringify(inv, null, 2));
    return t;
  }

  it('issues an id with its expiry and a summary naming the server and its BMCs', async () => {
    const { ctx, cleanup } = homeWithServers();
    const before = Date.now();
    const r = await dispatch('confirm.prepare', { action: 'power.cycle', server: 'node1' }, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const v = r.value as { confirmationId: string; expiresAt: string; summary: { en: string; ja: string } };
      expect(v.confirmationId.length).toBeGreaterThanOrEqual(24);
      const ms = Date.parse(v.expiresAt) - before;
      expect(ms).toBeGreaterThan(50_000);
      expect(ms).toBeLessThanOrEqual(61_000);
      expect(v.summary.en).toMatch(/Power cycle server "node1".*127\.0\.0\.1:16230, 127\.0\.0\.1:16231/);
      expect(v.summary.ja).toContain('パワーサイクル');
    }
    await cleanup();
  });

  it('refuses an unknown server, a malformed request, and a raw request without its bytes', async () => {
    const { ctx, cleanup } = homeWithServers();
    const unknown = await dispatch('confirm.prepare', { action: 'power.off', server: 'ghost' }, ctx);
    expect(unknown.ok ? '' : unknown.error.id).toBe('SERVER_UNKNOWN');
    for (const bad of [{ action: 'power.explode', server: 'node1' }, { action: 'raw', server: 'node1' }, { action: 'power.off', server: 'node1', confirmed: true }, { action: 'recovery.powerOn', server: 'node1' }]) {
      const r = await dispatch('confirm.prepare', bad, ctx);
      expect(r.ok ? '' : r.error.id, JSON.stringify(bad)).toBe('IPC_BAD_PAYLOAD');
    }
    const noCase = await dispatch('confirm.prepare', { action: 'recovery.powerOff', server: 'node1', detail: { caseId: 'nope' } }, ctx);
    expect(noCase.ok ? '' : noCase.error.id).toBe('RECOVERY_CASE_NOT_FOUND');
    await cleanup();
  });

  it('a changing channel without a confirmation is refused before any BMC is contacted, and the refusal is in the operation log', async () => {
    const { ctx, services, cleanup } = homeWithServers();
    const r = await dispatch('ipmi.power', { server: 'node1', action: 'off' }, ctx);
    expect(r.ok ? '' : r.error.id).toBe('CONFIRM_MISSING');
    const sel = await dispatch('ipmi.selClear', { server: 'node1', confirmationId: 'forged' }, ctx);
    expect(sel.ok ? '' : sel.error.id).toBe('CONFIRM_UNKNOWN');
    const recs = services.logs.operations.readRecent(10);
    expect(recs.filter((o) => o.result === 'refused').map((o) => [o.action, o.errorId])).toEqual([
      ['ipmi.power.off', 'CONFIRM_MISSING'],
      ['ipmi.sel.clear', 'CONFIRM_UNKNOWN'],
    ]);
    await cleanup();
  });
});
