/**
 * The monitor's secrets: read from the keychain once per TTL, not per sweep
 * (each libsecret lookup keeps native memory for good), and read again at
 * once when this process wrote a credential or a BMC refused what it got.
 * The reader here counts the lookups the cache makes.
 */
import { describe, expect, it } from 'vitest';
import type { BmcAddress } from '../../../shared/model/inventory';
import { MONITOR_SECRET_TTL_MS, MonitorSecretCache } from '../../../src-main/services/monitor/secret-cache';

const A: BmcAddress = { host: '10.0.0.1', port: 623 };
const B: BmcAddress = { host: '10.0.0.2', port: 623 };

function lab(store: Record<string, string | null> = {}) {
  let now = 1_000_000;
  let generation = 0;
  const reads: string[] = [];
  let failNext = false;
  const cache = new MonitorSecretCache({
    read: async (ep, user, kind) => {
      const key = `${kind}:${user}@${ep.host}`;
      reads.push(key);
      if (failNext) {
        failNext = false;
        throw new Error('keyring locked');
      }
      return store[key] ?? null;
    },
    generation: () => generation,
    clock: { now: () => now },
  });
  return {
    cache,
    reads,
    store,
    advance: (ms: number) => { now += ms; },
    write: () => { generation++; },
    failNextRead: () => { failNext = true; },
  };
}

describe('MonitorSecretCache', () => {
  it('reads each secret once within the TTL and again after it', async () => {
    const l = lab({ 'password:admin@10.0.0.1': 'pw-1' });
    for (let sweep = 0; sweep < 5; sweep++) {
      expect(await l.cache.get(A, 'admin', 'password')).toBe('pw-1');
      l.advance(10_000);
    }
    expect(l.reads).toHaveLength(1);
    l.store['password:admin@10.0.0.1'] = 'pw-2';
    l.advance(MONITOR_SECRET_TTL_MS);
    expect(await l.cache.get(A, 'admin', 'password')).toBe('pw-2');
    expect(l.reads).toHaveLength(2);
  });

  it('a credential written by this process ends every kept secret at once', async () => {
    const l = lab({ 'password:admin@10.0.0.1': 'old', 'password:admin@10.0.0.2': 'b' });
    await l.cache.get(A, 'admin', 'password');
    await l.cache.get(B, 'admin', 'password');
    l.store['password:admin@10.0.0.1'] = 'new';
    l.write();
    expect(await l.cache.get(A, 'admin', 'password')).toBe('new');
    expect(await l.cache.get(B, 'admin', 'password')).toBe('b');
    expect(l.reads).toHaveLength(4);
  });

  it('forget(): the refused BMC\'s password and Kg are read again; other BMCs keep theirs', async () => {
    const l = lab({ 'password:admin@10.0.0.1': 'old', 'kg:admin@10.0.0.1': 'kg', 'password:admin@10.0.0.2': 'b' });
    await l.cache.get(A, 'admin', 'password');
    await l.cache.get(A, 'admin', 'kg');
    await l.cache.get(B, 'admin', 'password');
    l.store['password:admin@10.0.0.1'] = 'changed outside';
    l.cache.forget(A, 'admin');
    expect(await l.cache.get(A, 'admin', 'password')).toBe('changed outside');
    await l.cache.get(A, 'admin', 'kg');
    await l.cache.get(B, 'admin', 'password');
    expect(l.reads).toEqual(['password:admin@10.0.0.1', 'kg:admin@10.0.0.1', 'password:admin@10.0.0.2', 'password:admin@10.0.0.1', 'kg:admin@10.0.0.1']);
  });

  it('"none stored" is kept like a secret; a failed lookup is not kept', async () => {
    const l = lab();
    expect(await l.cache.get(A, 'admin', 'password')).toBeNull();
    expect(await l.cache.get(A, 'admin', 'password')).toBeNull();
    expect(l.reads).toHaveLength(1);
    l.failNextRead();
    await expect(l.cache.get(B, 'admin', 'password')).rejects.toThrow('keyring locked');
    expect(await l.cache.get(B, 'admin', 'password')).toBeNull();
    expect(l.reads).toHaveLength(3);
  });

  it('lookups made while one is running share it; users and endpoints are apart', async () => {
    const l = lab({ 'password:admin@10.0.0.1': 'a', 'password:oper@10.0.0.1': 'o' });
    const [x, y, z] = await Promise.all([l.cache.get(A, 'admin', 'password'), l.cache.get(A, 'admin', 'password'), l.cache.get(A, 'oper', 'password')]);
    expect([x, y, z]).toEqual(['a', 'a', 'o']);
    expect(l.reads).toEqual(['password:admin@10.0.0.1', 'password:oper@10.0.0.1']);
    expect(l.cache.size).toBe(2);
  });
});
