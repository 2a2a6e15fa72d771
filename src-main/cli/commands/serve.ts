import path from 'node:path';
import type { Command } from 'commander';
import { FieldKitError } from '../../../shared/errors';
import { startDiagnostics } from '../../host/diag';
import { startHost } from '../../host/server';
import type { CliContext } from '../context';

/** out/renderer next to the bundled CLI (out/cli/fieldkit.cjs). */
export function builtRendererDir(): string {
  return process.env.FIELDKIT_RENDERER_DIR ?? path.resolve(__dirname, '..', 'renderer');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the headless host: the UI and API on loopback behind a per-run token')
    .option('--address <address>', 'loopback address to bind (127.0.0.1, ::1)', '127.0.0.1')
    .option('--port <port>', 'TCP port (0 = any free port)', '0')
    .option('--json', 'print the URL as JSON')
    .action(async (opts: { address: string; port: string }, cmd: Command) => {
      const json = ctx.jsonFor(cmd);
      await ctx.run(json, async () => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new FieldKitError('CLI_USAGE', { detail: `--port ${opts.port}` });
        }
        const services = ctx.services();
        const host = await startHost({ services, rendererDir: builtRendererDir(), address: opts.address, port });
        ctx.printLine(json, { url: host.url, address: host.address, port: host.port }, () => `FieldKit is running at ${host.url}\nPress Ctrl+C to stop.`);
        services.logs.events.write('info', 'headless host started', { address: host.address, port: host.port });
        // FIELDKIT_DIAG=<file>: event-loop delay and memory every 10 s (host/diag.ts); off by default.
        const stopDiag = process.env.FIELDKIT_DIAG ? startDiagnostics(process.env.FIELDKIT_DIAG) : undefined;
        // Ctrl-C (the command's signal) or SIGTERM stops the host: the normal end, exit code 0.
        // Jobs still running for its clients are cancelled by host.close().
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          ctx.signal.addEventListener('abort', stop, { once: true });
          if (ctx.signal.aborted) stop();
          process.once('SIGTERM', stop);
        });
        stopDiag?.();
        await host.close();
      });
    });
}
