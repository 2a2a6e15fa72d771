import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../shared/messages';
import type { Inventory } from '../../../shared/model/inventory';
import {
  checkAccount,
  checkCategory,
  checkServerName,
  parseBmcAddress,
  parseResetAddr,
  parseResetPort,
  parseTrapKeyword,
  validateInventory,
  type ValidationIssue,
} from '../../../shared/validation';
import { clone, sampleInventory } from '../../support/inventory';

const ids = (issues: ValidationIssue[]) => issues.map((i) => i.id);
const s0 = (inv: Inventory) => inv.clusters[0].servers[0];

function withEdit(edit: (inv: Inventory) => void): ValidationIssue[] {
  const inv = clone(sampleInventory());
  edit(inv);
  return validateInventory(inv);
}

describe('sample inventory', () => {
  it('passes every rule without errors or warnings', () => {
    expect(validateInventory(sampleInventory())).toEqual([]);
  });
});

describe('server name (HA Monitor Connector: 1-31 alphanumerics, unique)', () => {
  it.each(['a', 'node1', 'N'.repeat(31), 'Srv01abc'])('accepts %j', (n) => expect(checkServerName(n)).toEqual([]));
  it.each(['', 'N'.repeat(32), 'node-1', 'node_1', 'node 1', 'ノード1', 'node.1'])('refuses %j', (n) => {
    expect(ids(checkServerName(n))).toEqual(['INVENTORY_SERVER_NAME_INVALID']);
  });
  it('refuses duplicates in a cluster, regardless of case', () => {
    const issues = withEdit((inv) => { inv.clusters[0].servers[1].name = 'NODE1'; });
    expect(ids(issues)).toContain('INVENTORY_SERVER_NAME_DUPLICATE');
  });
});

describe('cluster size', () => {
  it('physical: 2 to 4 servers', () => {
    const one = withEdit((inv) => { inv.clusters[0].servers.pop(); });
    expect(one.find((i) => i.id === 'INVENTORY_CLUSTER_TOO_FEW_SERVERS')).toMatchObject({ severity: 'error', incomplete: true });
    const four = withEdit((inv) => {
      const c = inv.clusters[0];
      for (let n = 3; n <= 4; n++) c.servers.push({ ...clone(c.servers[0]), name: `node${n}`, bmc: { primary: { host: '127.0.0.1', port: 17000 + n } }, resetPathAddress: `127.0.2.${10 + n}` });
      c.trapSettings.monitors = [];
    });
    expect(four).toEqual([]);
    const five = withEdit((inv) => {
      const c = inv.clusters[0];
      for (let n = 3; n <= 5; n++) c.servers.push({ ...clone(c.servers[0]), name: `node${n}`, bmc: { primary: { host: '127.0.0.1', port: 17000 + n } } });
    });
    expect(ids(five)).toContain('INVENTORY_CLUSTER_TOO_MANY_SERVERS');
  });
  it('virtual: exactly 2', () => {
    expect(withEdit((inv) => { inv.clusters[0].kind = 'virtual'; })).toEqual([]);
    const three = withEdit((inv) => {
      inv.clusters[0].kind = 'virtual';
      inv.clusters[0].servers.push({ ...clone(inv.clusters[0].servers[0]), name: 'node3', bmc: { primary: { host: '127.0.0.1', port: 17003 } } });
    });
    expect(ids(three)).toContain('INVENTORY_CLUSTER_TOO_MANY_SERVERS');
  });
  it('cluster names: valid and unique', () => {
    expect(ids(withEdit((inv) => { inv.clusters[0].name = 'bad name!'; }))).toContain('INVENTORY_CLUSTER_NAME_INVALID');
    const dup = withEdit((inv) => {
      const c = clone(inv.clusters[0]);
      c.name = 'HACLUSTER1';
      c.servers.forEach((s, i) => { s.bmc = { primary: { host: '::1', port: 18000 + i } }; delete s.resetPathAddress; });
      c.resetPath = undefined;
      c.trapSettings.monitors = [];
      inv.clusters.push(c);
    });
    expect(ids(dup)).toEqual(['INVENTORY_CLUSTER_NAME_DUPLICATE']);
  });
});

describe('BMC addresses', () => {
  it.each([
    ['127.0.0.1', { host: '127.0.0.1' }],
    ['127.0.0.1:623', { host: '127.0.0.1', port: 623 }],
    ['::1', { host: '::1' }],
    ['[::1]:6230', { host: '::1', port: 6230 }],
    ['2001:db8::10', { host: '2001:db8::10' }],
    ['::ffff:192.0.2.1', { host: '::ffff:192.0.2.1' }],
  ])('parses %j', (text, value) => expect(parseBmcAddress(text)).toEqual({ value, issues: [] }));
  it.each(['', '1.2.3', '256.1.1.1', '01.2.3.4', 'bmc.example', '1.2.3.4.5', ':::1', '2001:db8::1::2', '1::2::3'])('refuses address %j', (t) => {
    expect(ids(parseBmcAddress(t).issues)).toEqual(['INVENTORY_BMC_ADDRESS_INVALID']);
  });
  it.each(['127.0.0.1:0', '127.0.0.1:65536', '127.0.0.1:x', '[::1]:99999'])('refuses port in %j', (t) => {
    expect(ids(parseBmcAddress(t).issues)).toEqual(['INVENTORY_BMC_PORT_INVALID']);
  });
  it('refuses one endpoint on two servers, also when spelt differently', () => {
    const issues = withEdit((inv) => { inv.clusters[0].servers[1].bmc.primary = { host: '127.0.0.1', port: 16232 }; });
    expect(ids(issues)).toContain('INVENTORY_BMC_ADDRESS_DUPLICATE');
    const v6 = withEdit((inv) => {
      inv.clusters[0].servers[0].bmc = { primary: { host: '::1' } };
      inv.clusters[0].servers[1].bmc = { primary: { host: '0:0:0:0:0:0:0:1', port: 623 } };
      inv.clusters[0].trapSettings.monitors = [];
      // The reset-path segment is IPv4 loopback's: an IPv6 BMC would (rightly) be flagged outside it.
      inv.clusters[0].resetPath = undefined;
      for (const s of inv.clusters[0].servers) delete s.resetPathAddress;
    });
    expect(ids(v6)).toEqual(['INVENTORY_BMC_ADDRESS_DUPLICATE']);
  });
  it('refuses a secondary equal to the primary', () => {
    const issues = withEdit((inv) => { s0(inv).bmc.secondary = { host: '127.0.0.1', port: 16232 }; });
    expect(ids(issues)).toContain('INVENTORY_BMC_SECONDARY_SAME');
  });
});

describe('account and IPMI options', () => {
  it.each(['', 'admin', 'x'.repeat(16)])('accepts account %j', (a) => expect(checkAccount(a)).toEqual([]));
  it.each(['x'.repeat(17), ' admin', 'ad\nmin', 'ユーザ名前です'])('refuses account %j', (a) => expect(ids(checkAccount(a))).toEqual(['INVENTORY_ACCOUNT_INVALID']));
  it('cipher suite: 3 and 17 clean, 4-16 and 18-19 warn (0-2: weak-cipher.test.ts), outside refused', () => {
    expect(withEdit((inv) => { s0(inv).ipmi.cipherSuite = 17; })).toEqual([]);
    expect(withEdit((inv) => { s0(inv).ipmi.cipherSuite = 6; })).toMatchObject([{ id: 'INVENTORY_CIPHER_SUITE_UNSUPPORTED', severity: 'warning' }]);
    expect(withEdit((inv) => { s0(inv).ipmi.cipherSuite = 20; })).toMatchObject([{ id: 'INVENTORY_CIPHER_SUITE_INVALID', severity: 'error' }]);
  });
  it('notes are limited to 4096 bytes', () => {
    expect(withEdit((inv) => { s0(inv).notes = 'あ'.repeat(1365); })).toEqual([]);
    expect(ids(withEdit((inv) => { s0(inv).notes = 'あ'.repeat(1366); }))).toEqual(['INVENTORY_NOTES_TOO_LONG']);
  });
  it('trap receivers and interfaces must be addresses', () => {
    expect(ids(withEdit((inv) => { s0(inv).trapReceivers = ['localhost']; }))).toEqual(['INVENTORY_TRAP_RECEIVER_INVALID', 'INVENTORY_TRAP_SERVER_NOT_LISTED']);
    expect(ids(withEdit((inv) => { s0(inv).interfaces = [{ name: 'eth1', cidr: '10.0.0.1' }]; }))).toEqual(['INVENTORY_INTERFACE_INVALID']);
  });
  it('interface names are names: a formula, a separator or a control character is refused; Windows names pass', () => {
    for (const bad of ['=1+1', '@SUM(A1)', 'eth1;eth2', 'a=b', '\teth0', 'eth0\r', '', 'x'.repeat(65), '-eth0']) {
      expect(ids(withEdit((inv) => { s0(inv).interfaces = [{ name: bad, cidr: '198.51.100.11/24' }]; })), JSON.stringify(bad)).toContain('INVENTORY_INTERFACE_NAME_INVALID');
    }
    for (const good of ['eth1', 'bond0.100', 'ens1f0@if3', 'Ethernet 2', 'イーサネット 2']) {
      expect(ids(withEdit((inv) => { s0(inv).interfaces = [{ name: good, cidr: '198.51.100.11/24' }]; })), good).not.toContain('INVENTORY_INTERFACE_NAME_INVALID');
    }
  });
});

describe('PCI slots and the fencing advice', () => {
  it('slot numbers are 0-255 and unique', () => {
    expect(ids(withEdit((inv) => { s0(inv).slots[0].number = 256; }))).toContain('INVENTORY_SLOT_NUMBER_INVALID');
    expect(ids(withEdit((inv) => { s0(inv).slots[1].number = 1; }))).toContain('INVENTORY_SLOT_DUPLICATE');
    expect(ids(withEdit((inv) => { s0(inv).slots[2].priority = 0; }))).toContain('INVENTORY_SLOT_PRIORITY_INVALID');
  });
  it('warns when every NIC slot is fenced', () => {
    const issues = withEdit((inv) => { s0(inv).slots[2].fenced = true; s0(inv).slots[2].priority = 3; });
    expect(issues.find((i) => i.id === 'INVENTORY_FENCING_ALL_NICS')?.severity).toBe('warning');
  });
  it('warns when a fenced interconnect outranks the unfenced one', () => {
    const issues = withEdit((inv) => { s0(inv).slots[2].priority = 2; s0(inv).slots[3].priority = 1; });
    expect(issues).toMatchObject([{ id: 'INVENTORY_FENCING_INTERCONNECT_PRIORITY', severity: 'warning', params: { fencedSlot: 4, openSlot: 3 } }]);
  });
  it.each([[0, 'HBA'], [1, 'NIC_FLOATING']])('warns when shared-resource slot %i (%s) is not fenced', (i) => {
    const issues = withEdit((inv) => { s0(inv).slots[i].fenced = false; });
    expect(issues).toMatchObject([{ id: 'INVENTORY_FENCING_SHARED_NOT_FENCED', severity: 'warning' }]);
  });
  it('an OTHER slot may be either', () => {
    expect(withEdit((inv) => { s0(inv).slots.push({ number: 9, kind: 'OTHER', fenced: false }); })).toEqual([]);
  });
});

describe('reset path', () => {
  it.each([
    ['192.0.2.1/24', { address: '192.0.2.1', prefixLength: 24 }],
    ['192.0.2.1/255.255.255.0', { address: '192.0.2.1', prefixLength: 24 }],
    ['192.0.2.1/255.255.255.252', { address: '192.0.2.1', prefixLength: 30 }],
    ['2001:db8::1/64', { address: '2001:db8::1', prefixLength: 64 }],
  ])('parses addr=%s', (t, value) => expect(parseResetAddr(t)).toEqual({ value, issues: [] }));
  it.each(['192.0.2.1', '192.0.2/24', 'host/24'])('refuses addr=%s', (t) => expect(ids(parseResetAddr(t).issues)).toEqual(['INVENTORY_RESETPATH_ADDR_INVALID']));
  it.each(['192.0.2.1/33', '192.0.2.1/255.0.255.0', '192.0.2.1/0', '192.0.2.1/x'])('refuses mask in %s', (t) => expect(ids(parseResetAddr(t).issues)).toEqual(['INVENTORY_RESETPATH_MASK_INVALID']));
  it.each(['5001', '65535', '10000'])('accepts port %s', (p) => expect(parseResetPort(p).issues).toEqual([]));
  it.each(['5000', '65536', '0', '-1', 'abc', ''])('refuses port %j, naming the range 5001-65535', (p) => {
    const r = parseResetPort(p);
    expect(ids(r.issues)).toEqual(['INVENTORY_RESETPATH_PORT_RANGE']);
    expect(catalogue.INVENTORY_RESETPATH_PORT_RANGE.remedy.en).toContain('5001 to 65535');
    expect(catalogue.INVENTORY_RESETPATH_PORT_RANGE.remedy.ja).toContain('5001～65535');
  });
  it('warns when the reset path shares a segment with another interface', () => {
    const issues = withEdit((inv) => { s0(inv).interfaces.push({ name: 'eth9', cidr: '127.0.9.77/25' }); });
    expect(issues).toMatchObject([{ id: 'INVENTORY_RESETPATH_SHARED_SEGMENT', severity: 'warning', params: { server: 'node1', iface: 'eth9' } }]);
  });
  it('refuses two clusters with one reset path port on one segment', () => {
    const issues = withEdit((inv) => {
      const c = clone(inv.clusters[0]);
      c.name = 'hacluster2';
      c.servers.forEach((s, i) => { s.bmc = { primary: { host: '127.0.0.2', port: 18000 + i } }; s.resetPathAddress = `127.0.3.${20 + i}`; });
      c.trapSettings.monitors = [];
      c.resetPath = { prefixLength: 8, port: 5001 };
      inv.clusters.push(c);
    });
    expect(ids(issues)).toEqual(['INVENTORY_RESETPATH_PORT_CONFLICT']);
  });
});

describe('trap settings (BMCNOTICE keyword)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join(';');
  it.each([
    ['127.0.0.1', ['127.0.0.1'], 162],
    ['127.0.0.1;127.0.0.2:1162', ['127.0.0.1', '127.0.0.2'], 1162],
    ['::1;[2001:db8::5]:1162', ['0:0:0:0:0:0:0:1', '2001:db8:0:0:0:0:0:5'], 1162],
    [many(32), undefined, 162],
  ])('parses %j', (kw, addrs, port) => {
    const r = parseTrapKeyword(kw);
    expect(r.issues).toEqual([]);
    if (addrs) expect(r.value?.addresses).toEqual(addrs);
    expect(r.value?.port).toBe(port);
  });
  it('refuses 33 addresses', () => expect(ids(parseTrapKeyword(many(33)).issues)).toContain('INVENTORY_TRAP_KEYWORD_TOO_MANY'));
  it('refuses more than 1023 bytes', () => {
    const kw = Array.from({ length: 32 }, (_, i) => `2001:db8:ffff:ffff:ffff:ffff:ffff:${(i + 0x1000).toString(16)}`).join(';');
    expect(kw.length).toBeGreaterThan(1023);
    expect(ids(parseTrapKeyword(kw).issues)).toEqual(['INVENTORY_TRAP_KEYWORD_TOO_LONG']);
  });
  it.each(['127.0.0.1:0', '127.0.0.1:70000', '127.0.0.1:'])('refuses port in %j', (kw) => expect(ids(parseTrapKeyword(kw).issues)).toContain('INVENTORY_TRAP_KEYWORD_PORT_INVALID'));
  it.each(['127.0.0.1:162;127.0.0.2', '127.0.0.1; 127.0.0.2', 'bmc1;bmc2', '127.0.0.1;;127.0.0.2'])('refuses %j', (kw) => {
    expect(ids(parseTrapKeyword(kw).issues)).toContain('INVENTORY_TRAP_KEYWORD_ADDRESS_INVALID');
  });
  it('refuses an empty keyword', () => expect(ids(parseTrapKeyword(' ').issues)).toEqual(['INVENTORY_TRAP_KEYWORD_EMPTY']));
  it('category: at most 32 bytes; unknown categories warn', () => {
    for (const c of ['BMCNOTICE', 'NIC', 'FC', 'HA/SS', 'HA/AM', 'HA/RS', 'SPS']) expect(checkCategory(c)).toEqual([]);
    expect(checkCategory('CUSTOM')).toMatchObject([{ id: 'INVENTORY_TRAP_CATEGORY_UNKNOWN', severity: 'warning' }]);
    expect(ids(checkCategory('C'.repeat(33)))).toEqual(['INVENTORY_TRAP_CATEGORY_TOO_LONG']);
    expect(ids(checkCategory(''))).toEqual(['INVENTORY_TRAP_CATEGORY_EMPTY']);
  });
  it('every BMCNOTICE monitor of a cluster uses one port', () => {
    const issues = withEdit((inv) => { inv.clusters[0].trapSettings.monitors.push({ keyword: '127.0.0.1:1162', category: 'BMCNOTICE' }); });
    expect(ids(issues)).toEqual(['INVENTORY_TRAP_PORT_MISMATCH']);
    expect(withEdit((inv) => { inv.clusters[0].trapSettings.monitors.push({ keyword: '127.0.0.1:162', category: 'BMCNOTICE' }); })).toEqual([]);
  });
  it('the keyword lists OS-side trap receivers: a BMC address that is no server\'s OS address is flagged, not asked for', () => {
    // A secondary BMC that is in no keyword is fine: BMCs are not listed in the keyword.
    expect(withEdit((inv) => { inv.clusters[0].servers[1].bmc.secondary = { host: '127.0.0.9' }; })).toEqual([]);
    const issues = withEdit((inv) => {
      inv.clusters[0].servers[1].bmc.secondary = { host: '127.0.0.9' };
      inv.clusters[0].trapSettings.monitors[0].keyword = '127.0.0.1;127.0.0.9';
    });
    expect(issues).toMatchObject([{ id: 'INVENTORY_TRAP_KEYWORD_HAS_BMC', severity: 'warning', params: { value: '127.0.0.9', server: 'node2' } }]);
  });
});

describe('catalogue of the rules', () => {
  it('every inventory and credential id has English and Japanese text and remedy', () => {
    const own = Object.entries(catalogue).filter(([id]) => id.startsWith('INVENTORY_') || id.startsWith('CRED_'));
    expect(own.length).toBeGreaterThan(50);
    for (const [id, m] of own) {
      expect(m.en, id).not.toBe('');
      expect(m.ja, id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(m.remedy.ja, id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      // Same placeholders in both languages.
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(ph(m.ja), id).toEqual(ph(m.en));
    }
  });
});
