/**
 * `--format haconnsetup`: the layouts of HA Monitor Connector's
 * `haconnsetup show setting / status / version / show`, line for line, as the
 * Connector guide prints its examples (PSERVER1..4, BMCs 192.168.0.51..54,
 * account hitachi, reset path 192.168.0.1/255.255.255.0 port 30000; these
 * addresses are only formatted here, never contacted).
 *
 * One difference from the guide's example is deliberate: its PSERVER4 line
 * shows the link as "--", while the guide's table of link values defines
 * "---" for "monitoring not started"; FieldKit prints the defined value.
 */
import { describe, expect, it } from 'vitest';
import { newCluster, newServer } from '../../../shared/model/inventory';
import type { ServerStatus } from '../../../shared/model/monitor';
import { connectorSettingLines, connectorShowLines, connectorStatusLines, connectorVersionLines, statusLegend } from '../../../src-main/cli/commands/show';

const GUIDE_SETTING = [
  '-- HA monitor connector service setting --',
  '',
  '<resetpath>',
  ' addr:192.168.0.1    mask:255.255.255.0    port number:30000',
  '',
  '<physical server>',
  ' # name  bmc addr  account',
  ' 1 PSERVER1  192.168.0.51 hitachi',
  ' 2 PSERVER2  192.168.0.52 hitachi',
  ' 3 PSERVER3  192.168.0.53 hitachi',
  ' 4 PSERVER4  192.168.0.54 hitachi',
];
const GUIDE_STATUS = [
  '-- HA monitor connector service status --',
  ' # name  link status',
  ' 1 PSERVER1  OK monitoring',
  ' 2 PSERVER2  OK (own server)',
  ' 3 PSERVER3  OK poff detected',
  ' 4 PSERVER4  --- ----',
];

function guideCluster() {
  const c = newCluster('guide');
  c.resetPath = { prefixLength: 24, port: 30000 };
  // The guide's examples were taken on PSERVER2 (its "(own server)"), whose reset-path address is 192.168.0.1.
  const own = ['192.168.0.2', '192.168.0.1', '192.168.0.3', '192.168.0.4'];
  for (let i = 1; i <= 4; i++) c.servers.push({ ...newServer(`PSERVER${i}`, { host: `192.168.0.5${i}` }, 'hitachi'), resetPathAddress: own[i - 1] });
  return c;
}

function row(server: string, link: 'OK' | 'NG' | '---', state: ServerStatus['state']): ServerStatus {
  return { cluster: 'guide', server, links: [{ role: 'primary', link }, { role: 'secondary', link: 'none' }], power: 'on', state, checkedAt: '' };
}

const guideRows = [row('PSERVER1', 'OK', 'monitoring'), row('PSERVER2', 'OK', '(own server)'), row('PSERVER3', 'OK', 'poff detected'), row('PSERVER4', '---', '----')];

describe('haconnsetup layouts', () => {
  it('show setting matches the guide line for line', () => {
    // The guide's example was taken on PSERVER2, whose reset-path address is 192.168.0.1.
    const c = guideCluster();
    expect(connectorSettingLines(c, c.servers[1])).toEqual(GUIDE_SETTING);
    // Without the server it runs on, the address is left blank (every server has its own); mask and port are the cluster's.
    expect(connectorSettingLines(c)[3]).toBe(' addr:    mask:255.255.255.0    port number:30000');
  });
  it('show status matches the guide line for line', () => {
    expect(connectorStatusLines(guideRows)).toEqual(GUIDE_STATUS);
  });
  it('show version and bare show (setting, status, blank, version)', () => {
    expect(connectorVersionLines('2.1.2.7')).toEqual(['-- HA monitor connector service version --', ' 2.1.2.7']);
    const c = guideCluster();
    expect(connectorShowLines(c, guideRows, '2.1.2.7', c.servers[1])).toEqual([
      ...GUIDE_SETTING,
      ...GUIDE_STATUS,
      '',
      '-- HA monitor connector service version --',
      ' 2.1.2.7',
    ]);
  });
  it('the legend lists every Connector value and marks FieldKit\'s own', () => {
    const en = statusLegend('en').join('\n');
    for (const v of ['OK', 'NG', '---', '(own server)', '----', 'monitoring', 'poff detected', 'dump detected']) expect(en).toContain(v);
    expect(en).toMatch(/unreachable\*\s+\[FieldKit\]/);
    expect(statusLegend('ja').join('\n')).toMatch(/unreachable\*\s+\[FieldKit\]/);
  });
});
