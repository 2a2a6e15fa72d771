import { escapeTerminal, escapeTerminalLine } from '../../shared/terminal';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import type { Command } from 'commander';
import type { Lang } from '../../shared/messages';
import { Services } from '../services/container';
import { resolveHome } from '../services/paths';
import type { BmcAddress } from '../../shared/model/inventory';
import { BMC_SECRET_ENV, resolveBmcSecret } from '../services/bmc/secrets';
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

/**
 * After Ctrl-C, how long a command may take to stop on its own (close
 * sessions, remove its staging files) before the process exits anyway.
 */
const CANCEL_GRACE_MS = 10_000;

/** A BMC named on the command line (-H) whose secret the keychain may hold. */
export interface KeychainFor {
  endpoint: BmcAddress;
  user: string;
  lookup: (endpoint: BmcAddress, user: string, kind: 'password' | 'kg') => Promise<string | null>;
}

/**
 * The error classes and the message catalogue, loaded when a command needs
 * them (a refusal, a failure, Ctrl-C): the catalogue is the largest module a
 * command such as `show version` would otherwise load and never use.
 */
const errors = () => import('../../shared/errors');
const messages = () => import('../../shared/messages');

/** Without a keychain look-up the endpoint only labels a prompt, and the CLI brings its own prompt text. */
const NO_ENDPOINT: BmcAddress = { host: '' };

/** What every command gets: global options, services, output and prompts. */
export class CliContext {
  private servicesInstance: Services | undefined;
  private abortController = new AbortController();

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

  /**
   * The command's one AbortSignal: Ctrl-C (SIGINT) aborts it while run()
   * runs. Every long operation gets this signal, so Ctrl-C ends it with
   * CANCELLED and exit code 130.
   */
  get signal(): AbortSignal {
    return this.abortController.signal;
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
      // BMC- and trap-supplied text may hold control characters: shown escaped, never run by the terminal.
      process.stdout.write(`${escapeTerminal(Array.isArray(t) ? t.join('\n') : t)}\n`);
    }
  }

  /** One JSON object per line (streams such as `traps listen --json`). */
  printLine(json: boolean, value: unknown, text: () => string): void {
    process.stdout.write(`${json ? JSON.stringify(value) : escapeTerminalLine(text())}\n`);
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
    const { FieldKitError } = await errors();
    if (!process.stdin.isTTY) throw new FieldKitError('CLI_CONFIRMATION_REQUIRED');
    const answer = (await ask(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new FieldKitError('CLI_ABORTED');
  }

  /** Asks for a value that must match exactly (typed confirmation of a server name). */
  async confirmTyped(question: string, expected: string, yes: boolean): Promise<void> {
    if (yes) return;
    const { FieldKitError } = await errors();
    if (!process.stdin.isTTY) throw new FieldKitError('CLI_CONFIRMATION_REQUIRED');
    const answer = (await ask(`${question} `)).trim();
    if (answer !== expected) throw new FieldKitError('CLI_ABORTED');
  }

  /**
   * A password: --password-stdin, then FIELDKIT_PASSWORD, then (for a BMC
   * named with -H) the keychain, then a prompt without echo.
   */
  readPassword(prompt: string, options: { stdin?: boolean; keychain?: KeychainFor } = {}): Promise<string> {
    return this.readSecret('password', prompt, { ...options, stdinOption: '--password-stdin', what: 'password' });
  }

  /**
   * The BMC key Kg: standard input when the command has --kg-stdin and it is
   * given, then FIELDKIT_KG (never FIELDKIT_PASSWORD), then a prompt without echo.
   */
  readKg(prompt: string, options: { stdin?: boolean; stdinOption?: string } = {}): Promise<string> {
    return this.readSecret('kg', prompt, { ...options, what: 'BMC key (Kg)' });
  }

  /** Through resolveBmcSecret, the one place the environment's secrets are read: what was given for this run first. */
  private async readSecret(kind: 'password' | 'kg', prompt: string, o: { stdin?: boolean; keychain?: KeychainFor; stdinOption?: string; what: string }): Promise<string> {
    const piped = o.stdin ? await readAllStdin() : undefined;
    const secret = await resolveBmcSecret(kind, o.keychain?.endpoint ?? NO_ENDPOINT, o.keychain?.user ?? '', {
      givenFirst: true,
      ...(piped !== undefined ? { stdin: piped } : {}),
      env: this.env,
      // An ad-hoc BMC may still have a secret in the keychain; a keychain that cannot be asked is no error here.
      ...(o.keychain ? { keychain: (ep: BmcAddress, user: string, k: 'password' | 'kg') => o.keychain!.lookup(ep, user, k).catch(() => null) } : {}),
      ...(process.stdin.isTTY ? { prompt: () => ask(prompt, { echo: false }) } : {}),
    });
    if (secret === undefined) {
      const { FieldKitError } = await errors();
      throw new FieldKitError('CLI_USAGE', { detail: `no terminal to ask for the ${o.what}: use ${o.stdinOption ? `${o.stdinOption} or ` : ''}${BMC_SECRET_ENV[kind]}` });
    }
    return secret;
  }

  /**
   * Runs a command body: prints catalogued errors (JSON on stdout with --json,
   * text on stderr otherwise) and sets the exit code. Never prints a stack to a user.
   */
  async run(json: boolean, body: () => Promise<number | void>): Promise<void> {
    let code: number = EXIT.OK;
    if (this.signal.aborted) this.abortController = new AbortController();
    const ac = this.abortController;
    // A sweep or a dump waits on many BMC requests at once, each listening to this one signal.
    setMaxListeners(1000, ac.signal);
    let graceTimer: NodeJS.Timeout | undefined;
    let interrupted = false;
    // Ctrl-C: abort the command's signal and let it stop cleanly; a second Ctrl-C, or a
    // command that does not stop within the grace time, ends the process at once.
    const onSigint = () => {
      if (interrupted) process.exit(EXIT.CANCELLED);
      interrupted = true;
      graceTimer = setTimeout(() => process.exit(EXIT.CANCELLED), CANCEL_GRACE_MS);
      graceTimer.unref();
      // The abort's reason is the catalogued CANCELLED error, loaded now if no error was needed yet.
      void errors().then(({ cancelledError }) => ac.abort(cancelledError()));
    };
    process.on('SIGINT', onSigint);
    try {
      code = (await body()) ?? EXIT.OK;
    } catch (e) {
      // Any cancellation (Ctrl-C here or at a prompt, or an error raised because the signal
      // was aborted) is reported as the one id CANCELLED, with exit code 130.
      const [{ cancelledError, isCancellation, toErrorPayload }, { renderMessage }] = await Promise.all([errors(), messages()]);
      const payload = isCancellation(e) || interrupted || ac.signal.aborted ? cancelledError().toPayload() : toErrorPayload(e);
      const rendered = renderMessage(payload.id, payload.params, this.globals.lang);
      if (json) process.stdout.write(`${JSON.stringify({ error: { ...payload, text: rendered.text, remedy: rendered.remedy } })}\n`);
      else process.stderr.write(`fieldkit: [${rendered.id}] ${escapeTerminal(rendered.text)}\n  → ${escapeTerminal(rendered.remedy)}\n`);
      // CLI_ABORTED (not confirmed at a prompt) is the user's choice too: 130 like a cancel.
      code = payload.id === 'CLI_USAGE' ? EXIT.USAGE : payload.id === 'CANCELLED' || payload.id === 'CLI_ABORTED' ? EXIT.CANCELLED : EXIT.FAILED;
    } finally {
      process.removeListener('SIGINT', onSigint);
      try {
        await this.servicesInstance?.close();
      } finally {
        if (graceTimer) clearTimeout(graceTimer);
      }
    }
    process.exitCode = code;
  }
}
