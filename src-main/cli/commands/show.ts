import { Option, type Command } from 'commander';
import type { Cluster, Inventory, Server } from '../../../shared/model/inventory';
import { STATUS_LEGEND, type ServerStatus } from '../../../shared/model/monitor';
// The address helpers alone: the validation index brings the inventory schema (zod) with it.
import { parseIPv4, prefixToMask } from '../../../shared/validation/net';
import { EXIT, type CliContext } from '../context';

/** Loaded by the commands that print inventory or status rows (they may raise catalogued errors). */
const showRows = () => import('./show-rows');
const errors = () => import('../../../shared/errors');

/** The legend of link and status values, for --help (and the dashboard has the same table). */
export function statusLegend(lang: 'en' | 'ja' = 'en'): string[] {
  const w = Math.max(...STATUS_LEGEND.map((l) => l.value.length));
  return [
    lang === 'ja' ? 'link と status の値 (HA Monitor Connector と同じ意味; [FieldKit] は FieldKit 独自):' : 'Values of link and status (as HA Monitor Connector means them; [FieldKit] marks FieldKit\'s own):',
    ...STATUS_LEGEND.map((l) => `  ${l.kind.padEnd(6)} ${l.value.padEnd(w)}  ${l.own ? '[FieldKit] ' : ''}${l[lang].replace(/^FieldKit('s own|\s*独自): /, '')}`),
  ];
}

// ---- haconnsetup's own layouts (HA Monitor Connector guide, "show setting / status / version") ----

const SETTING_HEAD = '-- HA monitor connector service setting --';
const STATUS_HEAD = '-- HA monitor connector service status --';
const VERSION_HEAD = '-- HA monitor connector service version --';

/**
 * `haconnsetup show setting` of one cluster as the Connector on server `own`
 * shows it: that server's own reset-path address, the cluster's mask and port,
 * and the physical servers (primary BMC address). Without `own` the address
 * is left blank: every server has its own.
 */
export function connectorSettingLines(c: Cluster, own?: Server): string[] {
  const rp = c.resetPath;
  const addr = own?.resetPathAddress ?? '';
  const some = addr || c.servers.find((s) => s.resetPathAddress)?.resetPathAddress || rp?.unassignedAddress || '';
  const mask = rp ? (!some || parseIPv4(some) ? prefixToMask(rp.prefixLength) : String(rp.prefixLength)) : '';
  return [
    SETTING_HEAD,
    '',
    '<resetpath>',
    ` addr:${addr}    mask:${mask}    port number:${rp?.port ?? ''}`,
    '',
    '<physical server>',
    ' # name  bmc addr  account',
    ...c.servers.map((s, i) => ` ${i + 1} ${s.name}  ${s.bmc.primary.host} ${s.account}`),
  ];
}

/** `haconnsetup show status`: the link of the server's BMC (its primary, as in the setting) and the status. */
export function connectorStatusLines(rows: ServerStatus[]): string[] {
  return [
    STATUS_HEAD,
    ' # name  link status',
    ...rows.map((r, i) => ` ${i + 1} ${r.server}  ${r.links[0].link === 'none' ? '---' : r.links[0].link} ${r.state}`),
  ];
}

export function connectorVersionLines(version: string): string[] {
  return [VERSION_HEAD, ` ${version}`];
}

/** Bare `haconnsetup show`: setting, status, a blank line, version. */
export function connectorShowLines(c: Cluster, rows: ServerStatus[], version: string, own?: Server): string[] {
  return [...connectorSettingLines(c, own), ...connectorStatusLines(rows), '', ...connectorVersionLines(version)];
}

/**
 * An option given on the command line to this command or to a parent: the
 * bare `show` has --format and --cluster too, and commander lets a parent's
 * option be written after the subcommand's name (`show status --format ...`).
 */
export function optionFrom(cmd: Command, name: string): string | undefined {
  for (let c: Command | null = cmd; c; c = c.parent) {
    if (c.getOptionValueSource(name) === 'cli') return c.opts()[name] as string;
  }
  return undefined;
}

export const formatOf = (cmd: Command): string => optionFrom(cmd, 'format') ?? 'fieldkit';

export const formatOption = () =>
  new Option('--format <format>', 'fieldkit (default, richer) or haconnsetup (the Connector\'s own layout, line for line)').choices(['fieldkit', 'haconnsetup']).default('fieldkit');

export function showVersionData(ctx: CliContext) {
  return {
    name: ctx.pkg.name,
    version: ctx.pkg.version,
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The longest dump window monitor.status takes (a week). */
const MAX_DUMP_WINDOW_MINUTES = 7 * 24 * 60;

/**
 * One status sweep, for `show status` and bare `show --format haconnsetup`:
 * monitor.status as the dashboard's, so both show the same rows.
 */
export async function statusRows(ctx: CliContext, opts: { cluster?: string; dumpWindow?: string }): Promise<ServerStatus[]> {
  // Loaded on use, like the other domains: only the commands that sweep pay for the handler table.
  const { callChannel } = await import('../api-call');
  return callChannel(ctx, 'monitor.status', {
    ...(opts.cluster ? { cluster: opts.cluster } : {}),
    dumpWindowMinutes: Math.min(MAX_DUMP_WINDOW_MINUTES, Math.max(1, Math.round(Number(opts.dumpWindow)) || 1440)),
  });
}

/** The stored inventory (inventory.get, as the window reads it). */
async function storedInventory(ctx: CliContext): Promise<Inventory> {
  const { callChannel } = await import('../api-call');
  return (await callChannel(ctx, 'inventory.get', {})).inventory;
}

/** `fieldkit show ...` (haconnsetup's show): version and status here; setting from the inventory domain. */
export function register(program: Command, ctx: CliContext): Command {
  const show = program.command('show').description('show version, settings and status (like haconnsetup show)');

  show
    .command('version')
    .description('print the FieldKit version')
    .addOption(formatOption())
    .option('--json', 'print JSON')
    .action(async (_opts: unknown, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const v = showVersionData(ctx);
        ctx.print(json, v, () => (formatOf(cmd) === 'haconnsetup' ? connectorVersionLines(v.version) : `FieldKit ${v.version} (node ${v.node}, ${v.platform})`));
      });
    });
  show
    .command('status')
    .description('live status of every BMC, in HA Monitor Connector\'s terms: link OK (an authenticated session works) / NG (with the reason) / --- (not monitored), and the status')
    .option('--cluster <name>', 'only this cluster')
    .option('--dump-window <minutes>', 'how far back an OS stop / dump trap counts', '1440')
    .addOption(formatOption())
    .option('--json', 'print JSON')
    .addHelpText('after', () => `\n${statusLegend(ctx.globals.lang).join('\n')}\n\nExit codes: 0 every server monitoring; 1 any other status; 130 cancelled.`)
    .action(async (opts: { cluster?: string; dumpWindow: string; format: string }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const { oneCluster, statusTable } = await showRows();
        opts.format = formatOf(cmd);
        opts.cluster = optionFrom(cmd, 'cluster');
        if (opts.format === 'haconnsetup' && !opts.cluster) {
          // The Connector's table is one cluster's: pick it before sweeping.
          opts.cluster = oneCluster(await storedInventory(ctx)).name;
        }
        const rows = await statusRows(ctx, opts);
        ctx.print(json, rows, () => (opts.format === 'haconnsetup' ? connectorStatusLines(rows) : statusTable(rows, ctx.globals.lang)));
        // Non-zero when any server needs attention, so scripts can watch it.
        return rows.some((r) => r.state !== 'monitoring') ? EXIT.FAILED : EXIT.OK;
      });
    });
  show
    .command('compare')
    .description('read haconnsetup show setting / status / show output taken on a server and list how it differs from the inventory (and, with --live, from FieldKit\'s own view of the BMCs)')
    .argument('<file>', 'the text, as haconnsetup printed it ("-" = standard input)')
    .option('--from <server>', 'the server the text was taken on')
    .option('--live', 'also sweep the BMCs now and say whether FieldKit reaches them')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { from?: string; live?: boolean }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const { readFileSync } = await import('node:fs');
        const { parseConnectorText, compareConnector } = await import('../../services/monitor/connector-text');
        const [{ oneCluster }, { FieldKitError }] = await Promise.all([showRows(), errors()]);
        const text = readFileSync(file === '-' ? 0 : file, 'utf8');
        const parsed = parseConnectorText(text);
        if (!parsed.value) {
          const first = parsed.problems[0];
          if (!json) for (const p of parsed.problems) process.stderr.write(`  line ${p.line}: ${p.why}: ${p.text.trim()}\n`);
          throw new FieldKitError('MONITOR_CONNECTOR_TEXT_INVALID', { file, count: parsed.problems.length, line: first.line, why: first.why });
        }
        const cluster = oneCluster(await storedInventory(ctx), optionFrom(cmd, 'cluster'));
        const live = opts.live ? await statusRows(ctx, { cluster: cluster.name }) : undefined;
        const lang = ctx.globals.lang;
        const findings = compareConnector(parsed.value, cluster, opts.from, live);
        ctx.print(json, { cluster: cluster.name, parsed: parsed.value, findings }, () =>
          findings.length === 0 ? [lang === 'ja' ? '差異はありません' : 'no differences'] : findings.map((f) => `${f.severity === 'warning' ? '!' : '-'} ${f[lang]}`),
        );
        return findings.some((f) => f.severity === 'warning') ? EXIT.FAILED : EXIT.OK;
      });
    });

  // `fieldkit explain`: the Connector's messages and the CLUSTERPRO notices, by id or by a pasted syslog line.
  program
    .command('explain')
    .description('what a message means and what to do: HA Monitor Connector (HCME1010 ... HCME1020, "HA connector service is not processing."), CLUSTERPRO notices (BMCNOTICE, I/O Fencing, BMC monitor, BMC heartbeat), ESMPRO/ServerAgent events C00001FD, C0000203, C0000454, BMC web console slot texts')
    .argument('[message...]', 'a message id or a pasted syslog line')
    .option('--list', 'list every message')
    .option('--search <words>', 'list the messages whose id, text or explanation holds these words')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nIds marked "(FieldKit\'s id)" are FieldKit\'s names for notices the guides describe without a message id.\nExamples:\n  fieldkit explain HCME1012\n  fieldkit explain "Dec  2 03:00:00 srv1 haconnd: HCME1010: HA connector service cannot be started. ..."\n  fieldkit explain C00001FD\n  fieldkit explain --search fencing')
    .action(async (words: string[], opts: { list?: boolean; search?: string }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const { NOTICES } = await import('../../../shared/guide/notices');
        const { explainNotice, searchNotices } = await import('../../../shared/guide/notice-match');
        const { noticeLines } = await import('./explain-format');
        const { FieldKitError } = await errors();
        const lang = ctx.globals.lang;
        if (opts.search !== undefined) {
          const found = searchNotices(opts.search).map((m) => m.notice);
          ctx.print(json, found, () => (found.length ? found.flatMap((n) => [...noticeLines(n, lang), '']) : [lang === 'ja' ? '一致するメッセージはありません' : 'no message matches']));
          return;
        }
        if (opts.list || words.length === 0) {
          ctx.print(json, NOTICES, () => NOTICES.flatMap((n) => [...noticeLines(n, lang), '']));
          return;
        }
        const input = words.join(' ');
        const m = explainNotice(input);
        if (!m) throw new FieldKitError('MONITOR_EXPLAIN_UNKNOWN', { input: input.slice(0, 120) });
        ctx.print(json, { ...m.notice, matchedBy: m.matchedBy }, () => noticeLines(m.notice, lang));
      });
    });
  return show;
}
