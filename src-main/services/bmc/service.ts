import path from 'node:path';
import type { Clock } from '../../../shared/clock';
import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import { IpmiEngine, type IpmiDualHandle, type IpmiTarget } from '../../engines/ipmi';
import type { IpmiRequester } from '../../engines/ipmi/requester';
import type { SecretSources } from './secrets';
import { inventoryTarget } from './targets';
import { FileSdrCache } from './sdr-cache';

/** A BMC given on the command line rather than from the inventory. */
export interface AdHocTarget {
  host: string;
  port?: number;
  username: string;
  password: string;
  kg?: string;
  cipherSuite?: number;
  /** --accept-weak-cipher: needed to pin suite 0, 1 or 2. */
  acceptWeakCipher?: boolean;
  privilege?: 'admin' | 'operator' | 'user';
  timeoutMs?: number;
}

export type TargetSpec =
  | {
      server: string;
      /** A password the user piped in (--password-stdin): used where the keychain has none. */
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
  /** Cipher suite and privilege of the session that answered last (undefined before any answer). */
  sessionInfo(): BmcSessionInfo | undefined;
  /** Ends this server's sessions now rather than when the service closes. */
  close(): Promise<void>;
}

export interface BmcSessionInfo {
  suite?: number;
  privilege?: string;
}

function sessionOf(handle: IpmiDualHandle): BmcSessionInfo | undefined {
  const i = handle.info();
  return i && i.suite !== undefined ? { suite: i.suite, ...(i.privilege ? { privilege: i.privilege } : {}) } : undefined;
}

export interface BmcServiceDeps {
  home: string;
  engine?: IpmiEngine;
  /** The process's clock, handed to the engine it builds (session staleness, keepalive). */
  clock?: Clock;
  /** The engineer's request budget (Settings), read when a session is set up; a target's own --timeout wins. */
  requestDefaults?: () => { timeoutMs?: number; retries?: number };
  /** Inventory lookup (the inventory service), when present. */
  findServer?: (name: string) => Promise<Server | undefined>;
  /** Keychain lookup (the credential service), when present. */
  getSecret?: (endpoint: BmcAddress, user: string, kind: 'password' | 'kg') => Promise<string | null>;
  /** Environment for FIELDKIT_PASSWORD / FIELDKIT_KG (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Turns a server name or an ad-hoc target into an IpmiRequester through
 * the IPMI engine. One engine per service (one socket, pooled sessions);
 * passwords come from the caller or the keychain and are never kept here.
 */
/** The engine's target for an ad-hoc `-H` BMC: only the options the user gave, nothing defaulted here. */
export function adHocIpmiTarget(t: AdHocTarget): IpmiTarget {
  return {
    host: t.host,
    ...(t.port ? { port: t.port } : {}),
    username: t.username,
    password: t.password,
    ...(t.kg ? { kg: t.kg } : {}),
    ...(t.cipherSuite !== undefined ? { cipherSuite: t.cipherSuite as IpmiTarget['cipherSuite'] } : {}),
    ...(t.acceptWeakCipher ? { acceptWeakCipher: true } : {}),
    ...(t.privilege ? { privilege: t.privilege } : {}),
    ...(t.timeoutMs ? { timeoutMs: t.timeoutMs } : {}),
  };
}

export class BmcService {
  private engineInstance: IpmiEngine | undefined;
  readonly sdrCache: FileSdrCache;

  constructor(private readonly deps: BmcServiceDeps) {
    this.engineInstance = deps.engine;
    this.sdrCache = new FileSdrCache(path.join(deps.home, 'cache', 'sdr'));
  }

  get engine(): IpmiEngine {
    this.engineInstance ??= new IpmiEngine({
      ...(this.deps.clock ? { clock: this.deps.clock } : {}),
      ...(this.deps.requestDefaults ? { requestDefaults: this.deps.requestDefaults } : {}),
    });
    return this.engineInstance;
  }

  async connect(spec: TargetSpec): Promise<BmcConnection> {
    if ('adHoc' in spec) {
      const target = adHocIpmiTarget(spec.adHoc);
      const handle = this.engine.dual(target);
      const label = `${spec.adHoc.host}:${spec.adHoc.port ?? 623}`;
      return {
        requester: handle, label, answeredBy: () => (handle.answeredBy() ? `${handle.answeredBy()} ${label}` : undefined),
        sessionInfo: () => sessionOf(handle), close: () => handle.close(),
      };
    }
    const { server, primary, secondary } = await this.serverTargets(spec);
    const handle = this.engine.dual(primary, secondary);
    const addr = (t: IpmiTarget) => `${t.host}:${t.port ?? 623}`;
    return {
      requester: handle,
      close: () => handle.close(),
      label: server.name,
      sessionInfo: () => sessionOf(handle),
      answeredBy: () => {
        const role = handle.answeredBy();
        if (!role) return undefined;
        return `${role} ${addr(role === 'primary' ? primary : secondary ?? primary)}`;
      },
    };
  }

  /**
   * The IPMI targets of an inventory server's primary and secondary BMC,
   * with secrets resolved as connect() does; for callers that must choose
   * one address themselves (a SOL console lives on one BMC session).
   */
  async serverTargets(spec: Extract<TargetSpec, { server: string }>): Promise<{ server: Server; primary: IpmiTarget; secondary?: IpmiTarget }> {
    if (!this.deps.findServer) throw new FieldKitError('SERVER_UNKNOWN', { server: spec.server });
    const server = await this.deps.findServer(spec.server);
    if (!server) throw new FieldKitError('SERVER_UNKNOWN', { server: spec.server });
    const account = (ep: BmcAddress) => `${server.account}@${ep.host}${ep.port ? `:${ep.port}` : ''}`;
    const sources: SecretSources = {
      ...(this.deps.getSecret ? { keychain: this.deps.getSecret } : {}),
      env: this.deps.env ?? process.env,
      ...(spec.password !== undefined ? { stdin: spec.password } : {}),
      ...(spec.askPassword ? { prompt: (a: string) => spec.askPassword!(a) } : {}),
    };
    const build = (ep: BmcAddress) => inventoryTarget(server, ep, sources, {
      ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs } : {}),
      missing: () => new FieldKitError('IPMICMD_PASSWORD_MISSING', { account: account(ep) }),
    });
    const primary = await build(server.bmc.primary);
    const secondary = server.bmc.secondary ? await build(server.bmc.secondary) : undefined;
    return { server, primary, ...(secondary ? { secondary } : {}) };
  }

  async close(): Promise<void> {
    await this.engineInstance?.close();
    this.engineInstance = undefined;
  }
}
