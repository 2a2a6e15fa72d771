/**
 * RMCP+ cipher suites FieldKit speaks (IPMI 2.0 table 22-20) and the
 * algorithm numbers that go into Open Session.
 */
export const AUTH_NONE = 0;
export const AUTH_HMAC_SHA1 = 1;
export const AUTH_HMAC_SHA256 = 3;

export const INTEG_NONE = 0;
export const INTEG_HMAC_SHA1_96 = 1;
export const INTEG_HMAC_SHA256_128 = 4;

export const CONF_NONE = 0;
export const CONF_AES_CBC_128 = 1;

export type SuiteId = 0 | 1 | 2 | 3 | 17;
export type HashName = 'sha1' | 'sha256';

export interface CipherSuite {
  id: SuiteId;
  auth: number;
  integrity: number;
  confidentiality: number;
  /** Hash behind the RAKP HMACs and the SIK (undefined for RAKP-none). */
  authHash?: HashName;
  /** Length of RAKP2's key exchange code (full HMAC length). */
  rakp2CodeLength: number;
  /** Length of RAKP4's integrity check value (truncated HMAC). */
  rakp4IcvLength: number;
  /** Hash behind the per-message integrity trailer. */
  integrityHash?: HashName;
  /** Length of the per-message AuthCode. */
  integrityLength: number;
  encrypted: boolean;
}

export const SUITES: Record<SuiteId, CipherSuite> = {
  0: { id: 0, auth: AUTH_NONE, integrity: INTEG_NONE, confidentiality: CONF_NONE, rakp2CodeLength: 0, rakp4IcvLength: 0, integrityLength: 0, encrypted: false },
  1: { id: 1, auth: AUTH_HMAC_SHA1, integrity: INTEG_NONE, confidentiality: CONF_NONE, authHash: 'sha1', rakp2CodeLength: 20, rakp4IcvLength: 12, integrityLength: 0, encrypted: false },
  2: { id: 2, auth: AUTH_HMAC_SHA1, integrity: INTEG_HMAC_SHA1_96, confidentiality: CONF_NONE, authHash: 'sha1', rakp2CodeLength: 20, rakp4IcvLength: 12, integrityHash: 'sha1', integrityLength: 12, encrypted: false },
  3: { id: 3, auth: AUTH_HMAC_SHA1, integrity: INTEG_HMAC_SHA1_96, confidentiality: CONF_AES_CBC_128, authHash: 'sha1', rakp2CodeLength: 20, rakp4IcvLength: 12, integrityHash: 'sha1', integrityLength: 12, encrypted: true },
  17: { id: 17, auth: AUTH_HMAC_SHA256, integrity: INTEG_HMAC_SHA256_128, confidentiality: CONF_AES_CBC_128, authHash: 'sha256', rakp2CodeLength: 32, rakp4IcvLength: 16, integrityHash: 'sha256', integrityLength: 16, encrypted: true },
};

/** Automatic choice: strongest first. Suite 0 is never chosen automatically. */
export const AUTO_ORDER: SuiteId[] = [17, 3];

/**
 * Suites without confidentiality (2), without integrity either (1), or
 * without authentication (0): only when pinned and explicitly accepted.
 */
export function isWeakSuite(id: SuiteId): boolean {
  return !SUITES[id].encrypted;
}

export function isSuiteId(n: number): n is SuiteId {
  return n === 0 || n === 1 || n === 2 || n === 3 || n === 17;
}
