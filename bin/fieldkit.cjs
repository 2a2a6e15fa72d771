#!/usr/bin/env -S node --v8-pool-size=1
'use strict';
// One V8 worker thread (the default is four): a fieldkit run is short and
// mostly waits on BMCs, and on a small laptop V8's compiler and GC threads
// otherwise compete for the CPU with the work they serve (on the project's
// 2-core machine, `fieldkit exec` of 2,000 readings takes 8-15 % less time).
// `env -S` splits the options (GNU coreutils 8.30+, macOS, FreeBSD); npm's
// Windows shims read them from this line too. `node bin/fieldkit.cjs` also
// works, with V8's defaults.
// Thin launcher: the CLI itself is built by `npm run build` into out/cli, an
// entry and chunks that each command loads as it needs them. It compiles
// those files through V8's code cache: start-up time counts when scripts call
// fieldkit in a loop and in `exec` benchmarks against ipmitool, and Node 20
// has no built-in compile cache. A cache holds the functions its run
// compiled, so there is one per file and command word
// (out/cli/<file>.<word>.v8cache): a first `show version` after a build
// no longer leaves `exec` compiling its engine on every run.
const path = require('node:path');
const fs = require('node:fs');
const vm = require('node:vm');
const Module = require('node:module');

const dir = path.join(__dirname, '..', 'out', 'cli');
const built = path.join(dir, 'fieldkit.cjs');
if (!fs.existsSync(built)) {
  process.stderr.write('fieldkit: the command line tool is not built yet.\n  → Run "npm run build" (or "npm run build:cli") in the FieldKit folder first.\n');
  process.exit(1);
}

// The top-level command word, skipping global options and their values; the
// same rule as commandWord() in src-main/cli/program.ts (this file is plain
// JS and runs before the bundle). No word (help, --version) has a cache too.
function commandWord(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--home' || args[i] === '--lang') i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return undefined;
}
const word = commandWord(process.argv.slice(2));
const cacheKey = word === undefined ? 'none' : /^[a-z][a-z0-9-]{0,31}$/.test(word) ? word : undefined;

// The one-shot BMC commands run without TurboFan, V8's optimising compiler:
// they last a second or so and mostly wait on BMCs, and compiling their hot
// paths cost more CPU than the optimised code saved before exit (`exec` of
// 2,000 readings: 0.66 -> 0.51 s CPU, median of 9 on the 2-core machine);
// a warm engine's CPU per request is the same with or without it (~75 us).
// Set here, before any of our code is compiled, so the code caches of these
// words are made and used under the same flags. Long-running commands
// (serve, traps listen, sol, recover) and start-up-only ones (show) keep
// V8's defaults; so does any caller that sets its own flags.
const ONE_SHOT_BMC_WORDS = new Set(['mc', 'power', 'sensors', 'slots', 'sdr', 'sel', 'fru', 'raw', 'rearm', 'exec', 'lan', 'dump', 'fwcheck']);
if (word !== undefined && ONE_SHOT_BMC_WORDS.has(word)) require('node:v8').setFlagsFromString('--no-opt');

let bundle; // the entry's exports, once loaded
// Files of out/cli whose cache is to be written at exit (none yet, or V8 rejected it).
const toWrite = [];
const nodeRequire = Module.createRequire(built);
const loaded = new Map();

/**
 * The build's own files are loaded here, not by Node's module loader: they
 * name each other only as "./fieldkit-<hash>.cjs" in one folder, so the
 * loader's work for each (resolving, stat calls, package.json scopes) is
 * start-up time spent for nothing. Everything else (node:*, npm packages)
 * goes to Node's require.
 */
function requireOwn(id) {
  return /^\.\/fieldkit-[A-Z0-9]+\.cjs$/.test(id) ? load(path.join(dir, id.slice(2))) : nodeRequire(id);
}

function load(filename) {
  const known = loaded.get(filename);
  if (known) return known.exports;
  const mod = new Module(filename, module);
  mod.filename = filename;
  loaded.set(filename, mod);
  const wrapped = Module.wrap(fs.readFileSync(filename, 'utf8'));
  let script;
  if (cacheKey) {
    const cacheFile = `${filename}.${cacheKey}.v8cache`;
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    script = new vm.Script(wrapped, { filename, cachedData });
    // V8 rejects a cache made from another build; it is then written anew.
    if (!cachedData || script.cachedDataRejected) toWrite.push({ script, cacheFile });
  } else {
    script = new vm.Script(wrapped, { filename });
  }
  script.runInThisContext({ displayErrors: true }).call(mod.exports, mod.exports, requireOwn, mod, filename, dir);
  mod.loaded = true;
  return mod.exports;
}

process.once('exit', () => {
  if (toWrite.length === 0) return;
  // Only for words the CLI knows: a mistyped command leaves no file behind.
  if (word !== undefined && !bundle?.isCommandWord?.(word)) return;
  for (const { script, cacheFile } of toWrite) {
    try {
      // Atomic, so a parallel fieldkit never reads half a cache.
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only install simply runs without the cache.
    }
  }
});
bundle = load(built);
