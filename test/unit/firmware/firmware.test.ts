import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, isMessageId, renderMessage } from '../../../shared/messages';
import { CHECKLIST_ITEMS, verdictOf, type FwCheck } from '../../../shared/model/firmware';
import { checkLines } from '../../../src-main/cli/commands/firmware';
import { checklistMessageId, firmwareLabel } from '../../../src-main/services/firmware';
import { repoRoot } from '../../support/inventory';
import fwTexts from '../../../src-renderer/src/i18n/firmware';

const c = (status: FwCheck['status']): FwCheck => ({ id: status, status, message: { id: 'FIRMWARE_CHECK_SEL_OK', params: { entries: 1, free: 2 } } });

describe('firmware checks', () => {
  it('the verdict is the worst status; info counts as pass', () => {
    expect(verdictOf([])).toBe('pass');
    expect(verdictOf([c('info'), c('pass')])).toBe('pass');
    expect(verdictOf([c('pass'), c('warn'), c('info')])).toBe('warn');
    expect(verdictOf([c('warn'), c('fail')])).toBe('fail');
  });

  it('every FIRMWARE_* id the service and CLI use is catalogued', () => {
    const src = ['src-main/services/firmware/service.ts', 'src-main/services/firmware/targets.ts', 'src-main/cli/commands/firmware.ts']
      .map((f) => fs.readFileSync(path.join(repoRoot, f), 'utf8'))
      .join('\n');
    const ids = new Set(src.match(/FIRMWARE_[A-Z_]+/g));
    expect(ids.size).toBeGreaterThan(20);
    for (const id of ids) expect(isMessageId(id), id).toBe(true);
  });

  it('each checklist item has a catalogued text naming the server in both languages', () => {
    for (const item of CHECKLIST_ITEMS) {
      const id = checklistMessageId(item);
      expect(id in catalogue, id).toBe(true);
      if (item === 'haMonitorStopped' || item === 'resetPathMonitoringStopped') {
        expect(renderMessage(id, { server: 'node7' }, 'en').text).toContain('node7');
        expect(renderMessage(id, { server: 'node7' }, 'ja').text).toContain('node7');
      }
    }
  });

  it('CLI check lines show remedies for warnings and failures only, in the chosen language', () => {
    const lines = checkLines([
      { id: 'a', status: 'pass', message: { id: 'FIRMWARE_CHECK_SDR_OK', params: { records: 12 } } },
      { id: 'b', status: 'warn', message: { id: 'FIRMWARE_CHECK_SLOT_FAULT', params: { slots: 'PCI Slot 5' } } },
    ], 'ja');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ {2}\[PASS\] SDR リポジトリを読み取れます: 12 レコード/);
    expect(lines[1]).toContain('PCI Slot 5');
    expect(lines[2]).toContain('fieldkit recover');
  });

  it('firmware label shows the aux revision only when there is one', () => {
    const base = { firmware: '9.08', manufacturerId: 4753, productId: 0xf02, deviceId: 0, ipmiVersion: '2.0' };
    expect(firmwareLabel(base)).toBe('9.08');
    expect(firmwareLabel({ ...base, auxFirmware: '1.2.3.4' })).toBe('9.08 (aux 1.2.3.4)');
  });

  it('the view texts have the same keys in English and Japanese', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`])).sort();
    expect(keys(fwTexts.en)).toEqual(keys(fwTexts.ja));
    expect(keys(fwTexts.en).length).toBeGreaterThan(10);
  });
});
