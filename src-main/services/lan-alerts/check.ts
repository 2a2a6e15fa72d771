import type { LanAlertCheck } from '../../../shared/model/lan-alerts';
import { readLanAlerts, type OpOptions } from '../../engines/ipmi/ops';
import type { IpmiRequester } from '../../engines/ipmi/requester';
import type { Services } from '../container';
import { inventoryOf } from '../inventory/wire';
import { loadTrapConfig } from '../traps/config';
import { trapsOf } from '../traps/wire';
import { compareLanAlerts, type CompareInput } from './compare';
import { keywordFor, listenerFacts } from './facts';

/** Everything the comparison needs besides the BMC's answer. */
export type LanAlertFacts = Omit<CompareInput, 'reading'>;

/** Reads the BMC's alert destinations over an open session and compares them with the facts. */
export async function checkLanAlerts(requester: IpmiRequester, facts: LanAlertFacts, o: OpOptions = {}): Promise<LanAlertCheck> {
  const reading = await readLanAlerts(requester, o);
  return {
    server: facts.server,
    ...(facts.cluster !== undefined ? { cluster: facts.cluster } : {}),
    reading,
    ...(facts.keyword ? { keyword: facts.keyword } : {}),
    listener: facts.listener,
    findings: compareLanAlerts({ ...facts, reading }),
  };
}

/**
 * The facts of an inventory server: its cluster's BMCNOTICE keyword and this
 * process's trap listener (running, else as saved). The BMC service refuses
 * an unknown or ambiguous server name before this is asked.
 */
export async function inventoryFacts(services: Services, server: string): Promise<LanAlertFacts> {
  const { inventory } = await inventoryOf(services).get();
  const cluster = inventory.clusters.find((c) => c.servers.some((s) => s.name === server));
  const keyword = cluster ? keywordFor(cluster, server) : undefined;
  return {
    server,
    ...(cluster ? { cluster: cluster.name } : {}),
    ...(keyword ? { keyword } : {}),
    listener: listenerFacts(loadTrapConfig(services.home), trapsOf(services).status()),
  };
}
