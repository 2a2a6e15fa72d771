import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { TrapEvent } from '../../../shared/model/trap';
import { emptyInventory, newCluster, newServer } from '../../../shared/model/inventory';
import { bindError, normaliseAddress, v1TrapOid } from '../../../src-main/engines/snmp/receiver';
import { DuplicateWindow } from '../../../src-main/services/traps/dedup';
import { PushBatcher } from '../../../src-main/services/traps/push-batcher';
import { SourceRateLimiter } from '../../../src-main/services/traps/rate-limit';
import { TrapLog } from '../../../src-main/services/traps/trap-log';
import { sourceResolver } from '../../../src-main/services/traps/wire';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-traps-unit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function ev(i: number, over: Partial<TrapEvent> = {}): TrapEvent {
  return {
    id: `e${i}`,
    receivedAt: new Date(Date.UTC(2026, 10, 22, 3, 0, i)).toISOString(),
    source: { address: '192.0.2.1', port: 162 },
    known: true,
    server: 'server1',
    cluster: 'c1',
    version: 'v1',
    pdu: 'trap',
    trapOid: '1.3.6.1.4.1.3183.1.1.0.2191104',
    varbinds: [],
    class: 'fencing',
    severity: 'critical',
    summary: `server1: event ${i}`,
    nextStep: { action: 'start-recovery', en: 'Start recovery for server1', ja: 'x' },
    ...over,
  };
}

describe('addresses and OIDs', () => {
  it('normalises IPv4-mapped IPv6 and leaves the rest', () => {
    expect(normaliseAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(normaliseAddress('::FFFF:192.0.2.7')).toBe('192.0.2.7');
    expect(normaliseAddress('192.0.2.7')).toBe('192.0.2.7');
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:db8::1');
  });
  it('converts v1 traps to snmpTrapOID as RFC 2576 does', () => {
    expect(v1TrapOid('1.3.6.1.4.1.3183.1.1', 6, 2191104)).toBe('1.3.6.1.4.1.3183.1.1.0.2191104');
    expect(v1TrapOid('1.3.6.1.4.1.8072', 0, 0)).toBe('1.3.6.1.6.3.1.1.5.1');
  });
  it('maps bind errors to catalogued ids with the fix in the remedy', () => {
    const mk = (code: string) => Object.assign(new Error(code), { code });
    expect(bindError(mk('EACCES'), '0.0.0.0', 162).id).toBe('TRAPS_BIND_EACCES');
    expect(bindError(mk('EPERM'), '0.0.0.0', 162).render('ja').remedy).toMatch(/setcap/);
    expect(bindError(mk('EADDRINUSE'), '0.0.0.0', 162).render('en').remedy).toMatch(/snmptrapd/);
    expect(bindError(mk('EADDRNOTAVAIL'), '10.9.9.9', 162).id).toBe('TRAPS_BIND_ADDRESS');
    expect(bindError(mk('EWEIRD'), '0.0.0.0', 162).params.detail).toBe('EWEIRD');
  });
  it('matches sources against primary and secondary BMC addresses', () => {
    const inv = emptyInventory();
    const c = newCluster('c1');
    const s = newServer('server1', { host: '192.0.2.10' });
    s.bmc.secondary = { host: '2001:db8::10', port: 623 };
    c.servers.push(s, newServer('server2', { host: '192.0.2.20' }));
    inv.clusters.push(c);
    const r = sourceResolver(inv);
    expect(r('192.0.2.10')).toEqual({ server: 'server1', cluster: 'c1' });
    expect(r('::ffff:192.0.2.20')).toEqual({ server: 'server2', cluster: 'c1' });
    expect(r('2001:DB8::10')).toEqual({ server: 'server1', cluster: 'c1', ipmiPort: 623 });
    expect(r('192.0.2.99')).toBeUndefined();
  });
});

describe('rate limit, duplicates, batching', () => {
  it('a token bucket per source', () => {
    const rl = new SourceRateLimiter(10, 5);
    const t0 = 1_000_000;
    const passed = Array.from({ length: 8 }, () => rl.allow('a', t0)).filter(Boolean).length;
    expect(passed).toBe(5);
    expect(rl.allow('b', t0)).toBe(true); // other sources are not affected
    expect(rl.allow('a', t0 + 100)).toBe(true); // 100 ms refills one token at 10/s
    expect(rl.allow('a', t0 + 100)).toBe(false);
    expect(new SourceRateLimiter(0, 0).allow('a', t0)).toBe(true); // 0 = unlimited
  });
  it('duplicates within the window, not after', () => {
    const d = new DuplicateWindow(1000);
    expect(d.isDuplicate('k', 0)).toBe(false);
    expect(d.isDuplicate('k', 999)).toBe(true);
    expect(d.isDuplicate('k', 1000)).toBe(false);
    expect(d.isDuplicate('other', 1000)).toBe(false);
    expect(new DuplicateWindow(0).isDuplicate('k', 0)).toBe(false);
  });
  it('pushes at most ~10 times a second however fast items arrive', async () => {
    vi.useFakeTimers();
    try {
      const pushes: Array<{ n: number; omitted: number }> = [];
      const b = new PushBatcher<number>((items, omitted) => pushes.push({ n: items.length, omitted }), 100, 500, () => Date.now());
      // 30 000 items over one second, in 1 ms steps.
      for (let ms = 0; ms < 1000; ms++) {
        for (let i = 0; i < 30; i++) b.push(ms * 30 + i);
        await vi.advanceTimersByTimeAsync(1);
      }
      await vi.advanceTimersByTimeAsync(200);
      expect(pushes.length).toBeGreaterThanOrEqual(9);
      expect(pushes.length).toBeLessThanOrEqual(11);
      expect(pushes.every((p) => p.n <= 500)).toBe(true);
      expect(pushes.reduce((s, p) => s + p.n + p.omitted, 0)).toBe(30_000);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('trap log', () => {
  it('rotates and still finds events across generations, newest first, with filters', () => {
    const file = path.join(tmp, 'rot', 'traps.jsonl');
    const log = new TrapLog(file, { maxBytes: 4000, generations: 5 }, 10_000, 3);
    for (let i = 0; i < 40; i++) log.append(ev(i, i % 4 === 0 ? { class: 'power-off', severity: 'warning', server: 'server2' } : {}));
    log.flush();
    expect(log.files().length).toBeGreaterThan(1);
    const all = log.search({ limit: 1000 });
    expect(all.length).toBeGreaterThan(10);
    expect(all[0].id).toBe('e39');
    expect(log.search({ server: 'server2', limit: 1000 }).every((e) => e.class === 'power-off')).toBe(true);
    const since = new Date(Date.UTC(2026, 10, 22, 3, 0, 35)).toISOString();
    expect(log.search({ since }).map((e) => e.id)).toEqual(['e39', 'e38', 'e37', 'e36', 'e35']);
    expect(log.search({ text: 'EVENT 3', limit: 2 }).map((e) => e.id)).toEqual(['e39', 'e38']);
    expect(() => log.search({ since: 'yesterday' })).toThrow(/not a time/);
  });
  it('skips a torn line after a crash', () => {
    const file = path.join(tmp, 'torn', 'traps.jsonl');
    const log = new TrapLog(file, { maxBytes: 1e6, generations: 1 });
    log.append(ev(1));
    log.flush();
    fs.appendFileSync(file, '{"id":"half');
    expect(log.search().map((e) => e.id)).toEqual(['e1']);
  });
});

describe('compact log records', async () => {
  const { decodeTrapRecord, hydrateRecord } = await import('../../../src-main/engines/snmp/trap-record');
  const { loadProfiles } = await import('../../../src-main/engines/snmp/profiles');
  const { toLogRecord, fromLogRecord } = await import('../../../src-main/services/traps/trap-log');
  const { loadPetCorpus } = await import('../../support/pet-corpus');
  const { BUILTIN_PROFILES } = await import('../../support/trap-service');
  const profiles = loadProfiles({ builtInDir: BUILTIN_PROFILES }).profiles;
  it('store a third of the bytes and give back the same event', () => {
    for (const c of loadPetCorpus()) {
      const r = decodeTrapRecord(
        { receivedAt: Date.UTC(2026, 10, 22), address: '192.0.2.1', port: 162, version: 'v1', pdu: 'trap', enterprise: '1.3.6.1.4.1.3183.1.1', genericTrap: 6, specificTrap: c.specific, trapOid: `1.3.6.1.4.1.3183.1.1.0.${c.specific}`, varbinds: [{ oid: '1.3.6.1.4.1.3183.1.1.1', type: 4, value: Buffer.from(c.hex, 'hex') }] },
        { profiles, resolve: () => ({ server: 'server1', cluster: 'c1' }), id: () => 'id1' },
      );
      if (!r.ok) throw new Error(c.name);
      const event = hydrateRecord(r.record);
      const rec = toLogRecord(event);
      expect(JSON.stringify(rec).length).toBeLessThan(JSON.stringify(event).length / 2);
      expect(JSON.parse(JSON.stringify(fromLogRecord(JSON.parse(JSON.stringify(rec)))))).toEqual(JSON.parse(JSON.stringify(event)));
    }
  });
});
