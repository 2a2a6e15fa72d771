import type { execFile as ExecFile } from 'node:child_process';
import { FieldKitError } from '../../../shared/errors';

/** The part of keytar FieldKit uses; tests and other platforms can pass their own. */
export interface SecretBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/**
 * Loads keytar lazily: the native module is only touched when a credential
 * is, and a build that does not match this runtime becomes a catalogued error.
 */
export async function loadKeytar(): Promise<SecretBackend> {
  try {
    const mod = (await import('keytar')) as unknown as { default?: SecretBackend } & SecretBackend;
    return mod.default ?? mod;
  } catch (e) {
    throw new FieldKitError('CRED_KEYCHAIN_UNAVAILABLE', { detail: (e as Error).message.slice(0, 200) }, { cause: e });
  }
}

/** 'locked' | 'unlocked' | 'missing' (no default keyring) | 'unknown' (cannot tell on this platform). */
export type KeyringLockState = 'locked' | 'unlocked' | 'missing' | 'unknown';

/**
 * libsecret answers "nothing stored" when the keyring is locked, so a null
 * read is only believed after asking the Secret Service whether its default
 * collection is locked. Linux only; elsewhere the keychain unlocks itself.
 */
/** Where gdbus may live: an absolute path, never a lookup in PATH (a gdbus earlier in PATH would be run). */
export const GDBUS_PATHS = ['/usr/bin/gdbus', '/bin/gdbus'];

/** Variables gdbus needs to find the session bus, and nothing else (no FIELDKIT_PASSWORD, no keys). */
const GDBUS_ENV_KEYS = ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'DISPLAY', 'HOME', 'USER', 'LOGNAME'];

/** The minimal environment of a child process FieldKit starts to ask the keychain. */
export function minimalChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
  for (const k of GDBUS_ENV_KEYS) if (env[k] !== undefined) out[k] = env[k];
  return out;
}

export function probeSecretServiceLock(timeoutMs = 3000, env: NodeJS.ProcessEnv = process.env, gdbusPaths: readonly string[] = GDBUS_PATHS): Promise<KeyringLockState> {
  if (process.platform !== 'linux') return Promise.resolve('unknown');
  // child_process only when a keychain is really asked (every CLI start pays for what it loads).
  const { execFile } = require('node:child_process') as { execFile: typeof ExecFile };
  const { existsSync } = require('node:fs') as typeof import('node:fs');
  const gdbus = gdbusPaths.find((p) => existsSync(p));
  if (!gdbus) return Promise.resolve('unknown');
  return new Promise((resolve) => {
    execFile(
      gdbus,
      ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets/aliases/default',
        '--method', 'org.freedesktop.DBus.Properties.Get', 'org.freedesktop.Secret.Collection', 'Locked'],
      { timeout: timeoutMs, env: minimalChildEnv(env) },
      (err, stdout, stderr) => {
        if (!err) return resolve(/true/.test(stdout) ? 'locked' : /false/.test(stdout) ? 'unlocked' : 'unknown');
        if (/Object does not exist|No such interface|UnknownObject|UnknownMethod/.test(`${stderr}`)) return resolve('missing');
        resolve('unknown');
      },
    );
  });
}
