/**
 * The session's reusable deadline (one Node timer moved forward instead of
 * a timer per request): it must expire on time whether the due time moved
 * later or earlier, never fire after stop(), and never keep a process alive
 * while nothing waits. Real timers: the point is how it uses them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../../src-main/engines/ipmi/deadline';

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('deadline', () => {
  const made: Deadline[] = [];
  const deadline = () => {
    const d = new Deadline();
    made.push(d);
    return d;
  };
  afterEach(() => { for (const d of made.splice(0)) d.dispose(); });

  it('expires after the time given', async () => {
    const d = deadline();
    const t0 = performance.now();
    const at = await new Promise<number>((resolve) => d.start(60, () => resolve(performance.now())));
    expect(at - t0).toBeGreaterThanOrEqual(59);
    expect(at - t0).toBeLessThan(60 + 150);
  });

  it('a due time moved later is honoured: the early timer re-arms for the rest', async () => {
    const d = deadline();
    let fired = 0;
    d.start(60, () => fired++);
    await sleep(40);
    d.stop();
    const t1 = performance.now();
    const at = await new Promise<number>((resolve) => d.start(60, () => resolve(performance.now())));
    // The first timer (due at 60) fired and found the deadline moved on.
    expect(at - t1).toBeGreaterThanOrEqual(59);
    expect(fired).toBe(0);
  });

  it('a due time moved earlier fires early, once', async () => {
    const d = deadline();
    let late = 0;
    d.start(1000, () => late++);
    d.stop();
    const t0 = performance.now();
    const at = await new Promise<number>((resolve) => d.start(30, () => resolve(performance.now())));
    expect(at - t0).toBeLessThan(30 + 150);
    await sleep(50);
    expect(late).toBe(0);
  });

  it('stop() cancels: nothing fires', async () => {
    const d = deadline();
    let fired = 0;
    d.start(20, () => fired++);
    d.stop();
    await sleep(60);
    expect(fired).toBe(0);
  });

  it('keeps the process alive only while something waits', () => {
    const before = timeouts();
    const d = deadline();
    d.start(5000, () => undefined);
    expect(timeouts()).toBe(before + 1);
    d.stop();
    expect(timeouts()).toBe(before);
    d.start(6000, () => undefined); // same pending timer, referenced again
    expect(timeouts()).toBe(before + 1);
    d.dispose();
    expect(timeouts()).toBe(before);
  });

  it('thousands of start/stop pairs set one Node timer, not one each', () => {
    const d = deadline();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    try {
      for (let i = 0; i < 5000; i++) {
        d.start(1000, () => undefined);
        d.stop();
      }
      expect(spy.mock.calls.length).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
