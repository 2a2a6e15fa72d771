import type { BmcAddress } from '../../../shared/model/inventory';

/**
 * Where a BMC secret can come from. Every way FieldKit reaches a BMC (CLI,
 * handler table, recovery, firmware checks, monitor) resolves passwords and
 * Kg through resolveBmcSecret(), so the order is the same everywhere.
 */
export interface SecretSources {
  /** The OS keychain (the credential service). */
  keychain?: (endpoint: BmcAddress, user: string, kind: 'password' | 'kg') => Promise<string | null>;
  /** The process environment: FIELDKIT_PASSWORD / FIELDKIT_KG (unattended runs). */
  env?: NodeJS.ProcessEnv;
  /** What the user piped in for this run (--password-stdin), read once by the caller. */
  stdin?: string;
  /** Asks on the terminal without echo; absent where no one can answer. */
  prompt?: (account: string, kind: 'password' | 'kg') => Promise<string>;
  /**
   * A BMC named only on this command line (-H), not an inventory BMC: what
   * the user gave with it for this run (stdin, then the environment) comes
   * before the keychain, which costs a D-Bus round trip on every run of a script.
   */
  givenFirst?: boolean;
}

/** The variables' names (for messages elsewhere); only resolveBmcSecret reads them. */
export const BMC_SECRET_ENV = { password: 'FIELDKIT_PASSWORD', kg: 'FIELDKIT_KG' } as const;

/**
 * A BMC password or Kg, in this order: the keychain (what the engineer
 * stored for that BMC), the environment, standard input, a prompt (with
 * givenFirst: standard input, the environment, the keychain, a prompt).
 * This is the only place FIELDKIT_PASSWORD and FIELDKIT_KG are read. The
 * keychain is skipped when it cannot be asked (no Secret Service, locked)
 * and a later source can answer; otherwise its catalogued error stands.
 * Undefined when no source has one: the caller raises its own catalogued
 * error naming the account. Never logs or keeps the secret.
 */
export async function resolveBmcSecret(kind: 'password' | 'kg', endpoint: BmcAddress, user: string, sources: SecretSources): Promise<string | undefined> {
  const fromEnv = sources.env?.[BMC_SECRET_ENV[kind]];
  if (sources.givenFirst) {
    if (sources.stdin !== undefined) return sources.stdin;
    if (fromEnv !== undefined) return fromEnv;
    const { stdin: _s, env: _e, givenFirst: _g, ...rest } = sources;
    void _s;
    void _e;
    void _g;
    return resolveBmcSecret(kind, endpoint, user, rest);
  }
  const later = fromEnv !== undefined || sources.stdin !== undefined || sources.prompt !== undefined;
  if (sources.keychain) {
    try {
      const stored = await sources.keychain(endpoint, user, kind);
      if (stored !== null && stored !== undefined) return stored;
    } catch (e) {
      if (!later) throw e;
    }
  }
  if (fromEnv !== undefined) return fromEnv;
  if (sources.stdin !== undefined) return sources.stdin;
  if (sources.prompt) return sources.prompt(`${user}@${endpoint.host}${endpoint.port ? `:${endpoint.port}` : ''}`, kind);
  return undefined;
}
