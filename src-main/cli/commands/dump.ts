import path from 'node:path';
import type { Command } from 'commander';
import type { DumpResult } from '../../../shared/model/dump';
import { bmcServiceOf } from '../../services/bmc';
import { dumpOf } from '../../services/dump/wire';
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
    .option('--password-stdin', 'read the BMC password from standard input (else FIELDKIT_PASSWORD, else the keychain)')
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
        const password = o.passwordStdin || process.env.FIELDKIT_PASSWORD !== undefined ? await ctx.readPassword('', { stdin: o.passwordStdin }) : undefined;
        try {
          const r = await dumpOf(ctx.services()).run({
            outputDir: path.resolve(o.output ?? process.cwd()),
            ...(o.server?.length ? { servers: o.server } : {}),
            noBmc: o.bmc === false,
            ...(password !== undefined ? { password } : {}),
            who: ctx.who,
            via: 'cli',
            // Ctrl-C: CANCELLED, exit code 130, the staging folder removed and no archive written.
            signal: ctx.signal,
            onProgress: (p) => ctx.progress(`[${p.done}/${p.total}] ${p.server ? `${p.server}: ` : ''}${p.step}`),
          });
          ctx.print(json, r, () => summary(r));
          return EXIT.OK;
        } finally {
          await bmcServiceOf(ctx.services()).close();
        }
      });
    });
}
