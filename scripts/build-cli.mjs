// Bundles the CLI (and the headless host it starts) into one CommonJS file
// for plain Node. npm dependencies stay external: keytar is native and
// net-snmp/ws load fine from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src-main/cli/main.ts'],
  outfile: 'out/cli/fieldkit.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // import() becomes require(): the launcher runs the bundle in a vm.Script with V8's code
  // cache, where a real dynamic import (e.g. of keytar) has no loader.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
});
