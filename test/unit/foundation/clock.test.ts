/**
 * The one clock (shared/clock.ts) and the test's fake one: the fake must wake
 * sleeps in due order and at their own due time, honour cancellation like the
 * real one, and the real one must wake early with CANCELLED when aborted.
 */
import { describe, expect, it } from 'vitest';
import { isoNow, stopwatch, systemClock } from '../../../shared/clock';
import type { FieldKitError } from '../../../shared/errors';
import { FakeClock } from '../../support/clock';

const err = async (p: Promise<unknown>) => (await p.then(() => undefined, (e) => e)) as FieldKitError | undefined;

describe('FakeClock', () => {
  it('advance wakes due sleeps earliest first, each at its own due time, and leaves later ones waiting', async () => {
    const clock = new FakeClock(1_000);
    const woke: string[] = [];
    const nap = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push(`${name}@${clock.now()}`));
    void nap('c', 300);
    void nap('a', 100);
    void nap('b', 100);
    void nap('late', 5_000);
    await clock.advance(400);
    expect(woke).toEqual(['a@1100', 'b@1100', 'c@1300']);
    expect(clock.now()).toBe(1_400);
    expect(clock.waiting).toBe(1);
    await clock.advance(4_600);
    expect(woke.at(-1)).toBe('late@6000');
  });

  it('a sleep started by woken code within the advance is woken too, in order', async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    void (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(100);
        seen.push(clock.now());
      }
    })();
    await clock.advance(250);
    expect(seen).toEqual([100, 200]);
    await clock.advance(50);
    expect(seen).toEqual([100, 200, 300]);
  });

  it('an abort rejects a pending sleep with CANCELLED and it never wakes', async () => {
    const clock = new FakeClock(0);
    const ac = new AbortController();
    const p = clock.sleep(1_000, ac.signal);
    ac.abort();
    expect((await err(p))?.id).toBe('CANCELLED');
    expect(clock.waiting).toBe(0);
    expect((await err(clock.sleep(10, ac.signal)))?.id).toBe('CANCELLED');
  });

  it('drive runs a loop of sleeps to its end without real waiting', async () => {
    const clock = new FakeClock(0);
    const t0 = performance.now();
    const r = await clock.drive((async () => {
      let n = 0;
      while (clock.now() < 3_600_000) {
        await clock.sleep(60_000);
        n++;
      }
      return n;
    })());
    expect(r).toBe(60);
    expect(clock.now()).toBe(3_600_000);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

describe('systemClock', () => {
  it('sleeps on real time and wakes early with CANCELLED when its signal aborts', async () => {
    const sw = stopwatch(systemClock);
    await systemClock.sleep(30);
    expect(sw()).toBeGreaterThanOrEqual(25);
    const ac = new AbortController();
    const p = systemClock.sleep(60_000, ac.signal);
    setTimeout(() => ac.abort(), 10);
    expect((await err(p))?.id).toBe('CANCELLED');
    expect(sw()).toBeLessThan(5_000);
    const aborted = AbortSignal.abort();
    expect((await err(systemClock.sleep(10, aborted)))?.id).toBe('CANCELLED');
  });

  it('isoNow renders the clock as the records store time', () => {
    expect(isoNow(new FakeClock('2026-12-02T01:02:03.004Z'))).toBe('2026-12-02T01:02:03.004Z');
    expect(Math.abs(Date.parse(isoNow(systemClock)) - Date.now())).toBeLessThan(1_000);
  });
});
