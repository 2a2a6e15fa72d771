import type { Command } from 'commander';
import { FieldKitError } from '../../../shared/errors';
import type { LanAlertCheck } from '../../../shared/model/lan-alerts';
import { checkLanAlerts, keywordFromText, lanAlertsText, listenerFacts } from '../../services/lan-alerts';
import { loadTrapConfig } from '../../services/traps/config';
import type { CliContext } from '../context';
import { passwordPrompt } from '../prompts';
import { addTargetOptions, reportSession, targetSpec, timeoutOf, withBmcService, type TargetOpts } from './ipmi';

/**
 * `fieldkit lan alerts <server>` (or -H host -U user): the BMC's own LAN
 * alert (trap) destinations, compared with the cluster's BMCNOTICE keyword
 * and with this laptop's trap listener. An inventory server goes through
 * the handler table (lan.alerts) as the window does; an ad-hoc BMC is read
 * directly and compared with --keyword, if given, and this laptop.
 */
interface LanAlertOpts extends TargetOpts {
  keyword?: string;
}

/** Exit code 1 when the check found something to act on (a warning), as `config check` does. */
const exitCodeOf = (c: LanAlertCheck) => (c.findings.some((f) => f.severity === 'warning') ? 1 : 0);

async function adHoc(ctx: CliContext, o: LanAlertOpts, positional: string | undefined, json: boolean): Promise<number> {
  // A bad keyword is refused before a password is asked or anything is sent.
  const keyword = o.keyword !== undefined ? keywordFromText(o.keyword) : undefined;
  const spec = await targetSpec(ctx, o, positional);
  return withBmcService(ctx, async (bmc, signal) => {
    const conn = await bmc.connect(spec);
    const check = await checkLanAlerts(conn.requester, {
      server: conn.label,
      ...(keyword ? { keyword } : {}),
      // This process runs no listener: the saved settings say where it would listen.
      listener: listenerFacts(loadTrapConfig(ctx.globals.home)),
    }, { signal });
    const answeredBy = conn.answeredBy();
    reportSession(ctx, o, conn.sessionInfo());
    const result = { ...check, ...(answeredBy ? { answeredBy } : {}) };
    ctx.print(json, result, () => lanAlertsText(result, ctx.globals.lang));
    return exitCodeOf(result);
  });
}

async function onServer(ctx: CliContext, o: LanAlertOpts, server: string, json: boolean): Promise<number> {
  const timeoutMs = timeoutOf(o);
  const password = o.passwordStdin ? await ctx.readPassword('', { stdin: true }) : undefined;
  // Loaded on use: the handler table pulls in every domain.
  const { callChannel } = await import('../api-call');
  const result = await callChannel(ctx, 'lan.alerts', { server }, {
    ...(password !== undefined ? { password } : {}),
    ...(process.stdin.isTTY ? { askPassword: (account: string) => ctx.readPassword(passwordPrompt(ctx.globals.lang, account)) } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  ctx.print(json, result, () => lanAlertsText(result, ctx.globals.lang));
  return exitCodeOf(result);
}

export function register(program: Command, ctx: CliContext): void {
  const lan = program.command('lan').description("the BMC's LAN side");
  const alerts = addTargetOptions(lan.command('alerts').description(
    "the BMC's own trap destinations (LAN alert destinations, IPMI LAN parameters 16-19), compared with the cluster's BMCNOTICE keyword and this laptop's trap listener; exit 1 when something needs action",
  )).option('--keyword <keyword>', 'with -H: a BMCNOTICE keyword "<IP>;<IP>[:<port>]" to compare with');
  alerts.action(async (server: string | undefined, o: LanAlertOpts, cmd: Command) => {
    const json = ctx.jsonFor(cmd);
    await ctx.run(json, async () => {
      if (o.host) return adHoc(ctx, o, server, json);
      if (o.keyword !== undefined) throw new FieldKitError('CLI_USAGE', { detail: "--keyword only with -H: an inventory server's keyword comes from its cluster" });
      const name = server ?? o.server;
      if (!name) throw new FieldKitError('IPMICMD_TARGET_MISSING');
      return onServer(ctx, o, name, json);
    });
  });
}
