/**
 * The per-model prerequisites checklist: which items each model gets, the
 * ports filled in from the inventory, and that nothing FieldKit cannot see
 * is ever shown as passed. Addresses are only data here.
 */
import { describe, expect, it } from 'vitest';
import { buildPrerequisites, CHECK_BY_HAND, prerequisiteLines, type PrereqItem } from '../../../shared/guide/prerequisites';
import { newCluster, newServer, type Cluster, type ServerModel } from '../../../shared/model/inventory';

function cluster(name: string, models: Array<ServerModel | undefined>): Cluster {
  const c = newCluster(name);
  models.forEach((model, i) => c.servers.push({ ...newServer(`${name}-s${i + 1}`, { host: `192.168.0.${51 + i}` }, 'admin'), ...(model ? { model } : {}) }));
  return c;
}
const ids = (items: PrereqItem[]) => items.map((i) => i.id);

describe('buildPrerequisites', () => {
  it('NX7700x: ipmi and acpi services, licence, trap path and the trap port of the BMCNOTICE keyword', () => {
    const c = cluster('nx', ['NX7700x', 'NX7700x']);
    c.trapSettings.monitors.push({ category: 'BMCNOTICE', keyword: '192.168.0.1;192.168.0.2:1162' });
    const list = buildPrerequisites([c]);
    expect(ids(list.items)).toEqual(['nx7700x.supported', 'service.ipmi', 'nx7700x.acpi', 'nx7700x.license', 'bmc.trap-path', 'firewall.trap']);
    expect(list.items.find((i) => i.id === 'firewall.trap')?.title.en).toContain('UDP 1162');
    expect(list.items.every((i) => i.servers.join() === 'nx-s1,nx-s2')).toBe(true);
  });

  it('Express5800/A1080a and A1040a: the ServerAgent events, no acpi; the port of each server\'s own keyword, 162 by default', () => {
    const c = cluster('ex', ['Express5800/A1080a', 'Express5800/A1040a']);
    c.trapSettings.monitors.push({ category: 'BMCNOTICE', keyword: '', serverKeywords: [{ server: 'ex-s1', keyword: '192.168.0.1:2162' }, { server: 'ex-s2', keyword: '192.168.0.2' }] });
    const list = buildPrerequisites([c]);
    expect(ids(list.items)).toContain('express5800.esmpro-events');
    expect(ids(list.items)).not.toContain('nx7700x.acpi');
    const events = list.items.find((i) => i.id === 'express5800.esmpro-events')!;
    for (const id of ['C00001FD', 'C0000203', 'C0000454', 'ESMCOMMONSERVICE']) expect(events.title.en).toContain(id);
    expect(events.title.ja).toContain('“シャットダウン” から “何もしない”');
    expect(list.items.find((i) => i.id === 'firewall.trap')?.title.en).toContain('UDP 162, 2162');
  });

  it('HA8000: the BH40 option, ipmitool, the service order, the reset times per model and the reset-path and IPMI ports', () => {
    const c = cluster('ha', ['HA8000', 'HA8000']);
    c.resetPath = { prefixLength: 24, port: 30000 };
    const list = buildPrerequisites([c]);
    expect(ids(list.items)).toEqual(['ha8000.option', 'ha8000.software', 'ha8000.ipmi-service', 'ha8000.reset-times', 'firewall.reset-path']);
    expect(list.items.find((i) => i.id === 'ha8000.option')?.title.en).toContain('BH40');
    expect(list.items.find((i) => i.id === 'ha8000.reset-times')?.title.ja).toContain('系のリセット終了時間');
    const fw = list.items.find((i) => i.id === 'firewall.reset-path')!;
    expect(fw.title.en).toContain('UDP 30000');
    expect(fw.title.en).toContain('UDP 623');
    expect(fw.manual).toBe('003');
  });

  it('says so when the reset-path port is not recorded, in each language', () => {
    const fw = buildPrerequisites([cluster('ha', ['HA8000'])]).items.find((i) => i.id === 'firewall.reset-path')!;
    expect(fw.title.en).toContain('(reset-path port not recorded)');
    expect(fw.title.ja).toContain('(リセットパスのポート未登録)');
    expect(fw.title.en).not.toContain('未登録');
  });

  it('a server of unrecorded model gets every model\'s items and a note; "other" gets a note only', () => {
    const c = cluster('mix', [undefined, 'other']);
    const list = buildPrerequisites([c]);
    expect(list.unrecorded).toEqual(['mix-s1']);
    expect(list.items.find((i) => i.id === 'model.unrecorded')).toMatchObject({ kind: 'note', servers: ['mix-s1'] });
    expect(list.items.find((i) => i.id === 'model.other')).toMatchObject({ kind: 'note', servers: ['mix-s2'] });
    for (const id of ['nx7700x.acpi', 'express5800.esmpro-events', 'ha8000.option']) expect(list.items.find((i) => i.id === id)?.servers).toEqual(['mix-s1']);
  });

  it('limits the list to the servers asked for', () => {
    const list = buildPrerequisites([cluster('nx', ['NX7700x']), cluster('ha', ['HA8000'])], ['ha-s1']);
    expect(ids(list.items)).not.toContain('nx7700x.acpi');
    expect(ids(list.items)).toContain('ha8000.option');
    expect(buildPrerequisites([cluster('nx', ['NX7700x'])], ['nobody']).items).toEqual([]);
  });

  it('every item has both languages, and every one the engineer confirms is marked "check by hand", never passed', () => {
    const list = buildPrerequisites([cluster('all', [undefined, 'other'])]);
    for (const i of list.items) {
      expect(i.title.ja, i.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(i.where.ja, i.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(`${i.title.ja}${i.where.ja}`, i.id).not.toContain('サーバー');
    }
    for (const lang of ['en', 'ja'] as const) {
      const lines = prerequisiteLines(list.items, lang);
      const heads = lines.filter((l) => !l.startsWith('    '));
      expect(heads).toHaveLength(list.items.length);
      for (const h of heads) expect(h.startsWith(`[ ] ${CHECK_BY_HAND[lang]}: `) || h.startsWith('! ')).toBe(true);
      expect(lines.join('\n')).not.toMatch(/\[x\]|✓|passed|確認済/i);
    }
  });
});
