import type { Clock } from '../../../shared/clock';
import { FieldKitError } from '../../../shared/errors';
import { isTerminalPhase } from '../../../shared/model/case';
import type { RecoveryServerChoice } from '../../../shared/contract/recovery';
import type { RecoveryConnector, RecoveryOperationLog, VendorClearFaults, RecoveryBmc } from './port';
import { RecoveryService, type RecoveryDeps, type RecoveryTimings } from './service';
import { CaseStore } from './store';

/** What the recovery domain needs from the rest of the process (inventory, engine, logs). */
export interface RecoveryEnvironment {
  home: string;
  oplog?: RecoveryOperationLog;
  /** Servers from the inventory, with their BMC addresses. */
  servers(): Promise<Omit<RecoveryServerChoice, 'openCaseId'>[]>;
  connect: RecoveryConnector;
  vendorClearFaults?: RecoveryDeps['vendorClearFaults'];
  timings?: Partial<RecoveryTimings>;
  /** The process's clock (the container's): case stamps, power and verify deadlines, poll waits. */
  clock?: Clock;
  /** The vendors' prerequisites for a server's model (shown beside the checklist). */
  prerequisites?: RecoveryDeps['prerequisites'];
}

/**
 * One per process: the case store and the environment, handing out a
 * RecoveryService bound to whoever asks (engineer, front end).
 */
export class RecoveryHub {
  readonly store: CaseStore;

  constructor(private readonly env: RecoveryEnvironment) {
    this.store = new CaseStore(env.home);
  }

  service(operator: string, via: RecoveryDeps['via'], timings?: Partial<RecoveryTimings>): RecoveryService {
    return new RecoveryService({
      store: this.store,
      connect: this.env.connect,
      oplog: this.env.oplog,
      operator,
      via,
      timings: { ...this.env.timings, ...Object.fromEntries(Object.entries(timings ?? {}).filter(([, v]) => v !== undefined)) },
      vendorClearFaults: this.env.vendorClearFaults,
      clusterOf: (s) => this.clusterCache.get(s),
      serverExists: async (s) => (await this.env.servers()).some((x) => x.name === s),
      prerequisites: this.env.prerequisites,
      ...(this.env.clock ? { clock: this.env.clock } : {}),
    });
  }

  private readonly clusterCache = new Map<string, string>();

  async servers(): Promise<RecoveryServerChoice[]> {
    const list = await this.env.servers();
    const open = (await this.store.list()).filter((c) => !isTerminalPhase(c.phase));
    for (const s of list) this.clusterCache.set(s.name, s.cluster);
    return list.map((s) => ({ ...s, openCaseId: open.find((c) => c.server === s.name)?.id }));
  }

  /** The BMC's web console: https on the primary address (the vendor consoles serve https on 443). */
  async webConsoleUrl(caseId: string): Promise<string> {
    const c = await this.store.load(caseId);
    const s = (await this.env.servers()).find((x) => x.name === c.server);
    if (!s) throw new FieldKitError('SERVER_UNKNOWN', { server: c.server });
    const host = s.primaryHost;
    return `https://${host.includes(':') ? `[${host}]` : host}/`;
  }
}

export type { VendorClearFaults, RecoveryBmc };
