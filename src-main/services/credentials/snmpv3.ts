import { FieldKitError, type ErrorPayload } from '../../../shared/errors';
import type { CredentialService, CredentialStatus, SecretSource } from './service';

export type SnmpV3KeyKind = 'auth' | 'priv';

/** USM derives keys from passphrases of at least 8 characters (RFC 3414 2.6); the upper bound keeps input sane. */
export const SNMPV3_KEY_MIN = 8;
export const SNMPV3_KEY_MAX = 64;

/**
 * Keychain account of an SNMPv3 user's key: `snmpv3:<user>:auth` / `snmpv3:<user>:priv`.
 * Its own scheme, apart from the BMC accounts (`user@host:port`, `kg:user@host:port`),
 * so a trap user never shadows or is taken for a BMC login.
 */
export function snmpV3Account(user: string, kind: SnmpV3KeyKind): string {
  return `snmpv3:${user}:${kind}`;
}

export function checkSnmpV3Key(user: string, kind: SnmpV3KeyKind, key: string): void {
  if (key.length < SNMPV3_KEY_MIN || key.length > SNMPV3_KEY_MAX) {
    throw new FieldKitError('CRED_SNMPV3_KEY_INVALID', { user, kind, min: SNMPV3_KEY_MIN, max: SNMPV3_KEY_MAX });
  }
}

/** Whether each key of a user is stored; never the key. */
export interface SnmpV3KeyStatus {
  auth: CredentialStatus;
  priv: CredentialStatus;
}

/**
 * SNMPv3 auth/priv keys of the trap listener's users in the OS keychain
 * (service "FieldKit"), with the same catalogued keychain errors and the same
 * session-only fallback as BMC passwords: it is a view on CredentialService.
 */
export class SnmpV3KeyStore {
  constructor(private readonly creds: CredentialService) {}

  async set(user: string, kind: SnmpV3KeyKind, key: string, opts: { sessionFallback?: boolean; signal?: AbortSignal } = {}): Promise<{ source: SecretSource; keychainError?: ErrorPayload }> {
    checkSnmpV3Key(user, kind, key);
    return this.creds.setAccount(snmpV3Account(user, kind), key, opts);
  }

  /** Main-process only: the key for the listener. */
  async get(user: string, kind: SnmpV3KeyKind, opts: { signal?: AbortSignal } = {}): Promise<string | null> {
    return this.creds.getAccount(snmpV3Account(user, kind), opts);
  }

  /** Like get, but a missing key is the catalogued error naming the user and key. */
  async require(user: string, kind: SnmpV3KeyKind, opts: { signal?: AbortSignal } = {}): Promise<string> {
    const v = await this.get(user, kind, opts);
    if (v === null) throw new FieldKitError('CRED_SNMPV3_KEY_NOT_STORED', { user, kind, account: snmpV3Account(user, kind) });
    return v;
  }

  async status(user: string): Promise<SnmpV3KeyStatus> {
    return { auth: await this.creds.statusOf(snmpV3Account(user, 'auth')), priv: await this.creds.statusOf(snmpV3Account(user, 'priv')) };
  }

  /** Removes both keys; true when one of them was there. */
  async delete(user: string): Promise<boolean> {
    const a = await this.creds.deleteAccount(snmpV3Account(user, 'auth'));
    const p = await this.creds.deleteAccount(snmpV3Account(user, 'priv'));
    return a || p;
  }
}
