/**
 * The post-flight wait for a rebooting BMC, on the injected clock alone: five
 * minutes of a BMC that never answers pass on a FakeClock in milliseconds of
 * real time, the check says it did not answer, and no real timer is set for
 * a pause. The engine is a counting stub whose pings never come back (the
 * ipmi_sim run with the relays paused is in test/integration/firmware).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FieldKitError } from '../../../shared/errors';
import type { OperationRecord } from '../../../shared/model/operation';
import type { IpmiEngine } from '../../../src-main/engines/ipmi';
import { FirmwareService } from '../../../src-main/services/firmware/service';
import { FakeClock } from '../../support/clock';
import { watchLongRealTimers } from '../../support/real-timers';
import { sampleInventory } from '../../support/inventory';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** An engine whose BMCs never answer a ping; it counts pings and the sessions it was asked to close. */
function silentEngine() {
  const calls = { pings: [] as string[], closes: 0, requests: 0 };
  const engine = {
    ping: async (host: string, port: number) => {
      calls.pings.push(`${host}:${port}`);
      return false;
    },
    session: () => ({
      close: async () => {
        calls.closes++;
      },
      request: async () => {
        calls.requests++;
        throw new Error('the stub BMC has no session');
      },
    }),
  };
  return { engine: engine as unknown as IpmiEngine, calls };
}

function service(clock: FakeClock, engine: IpmiEngine) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-fw-clock-'));
  dirs.push(home);
  const audit: Omit<OperationRecord, 'when'>[] = [];
  const node1 = sampleInventory().clusters[0].servers[0];
  const svc = new FirmwareService({
    home,
    clock,
    appVersion: '0.0.0-test',
    findServer: async (name) => (name === node1.name ? node1 : undefined),
    secret: async () => null,
    engine: () => engine,
    audit: (r) => audit.push(r),
  });
  return { svc, audit, home };
}

/** Real timers of a second or more set while a test runs: a wait that slipped off the fake clock would show here. */
const longTimers = watchLongRealTimers();

describe('firmware post-flight wait on the FakeClock', () => {
  it('a BMC silent for the whole five minutes: FIRMWARE_CHECK_NO_ANSWER after exactly the wait, in well under a second of real time', async () => {
    const clock = new FakeClock('2026-12-02T00:00:00Z');
    const { engine, calls } = silentEngine();
    const { svc, audit } = service(clock, engine);
    const progress: number[] = [];
    const t0 = performance.now();
    const r = await clock.drive(svc.postflight('node1', {
      password: 'not-used',
      waitMs: 300_000,
      pollMs: 30_000,
      onProgress: (p) => { if (p.phase === 'waiting') progress.push(p.elapsedMs); },
    }));
    const wall = performance.now() - t0;

    expect(r.answered).toBe(false);
    expect(r.checks[0]).toMatchObject({ id: 'answer', status: 'fail', message: { id: 'FIRMWARE_CHECK_NO_ANSWER', params: { seconds: 300 } } });
    expect(r.verdict).toBe('fail');
    // Ten pauses of 30 s on the fake clock, and the wait ends exactly at the limit.
    expect(clock.slept).toEqual(Array(10).fill(30_000));
    expect(r.waitedMs).toBe(300_000);
    expect(progress).toEqual(Array.from({ length: 11 }, (_, i) => i * 30_000));
    // Both addresses pinged once per round; the pooled sessions dropped once before the wait; no session attempted.
    expect(calls.pings).toHaveLength(22);
    expect(new Set(calls.pings)).toEqual(new Set(['127.0.0.1:16232', '127.0.0.1:16233']));
    expect(calls.closes).toBe(2);
    expect(calls.requests).toBe(0);
    // The record is stamped on the same clock.
    expect(r.takenAt).toBe('2026-12-02T00:05:00.000Z');
    expect(path.basename(r.file!)).toBe('node1-20261202-000500-000.post.json');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'firmware.postflight', result: 'failed', details: { waitedMs: 300_000 } });
    // No pause used real time.
    expect(longTimers.seen()).toEqual([]);
    expect(wall).toBeLessThan(1_000);
  });

  it('cancelled during a pause: CANCELLED at once, with no record written', async () => {
    const clock = new FakeClock('2026-12-02T00:00:00Z');
    const { engine, calls } = silentEngine();
    const { svc, home } = service(clock, engine);
    const ac = new AbortController();
    const run = svc.postflight('node1', { password: 'not-used', waitMs: 300_000, pollMs: 30_000, signal: ac.signal });
    // Let it reach its first pause, move two pauses on, then cancel while it sleeps.
    while (clock.waiting === 0) await new Promise<void>((r) => setImmediate(r));
    await clock.advance(60_000);
    expect(clock.waiting).toBe(1);
    ac.abort();
    const e = (await run.then(() => undefined, (x) => x)) as FieldKitError | undefined;
    expect(e?.id).toBe('CANCELLED');
    expect(calls.pings).toHaveLength(6);
    expect(clock.now() - Date.parse('2026-12-02T00:00:00Z')).toBe(60_000);
    expect(fs.existsSync(path.join(home, 'firmware')) ? fs.readdirSync(path.join(home, 'firmware')) : []).toEqual([]);
    expect(longTimers.seen()).toEqual([]);
  });
});
