import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { FieldKitError } from '../../../shared/errors';
import { PREREQ_HEADING, prerequisiteLines } from '../../../shared/guide/prerequisites';
import { renderMessage, type Lang } from '../../../shared/messages';
import { caseReason, stepLine } from '../../../shared/model/case-text';
import type { RecoveryCase, SlotSnapshot } from '../../../shared/model/case';
import { CLEAR_ALL_FAULTS_PATH, MAX_RECOVERY_CYCLES, SLOT_STATE_TEXT, slotRecovered } from '../../../shared/model/case';
import type { ChannelName, Req, Res } from '../../../shared/contract';
import type { ConfirmAction } from '../../../shared/contract/confirm';
import type { RecoveryProgressEvent } from '../../../shared/contract/recovery';
import { callChannel, type CliCallOptions } from '../api-call';
import { EXIT, type CliContext } from '../context';
import { cliText } from '../prompts';

interface RecoverOptions {
  resume?: string;
  yes?: boolean;
  json?: boolean;
  clearSel?: boolean;
  faultsCleared?: boolean;
  powerTimeout?: string;
  verifyTimeout?: string;
  pollInterval?: string;
}

/**
 * `fieldkit recover <server>` / `recover --resume CASE` / `cases list|show|abort|export`.
 * The terminal view of the recovery state machine: it calls the same service
 * transitions as the wizard, prompting where the wizard shows a button.
 */
/**
 * A case report names servers, BMC addresses and what was done to them: it is
 * written readable by its owner only (0600), like the dump archive, also
 * when it replaces an existing file.
 */
async function writePrivate(file: string, content: string): Promise<void> {
  await fs.writeFile(file, content, { encoding: 'utf8', mode: 0o600 });
  await fs.chmod(file, 0o600);
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('recover')
    .description('guided post-fencing recovery: check slots, Clear All Faults, power off, power on, verify, report')
    .argument('[server]', 'server name in the inventory')
    .option('--resume <case>', 'continue an unfinished case (re-reads the server first)')
    .option('-y, --yes', 'confirm the checklist and every action without asking')
    .option('--clear-sel', 'clear the SEL after it was saved with the case')
    .option('--faults-cleared', 'Clear All Faults has already been pressed in the BMC web console (scripted runs; counts for one cycle)')
    .option('--power-timeout <seconds>', 'wait this long for power off / on (default 120)')
    .option('--verify-timeout <seconds>', 're-read the slots this long before giving up (default 180)')
    .option('--poll-interval <ms>', 'how often to poll the BMC while waiting (default 2000)')
    .option('--json', 'print the case as JSON at the end; progress as JSON lines on stderr')
    .addHelpText(
      'after',
      '\nSteps, in the vendor guide\'s order: checklist; Clear All Faults (a vendor profile\'s command where one is' +
        `\nconfigured; otherwise press it in the BMC web console, ${CLEAR_ALL_FAULTS_PATH.ja.join(' > ')} /` +
        `\n${CLEAR_ALL_FAULTS_PATH.en.join(' > ')}, and confirm); IPMI re-arm of the slot sensors (an extra step);` +
        '\npower off; power on; verify. If a fault remains, the whole cycle is offered once more before hardware service.' +
        '\n--yes confirms the checklist and FieldKit\'s own actions; it never stands for pressing Clear All Faults: give --faults-cleared.' +
        '\nExit codes: 0 recovered or nothing to recover; 1 a fault remains or a step failed (the case can be resumed); 130 cancelled.' +
        '\nExamples:\n  fieldkit recover node1\n  fieldkit recover node1 --yes --faults-cleared --json\n  fieldkit recover --resume 2026-11-22T03-40-00Z-node1-ab12',
    )
    .action(async (server: string | undefined, opts: RecoverOptions, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, () => recover(ctx, server, opts, json));
    });

  const cases = program.command('cases').description('recovery cases: list, show, export, abort');
  cases
    .command('list')
    .description('list recovery cases, newest first')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const list = await callChannel(ctx, 'recovery.list', {});
        ctx.print(json, list, () =>
          list.length === 0 ? 'no recovery cases' : list.map((c) => `${c.id}  ${c.server}  ${c.phase}  ${c.updatedAt}  ${c.operator}`),
        );
      });
      void opts;
    });
  cases
    .command('show')
    .description('show one case: steps, slots before and after, SEL events')
    .argument('<case>', 'case id')
    .option('--json', 'print the case record as JSON')
    .option('--html <file>', 'also write the HTML report to a file')
    .action(async (id: string, opts: { html?: string }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const c = await callChannel(ctx, 'recovery.get', { caseId: id });
        if (opts.html) await writePrivate(opts.html, await report(ctx, id, 'html'));
        ctx.print(json, JSON.parse(await report(ctx, id, 'json')), () => describeCase(c, ctx.globals.lang));
      });
    });
  cases
    .command('export')
    .description('write a case report as HTML and/or JSON')
    .argument('<case>', 'case id')
    .option('--html <file>', 'HTML report')
    .option('--json-file <file>', 'JSON report')
    .action(async (id: string, opts: { html?: string; jsonFile?: string }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        if (!opts.html && !opts.jsonFile) throw new FieldKitError('CLI_USAGE', { detail: 'give --html FILE and/or --json-file FILE' });
        const c = await callChannel(ctx, 'recovery.get', { caseId: id });
        const written: string[] = [];
        if (opts.html) {
          await writePrivate(opts.html, await report(ctx, id, 'html'));
          written.push(opts.html);
        }
        if (opts.jsonFile) {
          await writePrivate(opts.jsonFile, await report(ctx, id, 'json'));
          written.push(opts.jsonFile);
        }
        ctx.print(json, { caseId: c.id, written }, () => written.map((w) => `wrote ${w}`));
      });
    });
  cases
    .command('abort')
    .description('abort an unfinished case (what was done stays recorded)')
    .argument('<case>', 'case id')
    .option('--reason <text>', 'why')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { reason?: string }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const c = await callChannel(ctx, 'recovery.abort', { caseId: id, ...(opts.reason !== undefined ? { reason: opts.reason } : {}) });
        ctx.print(json, c, () => `case ${c.id}: ${c.phase} (${caseReason(c, ctx.globals.lang)})`);
      });
    });
}

/** A case report (recovery.report), in the user's language. */
async function report(ctx: CliContext, caseId: string, format: 'html' | 'json'): Promise<string> {
  return (await callChannel(ctx, 'recovery.report', { caseId, format, lang: ctx.globals.lang })).content;
}

/**
 * The recovery channels as the wizard calls them, with this command's waits
 * and progress. A step that changes the server is asked at the terminal
 * first; then the main process issues its one-time confirmation
 * (confirm.prepare for that action, server and case), which the handler
 * consumes before the state machine runs the step.
 */
class RecoveryCalls {
  constructor(
    private readonly ctx: CliContext,
    private readonly options: CliCallOptions,
  ) {}

  call<C extends ChannelName>(channel: C, request: Req<C>): Promise<Res<C>> {
    return callChannel(this.ctx, channel, request, this.options);
  }

  async confirmation(action: Extract<ConfirmAction, `recovery.${string}`>, c: RecoveryCase, clearSel?: boolean): Promise<string> {
    const prepare: Req<'confirm.prepare'> = action === 'recovery.clearFaults'
      ? { action, server: c.server, detail: { caseId: c.id, clearSel: Boolean(clearSel) } }
      : { action, server: c.server, detail: { caseId: c.id } };
    return (await this.call('confirm.prepare', prepare)).confirmationId;
  }
}

const num = (v: string | undefined, scale: number) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new FieldKitError('CLI_USAGE', { detail: `not a number: ${v}` });
  return Math.round(n * scale);
};

async function recover(ctx: CliContext, server: string | undefined, opts: RecoverOptions, json: boolean): Promise<number> {
  if (!server && !opts.resume) throw new FieldKitError('CLI_USAGE', { detail: 'give a server name, or --resume CASE' });
  if (server && opts.resume) throw new FieldKitError('CLI_USAGE', { detail: 'give either a server name or --resume CASE, not both' });
  const yes = Boolean(opts.yes);
  const timings = { powerTimeoutMs: num(opts.powerTimeout, 1000), verifyTimeoutMs: num(opts.verifyTimeout, 1000), pollMs: num(opts.pollInterval, 1) };
  // Ctrl-C: the step in flight stops (recorded in the case as cancelled), exit code 130 (callChannel passes ctx.signal).
  const say = (line: string) => {
    if (!json) process.stderr.write(`${line}\n`);
  };
  const onProgress = (p: RecoveryProgressEvent) => {
    if (json) process.stderr.write(`${JSON.stringify({ progress: p })}\n`);
    else {
      const pct = p.timeoutMs > 0 ? Math.min(100, Math.round((p.elapsedMs / p.timeoutMs) * 100)) : 100;
      const what = p.phase === 'verify' ? `waiting for ${p.pendingSlots?.join(', ') || 'slots'}` : `power ${p.power ?? '?'}`;
      process.stderr.write(`  ${p.phase}: ${what} (${Math.round(p.elapsedMs / 1000)} s, ${pct}% of the time limit, ${p.bmc ?? '?'} BMC)\n`);
    }
  };
  const step = (c: RecoveryCase) => {
    if (json) process.stderr.write(`${JSON.stringify({ caseId: c.id, phase: c.phase })}\n`);
  };
  const svc = new RecoveryCalls(ctx, {
    recoveryTimings: Object.fromEntries(Object.entries(timings).filter(([, v]) => v !== undefined)),
    onEvent: (event, payload) => { if (event === 'recovery.progress') onProgress(payload as RecoveryProgressEvent); },
  });

  let c: RecoveryCase;
  if (opts.resume) {
    say(`Resuming case ${opts.resume}: reading the server's state first...`);
    c = await svc.call('recovery.resume', { caseId: opts.resume });
    const last = c.steps[c.steps.length - 1];
    if (last?.step === 'resume') say(`  ${stepLine(last, ctx.globals.lang)}`);
    if (c.phase === 'guidance') {
      // Resuming a case in guidance is "check again": read the slots once more.
      say('Checking the slots again...');
      c = await svc.call('recovery.verify', { caseId: c.id });
    }
  } else {
    say(`Connecting to the BMC of ${server}...`);
    c = await svc.call('recovery.start', { server: server! });
    say(`Case ${c.id}`);
  }
  step(c);
  say(describeSlots('Slots', c.slotsBefore, c.fencedSlots).join('\n'));
  c = await drive(ctx, svc, c, { yes, clearSel: Boolean(opts.clearSel), faultsCleared: Boolean(opts.faultsCleared), lang: ctx.globals.lang, say, step });
  ctx.print(json, c, () => outcomeLines(c, ctx.globals.lang));
  return c.phase === 'recovered' || c.phase === 'nothing-to-recover' ? EXIT.OK : EXIT.FAILED;
}

interface DriveOpts {
  yes: boolean;
  clearSel: boolean;
  /** --faults-cleared: Clear All Faults was pressed for the next cycle (used once). */
  faultsCleared: boolean;
  lang: 'en' | 'ja';
  say: (l: string) => void;
  step: (c: RecoveryCase) => void;
}

/** Walks the machine from wherever the case stands to an end (or to guidance). */
async function drive(ctx: CliContext, svc: RecoveryCalls, c: RecoveryCase, o: DriveOpts): Promise<RecoveryCase> {
  for (;;) {
    switch (c.phase) {
      case 'assess':
        c = await svc.call('recovery.resume', { caseId: c.id });
        break;
      case 'checklist': {
        // The model's prerequisites first, for the engineer to check by hand; FieldKit does not ask or tick them.
        if (c.prerequisites?.length) for (const l of [PREREQ_HEADING[o.lang], ...prerequisiteLines(c.prerequisites, o.lang).map((x) => `  ${x}`), '']) o.say(l);
        o.say(cliText(o.lang, 'checklistHeading'));
        await ctx.confirm(cliText(o.lang, 'checklistFailover'), o.yes);
        await ctx.confirm(cliText(o.lang, 'checklistIsolated'), o.yes);
        await ctx.confirm(cliText(o.lang, 'checklistWindow'), o.yes);
        c = await svc.call('recovery.checklist', { caseId: c.id, answers: { failoverElsewhere: true, serverIsolated: true, maintenanceWindow: true } });
        o.say('  checklist confirmed; SEL and slot snapshot saved with the case');
        break;
      }
      case 'clear':
        c = await clearStep(ctx, svc, c, o);
        break;
      case 'power-off':
        await ctx.confirmTyped(cliText(o.lang, 'typeNameToPowerOff', c.server), c.server, o.yes);
        o.say(`Powering off ${c.server}...`);
        c = await svc.call('recovery.powerOff', { caseId: c.id, confirmName: c.server, confirmationId: await svc.confirmation('recovery.powerOff', c) });
        o.say('  power is off');
        break;
      case 'power-on':
        await ctx.confirm(cliText(o.lang, 'powerOnServer', c.server), o.yes);
        o.say(`Powering on ${c.server}...`);
        // The handler consumes this one-time confirmation: asked here, issued by the main process.
        c = await svc.call('recovery.powerOn', { caseId: c.id, confirmationId: await svc.confirmation('recovery.powerOn', c) });
        o.say('  power is on');
        break;
      case 'verify':
        o.say('Verifying the slots...');
        c = await svc.call('recovery.verify', { caseId: c.id });
        break;
      case 'guidance': {
        if (!(await cycleAgain(ctx, c, o))) return c;
        c = await clearStep(ctx, svc, c, o);
        break;
      }
      case 'recovered':
      case 'nothing-to-recover':
      case 'aborted':
        return c;
    }
    o.step(c);
  }
}

/**
 * Clear All Faults, then the IPMI re-arm. Guided (no vendor command): the
 * engineer presses Clear All Faults in the BMC web console and says so here
 * (or with --faults-cleared); --yes never stands for it.
 */
async function clearStep(ctx: CliContext, svc: RecoveryCalls, c: RecoveryCase, o: DriveOpts): Promise<RecoveryCase> {
  const names = c.fencedSlots.map((n) => c.slotsBefore.find((s) => s.sensorNumber === n)?.name ?? `sensor ${n}`);
  const cycle = c.phase === 'guidance' ? (c.cycle ?? 1) + 1 : (c.cycle ?? 1);
  const extra = cliText(o.lang, 'rearmExtra', names.join(', '), o.clearSel);
  let faultsCleared = false;
  if (c.clearAllFaults?.method === 'vendor') {
    await ctx.confirm(cliText(o.lang, 'vendorClear', cycle, c.server, c.clearAllFaults.profile ?? '', extra), o.yes);
  } else {
    const menu = o.lang === 'ja' ? CLEAR_ALL_FAULTS_PATH.ja : CLEAR_ALL_FAULTS_PATH.en;
    o.say(`Cycle ${cycle}: Clear All Faults, in the BMC web console of ${c.server}:`);
    o.say(`  1. open the BMC web console (${c.bmcsAnswered[0]?.address.replace(/:\d+$/, '') ?? 'the BMC address'}) and log in`);
    o.say(`  2. ${menu.join(' > ')}${o.lang === 'ja' ? ` (${CLEAR_ALL_FAULTS_PATH.en.join(' > ')})` : ` (${CLEAR_ALL_FAULTS_PATH.ja.join(' > ')})`}`);
    o.say(`  3. press [${CLEAR_ALL_FAULTS_PATH.button}]`);
    if (o.faultsCleared) {
      o.faultsCleared = false;
      o.say('  --faults-cleared: Clear All Faults was pressed');
    } else if (process.stdin.isTTY) {
      await ctx.confirm(cliText(o.lang, 'pressedClear', CLEAR_ALL_FAULTS_PATH.button, c.server), false);
    } else {
      throw new FieldKitError('RECOVERY_CLEAR_ALL_FAULTS_UNCONFIRMED', {
        server: c.server, pathEn: CLEAR_ALL_FAULTS_PATH.en.join(' > '), pathJa: CLEAR_ALL_FAULTS_PATH.ja.join(' > '),
      });
    }
    faultsCleared = true;
    await ctx.confirm(cliText(o.lang, 'rearmOn', extra, c.server), o.yes);
  }
  const before = c.steps.length;
  const confirmationId = await svc.confirmation('recovery.clearFaults', c, o.clearSel);
  c = await svc.call('recovery.clearFaults', { caseId: c.id, clearSel: o.clearSel, faultsCleared, confirmationId });
  for (const s of c.steps.slice(before)) o.say(`  ${s.step}: ${s.result} ${stepLine(s, o.lang)}`);
  return c;
}

/** In guidance: offer the whole cycle once more (a terminal asks; a script needs --yes and --faults-cleared). */
async function cycleAgain(ctx: CliContext, c: RecoveryCase, o: DriveOpts): Promise<boolean> {
  if ((c.cycle ?? 1) >= MAX_RECOVERY_CYCLES) return false;
  const q = cliText(o.lang, 'cycleAgain', c.server);
  if (!process.stdin.isTTY) {
    if (o.yes && o.faultsCleared) {
      o.say(`${q} yes (--yes --faults-cleared)`);
      return true;
    }
    return false;
  }
  try {
    await ctx.confirm(q, false);
    return true;
  } catch (e) {
    if (e instanceof FieldKitError && e.id === 'CLI_ABORTED') return false;
    throw e;
  }
}

function slotLine(s: SlotSnapshot, fenced: boolean): string {
  const mark = !s.readable ? '[ ?? ]' : s.faulted ? '[FAULT]' : slotRecovered(s) ? '[ ok ]' : '[ -- ]';
  const states = s.asserted.map((o) => SLOT_STATE_TEXT[o] ?? `state ${o}`).join(', ') || 'no state asserted';
  return `  ${mark} ${s.name.padEnd(14)} ${states}${fenced ? '  (fenced)' : ''}`;
}

function describeSlots(title: string, slots: SlotSnapshot[], fenced: number[]): string[] {
  return [`${title}:`, ...slots.map((s) => slotLine(s, fenced.includes(s.sensorNumber)))];
}

function outcomeLines(c: RecoveryCase, lang: 'en' | 'ja'): string[] {
  const out: string[] = [];
  if (c.phase === 'nothing-to-recover') out.push(`${c.server}: nothing to recover: no slot reads a fault. Nothing was sent to the server.`);
  else if (c.phase === 'recovered') {
    out.push(...describeSlots('Slots after', c.slotsAfter ?? [], c.fencedSlots));
    out.push(`${c.server}: RECOVERED: every fenced slot reads installed/attached and no fault is asserted.`);
  } else if (c.phase === 'guidance') {
    out.push(...describeSlots('Slots after', c.slotsAfter ?? [], c.fencedSlots));
    const last = [...c.steps].reverse().find((s) => s.errorId);
    const m = renderMessage(last?.errorId ?? 'RECOVERY_FAULT_REMAINS', last?.errorParams ?? { server: c.server, slots: '?' }, lang);
    out.push(`${c.server}: NOT RECOVERED: ${m.text}`, `  → ${m.remedy}`);
    if ((c.cycle ?? 1) < MAX_RECOVERY_CYCLES) out.push(`  Check again, then the cycle once more: fieldkit recover --resume ${c.id}`);
  } else out.push(`${c.server}: case ${c.phase}`);
  out.push(`Case ${c.id}; report: fieldkit cases export ${c.id} --html report.html`);
  return out;
}

function describeCase(c: RecoveryCase, lang: Lang): string[] {
  return [
    `Case ${c.id}: ${c.server}${c.cluster ? ` (${c.cluster})` : ''}, ${c.phase}`,
    `  by ${c.operator} via ${c.via}, ${c.createdAt} .. ${c.updatedAt}`,
    `  BMCs answered: ${c.bmcsAnswered.map((b) => `${b.role} ${b.address}`).join(', ') || '-'}`,
    ...describeSlots('Slots before', c.slotsBefore, c.fencedSlots),
    ...(c.slotsAfter ? describeSlots('Slots after', c.slotsAfter, c.fencedSlots) : []),
    'Steps:',
    ...c.steps.map((s) => `  ${s.at}  ${s.step.padEnd(12)} ${s.result.padEnd(7)} ${s.bmc ?? ''} ${stepLine(s, lang)}`),
  ];
}
