import type { Command } from 'commander';
import { renderMessage } from '../../../shared/messages';
import type { ServerStatus } from '../../../shared/model/monitor';
import { EXIT, type CliContext } from '../context';

/** HA Monitor Connector-style table: one line per server, link per BMC, power and state. */
export function statusTable(rows: ServerStatus[], lang: 'en' | 'ja'): string[] {
  const head = ['cluster', 'server', 'link(primary)', 'link(secondary)', 'power', 'status'];
  const body = rows.map((r) => [r.cluster, r.server, `${r.links[0].link} ${r.links[0].address ?? ''}`.trim(), `${r.links[1].link} ${r.links[1].address ?? ''}`.trim(), r.power, r.state]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(head), ...body.map(line)];
  for (const r of rows) {
    if (r.powerProblem) out.push(`  ${r.server}: ${renderMessage(r.powerProblem.id, r.powerProblem.params as Record<string, string>, lang).text}`);
    if (r.dumpTrap) out.push(`  ${r.server}: ${r.dumpTrap.receivedAt} ${r.dumpTrap.summary}`);
  }
  if (rows.length === 0) out.push(lang === 'ja' ? '(サーバーが登録されていません)' : '(no servers in the inventory)');
  return out;
}

export function showVersionData(ctx: CliContext) {
  return {
    name: ctx.pkg.name,
    version: ctx.pkg.version,
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** `fieldkit show ...` (haconnsetup's show): version here; setting and status from their domains. */
export function register(program: Command, ctx: CliContext): Command {
  const show = program.command('show').description('show version, settings and status (like haconnsetup show)');

  show
    .command('version')
    .description('print the FieldKit version')
    .option('--json', 'print JSON')
    .action(async (_opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const v = showVersionData(ctx);
        ctx.print(json, v, () => `FieldKit ${v.version} (node ${v.node}, ${v.platform})`);
      });
    });
  show
    .command('status')
    .description('live status of every BMC: link OK/NG/--- per address, power, poff/dump detected')
    .option('--cluster <name>', 'only this cluster')
    .option('--dump-window <minutes>', 'how far back an OS stop / dump trap counts', '1440')
    .option('--json', 'print JSON')
    .action(async (opts: { cluster?: string; dumpWindow: string }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const { monitorOf } = await import('../../services/monitor/wire');
        const rows = await monitorOf(ctx.services()).status({
          ...(opts.cluster ? { cluster: opts.cluster } : {}),
          dumpWindowMinutes: Math.max(1, Number(opts.dumpWindow) || 1440),
        });
        ctx.print(json, rows, () => statusTable(rows, ctx.globals.lang));
        // Non-zero when any server needs attention, so scripts can watch it.
        return rows.some((r) => r.state !== 'monitoring') ? EXIT.FAILED : EXIT.OK;
      });
    });
  return show;
}
