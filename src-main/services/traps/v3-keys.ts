import { FieldKitError } from '../../../shared/errors';
import type { TrapV3User } from '../../../shared/model/trap';
import type { TrapV3UserWithKeys } from '../../engines/snmp/receiver';
import { snmpV3Account, type SnmpV3KeyKind } from '../credentials/snmpv3';

/**
 * Where the listener's SNMPv3 keys can come from. The keychain (or the
 * session) is always asked; the environment and the prompt only where a
 * local terminal front end offers them (the CLI's `traps listen`), never
 * through a request payload.
 */
export interface SnmpV3KeySources {
  /** The keychain, or the keys kept for this session when there is none. */
  stored: (user: string, kind: SnmpV3KeyKind, signal?: AbortSignal) => Promise<string | null>;
  /** FIELDKIT_SNMP_AUTH_KEY_<USER> / FIELDKIT_SNMP_AUTH_KEY (and PRIV): unattended runs. */
  env?: NodeJS.ProcessEnv;
  /** Asks on the terminal without echo; absent where no one can answer. */
  prompt?: (user: string, kind: SnmpV3KeyKind) => Promise<string>;
}

function fromEnv(env: NodeJS.ProcessEnv, user: string, kind: SnmpV3KeyKind): string | undefined {
  const k = kind === 'auth' ? 'AUTH' : 'PRIV';
  const own = env[`FIELDKIT_SNMP_${k}_KEY_${user.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`];
  return own ?? env[`FIELDKIT_SNMP_${k}_KEY`];
}

/**
 * One SNMPv3 key, in one order for every front end: the user's own
 * environment variable, the shared one, the keychain (or session), a prompt.
 * A keychain that cannot be asked is skipped when a prompt can still answer;
 * otherwise its catalogued error stands. A key no source has is
 * CRED_SNMPV3_KEY_NOT_STORED where only the keychain was asked (the window),
 * TRAPS_V3_KEYS_MISSING where the environment or a terminal could have
 * answered (its remedy names them).
 */
export async function resolveSnmpV3Key(user: string, kind: SnmpV3KeyKind, sources: SnmpV3KeySources, signal?: AbortSignal): Promise<string> {
  const env = sources.env ? fromEnv(sources.env, user, kind) : undefined;
  if (env) return env;
  try {
    const stored = await sources.stored(user, kind, signal);
    if (stored !== null) return stored;
  } catch (e) {
    if (!sources.prompt) throw e;
  }
  if (sources.prompt) return sources.prompt(user, kind);
  if (sources.env) throw new FieldKitError('TRAPS_V3_KEYS_MISSING', { user });
  throw new FieldKitError('CRED_SNMPV3_KEY_NOT_STORED', { user, kind, account: snmpV3Account(user, kind) });
}

/** The users with the keys their level needs, for the listener. */
export async function usersWithKeys(users: readonly TrapV3User[], sources: SnmpV3KeySources, signal?: AbortSignal): Promise<TrapV3UserWithKeys[]> {
  const out: TrapV3UserWithKeys[] = [];
  for (const u of users) {
    const k: TrapV3UserWithKeys = { ...u };
    if (u.level !== 'noAuthNoPriv') k.authKey = await resolveSnmpV3Key(u.name, 'auth', sources, signal);
    if (u.level === 'authPriv') k.privKey = await resolveSnmpV3Key(u.name, 'priv', sources, signal);
    out.push(k);
  }
  return out;
}
