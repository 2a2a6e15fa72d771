import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot, tempDir } from './inventory';

function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const keyringTools = {
  dbusRunSession: has('dbus-run-session'),
  gnomeKeyring: has('gnome-keyring-daemon'),
  gdbus: has('gdbus'),
};
export const hasKeyringTools = keyringTools.dbusRunSession && keyringTools.gnomeKeyring && keyringTools.gdbus;
export const missingKeyringTools = Object.entries(keyringTools).filter(([, v]) => !v).map(([k]) => k).join(', ');

/**
 * A session bus that activates nothing by itself: the Debian session config
 * would start gnome-keyring on demand (org.freedesktop.secrets.service),
 * which would hide the "no daemon" situation and mix in the user's keyring.
 */
const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`;

export type KeyringSituation = 'no-bus' | 'no-daemon' | 'locked' | 'unlocked';

export interface ProbeLab {
  dir: string;
  run(situation: KeyringSituation, secret: string): Promise<Record<string, any>>;
  cleanup(): void;
}

function sh(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(args[0], args.slice(1), { env, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Bundles the probe once and runs it in each D-Bus situation, on private buses and keyring folders. */
export async function createProbeLab(): Promise<ProbeLab> {
  const dir = tempDir('fk-keyring-');
  // Inside the repository's node_modules so the bundle's import('keytar') resolves like the real CLI's.
  const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'fieldkit-tests');
  fs.mkdirSync(cacheDir, { recursive: true });
  const probe = path.join(cacheDir, `credentials-probe-${process.pid}.cjs`);
  await build({
    entryPoints: [path.join(repoRoot, 'test', 'support', 'credentials-probe.ts')],
    outfile: probe, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning', absWorkingDir: repoRoot,
    external: ['keytar'],
  });
  const conf = path.join(dir, 'bus.conf');
  fs.writeFileSync(conf, BUS_CONFIG);
  const keyringPassword = 'probe-keyring-unlock';
  const base: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') };
  delete base.DBUS_SESSION_BUS_ADDRESS;
  delete base.DISPLAY;
  delete base.WAYLAND_DISPLAY;
  let n = 0;
  // Each daemon gets its own runtime dir: a second daemon that found the first one's
  // control socket would hand over to it instead of serving the new bus.
  const daemonEnv = (home: string, run = 'run') => `XDG_DATA_HOME='${home}/data' XDG_RUNTIME_DIR='${home}/${run}'`;
  const newHome = () => {
    const home = path.join(dir, `kr${n++}`);
    fs.mkdirSync(path.join(home, 'data'), { recursive: true });
    fs.mkdirSync(path.join(home, 'run'), { recursive: true, mode: 0o700 });
    fs.mkdirSync(path.join(home, 'run2'), { recursive: true, mode: 0o700 });
    return home;
  };
  const parse = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);
  return {
    dir,
    async run(situation, secret) {
      const env = { ...base, PROBE_SECRET: secret };
      const node = `'${process.execPath}' '${probe}'`;
      if (situation === 'no-bus') return parse(await sh([process.execPath, probe], env));
      if (situation === 'no-daemon') return parse(await sh(['dbus-run-session', `--config-file=${conf}`, '--', process.execPath, probe], env));
      const home = newHome();
      // Foreground daemons started as the last element of a background pipeline, so $! is
      // the daemon's own pid: it is stopped by that pid, never by name.
      const waitName = `i=0; until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; do i=$((i+1)); [ $i -gt 200 ] && break; sleep 0.05; done`;
      const stop = 'kill $KPID 2>/dev/null; wait $KPID 2>/dev/null';
      const daemon = (run: string, unlock: boolean) =>
        `${unlock ? `printf %s '${keyringPassword}' | ` : ''}${daemonEnv(home, run)} gnome-keyring-daemon --foreground ${unlock ? '--unlock ' : ''}--components=secrets >/dev/null 2>&1 & KPID=$!; ${waitName}`;
      if (situation === 'unlocked') {
        return parse(await sh(['dbus-run-session', `--config-file=${conf}`, '--', 'sh', '-c', `${daemon('run', true)}; ${node}; st=$?; ${stop}; exit $st`], env));
      }
      // Locked: create the login keyring (unlocked once), then start a fresh daemon on it without unlocking.
      await sh(['dbus-run-session', `--config-file=${conf}`, '--', 'sh', '-c', `${daemon('run', true)}; gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets/aliases/default --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked >/dev/null; ${stop}`], env);
      return parse(await sh(['dbus-run-session', `--config-file=${conf}`, '--', 'sh', '-c', `${daemon('run2', false)}; ${node}; st=$?; ${stop}; exit $st`], env));
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(probe, { force: true });
    },
  };
}
