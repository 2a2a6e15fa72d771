/**
 * The catalogue of Connector messages and CLUSTERPRO notices, and how an
 * engineer's input finds an entry: an id, a syslog line pasted whole (the
 * message texts as the Connector guide prints them, with a syslog prefix in
 * front), a screen label, a few words, or something the catalogue does not hold.
 */
import { describe, expect, it } from 'vitest';
import { explainNotice, searchNotices } from '../../../shared/guide/notice-match';
import { CONNECTOR_NOTICES, NOTICES } from '../../../shared/guide/notices';

// The Connector guide's syslog messages (logID and text), the facts the catalogue quotes.
const GUIDE_MESSAGES: Record<string, string> = {
  HCME1010: 'HCME1010: HA connector service cannot be started. There is no ipmitool. Check the ipmitool is installed.',
  HCME1011: 'HCME1011: HA connector service cannot be started. Failed to initialize. Please System rebooted.',
  HCME1012: "HCME1012: HA connector service cannot be started. Please check HA connector's configuration.",
  HCME1013: 'HCME1013: HA connector service cannot be started. Please reinstall HA connector.',
  HCME1020: 'HCME1020: HA connector service cannot Version Mismatch ini file[%s], Service[%s]',
};

describe('the catalogue', () => {
  it('holds every message and event the brief names, with the guide\'s own text for the Connector', () => {
    const ids = NOTICES.map((n) => n.id);
    for (const id of [...Object.keys(GUIDE_MESSAGES), 'NOT-PROCESSING', 'C00001FD', 'C0000203', 'C0000454', 'CLP-IOFENCING-DONE', 'CONSOLE-FAULT-ASSERTED']) expect(ids).toContain(id);
    for (const [id, text] of Object.entries(GUIDE_MESSAGES)) expect(NOTICES.find((n) => n.id === id)?.text).toBe(text);
    expect(NOTICES.find((n) => n.id === 'NOT-PROCESSING')?.text).toBe('HA connector service is not processing.');
    expect(CONNECTOR_NOTICES.map((n) => n.id)).toEqual([...Object.keys(GUIDE_MESSAGES), 'NOT-PROCESSING']);
  });

  it('has unique ids, and every entry a meaning and an action in English and Japanese', () => {
    expect(new Set(NOTICES.map((n) => n.id)).size).toBe(NOTICES.length);
    for (const n of NOTICES) {
      for (const b of [n.meaning, n.action]) {
        expect(b.en.trim().length, n.id).toBeGreaterThan(10);
        // Japanese text holds kana or kanji, not an English copy.
        expect(b.ja, n.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
      // The glossary spells it サーバ, as the manuals do.
      expect(`${n.meaning.ja}${n.action.ja}`, n.id).not.toContain('サーバー');
    }
  });

  it('marks FieldKit\'s own ids as such and the vendors\' ids as vendor ids', () => {
    for (const n of NOTICES) expect(n.idKind, n.id).toBe(/^(HCME\d{4}|C[0-9A-F]{7})$/.test(n.id) ? 'vendor' : 'fieldkit');
  });

  it('tells the engineer to change the ServerAgent events from shutdown to nothing', () => {
    const e = NOTICES.find((n) => n.id === 'C0000203')!;
    expect(e.action.ja).toContain('“シャットダウン” から “何もしない”');
    expect(e.action.en).toContain('ESMCOMMONSERVICE');
    expect(e.action.en).toContain('C00001FD, C0000454');
  });
});

describe('explainNotice', () => {
  it('finds an entry by its id, whatever the case', () => {
    expect(explainNotice('HCME1012')).toMatchObject({ notice: { id: 'HCME1012' }, matchedBy: 'id' });
    expect(explainNotice('  hcme1013 ')?.notice.id).toBe('HCME1013');
    expect(explainNotice('c00001fd')?.notice.id).toBe('C00001FD');
    expect(explainNotice('clp-iofencing-done')?.notice.id).toBe('CLP-IOFENCING-DONE');
  });

  it('finds the message in a pasted syslog line, by its logID', () => {
    for (const [id, text] of Object.entries(GUIDE_MESSAGES)) {
      const line = `Dec  2 03:00:00 server1 haconnd[2211]: ${text.replace(/%s/g, '2.1.2.7')}`;
      expect(explainNotice(line), line).toMatchObject({ notice: { id }, matchedBy: 'id-in-text' });
    }
    expect(explainNotice('2026-12-02T03:00:00+09:00 server1 ESMCOMMONSERVICE: event C0000454')?.notice.id).toBe('C0000454');
  });

  it('finds a line by its text when the id was cut off, and the Connector\'s "not processing" answer', () => {
    expect(explainNotice('HA connector service cannot be started. Please reinstall HA connector.')).toMatchObject({ notice: { id: 'HCME1013' }, matchedBy: 'text' });
    expect(explainNotice('# haconnsetup show status\nHA connector service is not processing.')?.notice.id).toBe('NOT-PROCESSING');
  });

  it('finds the BMC web console\'s slot texts; the longest matching text wins', () => {
    expect(explainNotice('PCI3  Fault Status Asserted')?.notice.id).toBe('CONSOLE-FAULT-ASSERTED');
    expect(explainNotice('PCI3  Slot / connector device installed / attached')?.notice.id).toBe('CONSOLE-SLOT-INSTALLED');
  });

  it('answers nothing for what the catalogue does not hold', () => {
    expect(explainNotice('')).toBeUndefined();
    expect(explainNotice('HCME9999')).toBeUndefined();
    // An unknown HCME number is not some other message, even with a known text beside it.
    expect(explainNotice('HCME1099: HA connector service cannot be started. There is no ipmitool.')).toBeUndefined();
    expect(explainNotice('kernel: eth0: link up, 1000 Mbps')).toBeUndefined();
  });
});

describe('searchNotices', () => {
  it('lists every entry for an empty query', () => {
    expect(searchNotices('  ')).toHaveLength(NOTICES.length);
  });

  it('finds entries holding every word, in either language, the id and text before the explanation', () => {
    const ids = searchNotices('fencing').map((m) => m.notice.id);
    expect(ids[0]).toBe('CLP-IOFENCING-DONE');
    expect(ids).toContain('CONSOLE-FAULT-ASSERTED');
    expect(searchNotices('ipmitool').map((m) => m.notice.id)).toContain('HCME1010');
    expect(searchNotices('再インストール').map((m) => m.notice.id)).toContain('HCME1013');
    expect(searchNotices('ESMCOMMONSERVICE').map((m) => m.notice.id).slice(0, 3).sort()).toEqual(['C00001FD', 'C0000203', 'C0000454']);
  });

  it('puts the entry of a pasted line first and finds nothing for words no entry holds', () => {
    expect(searchNotices(`Dec  2 03:00:00 server1 haconnd: ${GUIDE_MESSAGES.HCME1011}`)[0]).toMatchObject({ notice: { id: 'HCME1011' }, matchedBy: 'id-in-text' });
    expect(searchNotices('zebra quartz')).toEqual([]);
  });
});
