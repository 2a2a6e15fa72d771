import { execFileSync } from 'node:child_process';
import path from 'node:path';

// CLI tests spawn bin/fieldkit.cjs: bundle the current sources first (~1 s),
// so `vitest run` alone never tests a stale build.
export default function setup(): void {
  const repo = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-cli.mjs')], { cwd: repo, stdio: 'inherit' });
}
