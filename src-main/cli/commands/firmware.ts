import type { Command } from 'commander';
import { FieldKitError } from '../../../shared/errors';
import { PREREQ_HEADING, prerequisiteLines } from '../../../shared/guide/prerequisites';
import { renderMessage, type Lang } from '../../../shared/messages';
import { CHECKLIST_ITEMS, type Checklist, type FirmwareProgress, type FwCheck, type PostflightResult, type PreflightRecord } from '../../../shared/model/firmware';
import { checklistMessageId } from '../../services/firmware';
import { callChannel } from '../api-call';
import { EXIT, type CliContext } from '../context';
import { ask } from '../prompt';
import { waitingLine } from '../prompts';

interface CommonOptions {
  json?: boolean;
  passwordStdin?: boolean;
}

const MARK: Record<FwCheck['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', info: 'INFO' };

/** One line per check; warnings and failures get their remedy underneath. */
export function checkLines(checks: FwCheck[], lang: Lang): string[] {
  const out: string[] = [];
  for (const c of checks) {
    const r = renderMessage(c.message.id, c.message.params, lang);
    out.push(`  [${MARK[c.status]}] ${r.text}`);
    if (c.status === 'warn' || c.status === 'fail') out.push(`         → ${r.remedy}`);
  }
  return out;
}

function verdictLine(v: PreflightRecord['verdict'], lang: Lang): string {
  const t = { pass: ['PASS', '合格'], warn: ['PASS WITH WARNINGS', '合格 (警告あり)'], fail: ['FAIL', '不合格'] }[v];
  return `${lang === 'ja' ? '判定' : 'Verdict'}: ${lang === 'ja' ? t[1] : t[0]}`;
}

function preText(r: PreflightRecord, lang: Lang): string[] {
  return [
    `Pre-flight ${r.server}  ${r.takenAt}`,
    ...(r.device ? [`  firmware ${r.device.firmware}${r.device.auxFirmware ? ` (aux ${r.device.auxFirmware})` : ''}, power ${r.power ?? '?'}, answered by ${r.answeredBy ?? '-'}`] : []),
    ...checkLines(r.checks, lang),
    // The model's prerequisites: listed for the engineer, never part of the verdict.
    ...(r.prerequisites?.length ? [PREREQ_HEADING[lang], ...prerequisiteLines(r.prerequisites, lang).map((l) => `  ${l}`)] : []),
    verdictLine(r.verdict, lang),
    `Record: ${r.file ?? '-'}`,
  ];
}

function postText(r: PostflightResult, lang: Lang): string[] {
  const change =
    r.firmwareChange === 'changed' ? `${r.firmwareBefore} → ${r.firmwareAfter}  (CHANGED)` : r.firmwareChange === 'unchanged' ? `${r.firmwareAfter}  (UNCHANGED)` : `${r.firmwareAfter ?? '?'}  (no pre-flight to compare)`;
  return [
    `Post-flight ${r.server}  ${r.takenAt}  (BMC answered after ${(r.waitedMs / 1000).toFixed(1)} s)`,
    `  Firmware: ${change}`,
    ...(r.preflight ? [`  compared with ${r.preflight.file}`] : []),
    ...checkLines(r.checks, lang),
    ...(r.newSel.length ? ['  SEL entries added during the update:', ...r.newSel.map((e) => `    ${e.recordId.toString(16).padStart(4, '0')}  ${e.text}`)] : []),
    verdictLine(r.verdict, lang),
  ];
}

/** What --password-stdin piped in; the keychain and FIELDKIT_PASSWORD are read per BMC address (resolveBmcSecret). */
async function password(ctx: CliContext, o: CommonOptions): Promise<string | undefined> {
  return o.passwordStdin ? ctx.readPassword('', { stdin: true }) : undefined;
}

async function askChecklist(ctx: CliContext, server: string, yes: boolean): Promise<Checklist> {
  const lang = ctx.globals.lang;
  if (yes) return Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, true])) as Checklist;
  if (!process.stdin.isTTY) throw new FieldKitError('FIRMWARE_CHECKLIST_REQUIRED');
  const answers: Partial<Checklist> = {};
  for (const item of CHECKLIST_ITEMS) {
    const text = renderMessage(checklistMessageId(item), { server }, lang).text;
    const a = (await ask(`${text} [y/N] `)).trim().toLowerCase();
    answers[item] = a === 'y' || a === 'yes';
  }
  return answers as Checklist;
}

/** `fieldkit fwcheck pre|post <server>`: safety checks around a vendor BMC firmware update. */
export function register(program: Command, ctx: CliContext): void {
  const fw = program
    .command('fwcheck')
    .description('BMC firmware update safety checks: run "pre" before the vendor tool flashes, "post" after')
    .addHelpText('after', '\nExamples:\n  fieldkit fwcheck pre node1\n  fieldkit fwcheck post node1 --wait 600');

  fw.command('pre')
    .description('pre-flight: both BMC addresses, admin session, firmware version, SEL, SDR, slots, power; checklist; saved record')
    .argument('<server>', 'server name in the inventory')
    .option('-y, --yes', 'confirm every checklist item (HA monitor stopped, reset-path monitoring stopped, window agreed, firmware file checked)')
    .option('--password-stdin', 'read the BMC password from standard input: used for a BMC that has none in the keychain and when FIELDKIT_PASSWORD is not set')
    .option('--json', 'print the record as JSON')
    .addHelpText('after', '\nExit codes: 0 pass or warnings; 1 a check failed (do not update); 130 cancelled.')
    .action(async (server: string, o: CommonOptions & { yes?: boolean }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const checklist = await askChecklist(ctx, server, Boolean(o.yes));
        const pw = await password(ctx, o);
        // firmware.preflight as the window's: the same checks, record and operation log.
        const r = await callChannel(ctx, 'firmware.preflight', { server, checklist }, {
          ...(pw !== undefined ? { password: pw } : {}),
          onEvent: (event, payload) => {
            const p = payload as FirmwareProgress;
            if (event === 'firmware.progress' && p.phase === 'step') ctx.progress(`… ${p.step}`);
          },
        });
        ctx.print(json, r, () => preText(r, ctx.globals.lang));
        return r.verdict === 'fail' ? EXIT.FAILED : EXIT.OK;
      });
    });

  fw.command('post')
    .description('post-flight: wait for the BMC, compare firmware with the newest pre-flight, re-read SDR, sensors, slots, new SEL entries')
    .argument('<server>', 'server name in the inventory')
    .option('--wait <seconds>', 'how long to wait for the BMC to answer again (default 300)')
    .option('--password-stdin', 'read the BMC password from standard input: used for a BMC that has none in the keychain and when FIELDKIT_PASSWORD is not set')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 pass or warnings; 1 a check failed or the BMC did not answer; 130 cancelled.')
    .action(async (server: string, o: CommonOptions & { wait?: string }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const wait = o.wait === undefined ? 300 : Number(o.wait);
        if (!Number.isInteger(wait) || wait < 1 || wait > 3600) throw new FieldKitError('FIRMWARE_BAD_WAIT', { value: String(o.wait) });
        const pw = await password(ctx, o);
        let lastShown = -1;
        // Ctrl-C ends the wait (up to an hour) at once: CANCELLED, exit code 130, no record written.
        const r = await callChannel(ctx, 'firmware.postflight', { server, waitSeconds: wait }, {
          ...(pw !== undefined ? { password: pw } : {}),
          onEvent: (event, payload) => {
            if (event !== 'firmware.progress') return;
            const p = payload as FirmwareProgress;
            if (p.phase === 'step') return ctx.progress(`… ${p.step}`);
            const s = Math.floor(p.elapsedMs / 1000);
            if (s === lastShown) return;
            lastShown = s;
            ctx.progress(waitingLine(ctx.globals.lang, server, s, Math.round(p.limitMs / 1000), Boolean(p.answering)));
          },
        });
        ctx.print(json, r, () => postText(r, ctx.globals.lang));
        return r.verdict === 'fail' ? EXIT.FAILED : EXIT.OK;
      });
    });
}
