import { FieldKitError } from '../../../shared/errors';
import { renderMessage } from '../../../shared/messages';
import type { Cluster, Inventory, Server } from '../../../shared/model/inventory';
import type { BmcLink, ServerStatus } from '../../../shared/model/monitor';

// The parts of `show` that raise catalogued errors or render messages: kept
// out of show.ts, which every `show` and `explain` loads (`show version`
// among them), so that those commands load the message catalogue only when
// they need it.

const linkText = (l: BmcLink) => (l.link === 'none' ? '-' : l.reason && l.link !== 'OK' ? `${l.link} (${l.reason})` : l.link);

/** FieldKit's table: one line per server, link per BMC address (with the reason beside NG), power and status. */
export function statusTable(rows: ServerStatus[], lang: 'en' | 'ja'): string[] {
  const head = ['cluster', 'server', 'link(primary)', 'link(secondary)', 'power', 'status'];
  const body = rows.map((r) => [
    r.cluster,
    r.server,
    `${linkText(r.links[0])} ${r.links[0].address ?? ''}`.trim(),
    `${linkText(r.links[1])} ${r.links[1].address ?? ''}`.trim(),
    r.power,
    r.state,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(head), ...body.map(line)];
  for (const r of rows) {
    for (const l of r.links) {
      if (l.problem) out.push(`  ${r.server} ${l.role}: ${renderMessage(l.problem.id, l.problem.params as Record<string, string>, lang).text}`);
    }
    if (r.dumpTrap) out.push(`  ${r.server}: ${r.dumpTrap.receivedAt} ${r.dumpTrap.summary}`);
  }
  if (rows.length === 0) out.push(lang === 'ja' ? '(サーバが登録されていません)' : '(no servers in the inventory)');
  if (rows.some((r) => r.state.endsWith('*') || r.links.some((l) => l.link === 'none'))) {
    out.push(lang === 'ja' ? '(* と - は FieldKit 独自の値です: fieldkit show status --help)' : '(* and - are FieldKit\'s own values: fieldkit show status --help)');
  }
  return out;
}

/** `--server <name>`: the server whose Connector's view is shown (the Connector shows its own server's setting). */
export function ownServerOf(c: Cluster, name: string | undefined): Server | undefined {
  if (name === undefined) return undefined;
  const s = c.servers.find((x) => x.name === name);
  if (!s) throw new FieldKitError('INVENTORY_SERVER_NOT_FOUND', { server: name, cluster: c.name });
  return s;
}

/** The Connector shows one cluster (the one its server belongs to): --cluster, or the only one. */
export function oneCluster(inv: Inventory, name?: string): Cluster {
  if (name !== undefined) {
    const c = inv.clusters.find((x) => x.name === name);
    if (!c) throw new FieldKitError('MONITOR_CLUSTER_UNKNOWN', { cluster: name });
    return c;
  }
  if (inv.clusters.length !== 1) {
    throw new FieldKitError('CLI_USAGE', { detail: `--format haconnsetup shows one cluster: give --cluster (${inv.clusters.map((c) => c.name).join(', ') || 'none'})` });
  }
  return inv.clusters[0];
}
