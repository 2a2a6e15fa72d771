import { Command, CommanderError, Option } from 'commander';
import { CliContext, EXIT, type AppPackageInfo } from './context';

type Register = (program: Command, ctx: CliContext) => unknown;

/**
 * Command domains, in registration order (show before inventory: inventory
 * adds `show setting`). Each is loaded only when its commands are used, so a
 * quick `fieldkit power status` does not pay for the SNMP stack, the
 * WebSocket server or the contract schemas (startup time counts in `exec`
 * benchmarks and in scripts that call fieldkit in a loop).
 */
export const domainLoaders: Record<string, () => Promise<{ register: Register }>> = {
  show: () => import('./commands/show'),
  serve: () => import('./commands/serve'),
  inventory: () => import('./commands/inventory'),
  ipmi: () => import('./commands/ipmi'),
  lan: () => import('./commands/lan'),
  traps: () => import('./commands/traps'),
  recovery: () => import('./commands/recovery'),
  firmware: () => import('./commands/firmware'),
  dump: () => import('./commands/dump'),
  sol: () => import('./commands/sol'),
};

/** Which domains define each top-level command (checked against the real tree by a test). */
export const commandDomains: Record<string, string[]> = {
  show: ['show', 'inventory'],
  explain: ['show'],
  serve: ['serve'],
  resetpath: ['inventory'],
  pserver: ['inventory'],
  config: ['inventory'],
  mc: ['ipmi'],
  power: ['ipmi'],
  sensors: ['ipmi'],
  slots: ['ipmi'],
  sdr: ['ipmi'],
  sel: ['ipmi'],
  fru: ['ipmi'],
  raw: ['ipmi'],
  rearm: ['ipmi'],
  exec: ['ipmi'],
  lan: ['lan'],
  traps: ['traps'],
  recover: ['recovery'],
  cases: ['recovery'],
  fwcheck: ['firmware'],
  dump: ['dump'],
  sol: ['sol'],
};

/** Global options that take a value, so the command word can be found without loading everything. */
const VALUE_OPTIONS = new Set(['--home', '--lang']);

/** Where the top-level command word is in argv (after node and script), or -1. */
function commandWordIndex(args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return i;
  }
  return -1;
}

/** The top-level command word in argv (after node and script), or undefined. */
export function commandWord(args: string[]): string | undefined {
  const i = commandWordIndex(args);
  return i < 0 ? undefined : args[i];
}

/**
 * Subcommands that need fewer domains than their command word: `show version`
 * is the show domain's alone, but `show` gets `setting`, `setup` and options of
 * its own from the inventory domain, whose load (inventory service, schemas)
 * would be most of a version print's cost. Only when the rest of the line is
 * the subcommand's own options or global ones: anything else (such as a
 * `show` option written after `version`) is parsed by the full `show` tree,
 * so the command behaves the same either way.
 */
export const subcommandDomains: Record<string, { domains: string[]; flags: string[]; valueOptions: string[] }> = {
  'show version': { domains: ['show'], flags: ['--json', '-h', '--help', '-V', '--version'], valueOptions: ['--format', '--home', '--lang'] },
};

function narrowed(args: string[], word: string): string[] | undefined {
  const at = commandWordIndex(args);
  const sub = subcommandDomains[`${word} ${args[at + 1]}`];
  if (!sub) return undefined;
  // Global options before the word are fine (commandWord skipped them); after it, only known ones.
  for (let i = at + 2; i < args.length; i++) {
    const a = args[i];
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (sub.valueOptions.includes(name)) {
      if (name === a) i++;
    } else if (!sub.flags.includes(a)) {
      return undefined;
    }
  }
  return sub.domains;
}

/** Domains to load for argv: only the command's own, or all of them for help and unknown words. */
export function domainsFor(args: string[]): string[] {
  const word = commandWord(args);
  const known = word !== undefined && word !== 'help' ? narrowed(args, word) ?? commandDomains[word] : undefined;
  return known ?? Object.keys(domainLoaders);
}

/** Builds the `fieldkit` command tree with the given domains (all by default). */
export async function buildProgram(
  pkg: AppPackageInfo,
  env: NodeJS.ProcessEnv = process.env,
  domains: string[] = Object.keys(domainLoaders),
): Promise<{ program: Command; ctx: CliContext }> {
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

  // Registration order is the order of domainLoaders, whatever subset is loaded.
  for (const name of Object.keys(domainLoaders)) {
    if (!domains.includes(name)) continue;
    const mod = await domainLoaders[name]();
    mod.register(program, ctx);
  }

  // Every subcommand inherits exit override so usage errors map to exit code 2.
  const applyOverride = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(applyOverride);
  };
  applyOverride(program);
  return { program, ctx };
}

export async function runCli(argv: string[], pkg: AppPackageInfo): Promise<void> {
  const { program } = await buildProgram(pkg, process.env, domainsFor(argv.slice(2)));
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
