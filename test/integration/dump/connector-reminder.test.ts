/**
 * The dump step reminds the engineer of HA Monitor Connector's own dump on
 * each server: in `fieldkit dump`'s output (both languages, and in --json)
 * and in the README.txt inside the archive. --no-bmc: no BMC is contacted.
 * Needs `npm run build:cli` first.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DumpManifest } from '../../../shared/model/dump';
import { runCli } from '../firmware/helpers';

const dirs: string[] = [];
const tmp = (p: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), p));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('fieldkit dump: the Connector reminder', () => {
  it('prints the haconnsetup dump step and the Connector\'s logs, and puts the same in README.txt of the archive', async () => {
    const home = tmp('fk-dumprem-home-');
    const out = tmp('fk-dumprem-out-');
    const r = await runCli(['--home', home, 'dump', '--no-bmc', '--output', out], { ...process.env, FIELDKIT_LANG: 'en' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('/opt/hitachi/haconn2/bin/haconnsetup dump');
    expect(r.stdout).toContain('/var/opt/hitachi/haconn2/log/HaConnectorDump.<date and time>.tar.gz');
    expect(r.stdout).toMatch(/file to collect does not exist are normal/);
    for (const log of ['eventlog*', 'eventlogalt*', 'eventlogcui*', 'initlog*']) expect(r.stdout).toContain(`/var/opt/hitachi/haconn2/log/${log}`);

    const [archive] = fs.readdirSync(out);
    const x = tmp('fk-dumprem-x-');
    expect(spawnSync('tar', ['-xzf', path.join(out, archive), '-C', x]).status).toBe(0);
    const root = path.join(x, fs.readdirSync(x)[0]);
    const readme = fs.readFileSync(path.join(root, 'README.txt'), 'utf8');
    expect(readme).toContain('haconnsetup dump');
    expect(readme).toContain('HaConnectorDump.<採取日時>.tar.gz');
    expect(readme).toContain('HaConnectorDump.<date and time>.tar.gz');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as DumpManifest;
    expect(manifest.files.map((f) => f.path)).toContain('README.txt');
  });

  it('in Japanese, and as data in --json', async () => {
    const home = tmp('fk-dumprem-home-');
    const ja = await runCli(['--home', home, '--lang', 'ja', 'dump', '--no-bmc', '--output', tmp('fk-dumprem-out-')], process.env);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout).toContain('各サーバに root でログインし、/opt/hitachi/haconn2/bin/haconnsetup dump を実行します');
    const j = await runCli(['--home', home, 'dump', '--no-bmc', '--json', '--output', tmp('fk-dumprem-out-')], process.env);
    expect(j.code, j.stderr).toBe(0);
    expect(JSON.parse(j.stdout).connectorDump).toMatchObject({ command: '/opt/hitachi/haconn2/bin/haconnsetup dump', logs: expect.arrayContaining(['/var/opt/hitachi/haconn2/log/initlog*']) });
  });
});
