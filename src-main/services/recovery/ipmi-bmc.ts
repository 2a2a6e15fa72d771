import { SensorType } from '../../../shared/ipmi';
import type { BmcRole, CaseSelEvent, DeviceIdInfo, SlotSnapshot } from '../../../shared/model/case';
import { slotFromStates } from '../../../shared/model/case';
import { IpmiEngine, type IpmiTarget } from '../../engines/ipmi';
import { call, chassisControl, rearmSensorEvents } from '../../engines/ipmi/commands';
import { isFieldKitError } from '../../../shared/errors';
import { isSensorSdr, selText, type SdrRecord } from '../../engines/ipmi/interpret';
import { chassisStatus, clearSel, listSel, mcInfo, raw, readSdrRepository, readSensorsFrom } from '../../engines/ipmi/ops';
import type { RecoveryBmc } from './port';

const POWER_REQUEST_TIMEOUT_MS = 8000;

/**
 * The RecoveryBmc port over FieldKit's IPMI engine: one server, its primary
 * BMC and, if configured, the secondary (the engine's dual requester fails
 * over when one stops answering and says which one answered). Its sessions
 * are closed with it at the end of each step.
 */
export function ipmiRecoveryBmc(primary: IpmiTarget, secondary?: IpmiTarget, shared?: IpmiEngine): RecoveryBmc {
  // The process's engine when given (one session per BMC endpoint, closed by
  // its owner); else one of its own, closed with this connection.
  const engine = shared ?? new IpmiEngine();
  const dual = engine.dual(primary, secondary);
  const addr = (t: IpmiTarget) => `${t.host}:${t.port ?? 623}`;
  let sdr: SdrRecord[] | undefined;
  const records = async (signal?: AbortSignal) => (sdr ??= (await readSdrRepository(dual, { signal })).records);

  return {
    async readDeviceId(signal): Promise<DeviceIdInfo> {
      const d = await mcInfo(dual, { signal });
      return { deviceId: d.deviceId, firmware: d.firmware, ipmiVersion: d.ipmiVersion, manufacturerId: d.manufacturerId, productId: d.productId };
    },
    async readPower(signal) {
      return (await chassisStatus(dual, { signal })).powerOn ? 'on' : 'off';
    },
    async readSlots(signal): Promise<SlotSnapshot[]> {
      const rows = await readSensorsFrom(dual, await records(signal), { signal, types: [SensorType.SLOT_CONNECTOR] });
      return rows.map((r) => {
        const offsets: number[] = [];
        for (let i = 0; i < 15; i++) if (r.states & (1 << i)) offsets.push(i);
        return slotFromStates(r.number, r.name, offsets, r.available && !('error' in r && r.error));
      });
    },
    async rearmSlot(sensorNumber, signal) {
      const s = (await records(signal)).filter(isSensorSdr).find((x) => x.sensorNumber === sensorNumber);
      await call(dual, rearmSensorEvents, { sensorNumber }, { signal, lun: s?.ownerLun ?? 0 });
    },
    async setPower(action, signal) {
      // Chassis Control is a change: the engine sends it once and never
      // retransmits it or fails it over once sent (a BMC that does not answer
      // the handshake is passed over before anything is sent). A lost answer
      // is 'unconfirmed': the caller reads the power state instead.
      try {
        await call(dual, chassisControl, action, { signal, timeoutMs: POWER_REQUEST_TIMEOUT_MS });
        return 'sent';
      } catch (e) {
        if (isFieldKitError(e) && e.id === 'IPMI_OUTCOME_UNKNOWN' && !signal?.aborted) return 'unconfirmed';
        throw e;
      }
    },
    async readSel(signal): Promise<CaseSelEvent[]> {
      const r = await listSel(dual, { signal, sdr: await records(signal) });
      return r.entries.map((e) => ({
        recordId: e.recordId,
        ...(e.timestamp !== undefined && !e.preInit ? { time: new Date(e.timestamp * 1000).toISOString() } : {}),
        ...(e.sensorType !== undefined ? { sensorType: e.sensorType } : {}),
        ...(e.sensorNumber !== undefined ? { sensorNumber: e.sensorNumber } : {}),
        ...(e.offset !== undefined ? { offset: e.offset } : {}),
        ...(e.assertion !== undefined ? { assertion: e.assertion } : {}),
        text: selText(e),
      }));
    },
    async clearSel(signal) {
      await clearSel(dual, { signal });
    },
    async raw(netFn, cmd, data, signal) {
      const r = await raw(dual, netFn, cmd, data, { signal });
      return { completionCode: r.completionCode, data: r.data };
    },
    answeredBy() {
      const role: BmcRole | undefined = dual.answeredBy();
      if (!role) return undefined;
      return { role, address: addr(role === 'primary' ? primary : secondary!) };
    },
    session() {
      const i = dual.info();
      return i?.suite !== undefined ? { suite: i.suite, ...(i.privilege ? { privilege: i.privilege } : {}) } : undefined;
    },
    close: () => (shared ? dual.close() : engine.close()),
  };
}
