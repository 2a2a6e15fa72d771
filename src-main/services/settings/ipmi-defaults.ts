import { DEFAULT_CIPHER_SUITE, newServer } from '../../../shared/model/inventory';
import type { AppSettings, IpmiDefaultsInUse } from '../../../shared/model/settings';
import { AUTO_ORDER, SUITES, isWeakSuite, type SuiteId } from '../../engines/ipmi/cipher-suites';
import { DEFAULT_POLICY } from '../../engines/ipmi/retry';
import { PROBE_TIMEOUT_MS } from '../monitor/wire';

/**
 * The IPMI options the BMC access layer really uses: the engine's and the
 * inventory's own constants, with the engineer's settings over the four
 * that are settable (the same settings the engine and the inventory read,
 * so the Settings page cannot drift from what is used).
 */
export function ipmiDefaultsInUse(settings?: AppSettings): IpmiDefaultsInUse {
  const s = settings?.ipmi;
  return {
    newServerCipherSuite: s?.newServerCipherSuite ?? DEFAULT_CIPHER_SUITE,
    newServerPrivilege: s?.newServerPrivilege ?? newServer('x', { host: '127.0.0.1' }).ipmi.privilege,
    autoOrder: [...AUTO_ORDER],
    weakSuites: (Object.keys(SUITES).map(Number) as SuiteId[]).filter(isWeakSuite),
    timeoutMs: s?.timeoutMs ?? DEFAULT_POLICY.timeoutMs,
    retries: s?.retries ?? DEFAULT_POLICY.retries,
    monitorProbeTimeoutMs: PROBE_TIMEOUT_MS,
  };
}
