import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIELDKIT_BIN } from '../../support/headless-host';
import { findFreeUdpPort } from '../../support/ipmi-sim';
import { hasSnmptrap, snmptrap, waitFor } from '../../support/snmp-tools';

/*
 * Issue 13, finding 7, through the real CLI and Net-SNMP's snmptrap: a trap
 * whose text carries terminal control sequences (erase line, carriage
 * return) is printed escaped by `traps listen` and `traps log` in text mode,
 * and exactly as received with --json.
 */
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-traps-term-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
// The decoder shows a varbind as text when it is printable ASCII, which admits CR and LF: a line can be overwritten or forged.
const HOSTILE = 'OK\rFault cleared (fake)\nINJECTED LINE';

async function listenOnce(args: string[]): Promise<string> {
  const port = await findFreeUdpPort();
  const child = spawn(process.execPath, [FIELDKIT_BIN, '--home', home, 'traps', 'listen', '--address', '127.0.0.1', '--port', String(port), '--count', '1', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FIELDKIT_SNMP_COMMUNITY: 'term-test' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  try {
    expect(await waitFor(() => /Listening for traps on/.test(err), 10_000), err).toBe(true);
    await snmptrap(['-v', '2c', '-c', 'term-test', `127.0.0.1:${port}`, '', '1.3.6.1.4.1.99999.0.1', '1.3.6.1.4.1.99999.1', 's', HOSTILE]);
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  return out;
}

describe.skipIf(!hasSnmptrap)('trap text on the terminal', () => {
  it('is escaped in text mode and exact in JSON', async () => {
    const text = await listenOnce([]);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).not.toMatch(/\r/);
    expect(text).toContain('OK\\rFault cleared (fake)\\nINJECTED LINE');
    const json = await listenOnce(['--json']);
    const e = JSON.parse(json.trim()) as { varbinds: Array<{ value: string }> };
    expect(e.varbinds.map((v) => v.value)).toContain(HOSTILE);

    const log = spawn(process.execPath, [FIELDKIT_BIN, '--home', home, 'traps', 'log'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    log.stdout.on('data', (d) => (out += d));
    await new Promise((r) => log.on('exit', r));
    expect(out).not.toMatch(/\r/);
    expect(out.trim().split('\n')).toHaveLength(2); // one line per trap, two traps logged
    expect(out).toContain('OK\\rFault cleared (fake)\\nINJECTED LINE');
  });
});
