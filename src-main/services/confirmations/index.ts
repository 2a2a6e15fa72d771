import type { Services } from '../container';
import { ConfirmationService } from './service';

export { ConfirmationService, DEFAULT_MAX_OUTSTANDING, describeTarget, type Confirmation, type ConfirmationServiceOptions, type ConfirmationTarget, type PrepareRequest } from './service';
export { confirmDetail } from './detail';
export { confirmationSummary, type SummaryFacts } from './summary';

/**
 * The one confirmation service of a process (Electron main, headless host):
 * ids issued by one process are valid only in it. Its clock is the
 * container's. FIELDKIT_CONFIRMATION_TTL_MS may shorten (never lengthen) the
 * lifetime of an id, for tests of expiry against a running host.
 */
export function confirmationsOf(services: Services, env: NodeJS.ProcessEnv = process.env): ConfirmationService {
  return services.instance('confirmations', () => {
    const ttl = Number(env.FIELDKIT_CONFIRMATION_TTL_MS);
    return new ConfirmationService({ now: () => services.clock.now(), ...(Number.isFinite(ttl) && ttl > 0 ? { ttlMs: ttl } : {}) });
  });
}
