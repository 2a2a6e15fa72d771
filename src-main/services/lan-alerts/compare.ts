import type { LanAlertCheck, LanAlertFinding, LanAlertReading } from '../../../shared/model/lan-alerts';
import { DEFAULT_TRAP_PORT } from '../../../shared/model/inventory';
import { canonicalIp } from '../../../shared/validation/net';

export interface CompareInput {
  server: string;
  /** The server's cluster; absent for an ad-hoc BMC (-H). */
  cluster?: string;
  reading: LanAlertReading;
  keyword?: LanAlertCheck['keyword'];
  listener: LanAlertCheck['listener'];
}

const canon = (a: string) => canonicalIp(a) ?? a;
const list = (addresses: string[]) => addresses.join(', ');

/** The addresses the BMC really sends SNMP traps to: PET destinations with an address (OEM types are not traps). */
export function trapDestinations(reading: LanAlertReading): string[] {
  const out: string[] = [];
  for (const d of reading.destinations) {
    if (d.unset || d.type !== 'pet' || d.address === undefined) continue;
    const a = canon(d.address);
    if (!out.includes(a)) out.push(a);
  }
  return out;
}

/** "192.0.2.50, 10.0.0.5 UDP 162": how the findings name this laptop's listener. */
export function listenerText(l: LanAlertCheck['listener']): string {
  return `${l.addresses.length ? list(l.addresses) : '-'} UDP ${l.port}`;
}

/**
 * Compares a BMC's trap destinations with the BMCNOTICE keyword (the OS-side
 * addresses of the cluster's servers, which should all hear the BMC) and
 * with this laptop's trap listener (which hears it only if the BMC sends
 * there too). A BMC that does not report its destinations gets exactly one
 * finding saying so: nothing else can be told.
 */
export function compareLanAlerts(input: CompareInput): LanAlertFinding[] {
  const { server, cluster, reading, keyword, listener } = input;
  const { channel } = reading;
  if (reading.status === 'not-supported') {
    return [{ id: 'LANALERT_NOT_SUPPORTED', severity: 'info', params: { server, channel, parameter: reading.unsupportedParameter ?? 0 } }];
  }
  if (reading.status === 'zero-destinations') return [{ id: 'LANALERT_ZERO_DESTINATIONS', severity: 'info', params: { server, channel } }];
  const sends = trapDestinations(reading);
  if (sends.length === 0) return [{ id: 'LANALERT_NONE_SET', severity: 'warning', params: { server, count: reading.count } }];

  const findings: LanAlertFinding[] = [];
  const laptop = new Set(listener.addresses.map(canon));
  const toLaptop = sends.filter((a) => laptop.has(a));
  if (toLaptop.length) {
    findings.push({ id: 'LANALERT_TO_LAPTOP', severity: 'ok', params: { server, addresses: list(sends), address: list(toLaptop) } });
    if (listener.port !== DEFAULT_TRAP_PORT) findings.push({ id: 'LANALERT_LISTENER_PORT', severity: 'warning', params: { port: listener.port } });
  } else {
    findings.push({ id: 'LANALERT_NOT_TO_LAPTOP', severity: 'warning', params: { server, addresses: list(sends), listener: listenerText(listener) } });
  }

  if (!keyword) {
    findings.push(cluster === undefined
      ? { id: 'LANALERT_NO_CLUSTER', severity: 'info', params: { server } }
      : { id: 'LANALERT_NO_KEYWORD', severity: 'info', params: { server, cluster } });
    return findings;
  }
  const named = cluster ?? '-';
  const wanted = keyword.addresses.map(canon);
  const missing = wanted.filter((a) => !sends.includes(a));
  // This laptop is a destination for the maintenance only: it never belongs in the keyword.
  const extra = sends.filter((a) => !wanted.includes(a) && !laptop.has(a));
  if (missing.length) findings.push({ id: 'LANALERT_KEYWORD_MISSING', severity: 'warning', params: { server, cluster: named, addresses: list(missing) } });
  else findings.push({ id: 'LANALERT_KEYWORD_MATCH', severity: 'ok', params: { server, cluster: named } });
  if (extra.length) findings.push({ id: 'LANALERT_NOT_IN_KEYWORD', severity: 'info', params: { server, cluster: named, addresses: list(extra) } });
  return findings;
}
