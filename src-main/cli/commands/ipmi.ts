import { escapeTerminal } from '../../../shared/terminal';
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import { Argument, Command, Option } from 'commander';
import { cancelledError, FieldKitError, isCancellation } from '../../../shared/errors';
import { formatBmcAddress } from '../../../shared/model/inventory';
import { bmcServiceOf, CHANGING, fruText, mcInfoText, powerText, rawText, rearmText, sdrText, selListText, sensorsText, slotsText, type BmcService, type BmcSessionInfo, runCommand, splitLine, validateWords, type AdHocTarget, type CommandContext, type CommandResult, type TargetSpec } from '../../services/bmc';
import { credentialsOf } from '../../services/credentials/wire';
import { confirmationSummary } from '../../services/confirmations/summary';
import { confirmDetail } from '../../services/confirmations/detail';
import { parseRawArgs } from '../../engines/ipmi/commands';
import type { ConfirmAction } from '../../../shared/contract/confirm';
import type { Req, Res } from '../../../shared/contract';
import type { CliContext } from '../context';
import { cliText, kgPrompt, passwordManyPrompt, passwordPrompt } from '../prompts';

/**
 * IPMI maintenance commands: mc info, power, sensors, slots, sdr, sel, fru,
 * raw, rearm and exec FILE, against an inventory server or an ad-hoc BMC
 * (-H host[:port] -U user). Passwords: --password-stdin, FIELDKIT_PASSWORD,
 * the keychain, then a prompt without echo; never on the command line.
 */
export interface TargetOpts {
  host?: string;
  user?: string;
  server?: string;
  cipher?: string;
  acceptWeakCipher?: boolean;
  verbose?: boolean;
  privilege?: 'admin' | 'operator' | 'user';
  kg?: boolean;
  passwordStdin?: boolean;
  timeout?: string;
  json?: boolean;
  yes?: boolean;
  wait?: boolean;
  waitTimeout?: string;
  chunkSize?: string;
  noCache?: boolean;
}

export function addTargetOptions(cmd: Command, serverArg = true): Command {
  if (serverArg) cmd.argument('[server]', 'server name from the inventory');
  return cmd
    .option('-S, --server <name>', 'server name from the inventory')
    .option('-H, --host <host[:port]>', 'BMC address (ad hoc, instead of an inventory server)')
    .option('-U, --user <name>', 'BMC user name (with -H)')
    .addOption(new Option('-C, --cipher <suite>', 'cipher suite with -H (default auto: 17, then 3, never weaker); 0, 1, 2 only with --accept-weak-cipher').choices(['auto', '0', '1', '2', '3', '17']))
    .option('--accept-weak-cipher', 'with -C 0|1|2: accept a session without encryption (1: nor integrity, 0: nor authentication)')
    .option('-v, --verbose', 'print the cipher suite and privilege of the session on stderr')
    .addOption(new Option('-L, --privilege <level>', 'privilege level').choices(['admin', 'operator', 'user']))
    .option('-k, --kg', 'ask for the BMC key Kg (FIELDKIT_KG, or a prompt without echo)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--timeout <ms>', 'time budget per request in ms (default: Settings, else 5000)')
    .option('--json', 'print machine-readable JSON');
}

/** --no-cache, only on the commands that read the SDR repository (elsewhere it would be accepted and mean nothing). */
export function withSdrCacheOption(cmd: Command): Command {
  return cmd.option('--no-cache', 'read the SDR repository afresh instead of using the SDR cache');
}

function parseHostPort(s: string): { host: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1], ...(v6[2] ? { port: Number(v6[2]) } : {}) };
  const m = /^([^:]+)(?::(\d+))?$/.exec(s);
  if (!m) return { host: s };
  return { host: m[1], ...(m[2] ? { port: Number(m[2]) } : {}) };
}

export function timeoutOf(o: TargetOpts): number | undefined {
  const timeoutMs = o.timeout ? Number(o.timeout) : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new FieldKitError('IPMICMD_BAD_ARGUMENT', { what: '--timeout', value: String(o.timeout), detail: 'Give milliseconds, e.g. 5000.' });
  return timeoutMs;
}

/** An ad-hoc BMC (-H) with the session options of the command line (-C, -L, --timeout). */
function adHocTarget(o: TargetOpts, hp: { host: string; port?: number }, password: string, kg: string | undefined, privilege = o.privilege): AdHocTarget {
  const timeoutMs = timeoutOf(o);
  return {
    ...hp,
    username: o.user!,
    password,
    ...(kg ? { kg } : {}),
    ...(o.cipher && o.cipher !== 'auto' ? { cipherSuite: Number(o.cipher) } : {}),
    ...(o.acceptWeakCipher ? { acceptWeakCipher: true } : {}),
    ...(privilege ? { privilege } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  };
}

const WEAK_SUITES = ['0', '1', '2'];

/** -C 0|1|2 without --accept-weak-cipher is refused here, before a password is asked or anything is sent. */
function checkCipherChoice(o: TargetOpts, hp: { host: string; port?: number }): void {
  if (o.cipher === undefined || !WEAK_SUITES.includes(o.cipher) || o.acceptWeakCipher) return;
  const port = hp.port ?? 623;
  throw o.cipher === '0'
    ? new FieldKitError('IPMI_SUITE0_REFUSED', { host: hp.host, port })
    : new FieldKitError('IPMI_WEAK_SUITE_REFUSED', { host: hp.host, port, suite: Number(o.cipher) });
}

const WEAKNESS: Record<number, string> = { 0: 'no authentication, no integrity, no encryption', 1: 'no integrity, no encryption', 2: 'no encryption' };

/** "session: cipher suite 3, privilege admin" (-v; always for a weak suite). */
function sessionLine(s: BmcSessionInfo): string {
  return `session: cipher suite ${s.suite}, privilege ${s.privilege ?? '?'}${s.suite !== undefined && WEAKNESS[s.suite] ? ` (${WEAKNESS[s.suite]}: accepted with --accept-weak-cipher)` : ''}`;
}

export function reportSession(ctx: CliContext, o: TargetOpts, s: BmcSessionInfo | undefined, prefix = ''): void {
  if (s && (o.verbose || (s.suite !== undefined && s.suite in WEAKNESS))) ctx.progress(`${prefix}${sessionLine(s)}`);
}

/** -H (one BMC or several) excludes a server name and needs -U. */
function checkAdHocUsage(o: TargetOpts, server: string | undefined): asserts o is TargetOpts & { user: string } {
  if (server) throw new FieldKitError('CLI_USAGE', { detail: 'give either a server name or -H, not both' });
  if (!o.user) throw new FieldKitError('CLI_USAGE', { detail: '-H needs -U <user>' });
}

export async function targetSpec(ctx: CliContext, o: TargetOpts, positional?: string): Promise<TargetSpec> {
  const server = o.server ?? positional;
  const timeoutMs = timeoutOf(o);
  if (o.host) {
    checkAdHocUsage(o, server);
    const hp = parseHostPort(o.host);
    checkCipherChoice(o, hp);
    // A BMC named only on this command line takes the secret given with it (stdin,
    // environment) before the keychain (resolveBmcSecret, givenFirst).
    const password = await ctx.readPassword(passwordPrompt(ctx.globals.lang, `${o.user}@${o.host}`), {
      stdin: o.passwordStdin,
      keychain: { endpoint: hp, user: o.user, lookup: (ep, user, kind) => credentialsOf(ctx.services()).get(ep, user, { kind }) },
    });
    const kg = o.kg ? await ctx.readKg(kgPrompt(ctx.globals.lang)) : undefined;
    return { adHoc: adHocTarget(o, hp, password, kg) };
  }
  if (!server) throw new FieldKitError('IPMICMD_TARGET_MISSING');
  // An inventory server's password: keychain, FIELDKIT_PASSWORD, --password-stdin, prompt (resolveBmcSecret).
  const password = o.passwordStdin ? await ctx.readPassword('', { stdin: true }) : undefined;
  return {
    server,
    ...(password !== undefined ? { password } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    // Without a stored password, ask on the terminal (never echoed); without a terminal the service says what to do.
    ...(process.stdin.isTTY ? { askPassword: (account: string) => ctx.readPassword(passwordPrompt(ctx.globals.lang, account)) } : {}),
  };
}

/**
 * Output of a long exec file: written in blocks (like C stdio on a pipe)
 * rather than one write per line, which costs a system call and a wake-up
 * of the reader per command; still flushed every 200 ms so progress shows.
 */
class BufferedOut {
  private buf: string[] = [];
  private size = 0;
  private last = Date.now();

  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size >= 32_768 || Date.now() - this.last >= 200) this.flush();
  }

  flush(): void {
    if (this.buf.length) process.stdout.write(this.buf.join(''));
    this.buf = [];
    this.size = 0;
    this.last = Date.now();
  }
}

/**
 * `power status -H host1,host2,... -U user`: the power state of many BMCs at
 * once, like ipmipower -h: one engine, every session concurrent, one line
 * per host in the order given. One user and password for all (as ipmipower),
 * sessions at User privilege unless -L is given; exit 1 when any host could
 * not be read.
 */
async function powerStatusSweep(ctx: CliContext, json: boolean, action: string, server: string | undefined, o: TargetOpts): Promise<void> {
  await ctx.run(json, async () => {
    if (action !== 'status') throw new FieldKitError('CLI_USAGE', { detail: 'several hosts (-H a,b,...) only with "power status"; change one server at a time' });
    checkAdHocUsage(o, server ?? o.server);
    const hosts = o.host!.split(',').map((h) => h.trim()).filter(Boolean);
    timeoutOf(o); // a bad --timeout is refused before anything is asked
    checkCipherChoice(o, parseHostPort(hosts[0] ?? o.host!));
    const password = await ctx.readPassword(passwordManyPrompt(ctx.globals.lang, o.user, hosts.length), { stdin: o.passwordStdin });
    const kg = o.kg ? await ctx.readKg(kgPrompt(ctx.globals.lang)) : undefined;
    return withBmcService(ctx, async (bmc, signal) => {
      // Handshakes listen to this one signal too, one each while it runs: not a leak.
      setMaxListeners(hosts.length + 10, signal);
      const jobs = hosts.map(async (h) => {
        const hp = parseHostPort(h);
        const label = formatBmcAddress({ host: hp.host, port: hp.port ?? 623 });
        try {
          // Reading the power state needs only User privilege: least privilege, and
          // one exchange less per BMC (no Set Session Privilege Level), unless -L says otherwise.
          const conn = await bmc.connect({ adHoc: adHocTarget(o, hp, password, kg, o.privilege ?? 'user') });
          const r = await runCommand(['power', 'status'], { requester: conn.requester, signal });
          const session = conn.sessionInfo();
          reportSession(ctx, o, session, `${label}: `);
          // Close Session now: it overlaps with the BMCs still answering instead of adding a round at the end.
          await conn.close();
          return { host: label, power: (r.value as { power: 'on' | 'off' }).power, ...(session ? { session } : {}) };
        } catch (e) {
          if (!(e instanceof FieldKitError)) throw e;
          return { host: label, error: e.toPayload(), text: e.render(ctx.globals.lang).text };
        }
      });
      // Text: each line as soon as it and the ones before it are known, so a
      // silent BMC late in the list does not hold back the answers before it.
      const rows: Awaited<(typeof jobs)[number]>[] = [];
      for (const job of jobs) {
        const r = await job;
        // Ctrl-C: the hosts not yet read are not "errors"; the sweep is CANCELLED (exit code 130).
        if (signal.aborted) throw cancelledError();
        rows.push(r);
        if (!json) process.stdout.write(`${escapeTerminal('power' in r ? `${r.host}: ${r.power}` : `${r.host}: error [${r.error.id}] ${r.text}`)}\n`);
      }
      if (json) ctx.print(json, rows.map(({ text, ...r }) => { void text; return r; }), () => []);
      return rows.some((r) => 'error' in r) ? 1 : 0;
    });
  });
}

type ServerChannel = 'ipmi.mcInfo' | 'ipmi.power' | 'ipmi.sensors' | 'ipmi.slots' | 'ipmi.sdr' | 'ipmi.selList' | 'ipmi.selClear' | 'ipmi.fru' | 'ipmi.rearm' | 'ipmi.raw';

/** A change's confirmation: what confirm.prepare is asked for, and whether the user may be asked. */
interface ChangeConfirmation {
  prepare: Req<'confirm.prepare'>;
  /** --yes (or raw --read-only): the user is not asked; the one-time id is still issued and consumed. */
  skipQuestion: boolean;
}

/** Refuses a change before anything else when no one can be asked (no terminal, no --yes): nothing is sent. */
function checkCanAsk(skipQuestion: boolean): void {
  if (!skipQuestion && !process.stdin.isTTY) throw new FieldKitError('CLI_CONFIRMATION_REQUIRED');
}

/** A margin so that an id is not presented in its last seconds (the user may answer late). */
const CONFIRMATION_MARGIN_MS = 5_000;

/**
 * Every command on an inventory server goes through the handler table as
 * the window's does: the same validation, defaults, audit records and
 * messages. A change asks the user with the summary the main process issued
 * for it (localised), then presents its one-time confirmation id, which the
 * handler consumes before it runs the change at most once. The CLI parses
 * arguments, asks and formats the answer as the direct command printed it.
 */
async function onServer<C extends ServerChannel>(
  ctx: CliContext,
  cmd: Command,
  o: TargetOpts,
  channel: C,
  request: Omit<Req<C>, 'confirmationId'>,
  text: (result: Res<C>['result']) => string[],
  options: { change?: ChangeConfirmation; failed?: (result: Res<C>['result']) => boolean } = {},
): Promise<void> {
  const json = ctx.jsonFor(cmd);
  const { change } = options;
  await ctx.run(json, async () => {
    if (!(request as { server?: string }).server) throw new FieldKitError('IPMICMD_TARGET_MISSING');
    if (change) checkCanAsk(change.skipQuestion);
    const timeoutMs = timeoutOf(o);
    const password = o.passwordStdin ? await ctx.readPassword('', { stdin: true }) : undefined;
    // Loaded on use: the handler table pulls in every domain, which -H runs never need.
    const { callChannel } = await import('../api-call');
    let confirmationId: string | undefined;
    if (change) {
      let prepared = await callChannel(ctx, 'confirm.prepare', change.prepare);
      if (!change.skipQuestion) {
        await ctx.confirm(prepared.summary[ctx.globals.lang], false);
        // The user may have taken longer than the id lives: ask for a fresh one for the same change.
        if (Date.now() >= Date.parse(prepared.expiresAt) - CONFIRMATION_MARGIN_MS) prepared = await callChannel(ctx, 'confirm.prepare', change.prepare);
      }
      confirmationId = prepared.confirmationId;
    }
    const answer = await callChannel(ctx, channel, { ...request, ...(confirmationId ? { confirmationId } : {}) } as Req<C>, {
      ...(password !== undefined ? { password } : {}),
      ...(process.stdin.isTTY ? { askPassword: (account: string) => ctx.readPassword(passwordPrompt(ctx.globals.lang, account)) } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      progress: (t) => ctx.progress(t),
    });
    reportSession(ctx, o, answer.session);
    const { server, answeredBy, session, result } = answer;
    ctx.print(json, { target: server, ...(answeredBy ? { answeredBy } : {}), ...(session ? { session } : {}), result }, () => text(result));
    return options.failed?.(result) ? 1 : 0;
  });
}

/**
 * Asks before a change to an ad-hoc BMC (-H), which has no inventory entry
 * for confirm.prepare: the same localised summary, built here.
 */
async function confirmAdHoc(ctx: CliContext, o: TargetOpts, facts: { action: ConfirmAction; sensor?: string; raw?: string }, skipQuestion: boolean): Promise<void> {
  if (skipQuestion) return;
  checkCanAsk(false);
  const summary = confirmationSummary({ ...facts, server: o.host ?? '', bmcs: [] });
  await ctx.confirm(summary[ctx.globals.lang], false);
}

/**
 * The values a channel answers are, in this process, the very objects the
 * command produced (dispatch does not serialise them); the contract's view
 * types name only what the window reads, so the full value is taken back
 * here for the CLI's text.
 */
const full = <T>(v: unknown): T => v as T;

/**
 * Runs fn with the BMC service and the command's signal (Ctrl-C aborts it),
 * then closes the engine (its socket would keep the process alive).
 */
export async function withBmcService<T>(ctx: CliContext, fn: (bmc: BmcService, signal: AbortSignal) => Promise<T>): Promise<T> {
  const bmc = bmcServiceOf(ctx.services());
  try {
    return await fn(bmc, ctx.signal);
  } finally {
    await bmc.close();
  }
}

/** Connects, runs the body, prints, closes the engine (its socket would keep the process alive). */
async function withBmc(
  ctx: CliContext,
  cmd: Command,
  o: TargetOpts,
  positional: string | undefined,
  body: (c: CommandContext) => Promise<{ value: unknown; text: string[]; failed?: boolean }>,
  audit?: string,
): Promise<void> {
  const json = ctx.jsonFor(cmd);
  await ctx.run(json, () => withBmcService(ctx, async (bmc, signal) => {
    let label = o.server ?? positional ?? o.host ?? '';
    let answered: string | undefined;
    const log = (result: 'ok' | 'failed' | 'cancelled', errorId?: string) => {
      if (!audit) return;
      ctx.services().logs.operations.append({ who: ctx.who, via: 'cli', target: label, ...(answered ? { bmc: answered } : {}), action: audit, result, ...(errorId ? { errorId } : {}) });
    };
    try {
      const conn = await bmc.connect(await targetSpec(ctx, o, positional));
      label = conn.label;
      const r = await body({
        requester: conn.requester,
        ...(noCache(o) ? {} : { cache: bmc.sdrCache }),
        signal,
        progress: (t) => ctx.progress(t),
        ...(o.chunkSize ? { chunkSize: Number(o.chunkSize) } : {}),
      });
      answered = conn.answeredBy();
      // The suite actually used: in --json, and on stderr with -v (always for a weak suite).
      const session = conn.sessionInfo();
      reportSession(ctx, o, session);
      log(r.failed ? 'failed' : 'ok');
      if (json || r.text.length) ctx.print(json, json ? { target: conn.label, ...(answered ? { answeredBy: answered } : {}), ...(session ? { session } : {}), result: r.value } : r.value, () => r.text);
      return r.failed ? 1 : 0;
    } catch (e) {
      const cancelled = isCancellation(e) || signal.aborted;
      log(cancelled ? 'cancelled' : 'failed', cancelled ? 'CANCELLED' : e instanceof FieldKitError ? e.id : undefined);
      throw e;
    }
  }));
}

/** --no-cache: commander's negated option (cache: false), or the flag itself. */
const noCache = (o: TargetOpts) => o.noCache === true || (o as { cache?: boolean }).cache === false;

/** A read of the commands layer: over its channel for an inventory server, direct for -H. */
function simple<C extends ServerChannel>(
  ctx: CliContext,
  parent: Command,
  name: string,
  description: string,
  words: string[],
  channel: C,
  request: (server: string, o: TargetOpts) => Omit<Req<C>, 'confirmationId'>,
  text: (result: Res<C>['result']) => string[],
): Command {
  const c = addTargetOptions(parent.command(name).description(description));
  c.action(async (server: string | undefined, o: TargetOpts, cmd: Command) => {
    if (o.host) return withBmc(ctx, cmd, o, server, (cc) => runCommand(words, cc));
    const req = await parsed(ctx, cmd, () => request(server ?? o.server ?? '', o));
    if (req) await onServer(ctx, cmd, o, channel, req, text);
  });
  return c;
}

/** Parses what the command line gave; a bad value is reported (exit code 1 or 2) and undefined returned. */
async function parsed<T>(ctx: CliContext, cmd: Command, parse: () => T): Promise<T | undefined> {
  try {
    return parse();
  } catch (e) {
    await ctx.run(ctx.jsonFor(cmd), async () => { throw e; });
    return undefined;
  }
}

/** fru [id]: the same check (and message) as the command itself, before the channel's own. */
function fruIdOf(words: string[]): number {
  validateWords(words);
  const fruId = words[1] !== undefined ? Number(words[1]) : 0;
  if (fruId > 254) throw new FieldKitError('IPMICMD_BAD_ARGUMENT', { what: 'command', value: words.join(' '), detail: 'FRU id is 0-254.' });
  return fruId;
}

/** --chunk-size: 1-254 bytes, checked before anything is asked or sent. */
function chunkSizeOf(o: TargetOpts): number | undefined {
  if (o.chunkSize === undefined) return undefined;
  const n = Number(o.chunkSize);
  if (!Number.isInteger(n) || n < 1 || n > 0xfe) throw new FieldKitError('IPMICMD_BAD_ARGUMENT', { what: '--chunk-size', value: String(o.chunkSize), detail: 'Give 1-254 bytes.' });
  return n;
}

export function register(program: Command, ctx: CliContext): void {
  const mc = program.command('mc').description('management controller (BMC) information');
  simple(ctx, mc, 'info', 'device id, firmware and IPMI version of the BMC', ['mc', 'info'], 'ipmi.mcInfo', (server) => ({ server }), (r) => mcInfoText(full(r)));

  const power = addTargetOptions(
    program
      .command('power')
      .description('chassis power: status, on, off, cycle, reset, soft (ACPI shutdown); status also takes -H a,b,... for many BMCs at once')
      .addArgument(new Argument('<action>', 'status|on|off|cycle|reset|soft').choices(['status', 'on', 'off', 'cycle', 'reset', 'soft'])),
  )
    .option('--wait', 'wait until the power state is reached')
    .option('--wait-timeout <s>', 'how long --wait waits, in seconds (default 60)')
    .option('-y, --yes', 'do not ask before changing the power state');
  power.action(async (action: string, server: string | undefined, o: TargetOpts, cmd: Command) => {
    const json = ctx.jsonFor(cmd);
    if (o.host?.includes(',')) {
      await powerStatusSweep(ctx, json, action, server, o);
      return;
    }
    const waitTimeoutS = o.waitTimeout ? Number(o.waitTimeout) : undefined;
    const power = action as 'status' | 'on' | 'off' | 'cycle' | 'reset' | 'soft';
    if (!o.host) {
      const name = server ?? o.server ?? '';
      await onServer(ctx, cmd, o, 'ipmi.power', { server: name, action: power, wait: Boolean(o.wait), ...(waitTimeoutS ? { waitTimeoutS } : {}) },
        (r) => (power === 'status' ? [`Chassis Power is ${r.after ? 'on' : 'off'}`] : powerText(r)),
        power === 'status' ? {} : { change: { prepare: { action: `power.${power}`, server: name }, skipQuestion: Boolean(o.yes) } });
      return;
    }
    if (power !== 'status') {
      try {
        await confirmAdHoc(ctx, o, { action: `power.${power}` }, Boolean(o.yes));
      } catch (e) {
        await ctx.run(json, async () => { throw e; });
        return;
      }
    }
    await withBmc(ctx, cmd, o, server, (cc) =>
      runCommand(['power', action], { ...cc, confirmed: true, wait: Boolean(o.wait), ...(waitTimeoutS ? { waitTimeoutMs: waitTimeoutS * 1000 } : {}) }),
    action === 'status' ? undefined : `ipmi.power.${action}`);
  });

  const fresh = (o: TargetOpts) => (noCache(o) ? { refresh: true } : {});
  withSdrCacheOption(simple(ctx, program, 'sensors', 'every sensor with its reading and state', ['sensors'], 'ipmi.sensors', (server, o) => ({ server, ...fresh(o) }), (r) => sensorsText(full(r))));
  withSdrCacheOption(simple(ctx, program, 'slots', 'PCI slot (Slot/Connector) sensors and their states', ['slots'], 'ipmi.slots', (server, o) => ({ server, ...fresh(o) }), (r) => slotsText(r)));
  withSdrCacheOption(simple(ctx, program, 'sdr', 'the SDR repository records', ['sdr'], 'ipmi.sdr', (server, o) => {
    const chunkSize = chunkSizeOf(o);
    return { server, ...fresh(o), ...(chunkSize ? { chunkSize } : {}) };
  }, (r) => sdrText(full(r)))).option('--chunk-size <n>', 'read SDRs in pieces of n bytes');

  const sel = program.command('sel').description('system event log');
  withSdrCacheOption(simple(ctx, sel, 'list', 'list the SEL with event texts', ['sel', 'list'], 'ipmi.selList', (server, o) => ({ server, ...fresh(o) }), (r) => selListText(full(r))));
  const clear = addTargetOptions(sel.command('clear').description('erase the SEL')).option('-y, --yes', 'do not ask');
  clear.action(async (server: string | undefined, o: TargetOpts, cmd: Command) => {
    if (!o.host) {
      const name = server ?? o.server ?? '';
      await onServer(ctx, cmd, o, 'ipmi.selClear', { server: name }, () => ['Clearing SEL: done'], { change: { prepare: { action: 'sel.clear', server: name }, skipQuestion: Boolean(o.yes) } });
      return;
    }
    try {
      await confirmAdHoc(ctx, o, { action: 'sel.clear' }, Boolean(o.yes));
    } catch (e) {
      await ctx.run(ctx.jsonFor(cmd), async () => { throw e; });
      return;
    }
    await withBmc(ctx, cmd, o, server, (cc) => runCommand(['sel', 'clear'], { ...cc, confirmed: true }), 'ipmi.sel.clear');
  });

  const fru = addTargetOptions(program.command('fru').description('FRU inventory: chassis, board and product areas'));
  fru.option('--id <n>', 'FRU device id (default 0)');
  fru.action(async (server: string | undefined, o: TargetOpts & { id?: string }, cmd: Command) => {
    const words = ['fru', ...(o.id ? [o.id] : [])];
    if (o.host) return withBmc(ctx, cmd, o, server, (cc) => runCommand(words, cc));
    const fruId = await parsed(ctx, cmd, () => fruIdOf(words));
    if (fruId !== undefined) await onServer(ctx, cmd, o, 'ipmi.fru', { server: server ?? o.server ?? '', fruId }, (r) => fruText(full(r)));
  });

  const raw = addTargetOptions(program.command('raw').description('send a raw IPMI command, e.g. raw 0x04 0x2d 0x05').argument('<bytes...>', 'NETFN CMD [DATA...] in hex'), false);
  raw.option('--read-only', 'the command only reads: sent without asking, and sent again when its answer is lost (otherwise asked first and sent once)')
    .option('-y, --yes', 'do not ask before sending');
  raw.action(async (bytes: string[], o: TargetOpts & { readOnly?: boolean }, cmd: Command) => {
    const json = ctx.jsonFor(cmd);
    const readOnly = o.readOnly === true;
    // FieldKit cannot tell what a raw command changes: asked unless the user marks it read-only.
    const skipQuestion = readOnly || Boolean(o.yes);
    // A malformed command is refused before the user is asked anything.
    const args = await parsed(ctx, cmd, () => parseRawArgs(bytes));
    if (!args) return;
    const { netFn, cmd: command, data } = args;
    if (!o.host) {
      const name = o.server ?? '';
      await onServer(ctx, cmd, o, 'ipmi.raw', { server: name, netFn, cmd: command, data: [...data], ...(readOnly ? { readOnly } : {}) }, (r) => rawText(r),
        { change: { prepare: { action: 'raw', server: name, detail: { netFn, cmd: command, data: [...data] } }, skipQuestion }, failed: (r) => r.completionCode !== 0 });
      return;
    }
    try {
      await confirmAdHoc(ctx, o, { action: 'raw', raw: confirmDetail.raw(netFn, command, data) }, skipQuestion);
    } catch (e) {
      await ctx.run(json, async () => { throw e; });
      return;
    }
    await withBmc(ctx, cmd, o, undefined, (cc) => runCommand(['raw', ...bytes], { ...cc, rawReadOnly: readOnly }), `ipmi.raw.${bytes.slice(0, 2).join('.')}`);
  });

  const rearm = withSdrCacheOption(addTargetOptions(program.command('rearm').description('re-arm the events of a sensor').argument('<sensor>', 'sensor name or number'), false))
    .option('-y, --yes', 'do not ask before re-arming');
  rearm.action(async (sensor: string, o: TargetOpts, cmd: Command) => {
    // A change, even if repeating it does no harm: always asked unless --yes.
    if (!o.host) {
      const name = o.server ?? '';
      await onServer(ctx, cmd, o, 'ipmi.rearm', { server: name, sensor, ...fresh(o) }, (r) => rearmText(r),
        { change: { prepare: { action: 'sensor.rearm', server: name, detail: { sensor } }, skipQuestion: Boolean(o.yes) } });
      return;
    }
    try {
      await confirmAdHoc(ctx, o, { action: 'sensor.rearm', sensor }, Boolean(o.yes));
    } catch (e) {
      await ctx.run(ctx.jsonFor(cmd), async () => { throw e; });
      return;
    }
    await withBmc(ctx, cmd, o, undefined, (cc) => runCommand(['rearm', sensor], cc), 'ipmi.rearm');
  });

  const exec = withSdrCacheOption(addTargetOptions(program.command('exec').description('run the commands of FILE (one per line) on one session').argument('<file>', 'command file'), false))
    .option('-y, --yes', 'allow power changes and SEL clear in the file without asking');
  exec.action(async (file: string, o: TargetOpts, cmd: Command) => {
    let lines: string[][];
    try {
      // Identical lines (an exec file often repeats one command) share one parse.
      const seen = new Map<string, string[]>();
      lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).map((t) => {
        let words = seen.get(t);
        if (!words) seen.set(t, (words = splitLine(t)));
        return words;
      });
    } catch (e) {
      await ctx.run(ctx.jsonFor(cmd), async () => { throw new FieldKitError('IPMICMD_FILE_UNREADABLE', { file, detail: (e as NodeJS.ErrnoException).code ?? 'error' }); });
      return;
    }
    const numbered = lines.map((w, i) => ({ words: w, line: i + 1 })).filter((l) => l.words.length > 0);
    // A bad line refuses the whole file before anything runs.
    const validated = new Set<string[]>();
    for (const l of numbered) {
      try {
        if (!validated.has(l.words)) validateWords(l.words);
        validated.add(l.words);
      } catch (e) {
        await ctx.run(ctx.jsonFor(cmd), async () => { throw new FieldKitError('IPMICMD_EXEC_LINE', { file, line: l.line, detail: (e as Error).message }); });
        return;
      }
    }
    const changing = numbered.filter((l) => CHANGING.has(l.words.slice(0, 2).join(' ')));
    if (changing.length && !o.yes) {
      try {
        await ctx.confirm(cliText(ctx.globals.lang, 'execChanges', file, changing.map((l) => l.words.join(' ')).join('; ')), false);
      } catch (e) {
        await ctx.run(ctx.jsonFor(cmd), async () => { throw e; });
        return;
      }
    }
    const json = ctx.jsonFor(cmd);
    await withBmc(ctx, cmd, o, undefined, async (cc) => {
      const results: (CommandResult & { line: number })[] = [];
      const text: string[] = [];
      let failed = false;
      const errors: { line: number; command: string; error: ReturnType<FieldKitError['toPayload']> }[] = [];
      // One context for the whole file, so the SDR read by the first line serves the others.
      const shared: CommandContext = { ...cc, confirmed: true };
      const out = new BufferedOut();
      for (const l of numbered) {
        try {
          const r = await runCommand(l.words, shared);
          if (r.failed) failed = true;
          // Stream text so long files show progress; JSON is printed once at the end
          // (text mode keeps nothing: a file may have thousands of lines).
          if (json) results.push({ ...r, line: l.line });
          else out.write(`${escapeTerminal(r.text.join('\n'))}\n`);
        } catch (e) {
          // A command the BMC refused (like ipmitool exec) is reported and the file goes on;
          // a lost session, a timeout or a cancel stops it.
          if (e instanceof FieldKitError && e.id.startsWith('IPMICMD_') && !isCancellation(e)) {
            failed = true;
            errors.push({ line: l.line, command: l.words.join(' '), error: e.toPayload() });
            if (!json) {
              out.flush();
              process.stderr.write(`fieldkit: line ${l.line}: [${e.id}] ${e.render(ctx.globals.lang).text}\n`);
            }
            continue;
          }
          out.flush();
          throw e;
        }
      }
      out.flush();
      const value = !json ? [] : [
        ...results.map((r) => ({ line: r.line, command: r.command, result: r.value, ...(r.failed ? { failed: true } : {}) })),
        ...errors,
      ].sort((a, b) => a.line - b.line);
      return { value, text, failed };
    }, changing.length ? `ipmi.exec: ${changing.map((l) => l.words.slice(0, 2).join(' ')).join('; ')}` : undefined);
  });
}
