import { DEFAULT_CIPHER_SUITE, newServer } from '../../../shared/model/inventory';
import type { IpmiDefaultsInUse } from '../../../shared/model/settings';
import { AUTO_ORDER, SUITES, isWeakSuite, type SuiteId } from '../../engines/ipmi/cipher-suites';
import { DEFAULT_POLICY } from '../../engines/ipmi/retry';
import { PROBE_TIMEOUT_MS } from '../monitor/wire';

/**
 * The IPMI options the BMC access layer really uses, read from the engine's
 * and the inventory's own constants so the Settings page cannot drift from
 * them. Shown, not settable: a second source of these values would be one
 * the engine does not honour.
 */
export function ipmiDefaultsInUse(): IpmiDefaultsInUse {
  return {
    newServerCipherSuite: DEFAULT_CIPHER_SUITE,
    newServerPrivilege: newServer('x', { host: '127.0.0.1' }).ipmi.privilege,
    autoOrder: [...AUTO_ORDER],
    weakSuites: (Object.keys(SUITES).map(Number) as SuiteId[]).filter(isWeakSuite),
    timeoutMs: DEFAULT_POLICY.timeoutMs,
    retries: DEFAULT_POLICY.retries,
    monitorProbeTimeoutMs: PROBE_TIMEOUT_MS,
  };
}
