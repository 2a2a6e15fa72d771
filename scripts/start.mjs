// `npm start`: the Electron desktop app. Where the Electron binary is not
// installed (it cannot be downloaded on every machine), say so and point to
// the headless host instead of failing with a stack trace.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { installedElectronBinary } = require('./electron-binary.cjs');

if (!installedElectronBinary()) {
  console.error('FieldKit: the Electron binary is not installed on this machine, so the desktop window cannot open.');
  console.error('  → Run the same UI in your browser instead: npm run serve  (then open the printed http://127.0.0.1:... URL)');
  process.exit(1);
}
const r = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
