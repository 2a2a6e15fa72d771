// Bundles the CLI (and the headless host it starts) into one CommonJS file
// for plain Node. npm dependencies stay external (keytar is native, net-snmp
// and ws load fine from node_modules, and most are loaded only by the command
// that needs them), except commander: every run needs it at once, and inside
// the bundle it is served from the launcher's V8 code cache instead of being
// resolved and compiled from node_modules on each start.
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const inBundle = new Set(['commander']);
const external = Object.keys(pkg.dependencies).filter((d) => !inBundle.has(d)).flatMap((d) => [d, `${d}/*`]);

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

// The launcher's code caches (one per command word) belong to the old bundle:
// V8 would reject each once; removing them spares every command that first read.
fs.mkdirSync('out/cli', { recursive: true });
for (const f of fs.readdirSync('out/cli')) if (/^fieldkit\.cjs\..*v8cache/.test(f)) fs.rmSync(`out/cli/${f}`, { force: true });

await build({
  entryPoints: ['src-main/cli/main.ts'],
  outfile: 'out/cli/fieldkit.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  plugins: [lazyChildProcessInCommander],
  sourcemap: true,
  // import() becomes require(): the launcher runs the bundle in a vm.Script with V8's code
  // cache, where a real dynamic import (e.g. of keytar) has no loader.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
});
