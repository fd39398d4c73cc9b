import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { openCore } from '../imports/import-harness.ts';
import { readPdf } from './read-pdf.ts';

const tempDir = useTempDirs();
const opened: ReturnType<typeof openCore>[] = [];
afterEach(() => {
  for (const station of opened.splice(0)) station.core.close();
});
function station() {
  const opened_ = openCore(tempDir());
  opened.push(opened_);
  return opened_;
}

const decode = (base64: string) => Buffer.from(base64, 'base64');

/** The station's local date, as the rollout day the handovers below fall on. */
function localDay(date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

describe('CSV export', () => {
  it('neutralises every formula start (= + - @ tab CR) with a quote, in a UTF-8 file with BOM', async () => {
    const { ask } = station();
    const starts = ['=HYPERLINK("http://x","y")', '+cmd|/C calc!A0', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    for (const [i, notes] of starts.entries())
      await ask('assets.create', {
        fields: { serial: `S-${i}`, manufacturer: 'Samsung', platform: 'android', model: 'Ærlig', notes },
      });
    const file = await ask('assets.export', { sort: { field: 'serial', direction: 'asc' } });
    const bytes = decode(file.contentBase64);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([file.rows, file.contentType]).toEqual([6, 'text/csv; charset=utf-8']);
    const rows = parse<Record<string, string>>(bytes, { bom: true, columns: true });
    expect(rows.map((row) => row.notes)).toEqual(starts.map((cell) => `'${cell}`));
    expect(rows.map((row) => row.model)).toEqual(Array(6).fill('Ærlig'));
  });

  it('exports the current view only, in a form the import reads back', async () => {
    const { ask, uploadFixture, upload } = station();
    await ask('imports.commit', {
      importId: await uploadFixture('assets', 'delivery-utf8-bom.csv'),
      updateExisting: false,
    });
    const file = await ask('assets.export', { search: 'DL-0002' });
    expect(file.rows).toBe(1);
    const reimport = await ask('imports.preview', {
      importId: await upload('assets', decode(file.contentBase64)),
    });
    expect(reimport.issueCount).toBe(0);
    expect(reimport.conflicts.map((c) => c.value)).toContain('R58N1002');
    expect(reimport.sample[0]).toContain('first line\nsecond line');
  });
});

describe('labels and the day report', () => {
  it('prints label sheets that parse, one page per 24 (A4) or 30 (Letter), with each tag or serial', async () => {
    const { ask } = station();
    const ids: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      const asset = await ask('assets.create', {
        fields: {
          serial: `SER${i}`,
          manufacturer: 'Samsung',
          platform: 'android',
          assetTag: i === 0 ? null : `DL-${i}`,
        },
      });
      ids.push(asset.id);
    }
    const a4 = await readPdf(decode((await ask('assets.labels', { ids, layout: 'a4-3x8' })).contentBase64));
    expect([a4.header.slice(0, 5), a4.pages]).toEqual(['%PDF-', 2]);
    expect(a4.text[0]).toMatch(/\bSER0\b/);
    expect(a4.text[0]).toMatch(/\bDL-23\b.*S\/N SER23/);
    expect(a4.text[1]).toMatch(/\bDL-24\b/);
    const letter = await readPdf(
      decode((await ask('assets.labels', { ids, layout: 'letter-3x10' })).contentBase64),
    );
    expect(letter.pages).toBe(1);
    await expect(ask('assets.labels', { ids: [999] })).rejects.toThrow(/no asset with id 999/);
  });

  it('lists every handover of the day in CSV and PDF, the undone one marked', async () => {
    const { ask, uploadFixture } = station();
    await ask('settings.set', { technicianName: 'Kari Nordmann' });
    await ask('imports.commit', {
      importId: await uploadFixture('assets', 'delivery-utf8-bom.csv'),
      updateExisting: false,
    });
    await ask('imports.commit', {
      importId: await uploadFixture('people', 'roster-tab-utf8.tsv'),
      updateExisting: false,
    });
    await ask('rollout.assign', { device: 'DL-0001', person: 'E1001' });
    const mistake = await ask('rollout.assign', { device: 'DL-0002', person: 'E1002' });
    await ask('rollout.undo', { assignmentId: mistake.assignment.id });
    await ask('rollout.assign', { device: 'DL-0002', person: 'chris.doe@example.no' });
    const day = localDay();

    const csv = await ask('rollout.report', { day, format: 'csv' });
    const rows = parse<Record<string, string>>(decode(csv.contentBase64), { bom: true, columns: true });
    expect(
      rows.map((row) => [
        row.asset_tag,
        row.person,
        row.department,
        row.technician,
        row.status!.split(' ')[0],
      ]),
    ).toEqual([
      ['DL-0001', 'Bjørn Ærø', 'Hjemmetjenesten', 'Kari Nordmann', 'issued'],
      ['DL-0002', 'Åse Øvrebø', 'Hjemmetjenesten', 'Kari Nordmann', 'undone'],
      ['DL-0002', 'Chris Doe', 'IT', 'Kari Nordmann', 'issued'],
    ]);
    expect(rows[0]!.time).toMatch(/^\d\d:\d\d$/);
    expect(rows[0]!.serial).toBe('R58N1001');

    const pdf = await readPdf(decode((await ask('rollout.report', { day, format: 'pdf' })).contentBase64));
    expect(pdf.pages).toBe(1);
    expect(pdf.text[0]).toMatch(new RegExp(`Rollout day ${day}.*2 devices issued, 1 handovers undone`));
    expect(pdf.text[0]).toMatch(/Åse Øvrebø.*undone \d\d:\d\d/);

    const empty = await ask('rollout.report', { day: '2020-01-01', format: 'csv' });
    expect(empty.rows).toBe(0);
  });
});
