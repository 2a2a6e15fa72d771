import { describe, expect, it } from 'vitest';
import { newCluster, newServer, type Inventory } from '../../../shared/model/inventory';
import { inventoryToCsv, neutraliseCell, parseCsvRecords, restoreCell, serversFromCsv } from '../../../src-main/services/inventory/csv';

/*
 * Issue 13, finding 6: CSV export neutralises every free-text cell that a
 * spreadsheet would run as a formula (leading =, +, -, @, tab, CR), not only
 * notes; import reverses exactly that, so a round trip changes nothing.
 */
const HOSTILE = ['=1+1', '+cmd|calc', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', "'already quoted", "'=x", 'plain', "it's fine", '-'];

/** The cells as a spreadsheet would read them (the importer's own RFC 4180 reader). */
const cells = (csv: string): string[][] => parseCsvRecords(csv).records;

describe('CSV formula neutralisation', () => {
  it('neutralises exactly the dangerous starts and restores exactly them', () => {
    for (const v of HOSTILE) expect(restoreCell(neutraliseCell(v))).toBe(v);
    for (const v of ['=1', '+1', '-1', '@x', '\tx', '\rx']) expect(neutraliseCell(v)).toBe(`'${v}`);
    expect(neutraliseCell('1.2.3.4')).toBe('1.2.3.4');
    // A lone ' or one before ordinary text is the user's own: left alone.
    expect(restoreCell("'abc")).toBe("'abc");
    expect(restoreCell("'")).toBe("'");
  });

  it('exports no free-text cell that starts a formula, and imports every value back unchanged', () => {
    const inv: Inventory = { schemaVersion: 1, clusters: [] };
    HOSTILE.forEach((v, i) => {
      const c = newCluster(`c${i}${v}`);
      const s = newServer(`${v}`, { host: `192.0.2.${i + 1}` }, v);
      s.notes = v;
      s.trapReceivers = [v];
      s.interfaces = [{ name: v, cidr: '192.0.2.5/24' }];
      c.servers.push(s);
      inv.clusters.push(c);
    });
    // Values that start with the danger characters, in every free-text column.
    inv.clusters[0].name = '=HYPERLINK("http://x")';
    const csv = inventoryToCsv(inv);
    for (const row of cells(csv).slice(1)) {
      for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    }
    const back = serversFromCsv(csv);
    back.rows.forEach((r, i) => {
      const v = HOSTILE[i];
      // Import trims cells (tab, CR): those compare after the neutralising ' kept them from the trim.
      expect(r.server.name).toBe(v);
      expect(r.server.account).toBe(v);
      expect(r.server.notes).toBe(v);
      if (!/\s/.test(v)) expect(r.server.trapReceivers).toEqual([v]);
    });
    expect(back.rows[0].cluster).toBe('=HYPERLINK("http://x")');
  });
});
