import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import { checkSnmpV3Key, snmpV3Account } from '../../../src-main/services/credentials/snmpv3';
import { keychainAccount } from '../../../src-main/services/credentials/service';
import { validateTrapConfig } from '../../../src-main/services/traps/settings';

const idOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof FieldKitError ? e.id : String(e);
  }
};

describe('listener settings validation', () => {
  it('accepts a full configuration and fills protocol defaults by level', () => {
    const cfg = validateTrapConfig({
      address: '::', port: 10162, communities: ['public'], rateLimit: { perSecond: 10, burst: 20 }, duplicateWindowMs: 0, acknowledge: false,
      users: [{ name: 'a', level: 'authPriv' }, { name: 'b', level: 'authNoPriv', privProtocol: 'des' }, { name: 'c', level: 'noAuthNoPriv', authProtocol: 'md5' }],
    });
    expect(cfg.users).toEqual([
      { name: 'a', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' },
      { name: 'b', level: 'authNoPriv', authProtocol: 'sha' },
      { name: 'c', level: 'noAuthNoPriv' },
    ]);
  });

  it.each([
    [{ port: 0 }, 'TRAPS_PORT_INVALID'],
    [{ port: 65536 }, 'TRAPS_PORT_INVALID'],
    [{ port: 1.5 }, 'TRAPS_PORT_INVALID'],
    [{ port: '162' }, 'TRAPS_PORT_INVALID'],
    [{ address: 'localhost' }, 'TRAPS_ADDRESS_INVALID'],
    [{ address: '256.1.1.1' }, 'TRAPS_ADDRESS_INVALID'],
    [{ users: [{ name: 'a:b', level: 'authNoPriv' }] }, 'TRAPS_V3_USER_NAME_INVALID'],
    [{ users: [{ name: 'a', level: 'authNoPriv' }, { name: 'a', level: 'authPriv' }] }, 'TRAPS_V3_USER_DUPLICATE'],
    [{ users: [{ name: 'a', level: 'authNoPriv', authKey: 'secret-secret' }] }, 'TRAPS_SETTINGS_INVALID'],
    [{ rateLimit: { perSecond: -1, burst: 1 } }, 'TRAPS_SETTINGS_INVALID'],
    [{ unknownField: true }, 'TRAPS_SETTINGS_INVALID'],
  ])('%j is refused with %s', (input, id) => {
    expect(idOf(() => validateTrapConfig(input))).toBe(id);
  });

  it('a refused key placed in the file is not echoed in the message', () => {
    try {
      validateTrapConfig({ users: [{ name: 'a', level: 'authNoPriv', authKey: 'do-not-echo-me' }] });
      expect.unreachable();
    } catch (e) {
      expect(JSON.stringify((e as FieldKitError).toPayload())).not.toContain('do-not-echo-me');
    }
  });
});

describe('SNMPv3 keychain accounts', () => {
  it('have their own scheme, apart from BMC passwords and Kg keys', () => {
    expect(snmpV3Account('trapuser', 'auth')).toBe('snmpv3:trapuser:auth');
    expect(snmpV3Account('trapuser', 'priv')).toBe('snmpv3:trapuser:priv');
    const bmc = [keychainAccount({ host: '127.0.0.1', port: 623 }, 'trapuser'), keychainAccount({ host: '127.0.0.1', port: 623 }, 'trapuser', 'kg')];
    expect(bmc).not.toContain(snmpV3Account('trapuser', 'auth'));
  });

  it('keys shorter than 8 or longer than 64 characters are refused', () => {
    expect(idOf(() => checkSnmpV3Key('u', 'auth', '1234567'))).toBe('CRED_SNMPV3_KEY_INVALID');
    expect(idOf(() => checkSnmpV3Key('u', 'priv', 'x'.repeat(65)))).toBe('CRED_SNMPV3_KEY_INVALID');
    expect(idOf(() => checkSnmpV3Key('u', 'auth', '12345678'))).toBe('ok');
  });
});
