import { escapeTerminal } from '../../../shared/terminal';
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import { Argument, Command, Option } from 'commander';
import { cancelledError, FieldKitError, isCancellation } from '../../../shared/errors';
import { formatBmcAddress } from '../../../shared/model/inventory';
import { bmcServiceOf, CHANGING, powerText, type BmcService, type BmcSessionInfo, runCommand, splitLine, validateWords, type AdHocTarget, type CommandContext, type CommandResult, type TargetSpec } from '../../services/bmc';
import { credentialsOf } from '../../services/credentials/wire';
import type { Req, Res } from '../../../shared/contract';
import type { CliContext } from '../context';

/**
 * IPMI maintenance commands: mc info, power, sensors, slots, sdr, sel, fru,
 * raw, rearm and exec FILE, against an inventory server or an ad-hoc BMC
 * (-H host[:port] -U user). Passwords: --password-stdin, FIELDKIT_PASSWORD,
 * the keychain, then a prompt without echo; never on the command line.
 */
interface TargetOpts {
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

function addTargetOptions(cmd: Command, serverArg = true): Command {
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
    .option('--timeout <ms>', 'time budget per request in ms (default 5000)')
    .option('--no-cache', 'do not use the SDR cache')
    .option('--json', 'print machine-readable JSON');
}

function parseHostPort(s: string): { host: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1], ...(v6[2] ? { port: Number(v6[2]) } : {}) };
  const m = /^([^:]+)(?::(\d+))?$/.exec(s);
  if (!m) return { host: s };
  return { host: m[1], ...(m[2] ? { port: Number(m[2]) } : {}) };
}

function timeoutOf(o: TargetOpts): number | undefined {
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

function reportSession(ctx: CliContext, o: TargetOpts, s: BmcSessionInfo | undefined, prefix = ''): void {
  if (s && (o.verbose || (s.suite !== undefined && s.suite in WEAKNESS))) ctx.progress(`${prefix}${sessionLine(s)}`);
}

/** -H (one BMC or several) excludes a server name and needs -U. */
function checkAdHocUsage(o: TargetOpts, server: string | undefined): asserts o is TargetOpts & { user: string } {
  if (server) throw new FieldKitError('CLI_USAGE', { detail: 'give either a server name or -H, not both' });
  if (!o.user) throw new FieldKitError('CLI_USAGE', { detail: '-H needs -U <user>' });
}

async function targetSpec(ctx: CliContext, o: TargetOpts, positional?: string): Promise<TargetSpec> {
  const server = o.server ?? positional;
  const timeoutMs = timeoutOf(o);
  if (o.host) {
    checkAdHocUsage(o, server);
    const hp = parseHostPort(o.host);
    checkCipherChoice(o, hp);
    let password: string | null = null;
    // A BMC named only on this command line takes the secret given with it
    // (stdin, environment) before the keychain: it is not an inventory BMC,
    // and a keychain look-up costs a D-Bus round trip on every run of a script.
    if (!o.passwordStdin && process.env.FIELDKIT_PASSWORD === undefined) {
      // An ad-hoc BMC may still have a password in the keychain.
      password = await credentialsOf(ctx.services()).get(hp, o.user).catch(() => null);
    }
    password ??= await ctx.readPassword(`Password for ${o.user}@${o.host}: `, { stdin: o.passwordStdin });
    const kg = o.kg ? await ctx.readKg('BMC key (Kg): ') : undefined;
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
    ...(process.stdin.isTTY ? { askPassword: (account: string) => ctx.readPassword(`Password for ${account}: `) } : {}),
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
    const password = await ctx.readPassword(`Password for ${o.user} on ${hosts.length} BMCs: `, { stdin: o.passwordStdin });
    const kg = o.kg ? await ctx.readKg('BMC key (Kg): ') : undefined;
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

type ChangeChannel = 'ipmi.power' | 'ipmi.selClear' | 'ipmi.rearm' | 'ipmi.raw';

/**
 * A change to an inventory server (after the user confirmed it here) goes
 * through the handler table as the window's does: the main process issues
 * the one-time confirmation and consumes it, validates, runs the change at
 * most once and writes the operation log. The CLI only formats the answer.
 */
async function changeOnServer<C extends ChangeChannel>(
  ctx: CliContext,
  cmd: Command,
  o: TargetOpts,
  prepare: Req<'confirm.prepare'>,
  channel: C,
  request: Omit<Req<C>, 'confirmationId'>,
  text: (result: Res<C>['result']) => string[],
  failed?: (result: Res<C>['result']) => boolean,
): Promise<void> {
  const json = ctx.jsonFor(cmd);
  await ctx.run(json, async () => {
    if (!prepare.server) throw new FieldKitError('IPMICMD_TARGET_MISSING');
    const timeoutMs = timeoutOf(o);
    const password = o.passwordStdin ? await ctx.readPassword('', { stdin: true }) : undefined;
    // Loaded on use: the handler table pulls in every domain, which reads and -H runs never need.
    const { callChannel } = await import('../api-call');
    const { confirmationId } = await callChannel(ctx, 'confirm.prepare', prepare);
    const answer = await callChannel(ctx, channel, { ...request, confirmationId } as Req<C>, {
      ...(password !== undefined ? { password } : {}),
      ...(process.stdin.isTTY ? { askPassword: (account: string) => ctx.readPassword(`Password for ${account}: `) } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      progress: (t) => ctx.progress(t),
    });
    reportSession(ctx, o, answer.session);
    const { server, answeredBy, session, result } = answer;
    ctx.print(json, { target: server, ...(answeredBy ? { answeredBy } : {}), ...(session ? { session } : {}), result }, () => text(result));
    return failed?.(result) ? 1 : 0;
  });
}

/**
 * Runs fn with the BMC service and the command's signal (Ctrl-C aborts it),
 * then closes the engine (its socket would keep the process alive).
 */
async function withBmcService<T>(ctx: CliContext, fn: (bmc: BmcService, signal: AbortSignal) => Promise<T>): Promise<T> {
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
        ...(o.noCache === true || (o as { cache?: boolean }).cache === false ? {} : { cache: bmc.sdrCache }),
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

function simple(ctx: CliContext, parent: Command, name: string, description: string, words: (args: string[]) => string[]): Command {
  const c = addTargetOptions(parent.command(name).description(description));
  c.action(async (server: string | undefined, o: TargetOpts, cmd: Command) => {
    await withBmc(ctx, cmd, o, server, (cc) => runCommand(words([]), cc));
  });
  return c;
}

export function register(program: Command, ctx: CliContext): void {
  const mc = program.command('mc').description('management controller (BMC) information');
  simple(ctx, mc, 'info', 'device id, firmware and IPMI version of the BMC', () => ['mc', 'info']);

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
    if (action !== 'status') {
      try {
        await ctx.confirm(`Power ${action} ${server ?? o.server ?? o.host ?? ''}?`, Boolean(o.yes));
      } catch (e) {
        await ctx.run(json, async () => { throw e; });
        return;
      }
    }
    const waitTimeoutS = o.waitTimeout ? Number(o.waitTimeout) : undefined;
    if (action !== 'status' && !o.host) {
      const name = server ?? o.server ?? '';
      const power = action as 'on' | 'off' | 'cycle' | 'reset' | 'soft';
      await changeOnServer(ctx, cmd, o, { action: `power.${power}`, server: name }, 'ipmi.power',
        { server: name, action: power, wait: Boolean(o.wait), ...(waitTimeoutS ? { waitTimeoutS } : {}) }, (r) => powerText(r));
      return;
    }
    await withBmc(ctx, cmd, o, server, (cc) =>
      runCommand(['power', action], { ...cc, confirmed: true, wait: Boolean(o.wait), ...(waitTimeoutS ? { waitTimeoutMs: waitTimeoutS * 1000 } : {}) }),
    action === 'status' ? undefined : `ipmi.power.${action}`);
  });

  simple(ctx, program, 'sensors', 'every sensor with its reading and state', () => ['sensors']);
  simple(ctx, program, 'slots', 'PCI slot (Slot/Connector) sensors and their states', () => ['slots']);
  simple(ctx, program, 'sdr', 'the SDR repository records', () => ['sdr']).option('--chunk-size <n>', 'read SDRs in pieces of n bytes');

  const sel = program.command('sel').description('system event log');
  simple(ctx, sel, 'list', 'list the SEL with event texts', () => ['sel', 'list']);
  const clear = addTargetOptions(sel.command('clear').description('erase the SEL')).option('-y, --yes', 'do not ask');
  clear.action(async (server: string | undefined, o: TargetOpts, cmd: Command) => {
    try {
      await ctx.confirm(`Clear the SEL of ${server ?? o.server ?? o.host ?? ''}?`, Boolean(o.yes));
    } catch (e) {
      await ctx.run(ctx.jsonFor(cmd), async () => { throw e; });
      return;
    }
    if (!o.host) {
      const name = server ?? o.server ?? '';
      await changeOnServer(ctx, cmd, o, { action: 'sel.clear', server: name }, 'ipmi.selClear', { server: name }, () => ['Clearing SEL: done']);
      return;
    }
    await withBmc(ctx, cmd, o, server, (cc) => runCommand(['sel', 'clear'], { ...cc, confirmed: true }), 'ipmi.sel.clear');
  });

  const fru = addTargetOptions(program.command('fru').description('FRU inventory: chassis, board and product areas'));
  fru.option('--id <n>', 'FRU device id (default 0)');
  fru.action(async (server: string | undefined, o: TargetOpts & { id?: string }, cmd: Command) => {
    await withBmc(ctx, cmd, o, server, (cc) => runCommand(['fru', ...(o.id ? [o.id] : [])], cc));
  });

  const raw = addTargetOptions(program.command('raw').description('send a raw IPMI command, e.g. raw 0x04 0x2d 0x05').argument('<bytes...>', 'NETFN CMD [DATA...] in hex'), false);
  raw.option('--read-only', 'the command only reads: it may be sent again when its answer is lost (otherwise a raw command is sent once)');
  raw.action(async (bytes: string[], o: TargetOpts & { readOnly?: boolean }, cmd: Command) => {
    await withBmc(ctx, cmd, o, undefined, (cc) => runCommand(['raw', ...bytes], { ...cc, rawReadOnly: o.readOnly === true }), `ipmi.raw.${bytes.slice(0, 2).join('.')}`);
  });

  const rearm = addTargetOptions(program.command('rearm').description('re-arm the events of a sensor').argument('<sensor>', 'sensor name or number'), false);
  rearm.action(async (sensor: string, o: TargetOpts, cmd: Command) => {
    await withBmc(ctx, cmd, o, undefined, (cc) => runCommand(['rearm', sensor], cc), 'ipmi.rearm');
  });

  const exec = addTargetOptions(program.command('exec').description('run the commands of FILE (one per line) on one session').argument('<file>', 'command file'), false)
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
        await ctx.confirm(`${file} changes the server (${changing.map((l) => l.words.join(' ')).join('; ')}). Go on?`, false);
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
