import type { Command } from 'commander';
import { FieldKitError } from '../../../shared/errors';
import type { IpmiTarget } from '../../engines/ipmi';
import type { SolConsole } from '../../engines/ipmi/sol';
import { adHocIpmiTarget, type BmcService } from '../../services/bmc';
import { confirmationSummary } from '../../services/confirmations/summary';
import type { CliContext } from '../context';
import { cliText } from '../prompts';
import { EscapeReader } from '../sol-escape';
import { addTargetOptions, targetSpec, withBmcService, type TargetOpts } from './ipmi';

/**
 * Serial over LAN on the command line, like `ipmitool sol activate`:
 * `sol activate` is a raw terminal to the server's serial console (~. to
 * leave, ~B break, ~? help; piped standard input works too), `sol
 * deactivate` ends whatever console the BMC has open, `sol info` prints the
 * BMC's SOL configuration. Against an inventory server or -H host.
 *
 * The console streams both ways for as long as it is open, so it runs on
 * the BMC service's engine in this process rather than request by request
 * through the handler table; a takeover is asked with the same summary the
 * window shows (confirmationSummary 'sol.takeover').
 */
interface SolOpts extends TargetOpts { takeover?: boolean }

/** The BMC addresses to try, in order (primary, then secondary), and the name to show. */
async function solTargets(ctx: CliContext, bmc: BmcService, o: SolOpts, positional?: string): Promise<{ label: string; targets: IpmiTarget[] }> {
  const spec = await targetSpec(ctx, o, positional);
  if ('adHoc' in spec) return { label: `${spec.adHoc.host}:${spec.adHoc.port ?? 623}`, targets: [adHocIpmiTarget(spec.adHoc)] };
  const { server, primary, secondary } = await bmc.serverTargets(spec);
  return { label: server.name, targets: secondary ? [primary, secondary] : [primary] };
}

/** Silence from the primary: the secondary is tried (a BMC that answered and refused is final). */
const UNREACHABLE = new Set(['IPMI_NO_RESPONSE', 'IPMI_BMC_STOPPED_ANSWERING', 'IPMI_HOST_UNRESOLVED']);

async function onFirstAnswering<T>(targets: IpmiTarget[], fn: (t: IpmiTarget) => Promise<T>): Promise<T> {
  let last: unknown;
  for (const t of targets) {
    try {
      return await fn(t);
    } catch (e) {
      last = e;
      if (!(e instanceof FieldKitError && UNREACHABLE.has(e.id))) throw e;
    }
  }
  throw last;
}

/** Refuses a question nobody can answer (no terminal, no --yes) before anything is sent. */
function checkCanAsk(yes: boolean): void {
  if (!yes && !process.stdin.isTTY) throw new FieldKitError('CLI_CONFIRMATION_REQUIRED');
}

/**
 * Runs the console until ~., end of input, Ctrl-C (SIGINT, when the
 * terminal is not raw) or the console's end. Resolves with how it ended.
 */
function runConsole(ctx: CliContext, c: SolConsole, label: string, signal: AbortSignal): Promise<{ errorId?: string; params?: Record<string, unknown> }> {
  const lang = ctx.globals.lang;
  const stdin = process.stdin;
  const raw = stdin.isTTY === true;
  return new Promise((resolve) => {
    const reader = new EscapeReader();
    let done = false;
    const offData = c.onData((b) => { process.stdout.write(b); });
    const finish = (why: { errorId?: string; params?: Record<string, unknown> }) => {
      if (done) return;
      done = true;
      offData();
      stdin.off('data', onInput);
      stdin.off('end', onEnd);
      signal.removeEventListener('abort', onAbort);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      resolve(why);
    };
    // Leaving: what was typed before ~. is sent first, then Deactivate Payload.
    const leave = () => { void c.deactivate().catch(() => undefined).then(() => finish({})); };
    const onInput = (chunk: Buffer) => {
      for (const a of reader.feed(chunk)) {
        if (a.kind === 'send') c.write(a.bytes).catch(() => undefined);
        else if (a.kind === 'break') c.sendBreak().then(() => process.stderr.write(`\r\n${cliText(lang, 'solBreakSent')}\r\n`), () => undefined);
        else if (a.kind === 'help') process.stderr.write(`\r\n${cliText(lang, 'solHelp')}\r\n`);
        else return leave();
      }
    };
    const onEnd = () => leave();
    const onAbort = () => leave();
    c.onClose((why) => finish(why));
    if (raw) stdin.setRawMode(true);
    stdin.on('data', onInput);
    stdin.on('end', onEnd);
    signal.addEventListener('abort', onAbort, { once: true });
    stdin.resume();
    void label;
  });
}

export function register(program: Command, ctx: CliContext): void {
  const sol = program.command('sol').description('Serial over LAN: the server\'s serial console through its BMC');

  addTargetOptions(sol.command('activate').description('open the server\'s serial console (~. leave, ~B break, ~? help), like ipmitool sol activate'))
    .option('--takeover', 'if someone else has the console open, end theirs and take it (asks first)')
    .option('-y, --yes', 'do not ask before a takeover')
    .action(async (server: string | undefined, o: SolOpts) => {
      await ctx.run(false, () => withBmcService(ctx, async (bmc, signal) => {
        if (o.takeover) checkCanAsk(Boolean(o.yes));
        const { label, targets } = await solTargets(ctx, bmc, o, server);
        if (o.takeover) {
          const summary = confirmationSummary({ action: 'sol.takeover', server: label, bmcs: [] });
          await ctx.confirm(summary[ctx.globals.lang], Boolean(o.yes));
        }
        const c = await onFirstAnswering(targets, (t) => bmc.engine.openSol(t, { takeover: Boolean(o.takeover), signal }));
        const suite = `cipher suite ${c.info.suite ?? '?'}, privilege ${c.info.privilege ?? '?'}${c.info.encrypted ? ', encrypted' : ''}${c.info.tookOver ? ', taken over' : ''}`;
        process.stderr.write(`${cliText(ctx.globals.lang, 'solOpen', label, suite)}\r\n`);
        const why = await runConsole(ctx, c, label, signal);
        process.stderr.write(`\r\n${cliText(ctx.globals.lang, 'solClosed', label)}\r\n`);
        if (why.errorId) throw new FieldKitError(why.errorId as 'SOL_LOST', (why.params ?? {}) as Record<string, string>);
        // Close Session now (withBmcService closes the engine too): nothing stays open on the BMC.
        return 0;
      }));
    });

  addTargetOptions(sol.command('deactivate').description('end the serial console the BMC has open, whoever opened it'))
    .option('-y, --yes', 'do not ask first')
    .action(async (server: string | undefined, o: SolOpts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, () => withBmcService(ctx, async (bmc, signal) => {
        checkCanAsk(Boolean(o.yes));
        const { label, targets } = await solTargets(ctx, bmc, o, server);
        await ctx.confirm(cliText(ctx.globals.lang, 'solDeactivate', label), Boolean(o.yes));
        const wasActive = await onFirstAnswering(targets, (t) => bmc.engine.deactivateSol(t, signal));
        ctx.print(json, { target: label, wasActive }, () => (wasActive ? `Serial over LAN console of ${label} deactivated` : `No Serial over LAN console was active on ${label}`));
        return 0;
      }));
    });

  addTargetOptions(sol.command('info').description('the BMC\'s SOL configuration: enabled, privilege, forced encryption / authentication, bit rates, port'))
    .action(async (server: string | undefined, o: SolOpts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, () => withBmcService(ctx, async (bmc, signal) => {
        const { label, targets } = await solTargets(ctx, bmc, o, server);
        const cfg = await onFirstAnswering(targets, (t) => bmc.engine.readSolConfig(t, signal));
        const rate = (r: number | undefined) => (r === undefined ? 'BMC serial setting' : `${r} bit/s`);
        ctx.print(json, { target: label, result: cfg }, () => [
          `Enabled              : ${cfg.enabled}`,
          `Privilege level      : ${cfg.privilege}`,
          `Force encryption     : ${cfg.forceEncryption}`,
          `Force authentication : ${cfg.forceAuthentication}`,
          `Volatile bit rate    : ${rate(cfg.bitRate)}`,
          `Non-volatile bit rate: ${rate(cfg.nonVolatileBitRate)}`,
          `Payload port         : ${cfg.payloadPort ?? 'not reported'}`,
        ]);
        return 0;
      }));
    });
}
