import { FieldKitError } from '../../../shared/errors';
import { isTerminalPhase } from '../../../shared/model/case';
import type { Services } from '../container';
import { bmcServiceOf } from '../bmc/factory';
import { safeFileName, writeAttachment } from '../recovery/attachments';
import { CaseStore } from '../recovery/store';
import type { SolEngine } from './port';
import { SolService } from './service';

const created = new WeakMap<Services, SolService>();

/** yyyymmdd-HHMMSS in UTC, for attachment names that sort by time. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * The SOL service of a container: consoles on the container's one IPMI
 * engine (one session per BMC endpoint), output pushed on the bus, every
 * console deactivated when the container closes (app quit, host stop).
 */
export function solOf(services: Services): SolService {
  return services.instance(
    'sol',
    () => {
      const bmc = bmcServiceOf(services);
      const store = new CaseStore(services.home);
      const s = new SolService({
        engine: (): SolEngine => bmc.engine,
        targets: (server) => bmc.serverTargets({ server }),
        publishOutput: (e) => services.bus.publish('sol.output', e),
        publishState: (e) => services.bus.publish('sol.state', e),
        now: () => services.clock.now(),
        audit: (r) => services.logs.operations.append(r),
        saveToCase: async (server, data, dropped) => {
          // The newest open case of that server: the one the wizard is working on.
          const open = (await store.list()).filter((c) => c.server === server && !isTerminalPhase(c.phase));
          const c = open[0];
          if (!c) throw new FieldKitError('SOLCONSOLE_NO_OPEN_CASE', { server });
          // Only the bytes (and, when the ring overflowed, one line saying so at the top): no account, address or secret.
          const head = dropped > 0 ? Buffer.from(`[FieldKit: the first ${dropped} bytes of this console were not kept]\r\n`) : Buffer.alloc(0);
          try {
            const a = await writeAttachment(store.dir, c.id, `sol-${safeFileName(server)}-${stamp(services.clock.now())}.txt`, Buffer.concat([head, data]));
            return { server, caseId: c.id, name: a.name, bytes: a.bytes };
          } catch (e) {
            throw new FieldKitError('SOLCONSOLE_SAVE_FAILED', { caseId: c.id, detail: (e as Error).message }, { cause: e });
          }
        },
      });
      created.set(services, s);
      return s;
    },
    (s) => s.closeAll(),
  );
}

/** The SOL service if this process has one (the dump asks without creating it). */
export function existingSol(services: Services): SolService | undefined {
  return created.get(services);
}
