import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { resolveSnmpV3Key, type SnmpV3KeySources } from '../../../src-main/services/traps/v3-keys';

/** The one order of SNMPv3 key sources, for the window's traps.start and the CLI's traps listen alike. */
describe('resolveSnmpV3Key', () => {
  const stored = (value: string | null): SnmpV3KeySources['stored'] => async () => value;
  const locked: SnmpV3KeySources['stored'] = async () => { throw new FieldKitError('CRED_KEYRING_LOCKED'); };
  const errorId = (p: Promise<unknown>) => p.then(() => 'resolved', (e: FieldKitError) => e.id);

  it("takes the user's own variable, then the shared one, then the keychain, then the prompt", async () => {
    const env = { FIELDKIT_SNMP_AUTH_KEY_BMC_USER: 'own-key-123', FIELDKIT_SNMP_AUTH_KEY: 'shared-key-123' };
    expect(await resolveSnmpV3Key('bmc-user', 'auth', { stored: stored('kc'), env })).toBe('own-key-123');
    expect(await resolveSnmpV3Key('other', 'auth', { stored: stored('kc'), env })).toBe('shared-key-123');
    expect(await resolveSnmpV3Key('other', 'priv', { stored: stored('kc'), env })).toBe('kc');
    expect(await resolveSnmpV3Key('other', 'priv', { stored: stored(null), env, prompt: async () => 'typed' })).toBe('typed');
  });

  it('a locked keychain is skipped only when a prompt can still answer', async () => {
    expect(await resolveSnmpV3Key('u', 'auth', { stored: locked, prompt: async () => 'typed' })).toBe('typed');
    expect(await errorId(resolveSnmpV3Key('u', 'auth', { stored: locked, env: {} }))).toBe('CRED_KEYRING_LOCKED');
  });

  it('no key anywhere: the window hears "not stored", the CLI (environment offered) "keys missing"', async () => {
    expect(await errorId(resolveSnmpV3Key('u', 'auth', { stored: stored(null) }))).toBe('CRED_SNMPV3_KEY_NOT_STORED');
    expect(await errorId(resolveSnmpV3Key('u', 'auth', { stored: stored(null), env: {} }))).toBe('TRAPS_V3_KEYS_MISSING');
  });
});
