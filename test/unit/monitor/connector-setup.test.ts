import { describe, expect, it } from 'vitest';
import { connectorSetup, connectorSetupLines, connectorSetupSections } from '../../../shared/connector-setup';
import { newCluster, newServer, type Cluster } from '../../../shared/model/inventory';
import { parseConnectorText } from '../../../src-main/services/monitor/connector-text';

/*
 * The set-up export follows the HA Monitor Connector guide: on each server,
 * stop, `haconnsetup resetpath` with THAT server's own address, `pserver add`
 * for every server (itself included), start, `show status`. The guide's own
 * example (PSERVER1-4, BMCs 192.168.0.51-54, account hitachi, mask
 * 255.255.255.0, port 30000) must come out with exactly its commands.
 */
function guideCluster(): Cluster {
  const c = newCluster('guide');
  c.resetPath = { prefixLength: 24, port: 30000 };
  for (let i = 1; i <= 4; i++) c.servers.push({ ...newServer(`PSERVER${i}`, { host: `192.168.0.5${i}` }, 'hitachi'), resetPathAddress: `192.168.0.${i}` });
  return c;
}

const PSERVER_ADDS = [1, 2, 3, 4].map((i) => `haconnsetup pserver add PSERVER${i} addr=192.168.0.5${i} account=hitachi`);

describe('connectorSetup (the data)', () => {
  it('the guide\'s configuration: each server its own resetpath, every server registered on every server', () => {
    const doc = connectorSetup(guideCluster());
    expect(doc).toMatchObject({ cluster: 'guide', port: 30000, mask: '255.255.255.0', ready: true });
    expect(doc.servers.map((b) => b.resetpathCommand)).toEqual([1, 2, 3, 4].map((i) => `haconnsetup resetpath addr=192.168.0.${i}/255.255.255.0 port=30000`));
    for (const b of doc.servers) {
      expect(b.pserverLines.map((l) => l.command)).toEqual(PSERVER_ADDS);
      expect(b.pserverLines.every((l) => l.note === undefined)).toBe(true);
      expect(b.missing).toEqual([]);
    }
    // What show status should read on PSERVER2: itself "(own server)", the others "monitoring".
    expect(doc.servers[1].expectedStatus).toEqual([
      '-- HA monitor connector service status --',
      ' # name  link status',
      ' 1 PSERVER1  OK monitoring',
      ' 2 PSERVER2  OK (own server)',
      ' 3 PSERVER3  OK monitoring',
      ' 4 PSERVER4  OK monitoring',
    ]);
  });

  it('the expected status is in the layout FieldKit\'s own parser of the Connector reads', () => {
    const doc = connectorSetup(guideCluster());
    const parsed = parseConnectorText(doc.servers[2].expectedStatus.join('\n'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.value?.status?.map((r) => `${r.name} ${r.link} ${r.status}`)).toEqual([
      'PSERVER1 OK monitoring', 'PSERVER2 OK monitoring', 'PSERVER3 OK (own server)', 'PSERVER4 OK monitoring',
    ]);
  });

  it('a server without its own reset-path address gets no commands, but says what is missing; the others are unaffected', () => {
    const c = guideCluster();
    delete c.servers[2].resetPathAddress;
    const doc = connectorSetup(c);
    expect(doc.ready).toBe(false);
    expect(doc.servers.map((b) => b.ready)).toEqual([true, true, false, true]);
    expect(doc.servers[2].resetpathCommand).toBeUndefined();
    expect(doc.servers[2].missing.map((m) => m.en)).toEqual(["PSERVER3's own reset-path address (fieldkit resetpath addr=<ip>/<mask> --server PSERVER3)"]);
    const lines = connectorSetupLines(doc, 'en');
    // A block that cannot be run prints no haconnsetup command at all.
    const block = lines.slice(lines.indexOf('== Server PSERVER3 =='), lines.indexOf('== Server PSERVER4 =='));
    expect(block.some((l) => l.includes('haconnsetup resetpath') || l.includes('haconnsetup pserver'))).toBe(false);
  });

  it('no reset path in the cluster: every block lists the mask and port as missing', () => {
    const c = guideCluster();
    c.resetPath = undefined;
    const doc = connectorSetup(c);
    expect(doc.ready).toBe(false);
    expect(doc.servers.every((b) => b.missing[0].en.startsWith("the cluster's reset-path mask and port"))).toBe(true);
    expect(connectorSetupSections(doc, 'ja')[0].lines[0]).toBe('リセットパス: 未登録 (マスクとポートがありません)。');
  });

  it('no account recorded: account= is left out (the guide allows it for the default user) and a note says so', () => {
    const c = guideCluster();
    c.servers[3].account = '';
    const doc = connectorSetup(c);
    expect(doc.ready).toBe(true);
    expect(doc.servers[0].pserverLines[3]).toMatchObject({ command: 'haconnsetup pserver add PSERVER4 addr=192.168.0.54' });
    expect(doc.servers[0].pserverLines[3].note?.en).toMatch(/default user/);
  });

  it('IPv6: the prefix stays a length', () => {
    const c = guideCluster();
    c.resetPath = { prefixLength: 64, port: 30000 };
    c.servers.forEach((s, i) => { s.resetPathAddress = `2001:db8::${i + 1}`; });
    expect(connectorSetup(c).servers[0].resetpathCommand).toBe('haconnsetup resetpath addr=2001:db8::1/64 port=30000');
  });
});

describe('connectorSetupLines (the text, both languages)', () => {
  for (const lang of ['en', 'ja'] as const) {
    it(`${lang}: the guide's procedure in order, firewall ports, never a password`, () => {
      const c = guideCluster();
      const lines = connectorSetupLines(connectorSetup(c), lang);
      const text = lines.join('\n');
      // The order of one block: stop, resetpath, pserver add x4, start, show status.
      const start = lines.indexOf(lang === 'en' ? '== Server PSERVER1 ==' : '== サーバ PSERVER1 ==');
      expect(start).toBeGreaterThan(0);
      const at = (needle: string) => lines.findIndex((l, i) => i > start && l.includes(needle));
      const order = [
        at('systemctl stop haconnd'),
        at('haconnsetup resetpath addr=192.168.0.1/255.255.255.0 port=30000'),
        ...PSERVER_ADDS.map(at),
        at('systemctl start haconnd'),
        at(' 1 PSERVER1  OK (own server)'),
      ];
      expect(order.every((n) => n > start)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // Every server gets its own block with its own address.
      for (let i = 1; i <= 4; i++) expect(text).toContain(`haconnsetup resetpath addr=192.168.0.${i}/255.255.255.0 port=30000`);
      expect(lines.filter((l) => l.includes('haconnsetup pserver add'))).toHaveLength(16);
      // Firewall: the reset-path port and 623, both UDP.
      expect(text).toMatch(lang === 'en' ? /UDP port 30000 \(the reset path\) and UDP port 623/ : /UDP ポート 30000 \(リセットパス\) と UDP ポート 623/);
      expect(text).not.toMatch(/password=|passwd/i);
      expect(text).toContain('"(own server)"');
      if (lang === 'ja') {
        expect(text).toContain('サーバ');
        expect(text).not.toContain('サーバー');
        expect(text).not.toContain('クラスター');
      }
    });
  }
});
