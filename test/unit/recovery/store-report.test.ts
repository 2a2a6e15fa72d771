import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import type { RecoveryCase } from '../../../shared/model/case';
import { slotFromStates, slotRecovered } from '../../../shared/model/case';
import { CaseStore } from '../../../src-main/services/recovery/store';
import { caseReportHtml, caseReportJson, selDuringCase } from '../../../src-main/services/recovery/report';
import { makeCaseId, notBack } from '../../../src-main/services/recovery/service';
import { clearFaultsFor, parseVendorProfile } from '../../../src-main/services/recovery/profiles';
import { renderMessage } from '../../../shared/messages';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-rec-unit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function sampleCase(over: Partial<RecoveryCase> = {}): RecoveryCase {
  return {
    id: 'c-2026-node1-ab12',
    schema: 1,
    server: 'node1',
    operator: 'alice',
    via: 'cli',
    createdAt: '2026-11-22T03:00:00.000Z',
    updatedAt: '2026-11-22T03:01:00.000Z',
    phase: 'checklist',
    bmcsAnswered: [{ role: 'primary', address: '127.0.0.1:20001' }],
    fencedSlots: [0x35],
    slotsBefore: [slotFromStates(0x31, 'PCI Slot 1', [2]), slotFromStates(0x35, 'PCI Slot 5', [2, 0])],
    selBefore: [{ recordId: 1, text: 'PCI Slot 5 Fault Status asserted' }],
    steps: [],
    ...over,
  };
}

describe('slot verdicts', () => {
  it('derives fault and installed from the asserted offsets and sorts them', () => {
    const s = slotFromStates(5, 'PCI Slot 5', [2, 0, 2]);
    expect(s.asserted).toEqual([0, 2]);
    expect(s.faulted).toBe(true);
    expect(s.installed).toBe(true);
    expect(slotRecovered(s)).toBe(false);
    expect(slotRecovered(slotFromStates(5, 'x', [2]))).toBe(true);
    // Unreadable is never "recovered", whatever the bits say.
    expect(slotRecovered(slotFromStates(5, 'x', [2], false))).toBe(false);
  });

  it('counts a fenced slot that is empty, and a fault on any other slot, as not back', () => {
    const c = { fencedSlots: [0x35] };
    expect(notBack(c, [slotFromStates(0x35, 'PCI Slot 5', [2])])).toEqual([]);
    expect(notBack(c, [slotFromStates(0x35, 'PCI Slot 5', [5])])).toEqual(['PCI Slot 5']);
    expect(notBack(c, [slotFromStates(0x35, 'PCI Slot 5', [2]), slotFromStates(0x31, 'PCI Slot 1', [0, 2])])).toEqual(['PCI Slot 1']);
    expect(notBack(c, [])).toEqual(['sensor 0x35 (not read)']);
  });

  it('makes file-safe, distinct case ids', () => {
    const a = makeCaseId('2026-11-22T03:40:00.123Z', 'node 1/../x');
    expect(a).toMatch(/^2026-11-22T03-40-00Z-node_1____x-[a-z0-9]{1,4}$/);
    expect(makeCaseId('2026-11-22T03:40:00.123Z', 'n')).not.toBe(makeCaseId('2026-11-22T03:40:00.123Z', 'n'));
  });
});

describe('CaseStore', () => {
  it('saves atomically, keeps the previous version and lists newest first', async () => {
    const home = tmp();
    const store = new CaseStore(home);
    const c = sampleCase();
    await store.save(c);
    await store.save({ ...c, phase: 'clear' });
    const file = path.join(home, 'cases', `${c.id}.json`);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).phase).toBe('clear');
    expect(JSON.parse(fs.readFileSync(`${file}.bak`, 'utf8')).phase).toBe('checklist');
    expect(fs.readdirSync(path.join(home, 'cases')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await store.save(sampleCase({ id: 'c-2026-node2-zz', server: 'node2', createdAt: '2026-11-22T04:00:00.000Z' }));
    expect((await store.list()).map((s) => s.server)).toEqual(['node2', 'node1']);
    expect((await store.load(c.id)).phase).toBe('clear');
  });

  it('reports a missing case, a path-like id and a corrupt file with catalogued errors', async () => {
    const home = tmp();
    const store = new CaseStore(home);
    await expect(store.load('nope')).rejects.toMatchObject({ id: 'RECOVERY_CASE_NOT_FOUND' });
    await expect(store.load('../../etc/passwd')).rejects.toMatchObject({ id: 'RECOVERY_CASE_NOT_FOUND' });
    fs.mkdirSync(path.join(home, 'cases'));
    fs.writeFileSync(path.join(home, 'cases', 'bad.json'), '{"schema":1,"id":"bad"');
    const err = await store.load('bad').catch((e) => e);
    expect(err).toBeInstanceOf(FieldKitError);
    expect(err.id).toBe('RECOVERY_CASE_UNREADABLE');
    // A corrupt case does not hide the good ones.
    await store.save(sampleCase());
    expect((await store.list()).map((s) => s.id)).toEqual(['c-2026-node1-ab12']);
  });
});

describe('report', () => {
  it('shows before and after as slot cards, the BMC that answered, and only new SEL events', () => {
    const c = sampleCase({
      phase: 'recovered',
      slotsAfter: [slotFromStates(0x31, 'PCI Slot 1', [2]), slotFromStates(0x35, 'PCI Slot 5', [2])],
      selAfter: [
        { recordId: 1, text: 'PCI Slot 5 Fault Status asserted' },
        { recordId: 2, text: 'PCI Slot 5 Fault Status deasserted' },
      ],
      bmcsAnswered: [
        { role: 'primary', address: '127.0.0.1:20001' },
        { role: 'secondary', address: '127.0.0.1:20002' },
      ],
    });
    expect(selDuringCase(c).map((e) => e.recordId)).toEqual([2]);
    const html = caseReportHtml(c);
    expect(html).toContain('data-phase="recovered"');
    expect(html).toMatch(/class="slot fault" data-which="before" data-sensor="53" data-fenced="true"/);
    expect(html).toMatch(/class="slot okslot" data-which="after" data-sensor="53" data-fenced="true"/);
    expect(html).toContain('secondary 127.0.0.1:20002');
    expect(html).toContain('Fault Status deasserted');
    expect(html).not.toMatch(/<script/i);
    const ja = caseReportHtml(c, 'ja');
    expect(ja).toContain('復旧完了');
    const j = JSON.parse(caseReportJson(c));
    expect(j.kind).toBe('fieldkit-recovery-case');
    expect(j.selDuringCase).toHaveLength(1);
  });

  it('never says recovered for a case in guidance, and escapes what the BMC sent', () => {
    const c = sampleCase({ phase: 'guidance', server: '<img src=x onerror=alert(1)>' });
    const html = caseReportHtml(c);
    expect(html).toContain('FAULT REMAINS');
    expect(html).not.toMatch(/Outcome: recovered/);
    expect(html).not.toContain('<img src=x');
  });

  it("renders each step in the report's language from its id: a case run in English reads Japanese; an older case's English detail is kept", () => {
    const c = sampleCase({
      steps: [
        { step: 'rearm', at: '2026-11-22T03:00:00.000Z', result: 'ok', text: { id: 'STEP_REARM', params: { slot: 'PCI Slot 5', sensor: '0x35' } } },
        { step: 'power-off', at: '2026-11-22T03:01:00.000Z', result: 'failed', errorId: 'RECOVERY_CONFIRM_MISMATCH', errorParams: { server: 'node1', typed: 'nod1' } },
        { step: 'verify', at: '2026-11-22T03:02:00.000Z', result: 'ok', detail: 'written by an older version' },
      ],
    });
    const en = caseReportHtml(c, 'en');
    const ja = caseReportHtml(c, 'ja');
    expect(en).toContain('IPMI re-arm sensor events of PCI Slot 5 (sensor 0x35)');
    expect(ja).toContain('PCI Slot 5 (センサ 0x35) のセンサイベントを IPMI で再アーム');
    expect(ja).not.toContain('IPMI re-arm sensor events');
    expect(ja).toContain(renderMessage('RECOVERY_CONFIRM_MISMATCH', { server: 'node1', typed: 'nod1' }, 'ja').text.replaceAll('"', '&quot;'));
    expect(en).toContain('written by an older version');
    expect(ja).toContain('written by an older version');
  });

  it('counts every SEL record after a clear as during the case', () => {
    const c = sampleCase({ selClearedAt: '2026-11-22T03:02:00.000Z', selAfter: [{ recordId: 1, text: 'PCI Slot 5 Fault Status asserted' }] });
    expect(selDuringCase(c)).toHaveLength(1);
  });
});

describe('vendor profiles', () => {
  const good = { name: 'Lab BMC', manufacturerId: 4753, recovery: { clearFaults: { netFn: 0x2e, cmd: 0x01, data: [1, 2], source: 'Lab BMC manual rev 3, section 9.4' } } };

  it('accepts a sourced command and picks product before vendor', () => {
    const vendor = parseVendorProfile(JSON.stringify(good), 'a.json');
    const product = parseVendorProfile(JSON.stringify({ ...good, name: 'Lab 1000', productId: 0xf02 }), 'b.json');
    expect(clearFaultsFor([vendor, product], 4753, 0xf02)?.profile).toBe('Lab 1000');
    expect(clearFaultsFor([vendor, product], 4753, 0x1)?.profile).toBe('Lab BMC');
    expect(clearFaultsFor([vendor, product], 119, 0xf02)).toBeUndefined();
  });

  it('refuses a command without a source, bad bytes, or bad JSON', () => {
    const bad = (v: unknown) => () => parseVendorProfile(typeof v === 'string' ? v : JSON.stringify(v), 'x.json');
    expect(bad({ ...good, recovery: { clearFaults: { ...good.recovery.clearFaults, source: '' } } })).toThrow(/documented/);
    expect(bad({ ...good, recovery: { clearFaults: { ...good.recovery.clearFaults, data: [256] } } })).toThrow(/32 bytes/);
    expect(bad({ ...good, recovery: { clearFaults: { ...good.recovery.clearFaults, netFn: 0x40 } } })).toThrow(/netFn/);
    expect(bad('{')).toThrow(FieldKitError);
    expect(bad({ name: 'x' })).toThrow(/manufacturerId/);
  });
});
