import type { Command } from 'commander';
import type { CliContext } from '../context';

/** Commands of the dump domain. */
export function register(program: Command, ctx: CliContext): void {
  void program;
  void ctx;
}
