import path from 'node:path';
import type { Command } from 'commander';
import { FieldKitError } from '../../../shared/errors';
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

/** Ctrl-C ends with exit code 130 like every other command (the context maps errors marked cancelled). */
function markCancelled(e: unknown): never {
  if (e instanceof FieldKitError && e.id === 'DUMP_CANCELLED') throw Object.assign(e, { cancelled: true });
  throw e;
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
        const abort = new AbortController();
        const onSigint = () => abort.abort();
        process.once('SIGINT', onSigint);
        try {
          const r = await dumpOf(ctx.services()).run({
            outputDir: path.resolve(o.output ?? process.cwd()),
            ...(o.server?.length ? { servers: o.server } : {}),
            noBmc: o.bmc === false,
            ...(password !== undefined ? { password } : {}),
            who: ctx.who,
            via: 'cli',
            signal: abort.signal,
            onProgress: (p) => ctx.progress(`[${p.done}/${p.total}] ${p.server ? `${p.server}: ` : ''}${p.step}`),
          }).catch(markCancelled);
          ctx.print(json, r, () => summary(r));
          return EXIT.OK;
        } finally {
          process.removeListener('SIGINT', onSigint);
          await bmcServiceOf(ctx.services()).close();
        }
      });
    });
}
