import { cancelledError, FieldKitError, isCancellation, throwIfCancelled, type ErrorPayload } from '../../../shared/errors';
import { endpointKey, type BmcAddress } from '../../../shared/model/inventory';
import { utf8Length } from '../../../shared/validation/net';
import { loadKeytar, probeSecretServiceLock, type KeyringLockState, type SecretBackend } from './backend';
import { classifyKeychainError } from './classify';

export const KEYCHAIN_SERVICE = 'FieldKit';
export const PASSWORD_MAX_BYTES = 20;

export type SecretKind = 'password' | 'kg';
export type SecretSource = 'keychain' | 'session';

/** What the renderer may learn about a credential: never the secret. */
export interface CredentialStatus {
  account: string;
  stored: boolean;
  source?: SecretSource;
  /** Set when the keychain could not be asked; `stored` then only reflects the session. */
  keychainError?: ErrorPayload;
}

/** How long one keyring lock probe answers later lookups (see lockState). */
const LOCK_STATE_REUSE_MS = 2000;

export interface CredentialServiceDeps {
  backend?: () => Promise<SecretBackend>;
  probeLock?: () => Promise<KeyringLockState>;
  timeoutMs?: number;
}

/** Keychain account name: `user@host:port` for passwords, `kg:user@host:port` for BMC keys. */
export function keychainAccount(endpoint: BmcAddress, user: string, kind: SecretKind = 'password'): string {
  return `${kind === 'kg' ? 'kg:' : ''}${user}@${endpointKey(endpoint)}`;
}

/**
 * Passwords and Kg keys in the OS keychain (service "FieldKit", one account
 * per BMC endpoint and user). When the keychain is not available the caller
 * may keep a secret for this process only (memory, never disk); every
 * keychain failure is its own catalogued error, never "no password stored".
 */
export class CredentialService {
  private backendPromise: Promise<SecretBackend> | undefined;
  private readonly session = new Map<string, string>();
  private readonly timeoutMs: number;
  private lockProbe: { state: Promise<KeyringLockState>; doneAt?: number } | undefined;
  private writes = 0;

  constructor(private readonly deps: CredentialServiceDeps = {}) {
    this.timeoutMs = deps.timeoutMs ?? 10_000;
  }

  /**
   * Changes whenever this process has stored, moved or removed a secret
   * (counted once the write ended, whatever its outcome, so that nothing
   * read while it ran is taken as current): a reader that keeps secrets
   * (the monitor's) drops them when it changes.
   */
  get generation(): number {
    return this.writes;
  }

  private backend(): Promise<SecretBackend> {
    this.backendPromise ??= (this.deps.backend ?? loadKeytar)();
    // A failed load is retried next time (the user may fix the environment).
    this.backendPromise.catch(() => { this.backendPromise = undefined; });
    return this.backendPromise;
  }

  /** Runs one keychain call with a timeout; libsecret calls cannot be cancelled, we stop waiting. */
  private async call<T>(fn: (b: SecretBackend) => Promise<T>, signal?: AbortSignal): Promise<T> {
    throwIfCancelled(signal);
    const b = await this.backend();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      return await Promise.race([
        fn(b),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new FieldKitError('CRED_KEYCHAIN_TIMEOUT', { seconds: Math.round(this.timeoutMs / 1000) })), this.timeoutMs);
          onAbort = () => reject(cancelledError());
          signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } catch (e) {
      throw classifyKeychainError(e);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Whether the keyring is locked or missing, asked when a lookup found
   * nothing. One probe (a gdbus process) answers every lookup made while it
   * runs and for LOCK_STATE_REUSE_MS after it: the dashboard's sweep looks
   * up every BMC's password at once, and 256 BMCs without a stored password
   * would otherwise start 256 processes per sweep.
   */
  private async lockState(): Promise<KeyringLockState> {
    const now = Date.now();
    const last = this.lockProbe;
    if (last && (last.doneAt === undefined || now - last.doneAt < LOCK_STATE_REUSE_MS)) return last.state;
    const probe: { state: Promise<KeyringLockState>; doneAt?: number } = { state: (this.deps.probeLock ?? (() => probeSecretServiceLock()))() };
    this.lockProbe = probe;
    void probe.state.then(
      () => { probe.doneAt = Date.now(); },
      () => { if (this.lockProbe === probe) this.lockProbe = undefined; },
    );
    return probe.state;
  }

  /** Reads from the keychain; a null answer from a locked or missing keyring is turned into its error. */
  private async keychainGet(account: string, signal?: AbortSignal): Promise<string | null> {
    const v = await this.call((b) => b.getPassword(KEYCHAIN_SERVICE, account), signal);
    if (v !== null) return v;
    const lock = await this.lockState();
    if (lock === 'locked') throw new FieldKitError('CRED_KEYRING_LOCKED');
    if (lock === 'missing') throw new FieldKitError('CRED_NO_KEYRING');
    return null;
  }

  checkSecret(endpoint: BmcAddress, user: string, secret: string, kind: SecretKind): void {
    const account = `${user}@${endpointKey(endpoint)}`;
    if (kind === 'kg') {
      const ok = /^0x[0-9a-fA-F]{1,40}$/.test(secret) || (secret.length > 0 && utf8Length(secret) <= 20);
      if (!ok) throw new FieldKitError('CRED_KG_INVALID', { account });
      return;
    }
    if (secret.length === 0) throw new FieldKitError('CRED_PASSWORD_EMPTY', { account });
    const bytes = utf8Length(secret);
    if (bytes > PASSWORD_MAX_BYTES) throw new FieldKitError('CRED_PASSWORD_TOO_LONG', { account, bytes, max: PASSWORD_MAX_BYTES });
  }

  /**
   * Stores a secret in the keychain. With `sessionFallback`, a keychain that
   * is not available leaves the secret in memory for this process and says so.
   */
  async set(
    endpoint: BmcAddress,
    user: string,
    secret: string,
    opts: { kind?: SecretKind; sessionFallback?: boolean; signal?: AbortSignal } = {},
  ): Promise<{ source: SecretSource; keychainError?: ErrorPayload }> {
    const kind = opts.kind ?? 'password';
    this.checkSecret(endpoint, user, secret, kind);
    return this.setAccount(keychainAccount(endpoint, user, kind), secret, opts);
  }

  /**
   * Stores a secret under a raw account name (other schemes than BMC
   * endpoints, e.g. SNMPv3 keys); the caller has validated the secret.
   */
  async setAccount(
    account: string,
    secret: string,
    opts: { sessionFallback?: boolean; signal?: AbortSignal } = {},
  ): Promise<{ source: SecretSource; keychainError?: ErrorPayload }> {
    try {
      await this.call((b) => b.setPassword(KEYCHAIN_SERVICE, account, secret), opts.signal);
      this.session.delete(account);
      return { source: 'keychain' };
    } catch (e) {
      const fe = classifyKeychainError(e);
      if (!opts.sessionFallback || isCancellation(fe)) throw fe;
      this.session.set(account, secret);
      return { source: 'session', keychainError: fe.toPayload() };
    } finally {
      this.writes++;
    }
  }

  /** Keeps a secret under a raw account name for this process only. */
  setSessionOnlyAccount(account: string, secret: string): void {
    this.writes++;
    this.session.set(account, secret);
  }

  /** Main-process only: the secret under a raw account name (session first, then keychain). */
  async getAccount(account: string, opts: { signal?: AbortSignal } = {}): Promise<string | null> {
    const s = this.session.get(account);
    if (s !== undefined) return s;
    return this.keychainGet(account, opts.signal);
  }

  /** Keeps a secret for this process only (typed for the session); never written anywhere. */
  setSessionOnly(endpoint: BmcAddress, user: string, secret: string, kind: SecretKind = 'password'): void {
    this.checkSecret(endpoint, user, secret, kind);
    this.writes++;
    this.session.set(keychainAccount(endpoint, user, kind), secret);
  }

  /** Main-process only: the secret for a BMC session. Never sent to the renderer. */
  async get(endpoint: BmcAddress, user: string, opts: { kind?: SecretKind; signal?: AbortSignal } = {}): Promise<string | null> {
    const account = keychainAccount(endpoint, user, opts.kind ?? 'password');
    const s = this.session.get(account);
    if (s !== undefined) return s;
    return this.keychainGet(account, opts.signal);
  }

  /** Like get, but a missing password is an error that says so. */
  async require(endpoint: BmcAddress, user: string, opts: { kind?: SecretKind; signal?: AbortSignal } = {}): Promise<string> {
    const v = await this.get(endpoint, user, opts);
    if (v === null) throw new FieldKitError('CRED_NOT_STORED', { account: keychainAccount(endpoint, user, opts.kind) });
    return v;
  }

  async status(endpoint: BmcAddress, user: string, kind: SecretKind = 'password'): Promise<CredentialStatus> {
    return this.statusOf(keychainAccount(endpoint, user, kind));
  }

  /** Whether a secret is stored under a raw account name, and where; never the secret. */
  async statusOf(account: string): Promise<CredentialStatus> {
    const inSession = this.session.has(account);
    try {
      const v = await this.keychainGet(account);
      if (v !== null) return { account, stored: true, source: 'keychain' };
      return inSession ? { account, stored: true, source: 'session' } : { account, stored: false };
    } catch (e) {
      const err = classifyKeychainError(e).toPayload();
      return inSession ? { account, stored: true, source: 'session', keychainError: err } : { account, stored: false, keychainError: err };
    }
  }

  async delete(endpoint: BmcAddress, user: string, kind: SecretKind = 'password'): Promise<boolean> {
    return this.deleteAccount(keychainAccount(endpoint, user, kind));
  }

  /** Removes a secret under a raw account name from the session and the keychain. */
  async deleteAccount(account: string): Promise<boolean> {
    const hadSession = this.session.delete(account);
    try {
      return (await this.call((b) => b.deletePassword(KEYCHAIN_SERVICE, account))) || hadSession;
    } catch (e) {
      if (hadSession) return true;
      throw classifyKeychainError(e);
    } finally {
      this.writes++;
    }
  }

  /** Follows a server whose endpoint or account changed: the secret moves with it. */
  async move(from: BmcAddress, fromUser: string, to: BmcAddress, toUser: string): Promise<void> {
    try {
      await this.moveSecrets(from, fromUser, to, toUser);
    } finally {
      this.writes++;
    }
  }

  private async moveSecrets(from: BmcAddress, fromUser: string, to: BmcAddress, toUser: string): Promise<void> {
    for (const kind of ['password', 'kg'] as const) {
      const a = keychainAccount(from, fromUser, kind);
      const b = keychainAccount(to, toUser, kind);
      if (a === b) continue;
      const v = await this.get(from, fromUser, { kind });
      if (v === null) continue;
      if (this.session.has(a)) {
        this.session.set(b, v);
        this.session.delete(a);
      } else {
        await this.call((k) => k.setPassword(KEYCHAIN_SERVICE, b, v));
        await this.call((k) => k.deletePassword(KEYCHAIN_SERVICE, a));
      }
    }
  }

  async remove(endpoint: BmcAddress, user: string): Promise<void> {
    await this.delete(endpoint, user, 'password').catch(() => undefined);
    await this.delete(endpoint, user, 'kg').catch(() => undefined);
  }

  /** Whether the keychain works right now; the error says why not. */
  async availability(): Promise<{ available: boolean; error?: ErrorPayload }> {
    try {
      await this.call((b) => b.findCredentials(KEYCHAIN_SERVICE));
      const lock = await this.lockState();
      if (lock === 'locked') return { available: false, error: new FieldKitError('CRED_KEYRING_LOCKED').toPayload() };
      if (lock === 'missing') return { available: false, error: new FieldKitError('CRED_NO_KEYRING').toPayload() };
      return { available: true };
    } catch (e) {
      return { available: false, error: classifyKeychainError(e).toPayload() };
    }
  }

  /** The accounts FieldKit has in the keychain (names only). */
  async accounts(): Promise<string[]> {
    const list = await this.call((b) => b.findCredentials(KEYCHAIN_SERVICE));
    return [...new Set([...list.map((c) => c.account), ...this.session.keys()])].sort();
  }
}
