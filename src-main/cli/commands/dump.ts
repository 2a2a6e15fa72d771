import path from 'node:path';
import type { Command } from 'commander';
import { CONNECTOR_LOG_DIR, CONNECTOR_LOGS, connectorDumpLines, HACONNSETUP } from '../../../shared/guide/connector-dump';
import type { DumpProgress, DumpResult } from '../../../shared/model/dump';
import { callChannel } from '../api-call';
import { EXIT, type CliContext } from '../context';

interface DumpCliOptions {
  server?: string[];
  output?: string;
  bmc?: boolean;
  json?: boolean;
  passwordStdin?: boolean;
}

function summary(r: DumpResult): string[] {
  const lines = [`${r.file}`, `  ${r.fileCount} files, ${r.bytes} bytes, ${(r.elapsedMs / 1000).toFixed(1)} s`];
  for (const s of r.servers) {
    lines.push(`  ${s.server}: ${s.collected.length ? s.collected.join(', ') : 'nothing read'}${s.answeredBy ? ` (answered by ${s.answeredBy})` : ''}`);
    for (const e of s.errors) lines.push(`    ! ${e.step}${e.bmc ? ` ${e.bmc}` : ''}: [${e.errorId}] ${e.message}`);
  }
  return lines;
}

/** `fieldkit dump`: one archive of everything support needs (like `haconnsetup dump`). */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('dump')
    .description('collect FieldKitDump.<yyyymmddHHMMSS>.tar.gz: BMC data of every server, logs, inventory, cases, firmware records, versions')
    .option('--server <name...>', 'only these servers (default: every server of the inventory)')
    .option('--output <dir>', 'folder to write the archive to (default: the current folder)')
    .option('--no-bmc', 'do not contact any BMC: only FieldKit\'s own files')
    .option('--password-stdin', 'read the BMC password from standard input: used for a BMC that has none in the keychain and when FIELDKIT_PASSWORD is not set')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nA BMC that does not answer is recorded in the archive and the dump goes on. No password, key or token is ever written.' +
        '\nExit codes: 0 archive written (check the listed BMC errors); 1 no archive; 130 cancelled.' +
        '\nExamples:\n  fieldkit dump\n  fieldkit dump --server node1 node2 --output /tmp\n  fieldkit dump --no-bmc',
    )
    .action(async (o: DumpCliOptions, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        // Only what was piped in is passed down: the keychain and the environment are read per BMC address (resolveBmcSecret).
        const password = o.passwordStdin ? await ctx.readPassword('', { stdin: true }) : undefined;
        // dump.create as the window's Dump: the folder named here stands in for the window's
        // folder dialog; Ctrl-C: CANCELLED, exit code 130, the staging folder removed and no archive written.
        const r = await callChannel(ctx, 'dump.create', { chooseFolder: true, ...(o.server?.length ? { servers: o.server } : {}), noBmc: o.bmc === false }, {
          folder: path.resolve(o.output ?? process.cwd()),
          ...(password !== undefined ? { password } : {}),
          onEvent: (event, payload) => {
            if (event !== 'dump.progress') return;
            const p = payload as DumpProgress;
            ctx.progress(`[${p.done}/${p.total}] ${p.server ? `${p.server}: ` : ''}${p.step}`);
          },
        });
        // FieldKit reaches only the BMCs: remind the engineer of the Connector's own dump on each server.
        ctx.print(json, { ...r, connectorDump: { command: `${HACONNSETUP} dump`, file: `${CONNECTOR_LOG_DIR}/HaConnectorDump.<date>.tar.gz`, logs: CONNECTOR_LOGS.map((l) => l.file) } }, () => [
          ...summary(r),
          '',
          ...connectorDumpLines(ctx.globals.lang),
        ]);
        return EXIT.OK;
      });
    });
}
