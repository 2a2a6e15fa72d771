import { FieldKitError } from '../../../shared/errors';
import type { BmcAddress } from '../../../shared/model/inventory';
import { SensorType } from '../../../shared/ipmi';
import { isFieldKitError, toErrorPayload } from '../../../shared/errors';
import { chassisStatus, readSdrRepository, readSensorsFrom } from '../../engines/ipmi/ops';
import type { IpmiRequester } from '../../engines/ipmi/requester';
import { bmcServiceOf } from '../bmc';
import { inventoryTarget } from '../bmc/targets';
import type { Services } from '../container';
import { credentialsOf } from '../credentials/wire';
import { inventoryOf } from '../inventory/wire';
import { trapsOf } from '../traps/wire';
import { MonitorService, type ProbeResult, type SlotReading } from './index';
import { MonitorSecretCache, SECRET_REFUSED_IDS } from './secret-cache';

/** A status sweep must not hang on dead BMCs: a short session timeout per address. */
export const PROBE_TIMEOUT_MS = 3000;
const PRIV = { ADMINISTRATOR: 'admin', OPERATOR: 'operator', USER: 'user' } as const;
const RANK: Record<string, number> = { callback: 0, user: 1, operator: 2, admin: 3, oem: 4 };

const perContainer = new WeakMap<Services, MonitorService>();

/**
 * The monitor of a services container, over its inventory, keychain, IPMI
 * engine and trap log. Each BMC address gets its own authenticated session
 * per sweep (secrets through resolveBmcSecret: keychain, then environment), closed
 * after the chassis status and the slots were read: link OK means the stored
 * credentials work on that address now, not merely that something answers a ping.
 * The keychain is read through MonitorSecretCache (why, and for how long a
 * secret is trusted, there).
 */
export function monitorOf(services: Services): MonitorService {
  let m = perContainer.get(services);
  if (m) return m;
  const bmc = bmcServiceOf(services);
  const credentials = credentialsOf(services);
  const secrets = new MonitorSecretCache({
    read: (ep, user, kind) => credentials.get(ep, user, { kind }),
    generation: () => credentials.generation,
    clock: services.clock,
  });
  const keychain = (ep: BmcAddress, user: string, kind: 'password' | 'kg') => secrets.get(ep, user, kind);
  m = new MonitorService({
    clusters: async () => (await inventoryOf(services).current()).clusters,
    probe: async (server, address, signal, readSlots) => {
      // The one resolution of every inventory BMC: secrets in resolveBmcSecret's order, Kg, suite, privilege.
      const target = await inventoryTarget(server, address, { keychain, env: process.env }, {
        timeoutMs: PROBE_TIMEOUT_MS,
        missing: () => new FieldKitError('MONITOR_NO_PASSWORD', { server: server.name, account: server.account }),
      });
      const { kg, cipherSuite, ...rest } = target;
      const conn = await bmc.connect({ adHoc: { ...rest, ...(typeof kg === 'string' ? { kg } : {}), ...(typeof cipherSuite === 'number' ? { cipherSuite } : {}) } });
      try {
        const st = await chassisStatus(conn.requester, signal ? { signal } : undefined).catch((e: unknown) => {
          // The session opens with this first request. Refused: the keychain is read again before this BMC is tried next.
          if (isFieldKitError(e) && SECRET_REFUSED_IDS.has(e.id)) secrets.forget(address, server.account);
          throw e;
        });
        // The engine may settle for a lower privilege than the inventory asks for; the Connector
        // needs the configured one (it powers servers off through the BMC): that link is NG.
        const wanted = PRIV[server.ipmi.privilege] ?? 'admin';
        const got = conn.sessionInfo()?.privilege;
        if (got !== undefined && RANK[got] !== undefined && RANK[got] < RANK[wanted]) {
          throw new FieldKitError('IPMI_PRIVILEGE_REFUSED', { host: address.host, port: address.port ?? 623, user: server.account, privilege: wanted });
        }
        const out: ProbeResult = { powerOn: st.powerOn };
        if (readSlots && (await readSlots())) {
          try {
            out.slots = await slotsOn(conn.requester, bmc.sdrCache, signal);
          } catch (e) {
            // The link works (power was read); a failed slot read is said beside it, not as NG.
            if (signal?.aborted || (isFieldKitError(e) && e.id === 'CANCELLED')) throw e;
            const p = toErrorPayload(e);
            out.slotsProblem = { id: p.id, params: p.params as Record<string, unknown> };
          }
        }
        return out;
      } finally {
        await conn.close().catch(() => undefined);
      }
    },
    lastDumpTrap: (server, since) => {
      const newest = trapsOf(services).newestOsStop(server, since.toISOString());
      return newest ? { receivedAt: newest.receivedAt, summary: newest.summary } : undefined;
    },
    clock: services.clock,
  });
  perContainer.set(services, m);
  return m;
}

/**
 * The Slot/Connector sensors over a session already open. The SDR repository
 * comes from the on-disk cache when the BMC's repository is unchanged (three
 * small requests to tell), so a sweep costs one Get Sensor Reading per slot.
 */
async function slotsOn(req: IpmiRequester, cache: ReturnType<typeof bmcServiceOf>['sdrCache'], signal?: AbortSignal): Promise<SlotReading[]> {
  const sdr = await readSdrRepository(req, { cache, ...(signal ? { signal } : {}) });
  const rows = await readSensorsFrom(req, sdr.records, { types: [SensorType.SLOT_CONNECTOR], ...(signal ? { signal } : {}) });
  return rows.map((r) => ({
    sensorNumber: r.number,
    name: r.name,
    entityInstance: r.entityInstance,
    // A slot whose reading the BMC refused is not called faulted: only an asserted fault is.
    faulted: r.available && !r.error && (r.states & 0x01) !== 0,
  }));
}
