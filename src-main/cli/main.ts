import pkg from '../../package.json';
import { commandDomains, runCli } from './program';

/** For the launcher (bin/fieldkit.cjs): keeps a code cache only for the CLI's own command words. */
export function isCommandWord(word: string): boolean {
  return Object.hasOwn(commandDomains, word);
}

// `fieldkit ... | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

runCli(process.argv, { name: pkg.productName ?? pkg.name, version: pkg.version }).catch((e: unknown) => {
  // Only reached by a bug: command bodies catch and catalogue their own errors.
  process.stderr.write(`fieldkit: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
