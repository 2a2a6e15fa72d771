import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { resolveBmcSecret } from '../../../src-main/services/bmc/secrets';

const ep = { host: '192.0.2.10', port: 623 };

describe('resolveBmcSecret: one order everywhere', () => {
  it('keychain, then environment, then standard input, then the prompt', async () => {
    const asked: string[] = [];
    const prompt = async (account: string) => { asked.push(account); return 'typed'; };
    const env = { FIELDKIT_PASSWORD: 'from-env' };
    expect(await resolveBmcSecret('password', ep, 'admin', { keychain: async () => 'stored', env, stdin: 'piped', prompt })).toBe('stored');
    expect(await resolveBmcSecret('password', ep, 'admin', { keychain: async () => null, env, stdin: 'piped', prompt })).toBe('from-env');
    expect(await resolveBmcSecret('password', ep, 'admin', { keychain: async () => null, env: {}, stdin: 'piped', prompt })).toBe('piped');
    expect(await resolveBmcSecret('password', ep, 'admin', { keychain: async () => null, env: {}, prompt })).toBe('typed');
    expect(asked).toEqual(['admin@192.0.2.10:623']);
    expect(await resolveBmcSecret('password', ep, 'admin', { keychain: async () => null, env: {} })).toBeUndefined();
  });

  it('Kg comes from FIELDKIT_KG, never from FIELDKIT_PASSWORD', async () => {
    expect(await resolveBmcSecret('kg', ep, 'admin', { env: { FIELDKIT_PASSWORD: 'pw' } })).toBeUndefined();
    expect(await resolveBmcSecret('kg', ep, 'admin', { env: { FIELDKIT_KG: 'key' } })).toBe('key');
  });

  it('givenFirst (a BMC named only with -H): standard input, the environment, then the keychain, then the prompt', async () => {
    let keychainAsked = 0;
    const keychain = async () => { keychainAsked++; return 'stored'; };
    const prompt = async () => 'typed';
    const env = { FIELDKIT_PASSWORD: 'from-env' };
    expect(await resolveBmcSecret('password', ep, 'admin', { givenFirst: true, keychain, env, stdin: 'piped', prompt })).toBe('piped');
    expect(await resolveBmcSecret('password', ep, 'admin', { givenFirst: true, keychain, env, prompt })).toBe('from-env');
    // What was given for the run answers without a keychain round trip.
    expect(keychainAsked).toBe(0);
    expect(await resolveBmcSecret('password', ep, 'admin', { givenFirst: true, keychain, env: {}, prompt })).toBe('stored');
    expect(await resolveBmcSecret('password', ep, 'admin', { givenFirst: true, keychain: async () => null, env: {}, prompt })).toBe('typed');
    expect(await resolveBmcSecret('kg', ep, 'admin', { givenFirst: true, env: { FIELDKIT_PASSWORD: 'pw' } })).toBeUndefined();
  });

  it('a keychain that cannot be asked is passed over only when a later source can answer', async () => {
    const broken = async (): Promise<string | null> => { throw new FieldKitError('CRED_NO_SECRET_SERVICE'); };
    expect(await resolveBmcSecret('password', ep, 'admin', { keychain: broken, env: { FIELDKIT_PASSWORD: 'pw' } })).toBe('pw');
    await expect(resolveBmcSecret('password', ep, 'admin', { keychain: broken, env: {} })).rejects.toThrow();
  });
});
