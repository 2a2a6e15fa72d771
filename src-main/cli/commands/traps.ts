import { escapeTerminalLine } from '../../../shared/terminal';
import type { Command } from 'commander';
import { Option } from 'commander';
import { FieldKitError, throwIfCancelled } from '../../../shared/errors';
import { TRAP_CLASSES, TRAP_SEVERITIES, type PetDecodeView, type TrapEvent, type TrapFilter, type TrapV3User } from '../../../shared/model/trap';
import { renderMessage } from '../../../shared/messages';
import type { TrapSettingsView } from '../../../shared/model/trap';
import { trapsOf } from '../../services/traps/wire';
import { callChannel } from '../api-call';
import type { CliContext } from '../context';
import { ask, readAllStdin } from '../prompt';
import { snmpV3KeyPrompt } from '../prompts';

function intOption(name: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new FieldKitError('CLI_USAGE', { detail: `${name} must be an integer from ${min} to ${max}` });
    return n;
  };
}

/** One line per trap: time, source, server, severity, class, what happened, what to do. */
export function trapLine(e: TrapEvent): string {
  const where = e.server ? `${e.server}${e.cluster ? `@${e.cluster}` : ''}` : 'unknown-source';
  const what = e.petTexts
    ? `${e.petTexts.sensorTypeName}: ${e.petTexts.eventDetail} (${e.petTexts.direction}, ${e.petTexts.severityName})`
    : `${e.trapOid}${e.varbinds.length ? ` ${e.varbinds.map((v) => `${v.oid}=${v.value}`).join(' ')}` : ''}`;
  // One line whatever the trap carries: its CR, LF and escape sequences are shown escaped.
  return escapeTerminalLine(`${e.receivedAt} ${e.source.address} ${where} [${e.severity}] ${e.class}: ${what} -> ${e.nextStep.en}`);
}

/** ipmi-pet-like lines for `traps decode`. */
function decodeLines(d: PetDecodeView): string[] {
  const p = d.pet;
  const t = d.petTexts;
  const hex = (n: number, w = 2) => `0x${n.toString(16).toUpperCase().padStart(w, '0')}`;
  return [
    `Time:            ${p.time ?? 'N/A'}${p.timestampRaw && !p.timePlausible ? ' (implausible BMC clock)' : ''}`,
    `Name:            ${t.sensorName}`,
    `Type:            ${t.sensorTypeName}`,
    `GUID:            ${p.guid}`,
    `Manufacturer ID: ${t.manufacturer}`,
    `System ID:       ${p.systemId}`,
    `Severity:        ${t.severityName}`,
    `Event Direction: ${t.direction}`,
    `Event:           ${t.eventDetail}`,
    `Sequence:        ${p.sequence}`,
    `Timestamp raw:   ${p.timestampRaw}  UTC offset raw: ${hex(p.utcOffsetRaw, 4)}${p.utcOffsetMinutes !== undefined ? ` (${p.utcOffsetMinutes} min)` : ' (unspecified)'}`,
    `Sensor:          type ${hex(p.sensorType)} event type ${hex(p.eventType)} offset ${p.offset} device ${hex(p.sensorDevice)} number ${p.sensorNumber}`,
    `Entity:          ${p.entity}.${p.entityInstance}`,
    `Event data:      ${p.eventData.map((b) => hex(b)).join(' ')}`,
    `Sources:         trap ${hex(p.trapSourceType)} event ${hex(p.eventSourceType)}  language ${hex(p.languageCode)}`,
    ...p.oem.map((f, i) => `OEM field ${i + 1}:     ${f.kind}${'text' in f && f.text !== undefined ? ` "${f.text}"` : ''} [${f.hex}]`),
    `Class:           ${d.class} (${d.severity})${d.profile ? ` by profile ${d.profile}` : ''}`,
  ];
}

/** One line per configured v3 user: level, protocols, where each key is (never the key). */
function userLines(view: TrapSettingsView): string[] {
  if (!view.users.length) return ['No SNMPv3 users configured.'];
  const key = (k?: { stored: boolean; source?: string }) => (k ? (k.stored ? `stored (${k.source})` : 'NOT STORED') : '-');
  return view.users.map((u) => `${u.name}  ${u.level}  auth ${u.authProtocol ?? '-'} key ${key(u.authKey)}  priv ${u.privProtocol ?? '-'} key ${key(u.privKey)}`);
}

/** Commands of the traps domain: listen, decode, log, profiles. */
export function register(program: Command, ctx: CliContext): void {
  const traps = program.command('traps').description('receive, decode and explain BMC traps (IPMI PET)');

  traps
    .command('listen')
    .description('listen for SNMP traps and print each decoded trap (Ctrl-C to stop)')
    .option('--address <addr>', 'address to listen on (0.0.0.0 all IPv4, :: all; default from traps.json, else 0.0.0.0)')
    .option('--port <n>', 'UDP port (162 needs privileges; 0 picks a free one; default from traps.json, else 162)', intOption('--port', 0, 65535))
    .option('--community-stdin', 'read the accepted v1/v2c communities from standard input, one a line (else FIELDKIT_SNMP_COMMUNITY, comma-separated, else traps.json; there is no default)')
    // Never on the command line: it would show in the process list. Kept only to say so.
    .addOption(new Option('--community <c>').hideHelp())
    .option('--v3-user <name>', 'accept SNMPv3 from this user (keys: FIELDKIT_SNMP_AUTH_KEY / FIELDKIT_SNMP_PRIV_KEY or prompted); users in traps.json are accepted too')
    .addOption(new Option('--v3-auth-protocol <p>', 'SNMPv3 authentication').choices(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).default('sha'))
    .addOption(new Option('--v3-priv-protocol <p>', 'SNMPv3 privacy (omit for authNoPriv)').choices(['des', 'aes', 'aes256b', 'aes256r']))
    .option('--rate <n>', 'per-source limit, traps/s (0 = none; default 200)', intOption('--rate', 0, 1_000_000))
    .option('--dedup-ms <n>', 'duplicate suppression window in ms (0 = off; default 10000)', intOption('--dedup-ms', 0, 3_600_000))
    .option('--ack', 'send PET Acknowledge to known BMCs')
    .option('--count <n>', 'exit after this many traps', intOption('--count', 1, 1_000_000_000))
    .option('--duration <s>', 'exit after this many seconds', intOption('--duration', 1, 31_536_000))
    .option('--json', 'one JSON object per line')
    .action(async (opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        if (opts.community !== undefined) {
          throw new FieldKitError('CLI_USAGE', { detail: '--community would put the community in the process list; use --community-stdin, FIELDKIT_SNMP_COMMUNITY or the listener settings (traps.json)' });
        }
        const communities = opts.communityStdin
          ? (await readAllStdin()).split(/\r?\n/).map((c) => c.trim()).filter(Boolean)
          : process.env.FIELDKIT_SNMP_COMMUNITY
            ? process.env.FIELDKIT_SNMP_COMMUNITY.split(',').map((c) => c.trim()).filter(Boolean)
            : undefined; // traps.json's, else none (the handler's default)
        const v3Users: TrapV3User[] = opts.v3User
          ? [{ name: opts.v3User, level: opts.v3PrivProtocol ? 'authPriv' : 'authNoPriv', authProtocol: opts.v3AuthProtocol, ...(opts.v3PrivProtocol ? { privProtocol: opts.v3PrivProtocol } : {}) }]
          : [];
        let seen = 0;
        let finish: () => void = () => undefined;
        const done = new Promise<void>((resolve) => (finish = resolve));
        // Every trap, as the service decodes it: the window's pushes are batched and may leave
        // some out under a flood (they are in the log); a terminal stream shows each one.
        trapsOf(ctx.services()).onEvent((e) => {
          // Text mode: trap-supplied text escaped by printLine (one line per trap); JSON exact.
          ctx.printLine(json, e, () => trapLine(e));
          seen++;
          if (opts.count && seen >= opts.count) finish();
        });
        // Ctrl-C before it listens cancels (exit code 130); once listening, Ctrl-C is the normal stop (exit code 0).
        throwIfCancelled(ctx.signal);
        // traps.start as the window's Start: traps.json under what the command line gives, the
        // same key lookup (here with the environment and a prompt), the same messages.
        const st = await callChannel(ctx, 'traps.start', {
          ...(opts.address !== undefined ? { address: opts.address } : {}),
          ...(opts.port !== undefined ? { port: opts.port } : {}),
          ...(communities ? { communities } : {}),
          ...(v3Users.length ? { v3Users } : {}),
          ...(opts.rate !== undefined ? { rateLimit: { perSecond: opts.rate, burst: opts.rate * 2 } } : {}),
          ...(opts.dedupMs !== undefined ? { duplicateWindowMs: opts.dedupMs } : {}),
          ...(opts.ack ? { acknowledge: true } : {}),
        }, {
          snmpV3: {
            env: process.env,
            ...(process.stdin.isTTY ? { prompt: (user: string, kind: 'auth' | 'priv') => ask(snmpV3KeyPrompt(ctx.globals.lang, user, kind), { echo: false }) } : {}),
          },
        });
        // Status goes to stderr in both modes so stdout stays one record per line.
        process.stderr.write(`Listening for traps on ${st.address}:${st.port} (Ctrl-C to stop)\n`);
        const onSignal = () => finish();
        ctx.signal.addEventListener('abort', onSignal, { once: true });
        if (ctx.signal.aborted) finish();
        process.once('SIGTERM', onSignal);
        const timer = opts.duration ? setTimeout(finish, opts.duration * 1000) : undefined;
        await done;
        if (timer) clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onSignal);
        process.off('SIGTERM', onSignal);
        const end = await callChannel(ctx, 'traps.stop', {});
        const c = end.counters;
        process.stderr.write(
          `Stopped. received ${c.received}, accepted ${c.accepted}; dropped: malformed ${c.malformed}, unauthorised ${c.unauthorised}, rate-limited ${c.rateLimited}, duplicate ${c.duplicate}, queue full ${c.queueFull}; unknown sources ${c.unknownSource}\n`,
        );
      });
    });

  traps
    .command('decode')
    .description('decode a PET offline like FreeIPMI ipmi-pet: SPECIFIC (decimal or 0x hex) and the varbind bytes')
    .argument('<specific>', 'specific trap, e.g. 2191104 or 0x216F00')
    .argument('<hexbytes...>', 'the 1.3.6.1.4.1.3183.1.1.1 bytes, e.g. a1 23 45 ... or a12345...')
    .option('--json', 'print JSON')
    .action(async (specific: string, hex: string[], _opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const d = await callChannel(ctx, 'traps.decode', { specific, hex: hex.join(' ') });
        ctx.print(json, d, () => decodeLines(d));
      });
    });

  traps
    .command('log')
    .description('search the trap log, newest first')
    .option('--server <name>', 'only this server')
    .option('--cluster <name>', 'only this cluster')
    .addOption(new Option('--class <c>', 'only this class').choices(TRAP_CLASSES as string[]))
    .addOption(new Option('--severity <s>', 'only this severity').choices(TRAP_SEVERITIES as string[]))
    .option('--since <time>', 'from this time (ISO 8601)')
    .option('--until <time>', 'up to this time (ISO 8601)')
    .option('--text <t>', 'containing this text')
    .option('--unknown', 'only traps from sources not in the inventory')
    .option('--limit <n>', 'at most this many', intOption('--limit', 1, 100_000), 100)
    .option('--json', 'print JSON')
    .action(async (opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const filter: TrapFilter & { limit: number } = { limit: opts.limit };
        for (const k of ['server', 'cluster', 'class', 'severity', 'since', 'until', 'text'] as const) if (opts[k] !== undefined) (filter as unknown as Record<string, unknown>)[k] = opts[k];
        if (opts.unknown) filter.unknownOnly = true;
        const found = await callChannel(ctx, 'traps.search', filter);
        ctx.print(json, found, () => (found.length ? found.map(trapLine) : ['No traps match.']));
      });
    });

  traps
    .command('profiles')
    .description('list the vendor profiles in use (built-in and <home>/vendor-profiles)')
    .option('--json', 'print JSON')
    .action(async (_opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const r = await callChannel(ctx, 'traps.profiles', { reload: true });
        const problems = r.problems;
        const view = {
          profiles: r.profiles.map((p) => ({ name: p.name, file: p.file, builtIn: p.builtIn, rules: p.rules })),
          problems: problems.map((e) => ({ id: e.id, text: e.params ? renderMessage(e.id as Parameters<typeof renderMessage>[0], e.params, ctx.globals.lang).text : e.text })),
        };
        ctx.print(json, view, () => [
          ...view.profiles.map((p) => `${p.name}  ${p.rules} rules  ${p.builtIn ? 'built-in' : 'user'}  ${p.file}`),
          ...view.problems.map((p) => `[${p.id}] ${p.text}`),
        ]);
        return problems.length ? 1 : 0;
      });
    });

  const user = traps.command('user').description('SNMPv3 users of the listener: names in traps.json, keys in the OS keychain');

  user
    .command('set')
    .description('add or change an SNMPv3 user; keys are prompted without echo (or --keys-stdin: auth line, then priv line) and stored in the keychain')
    .argument('<name>', 'USM user name, as configured in the BMC')
    .addOption(new Option('--level <l>', 'security level').choices(['noAuthNoPriv', 'authNoPriv', 'authPriv']).default('authPriv'))
    .addOption(new Option('--auth-protocol <p>', 'authentication protocol').choices(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).default('sha'))
    .addOption(new Option('--priv-protocol <p>', 'privacy protocol (authPriv)').choices(['des', 'aes', 'aes256b', 'aes256r']).default('aes'))
    .option('--keys-stdin', 'read the keys from standard input: the authentication key on the first line, the privacy key on the second')
    .option('--keep-keys', 'change the level or protocols only; keep the keys already stored')
    .option('--session-only', 'when the keychain is not available, keep the keys for this process only (useless for a one-shot command; for scripts that test)')
    .option('--json', 'print JSON')
    .action(async (name: string, opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const level = opts.level as TrapV3User['level'];
        const u: TrapV3User = { name, level, ...(level !== 'noAuthNoPriv' ? { authProtocol: opts.authProtocol } : {}), ...(level === 'authPriv' ? { privProtocol: opts.privProtocol } : {}) };
        const keys: { authKey?: string; privKey?: string } = {};
        if (!opts.keepKeys && level !== 'noAuthNoPriv') {
          if (opts.keysStdin) {
            const lines = (await readAllStdin()).split(/\r?\n/);
            keys.authKey = lines[0] ?? '';
            if (level === 'authPriv') keys.privKey = lines[1] ?? '';
          } else {
            if (!process.stdin.isTTY) throw new FieldKitError('TRAPS_V3_KEYS_MISSING', { user: name });
            keys.authKey = await ask(snmpV3KeyPrompt(ctx.globals.lang, name, 'auth'), { echo: false });
            if (level === 'authPriv') keys.privKey = await ask(snmpV3KeyPrompt(ctx.globals.lang, name, 'priv'), { echo: false });
          }
        }
        const r = await callChannel(ctx, 'traps.user.set', { ...u, ...keys, sessionFallback: Boolean(opts.sessionOnly) });
        ctx.print(json, r, () => [`Saved SNMPv3 user ${name} in ${r.view.file}${r.keySource ? `; keys in the ${r.keySource === 'keychain' ? 'keychain' : 'session only'}` : ''}.`, ...userLines(r.view)]);
      });
    });

  user
    .command('del')
    .description('remove an SNMPv3 user from traps.json and its keys from the keychain')
    .argument('<name>', 'USM user name')
    .option('--json', 'print JSON')
    .action(async (name: string, _opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const r = await callChannel(ctx, 'traps.user.delete', { name });
        ctx.print(json, r, () => [r.deleted ? `Removed SNMPv3 user ${name}.` : `No SNMPv3 user ${name}.`]);
        return r.deleted ? 0 : 1;
      });
    });

  user
    .command('list')
    .description('list the SNMPv3 users and whether their keys are stored (keys are never printed)')
    .option('--json', 'print JSON')
    .action(async (_opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const view = await callChannel(ctx, 'traps.settings.get', {});
        ctx.print(json, view.users, () => userLines(view));
      });
    });
}
