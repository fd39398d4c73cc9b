import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { openCore } from './import-harness.ts';

const tempDir = useTempDirs();
const opened: ReturnType<typeof openCore>[] = [];
afterEach(() => {
  for (const station of opened.splice(0)) station.core.close();
});
function station(dir = tempDir()) {
  const opened_ = openCore(dir);
  opened.push(opened_);
  return opened_;
}

const HEADER = 'asset_tag,serial,manufacturer,model,imei,price,purchase_date';

describe('importing a delivery list', () => {
  it('reports every bad row by spreadsheet row and column, and commits nothing', async () => {
    const { ask, uploadFixture, assetCount } = station();
    const importId = await uploadFixture('assets', 'bad-rows.csv');
    const report = await ask('imports.commit', { importId, updateExisting: false });
    expect(report.committed).toBe(false);
    expect([report.rows, report.validRows, report.issueCount]).toEqual([7, 1, 6]);
    expect(report.issues.map((issue) => [issue.row, issue.column])).toEqual([
      [3, 'serial'],
      [4, 'imei'],
      [5, 'price'],
      [6, 'purchase_date'],
      [7, 'purchase_date'],
      [8, 'serial'],
    ]);
    expect(report.issues[5]!.message).toBe('serial S-1 is also on row 2 of this file');
    expect(assetCount()).toBe(0);
  });

  it('imports UTF-8 with BOM, quoted newlines, US dates, two IMEI columns and prices as written', async () => {
    const { ask, uploadFixture, core } = station();
    const importId = await uploadFixture('assets', 'delivery-utf8-bom.csv');
    const preview = await ask('imports.preview', { importId });
    expect(preview.mapping).toMatchObject({
      serial_number: 'serial',
      IMEI: 'imei',
      IMEI2: 'imei',
      po: 'orderNumber',
    });
    expect(preview.sample).toHaveLength(3);
    const report = await ask('imports.commit', { importId, updateExisting: false });
    expect([report.committed, report.created]).toEqual([true, 3]);
    const [second] = (await ask('assets.lookup', { code: 'DL-0002' })).matches;
    expect(second).toMatchObject({
      notes: 'first line\nsecond line',
      imeis: ['356938035640029', '356938035640037'],
      purchase: { date: '2025-03-14', priceMinor: 123450, warrantyEnd: '2027-03-14', orderNumber: 'PO-77' },
    });
    expect((await ask('assets.lookup', { code: 'DL-0003' })).matches[0]).toMatchObject({ platform: 'ios' });
    // The audit log names the file each asset came from.
    const entries = core.context.db
      .prepare<[], { details: string }>("SELECT details FROM audit_log WHERE action = 'asset.created'")
      .all();
    expect(entries.map((entry) => (JSON.parse(entry.details) as { fileName: string }).fileName)).toEqual(
      Array(3).fill('delivery-utf8-bom.csv'),
    );
  });

  it('imports a Windows-1252, semicolon-separated Norwegian list with "1 234,50" prices', async () => {
    const { ask, uploadFixture } = station();
    const report = await ask('imports.commit', {
      importId: await uploadFixture('assets', 'delivery-nb-cp1252.csv'),
      updateExisting: false,
    });
    expect([report.encoding, report.delimiter, report.committed]).toEqual(['windows-1252', ';', true]);
    const [asset] = (await ask('assets.lookup', { code: 'NB-1' })).matches;
    expect(asset).toMatchObject({
      model: 'Galaxy A55',
      purchase: { priceMinor: 123450, supplier: 'Bjørn Ærø AS', date: '2025-02-01' },
    });
  });

  it('refuses rows that meet registered assets unless updateExisting, then updates only the mapped fields', async () => {
    const { ask, upload, assetCount } = station();
    await ask('imports.commit', {
      importId: await upload(
        'assets',
        `${HEADER},notes,supplier\nT-1,S-1,Samsung,A55,356938035640011,100,2025-01-01,keep me,Atea\n`,
      ),
      updateExisting: false,
    });
    const again = await upload(
      'assets',
      `${HEADER}\nT-1,S-1,Samsung,A56,,250,2025-01-01\nT-2,S-2,Samsung,A56,,250,2025-01-01\n`,
    );
    const refused = await ask('imports.commit', { importId: again, updateExisting: false });
    expect(refused.committed).toBe(false);
    expect(refused.conflicts.map((c) => [c.row, c.field, c.value])).toEqual([
      [2, 'assetTag', 'T-1'],
      [2, 'serial', 'S-1'],
    ]);
    expect(refused.conflicts[0]!.existing).toMatch(/T-1 · Samsung A55/);
    expect(assetCount()).toBe(1);

    const updated = await ask('imports.commit', { importId: again, updateExisting: true });
    expect([updated.committed, updated.created, updated.updated]).toEqual([true, 1, 1]);
    const [asset] = (await ask('assets.lookup', { code: 'T-1' })).matches;
    // Empty cells and unmapped columns keep what the registry has, also inside the purchase.
    expect(asset).toMatchObject({
      model: 'A56',
      notes: 'keep me',
      imeis: ['356938035640011'],
      purchase: { supplier: 'Atea', priceMinor: 25000 },
    });
  });

  it('reports a 10 MB cell as that row’s error and imports nothing', async () => {
    const { ask, upload, assetCount } = station();
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const importId = await upload(
      'assets',
      `${HEADER},notes\nT-1,S-1,Samsung,A,,1,2025-01-01,"${huge}"\nT-2,S-2,Samsung,A,,1,2025-01-01,ok\n`,
    );
    const report = await ask('imports.commit', { importId, updateExisting: false });
    expect(report.issues).toEqual([
      { row: 2, column: 'notes', message: 'the cell is 10,485,760 characters long; at most 100,000' },
    ]);
    expect(report.sample[0]![7]).toHaveLength(200);
    expect([report.committed, assetCount()]).toEqual([false, 0]);
  });

  it('reports duplicate headers and a file separated by something else', async () => {
    const { ask, upload } = station();
    const twice = await ask('imports.preview', {
      importId: await upload('assets', 'serial,manufacturer,serial\nS-1,Samsung,S-2\n'),
    });
    expect(twice.issues[0]).toMatchObject({
      row: 1,
      column: 'serial',
      message: expect.stringMatching(/appears 2 times \(columns 1, 3\)/),
    });

    const piped = await ask('imports.preview', {
      importId: await upload('assets', 'serial|manufacturer|model\nS-1|Samsung|A55\n'),
    });
    expect(piped.headers).toEqual(['serial|manufacturer|model']);
    expect(piped.issues[0]!.message).toMatch(
      /No column is mapped to serial.*separated by something other than comma, semicolon or tab/,
    );
    expect(piped.validRows).toBe(0);
  });

  it('maps columns as told, and refuses a mapping to an unknown field or column', async () => {
    const { ask, upload } = station();
    const importId = await upload('assets', 'Ser.nr,Fabrikant,Type\nS-1,Samsung,A55\n');
    const report = await ask('imports.commit', {
      importId,
      mapping: { 'Ser.nr': 'serial', Fabrikant: 'manufacturer', Type: 'model' },
      updateExisting: false,
    });
    expect(report.committed).toBe(true);
    expect((await ask('assets.lookup', { code: 'S-1' })).matches[0]!.model).toBe('A55');
    const other = await upload('assets', 'Ser.nr,Fabrikant\nS-2,Samsung\n');
    await expect(
      ask('imports.preview', { importId: other, mapping: { 'Ser.nr': 'serialnumber' } }),
    ).rejects.toThrow(/"serialnumber", which is not a asset field/);
    await expect(ask('imports.preview', { importId: other, mapping: { Serial: 'serial' } })).rejects.toThrow(
      /column "Serial" the file does not have/,
    );
  });

  it('reads custom fields by their name or custom:KEY, typed, and holds required ones to a value', async () => {
    const { ask, upload, assetCount } = station();
    await ask('customFields.define', {
      key: 'cost_centre',
      name: 'Cost centre',
      type: 'text',
      required: true,
    });
    await ask('customFields.define', {
      key: 'rugged',
      name: 'Rugged case',
      type: 'boolean',
      required: false,
    });
    const importId = await upload(
      'assets',
      'serial,manufacturer,Cost centre,custom:rugged\nS-1,Zebra,4410,ja\nS-2,Zebra,,nei\n',
    );
    const refused = await ask('imports.commit', { importId, updateExisting: false });
    expect(refused.mapping).toMatchObject({
      'Cost centre': 'custom:cost_centre',
      'custom:rugged': 'custom:rugged',
    });
    expect(refused.issues).toEqual([{ row: 3, column: 'Cost centre', message: 'Cost centre is required' }]);
    expect(assetCount()).toBe(0);
    const fixed = await upload(
      'assets',
      'serial,manufacturer,Cost centre,custom:rugged\nS-1,Zebra,4410,ja\n',
    );
    expect((await ask('imports.commit', { importId: fixed, updateExisting: false })).committed).toBe(true);
    expect((await ask('assets.lookup', { code: 'S-1' })).matches[0]!.custom).toEqual({
      cost_centre: '4410',
      rugged: true,
    });
  });

  it('keeps uploads under generated names in the data folder, preview writes nothing, a commit clears it', async () => {
    const dir = tempDir();
    const { ask, upload, assetCount } = station(dir);
    const importId = await upload(
      'assets',
      `${HEADER}\nT-1,S-1,Samsung,A,,1,2025-01-01\n`,
      '../../depotline.sqlite',
    );
    expect(readdirSync(join(dir, 'imports')).sort()).toEqual([`${importId}.csv`, `${importId}.json`]);
    expect((await ask('imports.preview', { importId })).fileName).toBe('depotline.sqlite');
    expect(assetCount()).toBe(0);
    await ask('imports.commit', { importId, updateExisting: false });
    expect(existsSync(join(dir, 'imports', `${importId}.csv`))).toBe(false);
    await expect(ask('imports.preview', { importId })).rejects.toThrow(/no upload/);
    await expect(ask('imports.preview', { importId: '../depotline' })).rejects.toThrow(/no upload/);
  });
});

describe('importing a people roster', () => {
  it('imports a tab-separated roster and makes it the roster of the day', async () => {
    const { ask, uploadFixture, peopleCount } = station();
    const importId = await uploadFixture('people', 'roster-tab-utf8.tsv');
    const report = await ask('imports.commit', { importId, updateExisting: false, rosterDay: '2026-11-30' });
    expect([report.committed, report.created, peopleCount()]).toEqual([true, 3, 3]);
    const board = await ask('rollout.board', { day: '2026-11-30' });
    expect([board.rosterSize, board.remaining]).toEqual([3, 3]);
    const { items } = await ask('people.list', { search: 'Ærø' });
    expect(items[0]).toMatchObject({ name: 'Bjørn Ærø', employeeId: 'E1001', costCentre: '4410' });
  });

  it('reads a Windows-1252 roster and refuses a bad e-mail without adding anyone', async () => {
    const { ask, upload, peopleCount } = station();
    const content = iconv.encode(
      'Navn;E-post;Ansattnummer\r\nBjørn Ærø;bjorn@example.no;E1\r\nÅse;not-an-email;E2\r\n',
      'windows-1252',
    );
    const report = await ask('imports.commit', {
      importId: await upload('people', content),
      updateExisting: false,
    });
    expect(report.issues).toEqual([{ row: 3, column: 'E-post', message: expect.stringMatching(/email/i) }]);
    expect([report.committed, peopleCount()]).toEqual([false, 0]);
    expect(report.sample[0]![0]).toBe('Bjørn Ærø');
  });
});
