/**
 * What a caller says about a BMC, its validation, and the pool key that
 * makes every caller with the same BMC and credentials share one session.
 */
import { createHash } from 'node:crypto';
import { FieldKitError } from '../../../shared/errors';
import { isSuiteId, type SuiteId } from './cipher-suites';
import type { Privilege } from './privilege';
import { DEFAULT_POLICY } from './retry';
import type { SessionConfig } from './session';

export interface IpmiTarget {
  host: string;
  /** UDP port, default 623. */
  port?: number;
  username: string;
  /** Up to 20 bytes. Never logged, never put in an error. */
  password: string;
  /** BMC key Kg: a Buffer, an ASCII string, or hex as "0x..." (up to 20 bytes). */
  kg?: Buffer | string;
  /** Default auto: 17, then 3 (as Get Channel Cipher Suites offers them), never anything weaker. */
  cipherSuite?: 'auto' | SuiteId;
  /**
   * The user accepts a session without integrity / confidentiality: needed
   * to pin suite 0, 1 or 2 (CLI --accept-weak-cipher, inventory
   * ipmi.weakCipherAccepted). It never lets auto pick a weak suite.
   */
  acceptWeakCipher?: boolean;
  /** Requested privilege; when not given, admin with fallback to operator and user. */
  privilege?: 'admin' | 'operator' | 'user';
  /** Total budget of one operation in ms (default 5000). */
  timeoutMs?: number;
  /** Retransmissions within that budget (default 3). */
  retries?: number;
  lookup?: 'name-only' | 'name-privilege';
  keepaliveMs?: number;
  /** Close the session after this long without a request (default 20 s; 0 = keep it alive). */
  idleCloseMs?: number;
}

export function kgBytes(kg: Buffer | string | undefined): Buffer | undefined {
  if (kg === undefined || (typeof kg === 'string' && kg === '')) return undefined;
  if (Buffer.isBuffer(kg)) return kg;
  if (/^0x[0-9a-f]+$/i.test(kg) && kg.length % 2 === 0) return Buffer.from(kg.slice(2), 'hex');
  return Buffer.from(kg, 'utf8');
}

export function validateTarget(t: IpmiTarget): void {
  const bad = (detail: string) => new FieldKitError('IPMI_BAD_TARGET', { detail });
  if (!t.host || typeof t.host !== 'string') throw bad('no BMC host given');
  if (t.port !== undefined && (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535)) throw bad(`port ${t.port} is not 1-65535`);
  if (Buffer.byteLength(t.username ?? '', 'utf8') > 16) throw bad('the user name is longer than 16 bytes');
  if (Buffer.byteLength(t.password ?? '', 'utf8') > 20) throw bad('the password is longer than 20 bytes (IPMI allows at most 20)');
  const kg = kgBytes(t.kg);
  if (kg && kg.length > 20) throw bad('the BMC key (Kg) is longer than 20 bytes');
  if (t.cipherSuite !== undefined && t.cipherSuite !== 'auto' && !isSuiteId(t.cipherSuite)) throw bad(`cipher suite ${String(t.cipherSuite)} is not one of auto, 0, 1, 2, 3, 17`);
  if (t.privilege !== undefined && !['admin', 'operator', 'user'].includes(t.privilege)) throw bad(`privilege ${String(t.privilege)} is not admin, operator or user`);
  if (t.timeoutMs !== undefined && !(t.timeoutMs > 0)) throw bad('timeout must be positive');
}

const digest = (b: Buffer | string | undefined) => (b === undefined ? '' : createHash('sha256').update(b).digest('hex').slice(0, 16));

/** The BMC endpoint a target names: at most one session per endpoint. */
export function endpointKey(t: IpmiTarget): string {
  return `${t.host.replace(/^\[(.*)\]$/, '$1').toLowerCase()}|${t.port ?? 623}`;
}

/** Pool key; secrets enter it only hashed. */
export function poolKey(t: IpmiTarget): string {
  return JSON.stringify([
    t.host.toLowerCase(), t.port ?? 623, t.username, digest(t.password), digest(kgBytes(t.kg)),
    t.cipherSuite ?? 'auto', t.privilege ?? 'admin*', !!t.acceptWeakCipher, t.lookup ?? 'name-only',
  ]);
}

export function sessionConfig(t: IpmiTarget): SessionConfig {
  const timeoutMs = t.timeoutMs ?? DEFAULT_POLICY.timeoutMs;
  return {
    host: t.host,
    endpoint: { address: t.host.replace(/^\[(.*)\]$/, '$1'), port: t.port ?? 623 },
    username: t.username,
    password: Buffer.from(t.password, 'utf8'),
    kg: kgBytes(t.kg),
    suite: t.cipherSuite ?? 'auto',
    acceptWeakCipher: !!t.acceptWeakCipher,
    privilege: (t.privilege ?? 'admin') as Privilege,
    privilegeFallback: t.privilege === undefined,
    lookup: t.lookup ?? 'name-only',
    policy: { timeoutMs, retries: t.retries ?? DEFAULT_POLICY.retries },
    cipherProbe: { timeoutMs: Math.min(1000, timeoutMs), retries: 1 },
    keepaliveMs: t.keepaliveMs ?? 25_000,
    idleCloseMs: t.idleCloseMs ?? 20_000,
    staleMs: 60_000,
  };
}
