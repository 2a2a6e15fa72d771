import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../../../shared/messages';
import type { Inventory } from '../../../shared/model/inventory';
import { checkWeakCipher, parseInventoryShape, validateInventory, type ValidationIssue } from '../../../shared/validation';
import { inventoryToCsv, serversFromCsv } from '../../../src-main/services/inventory/csv';
import { InventoryService } from '../../../src-main/services/inventory/service';
import { InventoryStore } from '../../../src-main/services/inventory/store';
import { clone, sampleInventory, tempDir } from '../../support/inventory';

/**
 * No silent downgrade, inventory side: cipher suites 0, 1 and 2 need the
 * acknowledgement `ipmi.weakCipherAccepted` recorded on the server (as -C
 * 0|1|2 needs --accept-weak-cipher on the command line).
 */
const s0 = (inv: Inventory) => inv.clusters[0].servers[0];
const PATH = 'clusters[0].servers[0].ipmi.cipherSuite';

function withEdit(edit: (inv: Inventory) => void): ValidationIssue[] {
  const inv = clone(sampleInventory());
  edit(inv);
  return validateInventory(inv);
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function store(): InventoryStore {
  const d = tempDir('fk-weak-');
  dirs.push(d);
  return new InventoryStore(d);
}

describe('inventory rule: weak cipher suites need the acknowledgement', () => {
  it.each([0, 1, 2])('suite %i without the acknowledgement is an error naming the server, the suite and the field', (suite) => {
    const issues = withEdit((inv) => { s0(inv).ipmi.cipherSuite = suite; });
    expect(issues).toEqual([
      { id: 'INVENTORY_WEAK_CIPHER_NOT_ACCEPTED', severity: 'error', path: PATH, params: { path: PATH, server: 'node1', value: suite } },
    ]);
    // weakCipherAccepted: false is no acknowledgement either.
    expect(withEdit((inv) => { s0(inv).ipmi = { ...s0(inv).ipmi, cipherSuite: suite, weakCipherAccepted: false }; }).map((i) => [i.id, i.severity]))
      .toEqual([['INVENTORY_WEAK_CIPHER_NOT_ACCEPTED', 'error']]);
  });

  it.each([0, 1, 2])('suite %i with the acknowledgement is only a warning that stays visible', (suite) => {
    const issues = withEdit((inv) => { s0(inv).ipmi = { ...s0(inv).ipmi, cipherSuite: suite, weakCipherAccepted: true }; });
    expect(issues).toEqual([
      { id: 'INVENTORY_WEAK_CIPHER_ACCEPTED', severity: 'warning', path: PATH, params: { path: PATH, server: 'node1', value: suite } },
    ]);
  });

  it('suites 3 and 17 need nothing, with or without the flag; other suites keep their own findings', () => {
    for (const suite of [3, 17]) {
      expect(withEdit((inv) => { s0(inv).ipmi.cipherSuite = suite; })).toEqual([]);
      expect(withEdit((inv) => { s0(inv).ipmi = { ...s0(inv).ipmi, cipherSuite: suite, weakCipherAccepted: true }; })).toEqual([]);
    }
    expect(checkWeakCipher({ cipherSuite: 6 }, 'n')).toEqual([]);
    expect(withEdit((inv) => { s0(inv).ipmi.cipherSuite = 6; }).map((i) => i.id)).toEqual(['INVENTORY_CIPHER_SUITE_UNSUPPORTED']);
  });

  it('the messages name the server and the suite in both languages and say how to accept it deliberately', () => {
    const [issue] = withEdit((inv) => { s0(inv).ipmi.cipherSuite = 1; });
    const en = renderMessage(issue.id, issue.params, 'en');
    const ja = renderMessage(issue.id, issue.params, 'ja');
    for (const r of [en, ja]) {
      expect(r.text).toContain('node1');
      expect(r.text).toContain('1');
      expect(r.text + r.remedy).not.toMatch(/\{\w+\}/);
      expect(r.remedy).toContain('weakCipherAccepted');
    }
    expect(en.remedy).toContain('17 or 3');
    expect(ja.text).toMatch(/暗号スイート/);
  });

  it('the shape check takes the flag as an optional boolean and refuses anything else', () => {
    const doc = clone(sampleInventory());
    s0(doc).ipmi = { ...s0(doc).ipmi, cipherSuite: 2, weakCipherAccepted: true };
    expect(s0(parseInventoryShape(doc).value!).ipmi.weakCipherAccepted).toBe(true);
    expect(s0(parseInventoryShape(sampleInventory()).value!).ipmi).not.toHaveProperty('weakCipherAccepted');
    const bad = JSON.parse(JSON.stringify(doc));
    bad.clusters[0].servers[0].ipmi.weakCipherAccepted = 'yes';
    expect(parseInventoryShape(bad).issues).toMatchObject([{ id: 'INVENTORY_IMPORT_BAD_TYPE', path: 'clusters[0].servers[0].ipmi.weakCipherAccepted' }]);
  });
});

describe('CSV carries the acknowledgement', () => {
  it('export writes the weakCipherAccepted column; import reads yes/no back', () => {
    const inv = clone(sampleInventory());
    s0(inv).ipmi = { ...s0(inv).ipmi, cipherSuite: 1, weakCipherAccepted: true };
    const csv = inventoryToCsv(inv);
    const [header, row1, row2] = csv.split('\r\n');
    const col = header.split(',').indexOf('weakCipherAccepted');
    expect(col).toBeGreaterThan(header.split(',').indexOf('cipher'));
    expect(row1.split(',')[col]).toBe('yes');
    expect(row2.split(',')[col]).toBe('no');
    const back = serversFromCsv(csv);
    expect(back.issues).toEqual([]);
    expect(back.rows.map((r) => [r.server.ipmi.cipherSuite, r.server.ipmi.weakCipherAccepted])).toEqual([[1, true], [3, false]]);
  });

  it('a bad value is refused with the line; an empty cell or a missing column leaves the flag unset', () => {
    const bad = serversFromCsv('name,bmc,cipher,weakCipherAccepted\nnode9,127.0.0.1:16500,2,maybe\n');
    expect(bad.issues).toMatchObject([{ id: 'INVENTORY_CSV_BAD_ROW', path: 'csv line 2 weakCipherAccepted', params: { line: 2 } }]);
    const empty = serversFromCsv('name,bmc,cipher,weakCipherAccepted\nnode9,127.0.0.1:16500,3,\n');
    expect(empty.rows[0].given.has('weakCipherAccepted')).toBe(false);
    expect(empty.rows[0].server.ipmi).not.toHaveProperty('weakCipherAccepted');
    const none = serversFromCsv('name,bmc,cipher\nnode9,127.0.0.1:16500,1\n');
    expect(none.rows[0].server.ipmi).not.toHaveProperty('weakCipherAccepted');
  });

  it('a CSV import of suite 2 is refused without the column and applied with it (upsert of an existing server)', async () => {
    const s = store();
    await s.save(sampleInventory());
    const svc = new InventoryService({ store: s });
    const refused = await svc.planImport({ text: 'name,bmc,cipher\nnode1,127.0.0.1:16232,2\n', format: 'csv', source: 'x.csv' });
    expect(refused.ok).toBe(false);
    expect(refused.issues.map((i) => i.id)).toEqual(['INVENTORY_WEAK_CIPHER_NOT_ACCEPTED']);
    await expect(svc.applyImport({ text: 'name,bmc,cipher\nnode1,127.0.0.1:16232,2\n', format: 'csv', source: 'x.csv' })).rejects.toMatchObject({ id: 'INVENTORY_IMPORT_REJECTED' });
    expect(s0((await s.load()).inventory).ipmi.cipherSuite).toBe(3);

    const ok = await svc.applyImport({ text: 'name,bmc,cipher,weakCipherAccepted\nnode1,127.0.0.1:16232,2,yes\n', format: 'csv', source: 'x.csv' });
    expect(ok.ok).toBe(true);
    expect(ok.changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ op: 'change', server: 'node1', field: 'ipmi.cipherSuite', before: '3', after: '2' }),
      expect.objectContaining({ op: 'change', server: 'node1', field: 'ipmi.weakCipherAccepted', before: 'false', after: 'true' }),
    ]));
    expect(s0((await s.load()).inventory).ipmi).toMatchObject({ cipherSuite: 2, weakCipherAccepted: true });
  });
});

describe('an inventory saved before the rule', () => {
  it('still loads with nothing lost; config check names the server; changes wait for the acknowledgement', async () => {
    const s = store();
    const old = clone(sampleInventory());
    s0(old).ipmi.cipherSuite = 1; // written by an older FieldKit, which only warned
    fs.mkdirSync(s.dir, { recursive: true });
    fs.writeFileSync(s.file, JSON.stringify(old, null, 2));
    const svc = new InventoryService({ store: s });

    const got = await svc.get();
    expect(got.inventory).toEqual(old);
    expect(got.issues.map((i) => [i.id, i.severity, i.path])).toEqual([['INVENTORY_WEAK_CIPHER_NOT_ACCEPTED', 'error', PATH]]);

    // Another change is refused while the server lacks the acknowledgement, and the file stays as it was.
    const before = fs.readFileSync(s.file, 'utf8');
    await expect(svc.modify(undefined, 'node2', { account: 'operator1' })).rejects.toMatchObject({ id: 'INVENTORY_CHANGE_REJECTED', issues: [{ id: 'INVENTORY_WEAK_CIPHER_NOT_ACCEPTED' }] });
    expect(fs.readFileSync(s.file, 'utf8')).toBe(before);

    // Recording the acknowledgement (the server form does this) fixes it and keeps every other value.
    const server = { ...s0(old), ipmi: { ...s0(old).ipmi, weakCipherAccepted: true } };
    const r = await svc.putServer({ cluster: 'hacluster1', server, originalName: 'node1' });
    expect(r.issues.map((i) => i.id)).toEqual(['INVENTORY_WEAK_CIPHER_ACCEPTED']);
    const saved = JSON.parse(fs.readFileSync(s.file, 'utf8')) as Inventory;
    expect(s0(saved)).toEqual(server);
    // JSON export carries the flag too.
    const exported = JSON.parse(await svc.exportText('json')) as Inventory;
    expect(s0(exported).ipmi).toEqual({ cipherSuite: 1, privilege: 'ADMINISTRATOR', kgStored: false, weakCipherAccepted: true });
    expect(path.basename(s.file)).toBe('inventory.json');
  });
});
