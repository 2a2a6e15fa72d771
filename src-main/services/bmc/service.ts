import path from 'node:path';
import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import { IpmiEngine, type IpmiTarget } from '../../engines/ipmi';
import type { IpmiRequester } from '../../engines/ipmi/requester';
import { FileSdrCache } from './sdr-cache';

/** A BMC given on the command line rather than from the inventory. */
export interface AdHocTarget {
  host: string;
  port?: number;
  username: string;
  password: string;
  kg?: string;
  cipherSuite?: number;
  privilege?: 'admin' | 'operator' | 'user';
  timeoutMs?: number;
}

export type TargetSpec =
  | {
      server: string;
      password?: string;
      timeoutMs?: number;
      /** Asked when the keychain holds no password for this BMC (a terminal prompt in the CLI). */
      askPassword?: (account: string) => Promise<string>;
    }
  | { adHoc: AdHocTarget };

export interface BmcConnection {
  /** The requester every operation goes through (primary, then secondary). */
  requester: IpmiRequester;
  /** "node1" or "127.0.0.1:623": what the user named. */
  label: string;
  /** Which address answered last: "primary 192.0.2.10:623". */
  answeredBy(): string | undefined;
  /** Ends this server's sessions now rather than when the service closes. */
  close(): Promise<void>;
}

export interface BmcServiceDeps {
  home: string;
  engine?: IpmiEngine;
  /** Inventory lookup (the inventory service), when present. */
  findServer?: (name: string) => Promise<Server | undefined>;
  /** Keychain lookup (the credential service), when present. */
  getSecret?: (endpoint: BmcAddress, user: string, kind: 'password' | 'kg') => Promise<string | null>;
}

const PRIV: Record<string, 'admin' | 'operator' | 'user'> = { ADMINISTRATOR: 'admin', OPERATOR: 'operator', USER: 'user' };

/**
 * Turns a server name or an ad-hoc target into an IpmiRequester through
 * the IPMI engine. One engine per service (one socket, pooled sessions);
 * passwords come from the caller or the keychain and are never kept here.
 */
export class BmcService {
  private engineInstance: IpmiEngine | undefined;
  readonly sdrCache: FileSdrCache;

  constructor(private readonly deps: BmcServiceDeps) {
    this.engineInstance = deps.engine;
    this.sdrCache = new FileSdrCache(path.join(deps.home, 'cache', 'sdr'));
  }

  get engine(): IpmiEngine {
    this.engineInstance ??= new IpmiEngine();
    return this.engineInstance;
  }

  async connect(spec: TargetSpec): Promise<BmcConnection> {
    if ('adHoc' in spec) {
      const t = spec.adHoc;
      const target: IpmiTarget = {
        host: t.host,
        ...(t.port ? { port: t.port } : {}),
        username: t.username,
        password: t.password,
        ...(t.kg ? { kg: t.kg } : {}),
        ...(t.cipherSuite !== undefined ? { cipherSuite: t.cipherSuite as IpmiTarget['cipherSuite'] } : {}),
        ...(t.privilege ? { privilege: t.privilege } : {}),
        ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {}),
      };
      const handle = this.engine.dual(target);
      const label = `${t.host}:${t.port ?? 623}`;
      return { requester: handle, label, answeredBy: () => (handle.answeredBy() ? `${handle.answeredBy()} ${label}` : undefined), close: () => handle.close() };
    }
    if (!this.deps.findServer) throw new FieldKitError('IPMICMD_TARGET_UNKNOWN', { server: spec.server });
    const server = await this.deps.findServer(spec.server);
    if (!server) throw new FieldKitError('IPMICMD_TARGET_UNKNOWN', { server: spec.server });
    const secret = async (ep: BmcAddress, kind: 'password' | 'kg') => (this.deps.getSecret ? this.deps.getSecret(ep, server.account, kind) : null);
    const build = async (ep: BmcAddress): Promise<IpmiTarget> => {
      let password: string | null | undefined = spec.password;
      if (password === undefined) {
        try {
          password = await secret(ep, 'password');
        } catch (e) {
          // A keychain that cannot be asked is its own error, unless the user can type the password now.
          if (!spec.askPassword) throw e;
          password = null;
        }
      }
      if ((password === null || password === undefined) && spec.askPassword) password = await spec.askPassword(`${server.account}@${ep.host}${ep.port ? `:${ep.port}` : ''}`);
      if (password === null || password === undefined) {
        throw new FieldKitError('IPMICMD_PASSWORD_MISSING', { account: `${server.account}@${ep.host}${ep.port ? `:${ep.port}` : ''}` });
      }
      const kg = server.ipmi.kgStored ? await secret(ep, 'kg') : null;
      return {
        host: ep.host,
        ...(ep.port ? { port: ep.port } : {}),
        username: server.account,
        password,
        ...(kg ? { kg } : {}),
        cipherSuite: server.ipmi.cipherSuite as IpmiTarget['cipherSuite'],
        privilege: PRIV[server.ipmi.privilege] ?? 'admin',
        ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs } : {}),
      };
    };
    const primary = await build(server.bmc.primary);
    const secondary = server.bmc.secondary ? await build(server.bmc.secondary) : undefined;
    const handle = this.engine.dual(primary, secondary);
    const addr = (t: IpmiTarget) => `${t.host}:${t.port ?? 623}`;
    return {
      requester: handle,
      close: () => handle.close(),
      label: server.name,
      answeredBy: () => {
        const role = handle.answeredBy();
        if (!role) return undefined;
        return `${role} ${addr(role === 'primary' ? primary : secondary ?? primary)}`;
      },
    };
  }

  async close(): Promise<void> {
    await this.engineInstance?.close();
    this.engineInstance = undefined;
  }
}
