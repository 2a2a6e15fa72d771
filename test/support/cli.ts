/**
 * Runs the built `fieldkit` command line (bin/fieldkit.cjs) against a test
 * home, as a user would, and collects what it prints.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './inventory';

export interface CliRun { code: number | null; stdout: string; stderr: string }

/**
 * `fieldkit --home <home> ...args`, in English. The test process's own
 * FIELDKIT_PASSWORD / FIELDKIT_KG never reach it: only what `env` gives.
 */
export function runFieldkit(home: string, args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, FIELDKIT_LANG: 'en' };
    delete env.FIELDKIT_PASSWORD;
    delete env.FIELDKIT_KG;
    Object.assign(env, opts.env);
    const p = spawn(process.execPath, [path.join(repoRoot, 'bin', 'fieldkit.cjs'), '--home', home, ...args], { env, cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(opts.stdin ?? '');
  });
}
