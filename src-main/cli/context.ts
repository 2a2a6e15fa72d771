import os from 'node:os';
import type { Command } from 'commander';
import { FieldKitError, toErrorPayload } from '../../shared/errors';
import { renderMessage, type Lang } from '../../shared/messages';
import { Services } from '../services/container';
import { resolveHome } from '../services/paths';
import { ask, readAllStdin } from './prompt';

/**
 * Exit codes of every fieldkit command (documented in the README):
 * 0 success; 1 the operation failed or a check found problems;
 * 2 the command line was wrong; 130 cancelled by the user.
 */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, CANCELLED: 130 } as const;

export interface GlobalOptions {
  home: string;
  json: boolean;
  lang: Lang;
}

export interface AppPackageInfo {
  name: string;
  version: string;
}

/** What every command gets: global options, services, output and prompts. */
export class CliContext {
  private servicesInstance: Services | undefined;

  constructor(
    private readonly program: Command,
    readonly pkg: AppPackageInfo,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get globals(): GlobalOptions {
    const o = this.program.opts<{ home?: string; json?: boolean; lang?: string }>();
    const envLang = this.env.FIELDKIT_LANG ?? this.env.LC_ALL ?? this.env.LANG ?? '';
    const lang: Lang = (o.lang ?? envLang).toLowerCase().startsWith('ja') ? 'ja' : 'en';
    return { home: resolveHome(o.home, this.env), json: Boolean(o.json), lang };
  }

  /** True when --json was given globally or on the command itself. */
  jsonFor(cmd?: Command): boolean {
    return this.globals.json || Boolean(cmd?.opts<{ json?: boolean }>().json);
  }

  services(): Services {
    this.servicesInstance ??= new Services({ home: this.globals.home, app: { name: this.pkg.name, version: this.pkg.version } });
    return this.servicesInstance;
  }

  get who(): string {
    try {
      return os.userInfo().username;
    } catch {
      return 'unknown';
    }
  }

  /** Prints a result: the value as one JSON document with --json, else the text lines. */
  print(json: boolean, value: unknown, text: () => string | string[]): void {
    if (json) {
      process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    } else {
      const t = text();
      process.stdout.write(`${Array.isArray(t) ? t.join('\n') : t}\n`);
    }
  }

  /** One JSON object per line (streams such as `traps listen --json`). */
  printLine(json: boolean, value: unknown, text: () => string): void {
    process.stdout.write(`${json ? JSON.stringify(value) : text()}\n`);
  }

  /** Progress goes to stderr so stdout stays parseable. */
  progress(message: string): void {
    if (!this.globals.json) process.stderr.write(`${message}\n`);
  }

  /**
   * Asks before anything that changes a server. `--yes` skips the question;
   * without a terminal and without --yes it refuses (never guesses).
   */
  async confirm(question: string, yes: boolean): Promise<void> {
    if (yes) return;
    if (!process.stdin.isTTY) throw new FieldKitError('CLI_CONFIRMATION_REQUIRED');
    const answer = (await ask(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new FieldKitError('CLI_ABORTED');
  }

  /** Asks for a value that must match exactly (typed confirmation of a server name). */
  async confirmTyped(question: string, expected: string, yes: boolean): Promise<void> {
    if (yes) return;
    if (!process.stdin.isTTY) throw new FieldKitError('CLI_CONFIRMATION_REQUIRED');
    const answer = (await ask(`${question} `)).trim();
    if (answer !== expected) throw new FieldKitError('CLI_ABORTED');
  }

  /** A password: --password-stdin, then FIELDKIT_PASSWORD, then a prompt without echo. */
  readPassword(prompt: string, options: { stdin?: boolean } = {}): Promise<string> {
    return this.readSecret(prompt, { ...options, env: 'FIELDKIT_PASSWORD', stdinOption: '--password-stdin', what: 'password' });
  }

  /**
   * The BMC key Kg: standard input when the command has --kg-stdin and it is
   * given, then FIELDKIT_KG (never FIELDKIT_PASSWORD), then a prompt without echo.
   */
  readKg(prompt: string, options: { stdin?: boolean; stdinOption?: string } = {}): Promise<string> {
    return this.readSecret(prompt, { ...options, env: 'FIELDKIT_KG', what: 'BMC key (Kg)' });
  }

  private async readSecret(prompt: string, o: { stdin?: boolean; env: string; stdinOption?: string; what: string }): Promise<string> {
    if (o.stdin) return readAllStdin();
    const fromEnv = this.env[o.env];
    if (fromEnv !== undefined) return fromEnv;
    if (!process.stdin.isTTY) throw new FieldKitError('CLI_USAGE', { detail: `no terminal to ask for the ${o.what}: use ${o.stdinOption ? `${o.stdinOption} or ` : ''}${o.env}` });
    return ask(prompt, { echo: false });
  }

  /**
   * Runs a command body: prints catalogued errors (JSON on stdout with --json,
   * text on stderr otherwise) and sets the exit code. Never prints a stack to a user.
   */
  async run(json: boolean, body: () => Promise<number | void>): Promise<void> {
    let code: number = EXIT.OK;
    try {
      code = (await body()) ?? EXIT.OK;
    } catch (e) {
      const cancelled = typeof e === 'object' && e !== null && 'cancelled' in e;
      const payload = cancelled ? new FieldKitError('CLI_ABORTED').toPayload() : toErrorPayload(e);
      const rendered = renderMessage(payload.id, payload.params, this.globals.lang);
      if (json) process.stdout.write(`${JSON.stringify({ error: { ...payload, text: rendered.text, remedy: rendered.remedy } })}\n`);
      else process.stderr.write(`fieldkit: [${rendered.id}] ${rendered.text}\n  → ${rendered.remedy}\n`);
      code = payload.id === 'CLI_USAGE' ? EXIT.USAGE : payload.id === 'CLI_ABORTED' ? EXIT.CANCELLED : EXIT.FAILED;
    } finally {
      await this.servicesInstance?.close();
    }
    process.exitCode = code;
  }
}
