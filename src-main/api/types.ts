import type { ChannelDef, ChannelMap, EventName, EventPayload, RequestOf, ResponseOf } from '../../shared/contract';
import type { Services } from '../services/container';

/** What every handler receives besides its validated request. */
export interface HandlerContext {
  services: Services;
  /** The front end that asked: the Electron window, the headless host, or the CLI. */
  via: 'ui' | 'host' | 'cli';
  /** OS user name, for the operation log. */
  who: string;
  /** Pushes an event to the front end that made the request (and others on the same transport). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Aborted when the call is cancelled (jobs.cancel, its window or connection gone, shutdown). */
  signal?: AbortSignal;
  /** The job id of this call (see shared/contract/jobs.ts), set by dispatch. */
  jobId?: string;
  /**
   * What only a local terminal front end can offer the BMC access layer: the
   * CLI's --password-stdin, its no-echo prompt and --timeout. Never part of
   * a request payload, so no remote caller can set them.
   */
  bmcAccess?: { password?: string; askPassword?: (account: string) => Promise<string>; timeoutMs?: number };
  /**
   * The same for the trap listener's SNMPv3 keys: the CLI's environment
   * (FIELDKIT_SNMP_*_KEY) and its no-echo prompt, after the keychain order
   * of resolveSnmpV3Key. Absent over IPC and the WebSocket.
   */
  snmpV3Access?: { env?: NodeJS.ProcessEnv; prompt?: (user: string, kind: 'auth' | 'priv') => Promise<string> };
  /**
   * The CLI's recovery waits (--power-timeout, --verify-timeout,
   * --poll-interval) over the process's own (FIELDKIT_RECOVERY_*, defaults).
   */
  recoveryTimings?: { powerTimeoutMs?: number; verifyTimeoutMs?: number; pollMs?: number };
  /**
   * A folder picked by the user in a dialog of the main process (Electron
   * window only): resolves undefined when cancelled. Absent over the
   * headless host and in the CLI.
   */
  chooseFolder?: (purpose: 'dump', defaultDir: string) => Promise<string | undefined>;
}

export type Handler<C extends ChannelDef> = (request: RequestOf<C>, ctx: HandlerContext) => Promise<ResponseOf<C>>;

export type HandlerMap<M extends ChannelMap> = { [K in keyof M]: Handler<M[K]> };

/** Typed helper so that each domain's handler file is checked against its channels. */
export function defineHandlers<M extends ChannelMap>(_channels: M, handlers: HandlerMap<M>): HandlerMap<M> {
  return handlers;
}
