import { FieldKitError } from '../../../shared/errors';
import type { TrapConfig, TrapV3User, TrapV3UserView, TrapSettingsView } from '../../../shared/model/trap';
import { isIp } from '../../../shared/validation/net';
import type { OperationRecord } from '../../../shared/model/operation';
import type { SnmpV3KeyStore } from '../credentials/snmpv3';
import { checkSnmpV3Key } from '../credentials/snmpv3';
import type { TrapV3UserWithKeys } from '../../engines/snmp/receiver';
import { writeFileAtomic } from '../files/atomic';
import { usersWithKeys, type SnmpV3KeySources } from './v3-keys';
import { loadTrapConfig, parseTrapConfig, trapConfigFile } from './config';

/** USM user names as they appear in a keychain account name: no separators, no spaces. */
const USER_NAME = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * Checks a configuration before anything is written: the port and the
 * address get their own messages (what a user types in the settings panel),
 * the rest the schema's. Throws; returns the normalised configuration.
 */
export function validateTrapConfig(input: unknown): TrapConfig {
  const o = (input ?? {}) as Record<string, unknown>;
  if (o.port !== undefined && !(typeof o.port === 'number' && Number.isInteger(o.port) && o.port >= 1 && o.port <= 65535)) {
    throw new FieldKitError('TRAPS_PORT_INVALID', { port: String(o.port).slice(0, 20) });
  }
  if (o.address !== undefined && !(typeof o.address === 'string' && isIp(o.address))) {
    throw new FieldKitError('TRAPS_ADDRESS_INVALID', { address: String(o.address).slice(0, 64) });
  }
  for (const u of Array.isArray(o.users) ? (o.users as Array<{ name?: unknown }>) : []) {
    if (typeof u?.name !== 'string' || !USER_NAME.test(u.name)) throw new FieldKitError('TRAPS_V3_USER_NAME_INVALID', { user: String(u?.name).slice(0, 40) });
  }
  const cfg = parseTrapConfig(input);
  const names = (cfg.users ?? []).map((u) => u.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new FieldKitError('TRAPS_V3_USER_DUPLICATE', { user: dup });
  for (const u of cfg.users ?? []) {
    if (u.level !== 'noAuthNoPriv' && !u.authProtocol) u.authProtocol = 'sha';
    if (u.level === 'authPriv' && !u.privProtocol) u.privProtocol = 'aes';
    if (u.level !== 'authPriv') delete u.privProtocol;
    if (u.level === 'noAuthNoPriv') delete u.authProtocol;
  }
  return cfg;
}

type Audit = (r: Omit<OperationRecord, 'when'>) => void;

export interface TrapSettingsDeps {
  home: string;
  keys: SnmpV3KeyStore;
  /** The operation log; every write of traps.json and every key stored goes there (never the key). */
  audit: Audit;
  who: string;
  via: OperationRecord['via'];
}

/**
 * `<home>/traps.json` and the SNMPv3 keys that go with its users: reads,
 * validated atomic writes (bad input changes nothing), keys to the keychain.
 */
export class TrapSettings {
  constructor(private readonly d: TrapSettingsDeps) {}

  get file(): string {
    return trapConfigFile(this.d.home);
  }

  load(): TrapConfig {
    return loadTrapConfig(this.d.home);
  }

  /** The configuration with, per v3 user, whether its keys are stored: never a key. */
  async view(): Promise<TrapSettingsView> {
    const config = this.load();
    const users: TrapV3UserView[] = [];
    for (const u of config.users ?? []) {
      const st = await this.d.keys.status(u.name);
      const need = { auth: u.level !== 'noAuthNoPriv', priv: u.level === 'authPriv' };
      users.push({
        ...u,
        authKey: need.auth ? { stored: st.auth.stored, ...(st.auth.source ? { source: st.auth.source } : {}) } : undefined,
        privKey: need.priv ? { stored: st.priv.stored, ...(st.priv.source ? { source: st.priv.source } : {}) } : undefined,
        ...(st.auth.keychainError ? { keychainError: st.auth.keychainError } : {}),
      });
    }
    return { file: this.file, config, users };
  }

  private async write(cfg: TrapConfig, action: string, target: string, details: Record<string, unknown>): Promise<void> {
    try {
      await writeFileAtomic(this.file, `${JSON.stringify(cfg, null, 2)}\n`, { keepPrevious: true });
    } catch (e) {
      const fe = e instanceof FieldKitError ? e : new FieldKitError('FILE_WRITE_FAILED', { path: this.file, detail: String(e) });
      this.d.audit({ who: this.d.who, via: this.d.via, target, action, result: 'failed', errorId: fe.id });
      throw fe;
    }
    this.d.audit({ who: this.d.who, via: this.d.via, target, action, result: 'ok', details });
  }

  /**
   * Replaces the listener settings (address, port, communities, limits,
   * acknowledge). The users list is kept as it is unless given; users are
   * changed with setUser/deleteUser so their keys follow.
   */
  async save(input: Omit<TrapConfig, 'users'> & { users?: TrapV3User[] }): Promise<TrapSettingsView> {
    const current = this.load();
    const cfg = validateTrapConfig({ ...input, users: input.users ?? current.users });
    if (!cfg.users?.length) delete cfg.users;
    await this.write(cfg, 'traps.settings.save', 'traps.json', {
      address: cfg.address, port: cfg.port, communities: cfg.communities?.length ?? 0, users: cfg.users?.length ?? 0,
      rateLimit: cfg.rateLimit, duplicateWindowMs: cfg.duplicateWindowMs, acknowledge: cfg.acknowledge,
    });
    return this.view();
  }

  /**
   * Adds or changes a v3 user: checks everything first, then stores the keys
   * (keychain, or this session only when allowed), then writes traps.json.
   * A key left out keeps the stored one.
   */
  async setUser(
    user: TrapV3User,
    keys: { authKey?: string; privKey?: string },
    opts: { sessionFallback?: boolean; signal?: AbortSignal } = {},
  ): Promise<{ view: TrapSettingsView; keySource?: 'keychain' | 'session' }> {
    const current = this.load();
    const users = [...(current.users ?? []).filter((u) => u.name !== user.name), user];
    const cfg = validateTrapConfig({ ...current, users });
    const u = cfg.users!.find((x) => x.name === user.name)!;
    const needAuth = u.level !== 'noAuthNoPriv';
    const needPriv = u.level === 'authPriv';
    if (needAuth && keys.authKey !== undefined) checkSnmpV3Key(u.name, 'auth', keys.authKey);
    if (needPriv && keys.privKey !== undefined) checkSnmpV3Key(u.name, 'priv', keys.privKey);
    // A user without its keys would make every later start fail: ask for the missing one now.
    const st = await this.d.keys.status(u.name);
    if (needAuth && keys.authKey === undefined && !st.auth.stored) throw new FieldKitError('CRED_SNMPV3_KEY_NOT_STORED', { user: u.name, kind: 'auth', account: st.auth.account });
    if (needPriv && keys.privKey === undefined && !st.priv.stored) throw new FieldKitError('CRED_SNMPV3_KEY_NOT_STORED', { user: u.name, kind: 'priv', account: st.priv.account });
    let keySource: 'keychain' | 'session' | undefined;
    if (needAuth && keys.authKey !== undefined) keySource = (await this.d.keys.set(u.name, 'auth', keys.authKey, opts)).source;
    if (needPriv && keys.privKey !== undefined) {
      const s = (await this.d.keys.set(u.name, 'priv', keys.privKey, opts)).source;
      keySource = keySource === 'session' ? 'session' : s;
    }
    await this.write(cfg, 'traps.user.set', `snmpv3:${u.name}`, {
      level: u.level, authProtocol: u.authProtocol, privProtocol: u.privProtocol, ...(keySource ? { keys: keySource } : {}),
    });
    return { view: await this.view(), ...(keySource ? { keySource } : {}) };
  }

  /** Removes a user from traps.json and its keys from the keychain. */
  async deleteUser(name: string): Promise<{ deleted: boolean; view: TrapSettingsView }> {
    const current = this.load();
    const had = (current.users ?? []).some((u) => u.name === name);
    const users = (current.users ?? []).filter((u) => u.name !== name);
    const cfg: TrapConfig = { ...current, users };
    if (!users.length) delete cfg.users;
    if (had) await this.write(cfg, 'traps.user.delete', `snmpv3:${name}`, {});
    const keysGone = USER_NAME.test(name) ? await this.d.keys.delete(name).catch(() => false) : false;
    return { deleted: had || keysGone, view: await this.view() };
  }

  /**
   * The users with their keys for the listener (resolveSnmpV3Key): the
   * keychain or this session's keys, and where a terminal front end offers
   * them, the environment and a prompt.
   */
  async usersWithKeys(users: readonly TrapV3User[], local: Omit<SnmpV3KeySources, 'stored'> = {}, signal?: AbortSignal): Promise<TrapV3UserWithKeys[]> {
    return usersWithKeys(users, { ...local, stored: (user, kind, s) => this.d.keys.get(user, kind, s ? { signal: s } : {}) }, signal);
  }
}
