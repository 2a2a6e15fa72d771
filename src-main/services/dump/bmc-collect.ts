import { FieldKitError, toErrorPayload } from '../../../shared/errors';
import type { DumpServerSummary } from '../../../shared/model/dump';
import type { Server } from '../../../shared/model/inventory';
import { SensorType } from '../../../shared/ipmi';
import type { IpmiEngine } from '../../engines/ipmi';
import { chassisStatus, listSel, mcInfo, readFru, readSdrRepository, readSensorsFrom, slotRow } from '../../engines/ipmi/ops';
import { selDateTime, type SdrRecord } from '../../engines/ipmi/interpret';
import { addressOf, probeBmc, serverTargets, type SecretLookup } from '../firmware/targets';

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
    summary.errors.push({ step, ...(bmc ? { bmc } : {}), errorId: p.id, message: p.message });
  };

  d.onStep?.('bmc');
  let targets;
  try {
    targets = await serverTargets(server, async (ep, user, kind) => {
      const s = await d.secret(ep, user, kind);
      if (s) d.onSecret(s);
      return s;
    }, d.password, 3000);
  } catch (e) {
    fail('credentials', e);
    return { summary, files };
  }
  const ro = d.signal ? { signal: d.signal } : undefined;
  const probes = await Promise.all([
    probeBmc(d.engine, 'primary', targets.primary, d.signal),
    ...(targets.secondary ? [probeBmc(d.engine, 'secondary', targets.secondary, d.signal)] : []),
  ]);
  for (const p of probes) if (!p.session) summary.errors.push({ step: 'connect', bmc: `${p.role} ${p.address}`, errorId: p.errorId ?? 'IPMI_NO_RESPONSE', message: p.error ?? '' });
  files.push({ name: 'bmc.json', content: json(probes) });
  if (!probes.some((p) => p.session)) {
    fail('read', new FieldKitError('DUMP_NO_BMC_ANSWERED', { server: server.name, detail: probes.map((p) => `${p.role} ${p.address}`).join(', ') }));
    return { summary, files };
  }

  const handle = d.engine.dual(targets.primary, targets.secondary);
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
  if (role) summary.answeredBy = `${role} ${addressOf(role === 'secondary' && targets.secondary ? targets.secondary : targets.primary)}`;
  return { summary, files };
}
