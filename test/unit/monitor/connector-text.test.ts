/**
 * Reading HA Monitor Connector's own `haconnsetup show` output (the guide's
 * examples, as copied from the guide with its uneven spacing and blank
 * lines) and comparing it with the inventory. The 192.168.0.x addresses are
 * only parsed and compared here; nothing contacts them.
 */
import { describe, expect, it } from 'vitest';
import { newCluster, newServer } from '../../../shared/model/inventory';
import type { ServerStatus } from '../../../shared/model/monitor';
import { explainNotice } from '../../../shared/guide/notice-match';
import { CONNECTOR_NOTICES as CONNECTOR_MESSAGES } from '../../../shared/guide/notices';

/** The Connector's own entries of the one catalogue, found by id or pasted line. */
const findConnectorMessage = (input: string) => {
  const m = explainNotice(input);
  return m && m.notice.source === 'connector' ? m.notice : undefined;
};
import { compareConnector, parseConnectorText } from '../../../src-main/services/monitor/connector-text';

// `haconnsetup show` as the guide prints it (bare show: setting + status + version).
const GUIDE_SHOW = `-- HA monitor connector service setting -- 

<resetpath> 
 addr:192.168.0.1    mask:255.255.255.0    port number:30000 

<physical server> 
 # name  bmc addr  account 
 1 PSERVER1  192.168.0.51 hitachi 
 2 PSERVER2  192.168.0.52 hitachi 
 3 PSERVER3  192.168.0.53 hitachi 
 4 PSERVER4   192.168.0.54 hitachi 
-- HA monitor connector service status -- 
 # name  link status 
 1 PSERVER1  OK monitoring 
 2 PSERVER2  OK (own server) 
 3 PSERVER3  OK poff detected 
 4 PSERVER4  -- ---- 

-- HA monitor connector service version -- 
 2.1.2.7 
`;

function guideCluster() {
  const c = newCluster('guide');
  c.resetPath = { prefixLength: 24, port: 30000 };
  // The guide's examples were taken on PSERVER2 (its "(own server)"), whose reset-path address is 192.168.0.1.
  const own = ['192.168.0.2', '192.168.0.1', '192.168.0.3', '192.168.0.4'];
  for (let i = 1; i <= 4; i++) c.servers.push({ ...newServer(`PSERVER${i}`, { host: `192.168.0.5${i}` }, 'hitachi'), resetPathAddress: own[i - 1] });
  return c;
}

describe('parsing haconnsetup show output', () => {
  it('reads the guide\'s example: reset path, four servers, their status, the version', () => {
    const r = parseConnectorText(GUIDE_SHOW);
    expect(r.problems).toEqual([]);
    expect(r.value!.setting).toEqual({
      resetPath: { addr: '192.168.0.1', mask: '255.255.255.0', port: 30000 },
      servers: [1, 2, 3, 4].map((i) => ({ index: i, name: `PSERVER${i}`, bmcAddr: `192.168.0.5${i}`, account: 'hitachi' })),
    });
    expect(r.value!.status!.map((s) => `${s.name} ${s.link} ${s.status}`)).toEqual([
      'PSERVER1 OK monitoring', 'PSERVER2 OK (own server)', 'PSERVER3 OK poff detected', 'PSERVER4 --- ----',
    ]);
    expect(r.value!.version).toBe('2.1.2.7');
  });

  it('malformed text: a clear problem per line, and nothing to use', () => {
    const bad = GUIDE_SHOW.replace(' 2 PSERVER2  OK (own server)', ' 2 PSERVER2  OK sleeping').replace(' 3 PSERVER3  192.168.0.53 hitachi', ' 3 PSERVER-3 bmc3');
    const r = parseConnectorText(bad);
    expect(r.value).toBeUndefined();
    expect(r.problems.map((p) => p.line)).toEqual([10, 15]);
    expect(r.problems[0].why).toMatch(/<#> <name> <bmc addr> <account>/);
    expect(r.problems[1].why).toMatch(/\(own server\)\|----\|monitoring/);
    expect(parseConnectorText('hello\n').problems[0]).toMatchObject({ line: 1 });
    expect(parseConnectorText('').problems[0].why).toMatch(/no haconnsetup show output/);
  });

  it('"HA connector service is not processing." is read as such', () => {
    const r = parseConnectorText('HA connector service is not processing.\n');
    expect(r.value).toEqual({ notProcessing: true });
    expect(compareConnector(r.value!, guideCluster(), 'PSERVER1')[0].en).toMatch(/not running.*systemctl start haconnd/);
  });
});

describe('comparing with the inventory', () => {
  it('the guide\'s example against a matching inventory: only what the status itself says', () => {
    const f = compareConnector(parseConnectorText(GUIDE_SHOW).value!, guideCluster(), 'PSERVER2');
    expect(f.map((x) => x.en)).toEqual([
      'PSERVER3: poff detected (seen from PSERVER2).',
      'PSERVER4 is not monitored yet by PSERVER2 (----).',
    ]);
  });

  it('flags a reset-path address other than the one the inventory has for the server it was taken on', () => {
    const c = guideCluster();
    c.servers[1].resetPathAddress = '192.168.0.9';
    const en = compareConnector(parseConnectorText(GUIDE_SHOW).value!, c, 'PSERVER2').map((x) => x.en);
    expect(en).toContain('The Connector (PSERVER2) uses reset-path address 192.168.0.1; the inventory has 192.168.0.9 for PSERVER2.');
  });

  it('lists NG links with FieldKit\'s view, a missing (own server), servers missing on either side, other addresses and BMCs outside the reset-path segment', () => {
    const text = GUIDE_SHOW.replace(' 2 PSERVER2  OK (own server)', ' 2 PSERVER2  NG monitoring')
      .replace(' 4 PSERVER4   192.168.0.54 hitachi', ' 4 PSERVER4   10.0.0.54 hitachi');
    const c = guideCluster();
    c.servers.push(newServer('PSERVER5', { host: '192.168.0.55' }, 'hitachi'));
    c.servers[3].bmc.primary.host = '192.168.0.64';
    const live = [{ server: 'PSERVER2', links: [{ role: 'primary', link: 'OK' }, { role: 'secondary', link: 'none' }] }] as unknown as ServerStatus[];
    const en = compareConnector(parseConnectorText(text).value!, c, 'server1', live).map((x) => x.en);
    expect(en).toContain('PSERVER2 shows link NG from server1. FieldKit reaches its BMC.');
    expect(en).toContain('No server shows "(own server)" (server1): check this server\'s reset-path address (haconnsetup resetpath addr=) and that its own BMC is registered.');
    expect(en.some((x) => x.startsWith('PSERVER5 is in the inventory but not registered in the Connector (server1): haconnsetup pserver add PSERVER5 addr=192.168.0.55 account=hitachi'))).toBe(true);
    expect(en).toContain('PSERVER4: the Connector (server1) has BMC address 10.0.0.54; the inventory has 192.168.0.64.');
    expect(en).toContain('PSERVER4\'s BMC 10.0.0.54 is outside the reset-path segment 192.168.0.1/255.255.255.0 (server1): the Connector cannot reach it over the reset path.');
  });
});

describe('the Connector\'s messages', () => {
  it('knows HCME1010-1013, HCME1020 and "not processing", by id or by a pasted syslog line', () => {
    expect(CONNECTOR_MESSAGES.map((m) => m.id)).toEqual(['HCME1010', 'HCME1011', 'HCME1012', 'HCME1013', 'HCME1020', 'NOT-PROCESSING']);
    expect(findConnectorMessage('hcme1012')?.id).toBe('HCME1012');
    expect(findConnectorMessage('Dec  2 03:00:00 server1 haconnd[123]: HCME1010: HA connector service cannot be started. There is no ipmitool. Check the ipmitool is installed.')?.action.en).toMatch(/Install ipmitool/);
    expect(findConnectorMessage('HA connector service is not processing.')?.id).toBe('NOT-PROCESSING');
    expect(findConnectorMessage('HCME9999')).toBeUndefined();
    for (const m of CONNECTOR_MESSAGES) expect(m.meaning.ja + m.action.ja).toMatch(/[\u3040-\u30ff]/);
  });
});
