import path from 'node:path';
import { Command } from 'commander';
import { FieldKitError, type ErrorPayload } from '../../../shared/errors';
import { renderMessage, type Lang } from '../../../shared/messages';
import { formatBmcAddress, SERVER_MODELS, type BmcAddress, type Inventory } from '../../../shared/model/inventory';
import { connectorSetup, connectorSetupLines } from '../../../shared/connector-setup';
import { buildPrerequisites, PREREQ_HEADING, prerequisiteLines } from '../../../shared/guide/prerequisites';
import { parseBmcAddress, parseIPv4, prefixToMask } from '../../../shared/validation';
import { errorsOf, type ValidationIssue } from '../../../shared/validation';
import { credentialsOf } from '../../services/credentials/wire';
import { formatChange, formatSlots } from '../../services/inventory';
import { InventoryRejected, InventoryService, parseServerModel, resolveCluster, type ServerEdit } from '../../services/inventory/service';
import { EXIT, type CliContext } from '../context';
import { kgForPrompt, passwordPrompt } from '../prompts';
import type { ChannelName, Req, Res } from '../../../shared/contract';
import { writeFileAtomic } from '../../services/files/atomic';
import { connectorSettingLines, connectorShowLines, formatOf, formatOption, optionFrom, statusRows } from './show';
import { oneCluster, ownServerOf } from './show-rows';

/** haconnsetup prints IPv4 masks dotted; IPv6 keeps the prefix length. */
function prefixToMaskOrLength(address: string, prefix: number): string {
  return parseIPv4(address) ? prefixToMask(prefix) : String(prefix);
}

/** `key=value` arguments as haconnsetup takes them; unknown keys are refused, never ignored. */
export function parseSettings(args: string[], allowed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const i = a.indexOf('=');
    const key = i < 0 ? a : a.slice(0, i);
    if (i < 0 || !allowed.includes(key)) throw new FieldKitError('INVENTORY_KEY_UNKNOWN', { key, keys: allowed.map((k) => `${k}=`).join(', ') });
    out[key] = a.slice(i + 1);
  }
  return out;
}

export function renderIssues(issues: ValidationIssue[], lang: Lang) {
  return issues.map((i) => ({ ...i, ...renderMessage(i.id, i.params, lang) }));
}

function issueLines(issues: ValidationIssue[], lang: Lang): string[] {
  return renderIssues(issues, lang).map((r) => `${r.incomplete ? 'pending' : r.severity === 'error' ? 'error  ' : 'warning'} [${r.id}] ${r.text}\n          → ${r.remedy}`);
}

/** Refusals with their full issue list (the summary error alone would hide all but the first). */
/** A channel of the handler table, loaded on use: `show version` and the other quick commands never need it. */
async function call<C extends ChannelName>(ctx: CliContext, channel: C, request: Req<C>): Promise<Res<C>> {
  const { callChannel } = await import('../api-call');
  return callChannel(ctx, channel, request);
}

async function runEdit(ctx: CliContext, cmd: Command, body: () => Promise<number | void>): Promise<void> {
  const json = ctx.jsonFor(cmd);
  await ctx.run(json, async () => {
    try {
      return await body();
    } catch (e) {
      if (!(e instanceof InventoryRejected)) throw e;
      const lang = ctx.globals.lang;
      const rendered = e.render(lang);
      // The issues once, rendered, beside the error (its payload carries them raw for other front ends).
      const { issues: _raw, ...payload } = e.toPayload();
      void _raw;
      if (json) process.stdout.write(`${JSON.stringify({ error: { ...payload, text: rendered.text, remedy: rendered.remedy }, issues: renderIssues(e.issues, lang) }, null, 2)}\n`);
      else process.stderr.write(`fieldkit: [${e.id}] ${rendered.text}\n${issueLines(e.issues, lang).join('\n')}\n`);
      return EXIT.FAILED;
    }
  });
}

export function settingLines(inv: Inventory, only?: string): string[] {
  const out: string[] = [];
  const clusters = only ? inv.clusters.filter((c) => c.name === only) : inv.clusters;
  if (clusters.length === 0) return ['(no servers registered: fieldkit pserver add <name> addr=<bmc ip>)'];
  for (const c of clusters) {
    if (inv.clusters.length > 1 || c.name !== 'default') out.push(`Cluster ${c.name} (${c.kind})`);
    const rp = c.resetPath;
    const someAddr = c.servers.find((s) => s.resetPathAddress)?.resetPathAddress ?? rp?.unassignedAddress ?? '';
    out.push('Reset path (mask and port of the cluster; addr per server)');
    out.push(`  mask : ${rp ? prefixToMaskOrLength(someAddr, rp.prefixLength) : '-'}`);
    out.push(`  port : ${rp ? rp.port : '-'}`);
    if (rp?.unassignedAddress) out.push(`  addr of an older inventory, server unknown : ${rp.unassignedAddress}`);
    out.push('Server');
    const rows = [
      ['name', 'addr', 'addr2', 'account', 'resetpath addr', 'model'],
      ...c.servers.map((s) => [s.name, formatBmcAddress(s.bmc.primary), s.bmc.secondary ? formatBmcAddress(s.bmc.secondary) : '-', s.account || '-', s.resetPathAddress ?? '-', s.model ?? '-']),
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) out.push(`  ${r.map((v, i) => v.padEnd(widths[i])).join('  ')}`.trimEnd());
    out.push('');
  }
  return out;
}

function fullLines(inv: Inventory): string[] {
  const out = settingLines(inv);
  for (const c of inv.clusters) {
    out.push(`Trap monitors (${c.name})`);
    if (c.trapSettings.monitors.length === 0) out.push('  -');
    for (const m of c.trapSettings.monitors) {
      out.push(`  ${m.category}: ${m.keyword}`);
      for (const k of m.serverKeywords ?? []) out.push(`    ${k.server}: ${k.keyword}`);
    }
    for (const s of c.servers) {
      out.push(`Server ${s.name} (${c.name})`);
      out.push(`  ipmi   : cipher suite ${s.ipmi.cipherSuite}${s.ipmi.weakCipherAccepted ? ' (weak suite accepted)' : ''}, ${s.ipmi.privilege}, Kg ${s.ipmi.kgStored ? 'stored' : 'none'}`);
      out.push(`  slots  : ${formatSlots(s.slots) || '-'}`);
      out.push(`  traps  : ${s.trapReceivers.join(', ') || '-'}`);
      if (s.notes) out.push(`  notes  : ${s.notes.replace(/\n/g, ' / ')}`);
    }
    out.push('');
  }
  return out;
}

/**
 * Stores the account's password for the server's BMC endpoints through
 * credentials.set, as the window's form does (and with its operation-log
 * record); reports, never hides, a keychain failure. No session fallback:
 * a one-shot command has no session to keep it in.
 */
async function storePassword(ctx: CliContext, endpoints: Array<BmcAddress | undefined>, account: string, password: string) {
  let error: ErrorPayload | undefined;
  let stored = 0;
  for (const ep of endpoints) {
    if (!ep) continue;
    try {
      await call(ctx, 'credentials.set', { host: ep.host, ...(ep.port ? { port: ep.port } : {}), user: account, kind: 'password', secret: password, sessionFallback: false });
      stored++;
    } catch (e) {
      error = (e as FieldKitError).toPayload?.() ?? new FieldKitError('CRED_KEYCHAIN_FAILED', { detail: String(e) }).toPayload();
    }
  }
  return { stored: stored > 0 && !error, error };
}

function warnCredential(ctx: CliContext, json: boolean, error: ErrorPayload | undefined): void {
  if (!error || json) return;
  const r = renderMessage(error.id, error.params, ctx.globals.lang);
  process.stderr.write(`fieldkit: warning: the password was not stored: [${r.id}] ${r.text}\n  → ${r.remedy}\n`);
}

async function askPassword(ctx: CliContext, account: string, stdin: boolean, endpoint: BmcAddress): Promise<string> {
  const pw = await ctx.readPassword(passwordPrompt(ctx.globals.lang, `${account}@${formatBmcAddress(endpoint)}`), { stdin });
  if (pw === '') throw new FieldKitError(stdin ? 'CRED_PASSWORD_STDIN_EMPTY' : 'CRED_PASSWORD_EMPTY', { account });
  // Check length before anything is saved, so a bad password changes nothing.
  credentialsOf(ctx.services()).checkSecret(endpoint, account, pw, 'password');
  return pw;
}

function warningsText(issues: ValidationIssue[], lang: Lang): string[] {
  const w = issues.filter((i) => i.severity === 'warning' || i.incomplete);
  return w.length ? issueLines(w, lang) : [];
}

/** Commands of the inventory domain: resetpath, pserver, config, and show setting / bare show. */
export function register(program: Command, ctx: CliContext): void {
  // Reads as the window's: the stored inventory and every rule's findings (inventory.get).
  const stored = () => call(ctx, 'inventory.get', {});
  const clusterOpt = '--cluster <name>';
  const clusterHelp = 'cluster to act on (needed when more than one exists)';
  const modelHelp = `server model: ${SERVER_MODELS.join(', ')}`;

  program
    .command('resetpath')
    .description("set the reset path as haconnsetup resetpath does on one server: addr=<that server's own ip>/<mask> port=<5001-65535> --server <name> (the port and mask are the cluster's; either key alone changes just that value)")
    .argument('<settings...>', 'addr=<ip>/<mask|prefix> and/or port=<5001-65535>')
    .option('--server <name>', 'the server whose own reset-path address addr= is (needed with addr= unless the cluster has one server)')
    .option(clusterOpt, clusterHelp)
    .option('--json', 'print JSON')
    .action(async (settings: string[], opts: { cluster?: string; server?: string }, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        const s = parseSettings(settings, ['addr', 'port']);
        // inventory.setResetPath, as the window's reset-path form.
        const r = await call(ctx, 'inventory.setResetPath', {
          ...(opts.cluster !== undefined ? { cluster: opts.cluster } : {}),
          ...(opts.server !== undefined ? { server: opts.server } : {}),
          ...(s.addr !== undefined ? { addr: s.addr } : {}),
          ...(s.port !== undefined ? { port: s.port } : {}),
        });
        const json = ctx.jsonFor(cmd);
        ctx.print(json, { ok: true, inventory: r.inventory, issues: renderIssues(r.issues, ctx.globals.lang) }, () => [
          ...settingLines(r.inventory, opts.cluster),
          ...warningsText(r.issues, ctx.globals.lang),
        ]);
      });
    });

  const pserver = program.command('pserver').description('register, change or remove a server and its BMC (like haconnsetup pserver)');
  pserver
    .command('add')
    .description('add a server: addr=<bmc ip>[:port] [addr2=<secondary>] [account=<user>] (the password is asked without echo)')
    .argument('<name>', 'server name: 1 to 31 letters and digits')
    .argument('<settings...>', 'addr=, addr2=, account=')
    .option(clusterOpt, clusterHelp)
    .option('--model <model>', modelHelp)
    .option('--password-stdin', 'read the account password from standard input')
    .option('--json', 'print JSON')
    .action(async (name: string, settings: string[], opts: { cluster?: string; passwordStdin?: boolean; model?: string }, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        const json = ctx.jsonFor(cmd);
        const s = parseSettings(settings, ['addr', 'addr2', 'account']);
        if (s.addr === undefined) throw new FieldKitError('CLI_USAGE', { detail: 'pserver add needs addr=<bmc ip>' });
        // A wrong model is refused before the password is asked.
        if (opts.model !== undefined) parseServerModel(opts.model);
        // Ask for the password before saving anything, so a refused or empty password changes nothing.
        const primary = parseBmcAddress(s.addr, 'addr').value;
        const pw = s.account && primary ? await askPassword(ctx, s.account, Boolean(opts.passwordStdin), primary) : undefined;
        const r = await call(ctx, 'inventory.addServer', {
          name,
          addr: s.addr,
          ...(opts.cluster !== undefined ? { cluster: opts.cluster } : {}),
          ...(s.addr2 !== undefined ? { addr2: s.addr2 } : {}),
          ...(s.account !== undefined ? { account: s.account } : {}),
          ...(opts.model !== undefined ? { model: opts.model } : {}),
        });
        const server = r.inventory.clusters.flatMap((c) => c.servers).find((x) => x.name === name)!;
        let credential: { stored: boolean; error?: ErrorPayload } | undefined;
        if (s.account && pw !== undefined) {
          credential = await storePassword(ctx, [server.bmc.primary, server.bmc.secondary], s.account, pw);
          warnCredential(ctx, json, credential.error);
        }
        ctx.print(json, { ok: true, server, credential, issues: renderIssues(r.issues, ctx.globals.lang) }, () => [
          `added ${name} (${formatBmcAddress(server.bmc.primary)}${server.bmc.secondary ? `, ${formatBmcAddress(server.bmc.secondary)}` : ''})${credential?.stored ? ', password stored in the keychain' : ''}`,
          ...warningsText(r.issues, ctx.globals.lang),
        ]);
      });
    });

  pserver
    .command('kg')
    .description("store the BMC key (Kg) of a server's BMCs in the keychain (asked without echo), or remove it with --clear")
    .argument('<name>')
    .option(clusterOpt, clusterHelp)
    .option('--kg-stdin', 'read the key from standard input (text up to 20 bytes, or 0x and up to 40 hex digits)')
    .option('--clear', 'remove the stored key: sessions are opened without Kg again')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { cluster?: string; kgStdin?: boolean; clear?: boolean }, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        const json = ctx.jsonFor(cmd);
        const inv = (await stored()).inventory;
        const cluster = opts.cluster !== undefined ? resolveCluster(inv, opts.cluster) : inv.clusters.find((c) => c.servers.some((x) => x.name === name));
        const server = cluster?.servers.find((x) => x.name === name);
        if (!cluster) throw new FieldKitError('SERVER_UNKNOWN', { server: name });
        if (!server) throw new FieldKitError('INVENTORY_SERVER_NOT_FOUND', { server: name, cluster: cluster.name });
        if (!server.account) throw new FieldKitError('CLI_USAGE', { detail: `${name} has no account= yet: the key is stored per BMC account (pserver mod ${name} account=<user>)` });
        const cred = credentialsOf(ctx.services());
        const endpoints = [server.bmc.primary, server.bmc.secondary].filter((e): e is BmcAddress => !!e);
        const at = (ep: BmcAddress) => ({ host: ep.host, ...(ep.port ? { port: ep.port } : {}), user: server.account, kind: 'kg' as const });
        if (opts.clear) {
          for (const ep of endpoints) await call(ctx, 'credentials.delete', at(ep));
        } else {
          const kg = await ctx.readKg(kgForPrompt(ctx.globals.lang, name), { stdin: opts.kgStdin, stdinOption: '--kg-stdin' });
          // Refuses an empty or over-long key before anything is stored.
          for (const ep of endpoints) cred.checkSecret(ep, server.account, kg, 'kg');
          // A key that cannot go to the keychain is an error here: unlike the window, the CLI has no session to keep it in.
          for (const ep of endpoints) await call(ctx, 'credentials.set', { ...at(ep), secret: kg, sessionFallback: false });
        }
        const kgStored = !opts.clear;
        if (server.ipmi.kgStored !== kgStored) {
          await call(ctx, 'inventory.putServer', { cluster: cluster.name, originalName: name, server: { ...server, ipmi: { ...server.ipmi, kgStored } } });
        }
        ctx.print(json, { ok: true, server: name, kgStored }, () => [kgStored ? `Kg of ${name} stored in the keychain (${endpoints.length} BMC address${endpoints.length > 1 ? 'es' : ''})` : `Kg of ${name} removed`]);
      });
    });

  pserver
    .command('del')
    .description('remove a server (and its stored password)')
    .argument('<name>')
    .option(clusterOpt, clusterHelp)
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { cluster?: string }, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        // inventory.removeServer, as the window's Delete; it names the cluster, so resolve it as the service would.
        const cluster = resolveCluster((await stored()).inventory, opts.cluster).name;
        const r = await call(ctx, 'inventory.removeServer', { cluster, name });
        ctx.print(ctx.jsonFor(cmd), { ok: true, deleted: name, issues: renderIssues(r.issues, ctx.globals.lang) }, () => [`deleted ${name}`, ...warningsText(r.issues, ctx.globals.lang)]);
      });
    });

  pserver
    .command('mod')
    .description('change a server: [name=<new>] [addr=] [addr2=] [account=] [--model <model>] (addr2= with no value removes it)')
    .argument('<name>')
    // Optional, so that --model alone is a change too.
    .argument('[settings...]', 'name=, addr=, addr2=, account=')
    .option(clusterOpt, clusterHelp)
    .option('--model <model>', `${modelHelp}; "" removes it`)
    .option('--password-stdin', 'read the new account password from standard input')
    .option('--json', 'print JSON')
    .action(async (name: string, settings: string[] | undefined, opts: { cluster?: string; passwordStdin?: boolean; model?: string }, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        const json = ctx.jsonFor(cmd);
        const s: ServerEdit = parseSettings(settings ?? [], ['name', 'addr', 'addr2', 'account']);
        if (opts.model !== undefined) {
          if (opts.model !== '') parseServerModel(opts.model);
          s.model = opts.model;
        }
        let pw: string | undefined;
        if (s.account) {
          const cur = await stored();
          const c = cur.inventory.clusters.find((x) => (opts.cluster ? x.name === opts.cluster : x.servers.some((y) => y.name === name)));
          const srv = c?.servers.find((y) => y.name === name);
          if (srv) pw = await askPassword(ctx, s.account, Boolean(opts.passwordStdin), srv.bmc.primary);
        }
        const r = await call(ctx, 'inventory.modifyServer', { name, set: s, ...(opts.cluster !== undefined ? { cluster: opts.cluster } : {}) });
        const newName = s.name ?? name;
        const server = r.inventory.clusters.flatMap((c) => c.servers).find((x) => x.name === newName)!;
        let credential: { stored: boolean; error?: ErrorPayload } | undefined;
        if (pw !== undefined && s.account) {
          credential = await storePassword(ctx, [server.bmc.primary, server.bmc.secondary], s.account, pw);
          warnCredential(ctx, json, credential.error);
        }
        ctx.print(json, { ok: true, server, credential, issues: renderIssues(r.issues, ctx.globals.lang) }, () => [`changed ${newName}`, ...warningsText(r.issues, ctx.globals.lang)]);
      });
    });

  const config = program.command('config').description('check, import and export the inventory');
  config
    .command('check')
    .description('check the inventory against every rule (exit 1 on errors)')
    .option('--json', 'print JSON')
    .action(async (_opts, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        const { inventory, issues } = await stored();
        const errors = errorsOf(issues).length;
        const lang = ctx.globals.lang;
        // The vendors' prerequisites per model: items for the engineer, never counted as errors or passes.
        const prerequisites = buildPrerequisites(inventory.clusters);
        ctx.print(ctx.jsonFor(cmd), { ok: errors === 0, errors, warnings: issues.length - errors, issues: renderIssues(issues, lang), prerequisites }, () => [
          ...(issues.length ? [...issueLines(issues, lang), `${errors} error(s), ${issues.length - errors} warning(s)`] : ['no problems found']),
          ...(prerequisites.items.length ? ['', PREREQ_HEADING[lang], ...prerequisiteLines(prerequisites.items, lang)] : []),
        ]);
        return errors ? EXIT.FAILED : EXIT.OK;
      });
    });

  config
    .command('export')
    .description('write the inventory as FieldKit JSON or CSV (by the file extension); never with a secret')
    .argument('<file>')
    .option('--format <fmt>', 'json or csv (default: from the extension)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { format?: string }, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        if (opts.format !== undefined && opts.format !== 'json' && opts.format !== 'csv') throw new FieldKitError('CLI_USAGE', { detail: '--format must be json or csv' });
        // inventory.export as the window's Export; the file named here is written like the service did (atomically, 0600).
        const format = (opts.format as 'json' | 'csv' | undefined) ?? (path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'json');
        const { content } = await call(ctx, 'inventory.export', { format });
        await writeFileAtomic(file, content, { mode: 0o600 });
        const r = { file, format, bytes: Buffer.byteLength(content) };
        ctx.print(ctx.jsonFor(cmd), { ok: true, ...r }, () => `exported ${r.format.toUpperCase()} to ${r.file} (${r.bytes} bytes)`);
      });
    });

  config
    .command('import')
    .description('import a FieldKit JSON export or a CSV of servers: everything is validated first, then applied all or nothing')
    .argument('<file>')
    .option('--dry-run', 'only show what would change')
    .option(clusterOpt, 'cluster for CSV rows without a cluster column')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { dryRun?: boolean; cluster?: string }, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        const json = ctx.jsonFor(cmd);
        const lang = ctx.globals.lang;
        // Read here (the file is the user's, on this machine); checked and applied by the window's channels.
        const text = await InventoryService.readImportFile(file);
        const request = { text, format: InventoryService.formatOf(file, text), fileName: file.length <= 260 ? file : path.basename(file), ...(opts.cluster !== undefined ? { cluster: opts.cluster } : {}) };
        const plan = await call(ctx, opts.dryRun ? 'inventory.importPreview' : 'inventory.importApply', request);
        if (!plan.ok) throw new InventoryRejected('INVENTORY_IMPORT_REJECTED', plan.issues);
        const shown = plan;
        ctx.print(json, { ...shown, applied: !opts.dryRun, issues: renderIssues(plan.issues, lang) }, () => [
          ...(plan.changes.length ? plan.changes.map(formatChange) : ['(no changes)']),
          ...warningsText(plan.issues, lang),
          opts.dryRun ? `dry run: ${plan.changes.length} change(s) would be applied; nothing was changed` : `imported: ${plan.changes.length} change(s) applied`,
        ]);
      });
    });

  // haconnsetup's `show setting` and bare `show` belong to the inventory; `show version` is the lead's.
  const show = program.commands.find((c) => c.name() === 'show');
  if (show) {
    show
      .command('setting')
      .description('print the reset path and the server table')
      .option(clusterOpt, clusterHelp)
      .option('--server <name>', "with --format haconnsetup: the server the Connector runs on (its own reset-path address is shown, as on that server)")
      .addOption(formatOption())
      .option('--json', 'print JSON')
      .action(async (opts: { cluster?: string; format: string; server?: string }, cmd: Command) => {
        await runEdit(ctx, cmd, async () => {
          // --cluster may have been taken by the bare show (a parent option written after "setting").
          opts.cluster = optionFrom(cmd, 'cluster');
          const { inventory } = await stored();
          if (formatOf(cmd) === 'haconnsetup') {
            const c = oneCluster(inventory, optionFrom(cmd, 'cluster'));
            const lines = connectorSettingLines(c, ownServerOf(c, optionFrom(cmd, 'server')));
            ctx.print(ctx.jsonFor(cmd), { cluster: c.name, server: optionFrom(cmd, 'server') ?? null, lines }, () => lines);
            return;
          }
          const clusters = opts.cluster ? inventory.clusters.filter((c) => c.name === opts.cluster) : inventory.clusters;
          if (opts.cluster && clusters.length === 0) throw new FieldKitError('INVENTORY_CLUSTER_NOT_FOUND', { cluster: opts.cluster, clusters: inventory.clusters.map((c) => c.name).join(', ') || '-' });
          ctx.print(ctx.jsonFor(cmd), {
            clusters: clusters.map((c) => ({
              name: c.name,
              kind: c.kind,
              resetPath: c.resetPath ?? null,
              servers: c.servers.map((s) => ({
                name: s.name,
                addr: formatBmcAddress(s.bmc.primary),
                addr2: s.bmc.secondary ? formatBmcAddress(s.bmc.secondary) : null,
                account: s.account,
                resetPathAddress: s.resetPathAddress ?? null,
                model: s.model ?? null,
              })),
            })),
          }, () => settingLines(inventory, opts.cluster));
        });
      });
    show
      .command('setup')
      .description("HA Monitor Connector's set-up for every server of a cluster, as the guide's procedure: stop, haconnsetup resetpath with that server's own address, pserver add for every server, start, show status and what to expect (passwords are asked by haconnsetup, never written)")
      .option(clusterOpt, clusterHelp)
      .option('--json', 'print JSON')
      .action(async (_opts: unknown, cmd: Command) => {
        await runEdit(ctx, cmd, async () => {
          const { inventory } = await stored();
          const doc = connectorSetup(oneCluster(inventory, optionFrom(cmd, 'cluster')));
          ctx.print(ctx.jsonFor(cmd), doc, () => connectorSetupLines(doc, ctx.globals.lang));
          // Non-zero when some block says what is missing instead of its commands.
          return doc.ready ? EXIT.OK : EXIT.FAILED;
        });
      });
    show.option('--json', 'print JSON').addOption(formatOption()).option(clusterOpt, clusterHelp).option('--server <name>', 'with --format haconnsetup: the server the Connector runs on').action(async (_opts: unknown, cmd: Command) => {
      await runEdit(ctx, cmd, async () => {
        const { inventory, issues } = await stored();
        if (formatOf(cmd) === 'haconnsetup') {
          // haconnsetup's bare show: setting + status + version, one cluster.
          const c = oneCluster(inventory, optionFrom(cmd, 'cluster'));
          const own = ownServerOf(c, optionFrom(cmd, 'server'));
          const rows = await statusRows(ctx, { cluster: c.name });
          const lines = connectorShowLines(c, rows, ctx.pkg.version, own);
          ctx.print(ctx.jsonFor(cmd), { cluster: c.name, lines }, () => lines);
          return;
        }
        const lang = ctx.globals.lang;
        // Whether each server's password is stored (never the password); one keychain error is enough to show.
        const cred = credentialsOf(ctx.services());
        const passwords: Array<{ cluster: string; server: string; account: string; stored: boolean; source?: string; error?: string }> = [];
        let keychainError: ErrorPayload | undefined;
        for (const c of inventory.clusters) {
          for (const s of c.servers) {
            if (!s.account) continue;
            const st = keychainError ? undefined : await cred.status(s.bmc.primary, s.account);
            if (st?.keychainError) keychainError = st.keychainError;
            passwords.push({ cluster: c.name, server: s.name, account: s.account, stored: Boolean(st?.stored), source: st?.source, error: keychainError?.id });
          }
        }
        const kcText = keychainError ? renderMessage(keychainError.id, keychainError.params, lang) : undefined;
        ctx.print(ctx.jsonFor(cmd), { version: { name: ctx.pkg.name, version: ctx.pkg.version }, inventory, passwords, keychainError, issues: renderIssues(issues, lang) }, () => [
          `FieldKit ${ctx.pkg.version}`,
          '',
          ...fullLines(inventory),
          'Passwords',
          ...(passwords.length ? passwords.map((p) => `  ${p.cluster}/${p.server} ${p.account}: ${p.error ? `unknown (${p.error})` : p.stored ? `stored (${p.source})` : 'not stored'}`) : ['  -']),
          ...(kcText ? [`  [${kcText.id}] ${kcText.text}`, `  → ${kcText.remedy}`] : []),
          '',
          ...(issues.length ? issueLines(issues, lang) : ['no problems found']),
        ]);
      });
    });
  }
}
