import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { hasIpmiSim, stopAllSims } from '../../support/ipmi-sim';
import { chassisLog, cliEnv, FIELDKIT_BIN, makeHome, powerLog, startFencedServer } from './setup';

// The interactive CLI on a real pseudo-terminal (util-linux `script`): the
// checklist questions, and the server's name typed to power off.
const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
if (!hasScript) console.warn('recovery TTY test skipped: util-linux `script` not installed');
if (!hasIpmiSim) console.warn('recovery TTY test skipped: ipmi_sim (apt openipmi) not installed');

const homes: string[] = [];
afterAll(async () => {
  await stopAllSims();
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

/** Runs fieldkit on a pty, answering each prompt (a "[y/N] " question or the name prompt) in turn. */
function onPty(args: string[], env: NodeJS.ProcessEnv, answer: (prompt: string) => string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const cmd = [process.execPath, FIELDKIT_BIN, ...args].map((a) => JSON.stringify(a)).join(' ');
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let answered = 0;
    const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const prompts = out.match(/\[y\/N\] |power it OFF: /g) ?? [];
      for (; answered < prompts.length; answered++) child.stdin.write(`${answer(prompts[answered])}\n`);
    });
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, out });
    });
  });
}

describe.skipIf(!hasIpmiSim || !hasScript)('fieldkit recover on a terminal', () => {
  it('asks the checklist and the typed name; a wrong name sends nothing, the right one recovers', async () => {
    const sim = await startFencedServer({ clearsOnPowerOn: true });
    const h = makeHome(sim);
    homes.push(h);
    const env = cliEnv(sim);
    const wrong = await onPty(['--home', h, 'recover', 'node1'], env, (p) => (p.startsWith('power it OFF') ? 'node2' : 'y'));
    expect(wrong.out).toContain('The failover group runs on another server?');
    expect(wrong.out).toContain('The maintenance window is agreed?');
    // Clear All Faults is asked for (with the console's menu path) before any power question.
    expect(wrong.out).toContain('Maintenance > Component Status > Fault Information');
    expect(wrong.out.indexOf('Have you pressed Clear All Faults')).toBeGreaterThan(-1);
    expect(wrong.out.indexOf('Have you pressed Clear All Faults')).toBeLessThan(wrong.out.indexOf('power it OFF'));
    expect(wrong.out).toContain('CLI_ABORTED');
    expect(wrong.code).toBe(130);
    expect(powerLog(sim), chassisLog(sim)).toEqual([]);

    // The case stopped at power-off; resuming asks for the name again.
    const id = fs.readdirSync(`${h}/cases`).find((f) => f.endsWith('.json'))!.slice(0, -5);
    const right = await onPty(['--home', h, 'recover', '--resume', id], env, (p) => (p.startsWith('power it OFF') ? 'node1' : 'y'));
    expect(right.code, right.out).toBe(0);
    expect(right.out).toContain('RECOVERED');
    expect(powerLog(sim), chassisLog(sim)).toEqual(['power 1 -> 0', 'power 0 -> 1']);
    await sim.stop();
  });
});
