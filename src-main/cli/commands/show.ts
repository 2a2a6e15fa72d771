import type { Command } from 'commander';
import type { CliContext } from '../context';

export function showVersionData(ctx: CliContext) {
  return {
    name: ctx.pkg.name,
    version: ctx.pkg.version,
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** `fieldkit show ...` (haconnsetup's show): version here; setting and status from their domains. */
export function register(program: Command, ctx: CliContext): Command {
  const show = program.command('show').description('show version, settings and status (like haconnsetup show)');

  show
    .command('version')
    .description('print the FieldKit version')
    .option('--json', 'print JSON')
    .action(async (_opts, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const v = showVersionData(ctx);
        ctx.print(json, v, () => `FieldKit ${v.version} (node ${v.node}, ${v.platform})`);
      });
    });
  return show;
}
