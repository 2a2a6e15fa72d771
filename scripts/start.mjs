// `npm start`: the Electron desktop app — or, where Electron cannot run on
// this machine, the same UI through the headless host in the system browser,
// so that the README's one start command always brings the engineer to the UI
// (issue 16, item 14).
//
// Environment:
//   FIELDKIT_NO_ELECTRON=1  use the browser even where Electron could run
//                           (tests; machines where the window misbehaves)
//   BROWSER=none            do not open a browser, only print the URL
//   BROWSER=<program>       open the URL with that program instead of the
//                           platform's opener (xdg-open / open / start)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { installedElectronBinary } = require('./electron-binary.cjs');
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Why the desktop window cannot open here, or undefined when it can. */
function whyNoElectron(env) {
  if (env.FIELDKIT_NO_ELECTRON === '1') return 'FIELDKIT_NO_ELECTRON=1 is set';
  if (!installedElectronBinary()) return 'the Electron binary is not installed on this machine (npm did not download it)';
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  return undefined;
}

/**
 * The command that opens `url` in a browser, or a reason not to try.
 * The URL carries the per-run token and goes to the opener in argv: that is
 * how xdg-open, open and start hand a URL to the browser (the browser gets it
 * in its own argv the same way), and it is what the desktop app already does
 * for external links (Electron's shell.openExternal runs xdg-open with the URL).
 * The token is written nowhere else: no file, no other process.
 */
function browserCommand(url, env) {
  if (env.BROWSER === 'none') return { skip: 'BROWSER=none is set' };
  // BROWSER may list several programs (a:b, as Python's webbrowser reads it): the first one.
  if (env.BROWSER) return { cmd: env.BROWSER.split(path.delimiter)[0], args: [url] };
  if (process.platform === 'darwin') return { cmd: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title. The
  // URL is base64url and digits only, so cmd has nothing in it to interpret.
  if (process.platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""', url] };
  // Without a display xdg-open would fall back to a text browser on this very
  // terminal; the URL is for a browser elsewhere (an SSH tunnel), so only print it.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { skip: 'there is no display to open a browser on' };
  return { cmd: 'xdg-open', args: [url] };
}

function openBrowser(url, env) {
  const how = browserCommand(url, env);
  if (how.skip) {
    console.log(`  (Not opening a browser: ${how.skip}. Open the URL above yourself.)`);
    return;
  }
  const notOpened = (why) => console.log(`  (Could not open a browser with ${how.cmd}: ${why}. Open the URL above yourself.)`);
  let child;
  try {
    child = spawn(how.cmd, how.args, { stdio: 'ignore', detached: true });
  } catch (e) {
    notOpened(e.message);
    return;
  }
  child.on('error', (e) => notOpened(e.code === 'ENOENT' ? 'it is not installed' : e.message));
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) notOpened(`it exited with ${code}`);
  });
  child.unref();
}

/** How long the host may take to stop on the Ctrl+C it got itself before it is sent SIGTERM. */
const SIGINT_GRACE_MS = 3_000;

/** Runs `fieldkit serve` until Ctrl+C / SIGTERM, then stops it and waits for it to close. */
async function runHeadless(why, env) {
  console.log(`FieldKit: the desktop window cannot open: ${why}.`);
  console.log('  → Starting the same UI in your browser instead (headless host on 127.0.0.1, a new token for this run).');
  // --json: the URL comes back on our own pipe as one JSON line, never through a file.
  const host = spawn(process.execPath, [path.join(REPO, 'bin', 'fieldkit.cjs'), 'serve', '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  let stopping = false;
  const running = () => host.exitCode === null && host.signalCode === null;
  const stop = (signal) => {
    if (stopping || !running()) return;
    stopping = true;
    console.log('\nFieldKit: stopping the headless host…');
    // Ctrl+C in a terminal reaches the host too (same process group) and ends
    // `serve` normally. A SIGTERM sent at once could land while the host is
    // already exiting, after its handler is gone, and kill it mid-teardown
    // (seen on a loaded machine): after SIGINT it is passed on only if the host
    // is still running after a grace time (Ctrl+C to this script alone). A
    // SIGTERM to this script reached only this script: passed on at once.
    const terminate = () => running() && host.kill('SIGTERM');
    if (signal === 'SIGINT') setTimeout(terminate, SIGINT_GRACE_MS).unref();
    else terminate();
    setTimeout(() => running() && host.kill('SIGKILL'), 10_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const rl = readline.createInterface({ input: host.stdout });
  rl.on('line', (line) => {
    let url;
    try {
      url = JSON.parse(line).url;
    } catch {
      return;
    }
    if (typeof url !== 'string') return;
    console.log(`FieldKit is running at ${url}`);
    console.log('Press Ctrl+C to stop.');
    openBrowser(url, env);
  });
  const code = await new Promise((resolve) => host.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  if (stopping) console.log('FieldKit: stopped.');
  return stopping && code === 0 ? 0 : code;
}

const why = whyNoElectron(process.env);
if (why) {
  process.exitCode = await runHeadless(why, process.env);
} else {
  const r = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit', cwd: REPO });
  process.exit(r.status ?? 1);
}
