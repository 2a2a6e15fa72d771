import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../../../src-renderer/src/format/time';

describe('times in the window: local time with its zone', () => {
  const saved = process.env.TZ;
  beforeAll(() => { process.env.TZ = 'Asia/Tokyo'; });
  afterAll(() => { if (saved === undefined) delete process.env.TZ; else process.env.TZ = saved; });

  it('a UTC record reads nine hours later on a JST laptop, with the zone named', () => {
    expect(localTime('2026-12-02T01:10:35.754Z', 'ja')).toBe('2026-12-02 10:10:35 JST');
    expect(localTime('2026-12-02T01:10:35.754Z', 'en')).toBe('2026-12-02 10:10:35 GMT+9');
  });

  it('crosses midnight into the next local day', () => {
    expect(localTime('2026-12-02T20:00:00Z', 'ja')).toBe('2026-12-03 05:00:00 JST');
  });

  it('what is not a time is shown as it is; nothing is empty', () => {
    expect(localTime('not a time', 'en')).toBe('not a time');
    expect(localTime(undefined, 'en')).toBe('');
  });
});
