#!/usr/bin/env -S node --v8-pool-size=1
'use strict';
// One V8 worker thread (the default is four): a fieldkit run is short and
// mostly waits on BMCs, and on a small laptop V8's compiler and GC threads
// otherwise compete for the CPU with the work they serve (on the project's
// 2-core machine, `fieldkit exec` of 2,000 readings takes 8-15 % less time).
// `env -S` splits the options (GNU coreutils 8.30+, macOS, FreeBSD); npm's
// Windows shims read them from this line too. `node bin/fieldkit.cjs` also
// works, with V8's defaults.
// Thin launcher: the CLI itself is bundled by `npm run build` into out/cli.
// It runs the bundle through V8's code cache: start-up time counts when
// scripts call fieldkit in a loop and in `exec` benchmarks against ipmitool,
// and Node 20 has no built-in compile cache. A cache holds the functions its
// run compiled, so there is one per command word
// (out/cli/fieldkit.cjs.<word>.v8cache): a first `show version` after a build
// no longer leaves `exec` compiling its engine on every run.
const path = require('node:path');
const fs = require('node:fs');
const vm = require('node:vm');
const Module = require('node:module');

const built = path.join(__dirname, '..', 'out', 'cli', 'fieldkit.cjs');
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
const cacheFile = cacheKey && `${built}.${cacheKey}.v8cache`;
let cachedData;
try {
  cachedData = cacheFile ? fs.readFileSync(cacheFile) : undefined;
} catch {
  cachedData = undefined;
}
// The bundle has no import() left (scripts/build-cli.mjs turns them into require), which a
// vm.Script could not serve from a code cache.
const script = new vm.Script(Module.wrap(fs.readFileSync(built, 'utf8')), { filename: built, cachedData });
// V8 rejects a cache made from another build; it is then written anew.
const writeCache = cacheFile && (!cachedData || script.cachedDataRejected);
const bundle = new Module(built, module);
bundle.filename = built;
bundle.paths = Module._nodeModulePaths(path.dirname(built));
bundle.loaded = true;
if (writeCache) {
  process.once('exit', () => {
    // Only for words the CLI knows: a mistyped command leaves no file behind.
    if (word !== undefined && !bundle.exports.isCommandWord?.(word)) return;
    try {
      // Atomic, so a parallel fieldkit never reads half a cache.
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only install simply runs without the cache.
    }
  });
}
script.runInThisContext()(bundle.exports, Module.createRequire(built), bundle, built, path.dirname(built));
