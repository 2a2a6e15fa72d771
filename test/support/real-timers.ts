import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Records every real timer of a second or more that the code under test
 * starts during each test of the calling file: a wait that slipped off the
 * fake clock (FakeClock) onto real time shows up here.
 */
export function watchLongRealTimers(minMs = 1_000): { seen(): number[] } {
  let seen: number[] = [];
  beforeEach(() => {
    seen = [];
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      if ((ms ?? 0) >= minMs) seen.push(ms ?? 0);
      return real(fn, ms);
    }) as typeof setTimeout);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return { seen: () => [...seen] };
}
