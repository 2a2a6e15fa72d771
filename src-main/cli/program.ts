import { Command, CommanderError, Option } from 'commander';
import { CliContext, EXIT, type AppPackageInfo } from './context';
import { register as registerDump } from './commands/dump';
import { register as registerFirmware } from './commands/firmware';
import { register as registerInventory } from './commands/inventory';
import { register as registerIpmi } from './commands/ipmi';
import { register as registerRecovery } from './commands/recovery';
import { register as registerServe } from './commands/serve';
import { register as registerShow } from './commands/show';
import { register as registerTraps } from './commands/traps';

/** Builds the whole `fieldkit` command tree; kept apart from main.ts so tests can inspect it. */
export function buildProgram(pkg: AppPackageInfo, env: NodeJS.ProcessEnv = process.env): { program: Command; ctx: CliContext } {
  const program = new Command('fieldkit');
  const ctx = new CliContext(program, pkg, env);
  program
    .description('BMC FieldKit: IPMI, PET traps and guided recovery for BMC-fenced cluster servers')
    .version(pkg.version, '-V, --version', 'print the version')
    .option('--home <dir>', 'state directory (default: FIELDKIT_HOME or the platform app-data folder)')
    .option('--json', 'print machine-readable JSON')
    .addOption(new Option('--lang <lang>', 'language of messages (default: from FIELDKIT_LANG / LANG)').choices(['en', 'ja']))
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      '\nExit codes: 0 success; 1 the operation failed or a check found problems; 2 wrong command line; 130 cancelled.',
    );

  registerShow(program, ctx);
  registerServe(program, ctx);
  registerInventory(program, ctx);
  registerIpmi(program, ctx);
  registerTraps(program, ctx);
  registerRecovery(program, ctx);
  registerFirmware(program, ctx);
  registerDump(program, ctx);

  // Every subcommand inherits exit override so usage errors map to exit code 2.
  const applyOverride = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(applyOverride);
  };
  applyOverride(program);
  return { program, ctx };
}

export async function runCli(argv: string[], pkg: AppPackageInfo): Promise<void> {
  const { program } = buildProgram(pkg);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      process.exitCode = e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      return;
    }
    throw e;
  }
}
