import type { Clock } from '../../../shared/clock';
import { endpointKey, type BmcAddress } from '../../../shared/model/inventory';
import type { SecretKind } from '../credentials';

/** How long the monitor trusts a secret it read without reading the keychain again. */
export const MONITOR_SECRET_TTL_MS = 5 * 60_000;

/** Errors that say the BMC refused what the keychain gave: read it again before the next try. */
export const SECRET_REFUSED_IDS: ReadonlySet<string> = new Set(['IPMI_AUTH_FAILED', 'IPMI_KG_MISMATCH', 'IPMI_USER_UNKNOWN']);

export interface MonitorSecretCacheDeps {
  /** One keychain lookup (session-only secrets first), null when none is stored. */
  read(endpoint: BmcAddress, user: string, kind: SecretKind): Promise<string | null>;
  /** Changes whenever this process writes a credential (set, delete, move). */
  generation(): number;
  clock: Pick<Clock, 'now'>;
  ttlMs?: number;
}

interface Entry {
  value: Promise<string | null>;
  readAt: number;
  generation: number;
}

/**
 * The BMC secrets of the dashboard's sweeps, for the monitor only (one-shot
 * commands, recovery and firmware checks read the keychain every time).
 *
 * Why: the sweep needs every BMC's password (and Kg) every interval, and
 * each libsecret lookup (keytar's getPassword) keeps about 1.5 KB of native
 * memory for good — measured: 12,000 lookups grew a bare Node process by
 * 14 MB with its JavaScript heap flat. Read per probe, 256 BMCs every 5 s
 * grew the app by some 240 MB an hour.
 *
 * A secret is used from here only while it can be trusted:
 * - any credential this process writes ends every entry (the generation);
 * - a BMC that refuses the password or Kg ends that BMC's entries
 *   (`forget`), so a password changed outside FieldKit costs one refused
 *   login, not one per sweep (BMCs lock accounts after repeated failures);
 * - every entry ends after the TTL, so a change made outside this process
 *   (the fieldkit CLI, the desktop's keyring manager) is seen within it.
 * "None stored" is kept the same way; a failed lookup (keyring locked,
 * timeout) is not kept.
 */
export class MonitorSecretCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(private readonly deps: MonitorSecretCacheDeps) {
    this.ttlMs = deps.ttlMs ?? MONITOR_SECRET_TTL_MS;
  }

  get(endpoint: BmcAddress, user: string, kind: SecretKind): Promise<string | null> {
    const key = entryKey(endpoint, user, kind);
    const now = this.deps.clock.now();
    const generation = this.deps.generation();
    const known = this.entries.get(key);
    if (known && known.generation === generation && now - known.readAt < this.ttlMs) return known.value;
    const value = this.deps.read(endpoint, user, kind);
    const entry: Entry = { value, readAt: now, generation };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** The BMC refused what it was given: its password and Kg are read from the keychain again next time. */
  forget(endpoint: BmcAddress, user: string): void {
    this.entries.delete(entryKey(endpoint, user, 'password'));
    this.entries.delete(entryKey(endpoint, user, 'kg'));
  }

  /** How many secrets are held now (tests, diagnostics); never the secrets. */
  get size(): number {
    return this.entries.size;
  }
}

function entryKey(endpoint: BmcAddress, user: string, kind: SecretKind): string {
  return `${kind}\u0000${user}\u0000${endpointKey(endpoint)}`;
}
