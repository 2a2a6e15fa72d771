import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { sampleInventory } from './inventory';

export const REPO = path.resolve(__dirname, '..', '..');
export const FIELDKIT_BIN = path.join(REPO, 'bin', 'fieldkit.cjs');

export interface StartedHost {
  /** The UI: http://127.0.0.1:<port>/s/<token>/ (append #/route for a view). */
  url: string;
  origin: string;
  token: string;
  home: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `fieldkit serve --json` on a free loopback port with a private
 * home, and resolves with the URL it prints. Stops it by its own pid.
 */
export async function startHeadlessHost(options: { home?: string; env?: NodeJS.ProcessEnv; args?: string[]; throughShebang?: boolean } = {}): Promise<StartedHost> {
  const home = options.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fk-host-'));
  const argv = ['--home', home, 'serve', '--json', ...(options.args ?? [])];
  // throughShebang: run the launcher itself, as `fieldkit` on PATH does (POSIX only).
  const child = spawn(options.throughShebang ? FIELDKIT_BIN : process.execPath, options.throughShebang ? argv : [FIELDKIT_BIN, ...argv], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`headless host did not start: ${stderr}`)), 20_000);
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { url?: string };
        if (msg.url) {
          clearTimeout(timer);
          resolve(msg.url);
        }
      } catch {
        // not the JSON line yet
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`headless host exited with ${code}: ${stderr}`));
    });
  });
  const u = new URL(url);
  // The UI lives under the secret path /s/<token>/ (no cookie, no ?token=).
  const token = /^\/s\/([^/]+)\//.exec(u.pathname)?.[1] ?? '';
  return {
    url,
    origin: u.origin,
    token,
    home,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A host started by startHostWithSampleInventory: remove() stops it and deletes its state folder. */
export interface SampleHost extends StartedHost {
  remove(): Promise<void>;
}

/**
 * The host over a fresh state folder that holds the sample inventory (what
 * most window tests start from). `env` defaults to no D-Bus session, i.e. no
 * keychain, so a test never touches the machine's keyring.
 */
export async function startHostWithSampleInventory(prefix: string, env: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: '' }): Promise<SampleHost> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(home, 'inventory.json'), JSON.stringify(sampleInventory(), null, 2));
  const host = await startHeadlessHost({ home, env });
  return {
    ...host,
    remove: async () => {
      await host.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
