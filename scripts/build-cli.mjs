// Bundles the CLI (and the headless host it starts) for plain Node into
// out/cli: the entry fieldkit.cjs and chunks fieldkit-<hash>.cjs, one per
// set of modules that the same dynamic import()s reach. A command loads only
// the chunks its own domain needs: `fieldkit show version` does not compile
// or run the IPMI engine, the SNMP stack, the handler table or the inventory
// schemas, which a single bundle made every run read and compile (issue 17:
// start-up time counts when scripts call fieldkit in a loop).
//
// esbuild splits only ES modules, so the split output is turned into
// CommonJS file by file: import() becomes require() of the chunk, run on use
// (the launcher serves every file from V8's code cache through require, and
// Node 20 has no compile cache for ES modules).
//
// npm dependencies stay external (keytar is native, net-snmp and ws load fine
// from node_modules, and most are loaded only by the command that needs them),
// except commander: every run needs it at once, and inside the bundle it is
// served from the launcher's code cache instead of being resolved and
// compiled from node_modules on each start.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const inBundle = new Set(['commander']);
const external = Object.keys(pkg.dependencies).filter((d) => !inBundle.has(d)).flatMap((d) => [d, `${d}/*`]);
const OUT = process.env.FIELDKIT_CLI_OUT ?? 'out/cli';

// commander requires node:child_process at load time, for stand-alone
// executable subcommands FieldKit never uses; loading it costs every run a
// few milliseconds. Inside commander it becomes a proxy that loads it on use.
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'fieldkit-lazy' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'fieldkit-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

fs.mkdirSync(OUT, { recursive: true });
// Both passes write into stage folders first: a fieldkit started during the
// build never sees an entry whose chunks are not there yet.
const esmStage = fs.mkdtempSync(path.join(OUT, '.esm-'));
const cjsStage = fs.mkdtempSync(path.join(OUT, '.cjs-'));
try {
  await build({
    entryPoints: { fieldkit: 'src-main/cli/main.ts' },
    outdir: esmStage,
    // .cjs already in the split pass, so the chunks' imports name the final files.
    outExtension: { '.js': '.cjs' },
    chunkNames: 'fieldkit-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    plugins: [lazyChildProcessInCommander],
    sourcemap: true,
    logLevel: 'warning',
  });
  const files = fs.readdirSync(esmStage).filter((f) => f.endsWith('.cjs'));
  await build({
    entryPoints: files.map((f) => path.join(esmStage, f)),
    outdir: cjsStage,
    outExtension: { '.js': '.cjs' },
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() becomes require(): the launcher compiles each file in a vm.Script with a code
    // cache, where a real dynamic import has no loader.
    supported: { 'dynamic-import': false },
    // The split pass's source maps are read back in, so the maps still point into the TypeScript.
    sourcemap: true,
    logLevel: 'warning',
  });

  // Chunks first, the entry last: each rename is atomic.
  const made = fs.readdirSync(cjsStage);
  for (const f of made.filter((f) => f !== 'fieldkit.cjs' && f !== 'fieldkit.cjs.map')) fs.renameSync(path.join(cjsStage, f), path.join(OUT, f));
  fs.renameSync(path.join(cjsStage, 'fieldkit.cjs.map'), path.join(OUT, 'fieldkit.cjs.map'));
  fs.renameSync(path.join(cjsStage, 'fieldkit.cjs'), path.join(OUT, 'fieldkit.cjs'));

  // Chunks of earlier builds: a fieldkit still running from one may yet load
  // them (a `serve` or a long `exec`), so only those an hour old go. The code
  // caches of the entry belong to the old build: V8 would reject each once;
  // removing them spares every command that first read.
  const keep = new Set(made);
  const hourAgo = Date.now() - 3600_000;
  for (const f of fs.readdirSync(OUT)) {
    const file = path.join(OUT, f);
    if (/^fieldkit\.cjs\..*v8cache/.test(f)) fs.rmSync(file, { force: true });
    else if (/^fieldkit-[A-Z0-9]+\.cjs/.test(f) && !keep.has(f.replace(/\.cjs\..*$/, '.cjs')) && fs.statSync(file).mtimeMs < hourAgo) fs.rmSync(file, { force: true });
  }
} finally {
  fs.rmSync(esmStage, { recursive: true, force: true });
  fs.rmSync(cjsStage, { recursive: true, force: true });
}
