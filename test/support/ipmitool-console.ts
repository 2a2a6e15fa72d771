/**
 * ipmitool's Serial over LAN console run beside FieldKit's, as another
 * engineer (or the cluster software's operator) would hold it.
 *
 *   const tool = startIpmitoolConsole(sim.ipmitoolArgs());
 *   await tool.waitFor('SOL Session operational', 20_000)  -> true when it appeared
 *   tool.output()      everything it printed so far
 *   tool.leave()       types ~. at the start of a line (ipmitool deactivates and quits)
 *   await tool.killHard()  SIGKILL ipmitool itself: no deactivate, no Close Session,
 *                      its console stays active on the BMC
 *   tool.exited        resolves with the exit code of script(1)
 *
 * ipmitool's console wants a terminal, so it runs under script(1). The
 * shell script(1) starts `exec`s ipmitool, which makes ipmitool script's
 * direct child: killHard kills that pid. Killing only script(1) would
 * hang up the terminal, and ipmitool, seeing its input end, may deactivate
 * its console before it dies, which is not the "left open" case a test
 * means.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export interface IpmitoolConsole {
  output(): string;
  waitFor(text: string, timeoutMs: number): Promise<boolean>;
  leave(): void;
  killHard(): Promise<void>;
  exited: Promise<number | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pids whose parent is `ppid`, read from /proc (no procps needed). */
function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) out.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

export function startIpmitoolConsole(ipmitoolArgs: string[]): IpmitoolConsole {
  const cmd = 'exec ' + ['ipmitool', ...ipmitoolArgs, 'sol', 'activate'].map((a) => `'${a}'`).join(' ');
  const tool = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  tool.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
  tool.stderr.on('data', (d: Buffer) => (out += d.toString('latin1')));
  const exited = new Promise<number | null>((r) => tool.on('exit', (code) => r(code)));
  return {
    output: () => out,
    async waitFor(text, timeoutMs) {
      const end = Date.now() + timeoutMs;
      while (!out.includes(text) && Date.now() < end) await sleep(20);
      return out.includes(text);
    },
    leave: () => void tool.stdin.write('\r~.'),
    async killHard() {
      for (const pid of childrenOf(tool.pid ?? -1)) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
      tool.kill('SIGKILL');
      await exited;
    },
    exited,
  };
}
