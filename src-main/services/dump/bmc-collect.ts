import { FieldKitError, toErrorPayload } from '../../../shared/errors';
import type { DumpServerSummary } from '../../../shared/model/dump';
import type { BmcProbe } from '../../../shared/model/firmware';
import type { Server } from '../../../shared/model/inventory';
import { SensorType } from '../../../shared/ipmi';
import type { IpmiEngine, IpmiTarget } from '../../engines/ipmi';
import { chassisStatus, listSel, mcInfo, readFru, readSdrRepository, readSensorsFrom, slotRow } from '../../engines/ipmi/ops';
import { getSensorReading } from '../../engines/ipmi/commands';
import { isSensorSdr, selDateTime, type SdrRecord } from '../../engines/ipmi/interpret';
import { addressOf, addressTarget, probeBmc, type SecretLookup } from '../firmware/targets';

/** One file of a server's part of the dump: path relative to servers/<name>/. */
export interface CollectedFile {
  name: string;
  content: string;
}

export interface CollectDeps {
  engine: IpmiEngine;
  secret: SecretLookup;
  password?: string;
  /** Every secret this collection used, so the archive can be scrubbed of it. */
  onSecret: (s: string) => void;
  signal?: AbortSignal;
  onStep?: (step: string) => void;
}

const hex = (b: number) => b.toString(16).padStart(2, '0');
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Text like `ipmitool sel elist`: id | date | time | sensor | event | Asserted/Deasserted. */
function selLine(e: Awaited<ReturnType<typeof listSel>>['entries'][number]): string {
  const dt = selDateTime(e);
  const sensor = [e.sensorTypeName, e.sensorName].filter(Boolean).join(' ');
  const dir = e.assertion === undefined ? '' : e.assertion ? 'Asserted' : 'Deasserted';
  return [e.recordId.toString(16).padStart(4, '0'), dt.date, dt.time, sensor || e.kind, e.description ?? e.event ?? '', dir].join(' | ');
}

/**
 * Reads everything support asks for from one server's BMCs. Never throws for
 * a BMC problem: each failed step is recorded and the next one is tried, and
 * a dead BMC costs one short probe.
 */
export async function collectServer(server: Server, d: CollectDeps): Promise<{ summary: DumpServerSummary; files: CollectedFile[] }> {
  const summary: DumpServerSummary = { server: server.name, collected: [], errors: [] };
  const files: CollectedFile[] = [];
  const fail = (step: string, e: unknown, bmc?: string) => {
    const p = toErrorPayload(e);
    summary.errors.push({ step, ...(bmc ? { bmc } : {}), errorId: p.id, params: p.params, message: p.message });
  };

  d.onStep?.('bmc');
  const ro = d.signal ? { signal: d.signal } : undefined;
  const lookup: SecretLookup = async (ep, user, kind) => {
    const s = await d.secret(ep, user, kind);
    if (s) d.onSecret(s);
    return s;
  };
  // Each address on its own: a missing password or an unreachable keychain for one address must not cost the other.
  const addresses = [
    { role: 'primary' as const, ep: server.bmc.primary },
    ...(server.bmc.secondary ? [{ role: 'secondary' as const, ep: server.bmc.secondary }] : []),
  ];
  const targets: Partial<Record<'primary' | 'secondary', IpmiTarget>> = {};
  const probes: BmcProbe[] = [];
  await Promise.all(
    addresses.map(async ({ role, ep }) => {
      let target: IpmiTarget;
      try {
        target = await addressTarget(server, ep, lookup, d.password, 3000);
        // Whatever source resolveBmcSecret took it from (keychain, environment, stdin), the secret used is cut out of the archive.
        d.onSecret(target.password);
        if (typeof target.kg === 'string') d.onSecret(target.kg);
      } catch (e) {
        const p = toErrorPayload(e);
        probes.push({ role, address: addressOf(ep), ping: false, session: false, errorId: p.id, errorParams: p.params, error: p.message });
        return;
      }
      targets[role] = target;
      probes.push(await probeBmc(d.engine, role, target, d.signal));
    }),
  );
  probes.sort((a, b) => (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1));
  for (const p of probes) if (!p.session) summary.errors.push({ step: 'connect', bmc: `${p.role} ${p.address}`, errorId: p.errorId ?? 'IPMI_NO_RESPONSE', ...(p.errorParams ? { params: p.errorParams } : {}), message: p.error ?? '' });
  files.push({ name: 'bmc.json', content: json(probes) });
  const live = probes.filter((p) => p.session).map((p) => targets[p.role]!);
  if (live.length === 0) {
    fail('read', new FieldKitError('DUMP_NO_BMC_ANSWERED', { server: server.name, detail: probes.map((p) => `${p.role} ${p.address}`).join(', ') }));
    return { summary, files };
  }

  // Reads go to the addresses that opened a session, primary first.
  const [first, second] = live;
  const handle = d.engine.dual(first, second);
  const step = async (name: string, body: () => Promise<void>) => {
    d.onStep?.(name);
    try {
      await body();
      summary.collected.push(name);
    } catch (e) {
      fail(name, e);
    }
  };
  await step('device', async () => { files.push({ name: 'device.json', content: json(await mcInfo(handle, ro)) }); });
  await step('chassis', async () => { files.push({ name: 'chassis.json', content: json(await chassisStatus(handle, ro)) }); });
  let records: SdrRecord[] = [];
  await step('sdr', async () => {
    const sdr = await readSdrRepository(handle, ro);
    records = sdr.records;
    files.push({ name: 'sdr.json', content: json({ info: sdr.info, cacheKey: sdr.cacheKey, skipped: sdr.skipped, records: sdr.records }) });
    files.push({ name: 'sdr-raw.txt', content: `${sdr.raw.join('\n')}\n` });
  });
  if (records.length) {
    await step('sensors', async () => {
      const rows = await readSensorsFrom(handle, records, { ...ro, includeEventOnly: true });
      files.push({ name: 'sensors.json', content: json(rows) });
      files.push({ name: 'slots.json', content: json(rows.filter((r) => r.sensorType === SensorType.SLOT_CONNECTOR && r.kind !== 'event-only').map(slotRow)) });
    });
    await step('sensors-raw', async () => {
      // The bytes behind each reading, undecoded, for support to re-interpret: the codec builds the request, the answer is kept raw.
      const lines: string[] = [];
      for (const s of records.filter(isSensorSdr)) {
        if (s.kind === 'event-only' || ((s.ownerId & 0x01) === 0 && s.ownerId !== 0x20)) continue;
        const r = await handle.request(getSensorReading.netFn, getSensorReading.cmd, getSensorReading.encode(s.sensorNumber), { ...ro, lun: s.ownerLun });
        lines.push(`${hex(s.sensorNumber)} lun ${s.ownerLun} ${s.name}: cc=${hex(r.completionCode)} ${Array.from(r.data, hex).join(' ')}`.trimEnd());
      }
      files.push({ name: 'sensors-raw.txt', content: lines.join('\n') + (lines.length ? '\n' : '') });
    });
  }
  await step('sel', async () => {
    const sel = await listSel(handle, { ...ro, sdr: records });
    files.push({ name: 'sel.json', content: json({ info: sel.info, entries: sel.entries }) });
    files.push({ name: 'sel.txt', content: sel.entries.map(selLine).join('\n') + (sel.entries.length ? '\n' : '') });
    files.push({ name: 'sel-raw.txt', content: sel.entries.map((e) => e.raw).join('\n') + (sel.entries.length ? '\n' : '') });
  });
  await step('fru', async () => {
    const fru = await readFru(handle, ro);
    files.push({ name: 'fru.json', content: json(fru) });
  });
  const role = handle.answeredBy();
  const answered = role === 'secondary' && second ? second : role ? first : undefined;
  if (answered) summary.answeredBy = `${probes.find((p) => p.address === addressOf(answered))?.role ?? role} ${addressOf(answered)}`;
  return { summary, files };
}
