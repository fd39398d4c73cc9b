// The corporate identifier CSV against Microsoft's documentation of the upload
// (learn.microsoft.com/intune/intune-service/enrollment/corporate-identifiers-add, "Step 1:
// Create CSV file"): no header, "identifier,device details" per line (the page's example is
// "01234567890123,device details"), one identifier type per file, at most 5,000 rows or 5 MB
// per file, details at most 128 characters, periods removed from serial numbers.
import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../../../../electron/common/models/asset.ts';
import {
  exportIntuneCsv,
  INTUNE_CSV_MAX_BYTES,
  INTUNE_CSV_MAX_ROWS,
} from '../../../../../../electron/core/sync/connectors/intune/intune-csv.ts';
import { sampleAsset } from '../../../../../support/sample-asset.ts';

/** The documented row shape: an identifier, a comma, free details; nothing else on the line. */
const DOCUMENTED_ROW = /^[^,\s"]+,[^,"\r\n]{0,128}$/;

function android(id: number, imei: string | null, serial = `R58N${String(id).padStart(6, '0')}`): Asset {
  return sampleAsset({ id, serial, imeis: imei ? [imei] : [] });
}

/** Distinct IMEIs with a valid check digit. */
function imei(n: number): string {
  const body = `35693803${String(n).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    let d = Number(body[13 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

describe('Intune corporate identifier CSV', () => {
  it('writes headerless "identifier,details" rows like the documented example', () => {
    const { files, skipped } = exportIntuneCsv([sampleAsset()]);
    expect(skipped).toEqual([]);
    expect(files).toEqual([
      { type: 'imei', part: 1, rows: 1, text: '356938035643809,Samsung | Galaxy XCover7 | R58N12345AB\n' },
    ]);
    expect('01234567890123,device details').toMatch(DOCUMENTED_ROW);
    expect(files[0]!.text.trimEnd()).toMatch(DOCUMENTED_ROW);
  });

  it('puts IMEIs and serials in separate files (one identifier type per file)', () => {
    const { files } = exportIntuneCsv([
      android(1, imei(1)),
      android(2, null),
      sampleAsset({ id: 3, platform: 'ios', serial: 'F2LXK1234', manufacturer: 'Apple', model: 'iPhone 15' }),
    ]);
    expect(files.map((file) => [file.type, file.text])).toEqual([
      ['imei', `${imei(1)},Samsung | Galaxy XCover7 | R58N000001\n`],
      ['serialNumber', 'R58N000002,Samsung | Galaxy XCover7\nF2LXK1234,Apple | iPhone 15\n'],
    ]);
  });

  it('declares iPhones by serial even when they have an IMEI, and only the first IMEI of a dual-SIM phone', () => {
    const { files } = exportIntuneCsv([
      sampleAsset({ id: 1, platform: 'ios', serial: 'F2LXK1234', imeis: [imei(7)], manufacturer: 'Apple' }),
      sampleAsset({ id: 2, imeis: [imei(8), imei(9)] }),
    ]);
    expect(files.map((file) => file.text.split(',')[0])).toEqual([imei(8), 'F2LXK1234']);
    expect(files.map((file) => file.text).join('')).not.toContain(imei(9));
  });

  it('removes periods from serials, as Microsoft asks', () => {
    const { files } = exportIntuneCsv([android(1, null, 'DMP.Q1.2ABC')]);
    expect(files[0]!.text).toBe('DMPQ12ABC,Samsung | Galaxy XCover7\n');
  });

  it('keeps details within 128 characters and free of commas, quotes and line breaks', () => {
    const { files } = exportIntuneCsv([
      sampleAsset({
        manufacturer: 'Zebra Technologies, Inc.',
        model: `TC58 "Hospital" edition\nwith ${'very long model name '.repeat(10)}`,
      }),
    ]);
    const line = files[0]!.text.trimEnd();
    expect(line).toMatch(DOCUMENTED_ROW);
    const details = line.slice(line.indexOf(',') + 1);
    expect([...details].length).toBeLessThanOrEqual(128);
    // The model gives way first; manufacturer and serial (needed to read the record back) stay whole.
    expect(details).toMatch(
      /^Zebra Technologies Inc\. \| TC58 Hospital edition with very long .* \| R58N12345AB$/,
    );
  });

  it('refuses identifiers the format cannot carry, and duplicates, naming the asset', () => {
    const { files, skipped } = exportIntuneCsv([
      android(1, null, 'AB 12,3'),
      android(2, null, 'Ñ123'),
      android(3, imei(3)),
      android(4, imei(3)),
      android(5, null, 'r58n7'),
      android(6, null, 'R58N7'),
    ]);
    expect(skipped).toEqual([
      { assetId: 1, serial: 'AB 12,3', reason: expect.stringMatching(/space, comma, quote or non-ASCII/) },
      { assetId: 2, serial: 'Ñ123', reason: expect.stringMatching(/non-ASCII/) },
      { assetId: 4, serial: 'R58N000004', reason: `IMEI ${imei(3)} is also on asset 3` },
      { assetId: 6, serial: 'R58N7', reason: 'serial R58N7 is also on asset 5' },
    ]);
    expect(files.map((file) => file.rows)).toEqual([1, 1]);
  });

  it('splits at 5,000 rows per file', () => {
    expect([INTUNE_CSV_MAX_ROWS, INTUNE_CSV_MAX_BYTES]).toEqual([5000, 5 * 1024 * 1024]);
    const assets = Array.from({ length: 12_001 }, (_, i) => android(i + 1, imei(i + 1)));
    const { files } = exportIntuneCsv(assets);
    expect(files.map((file) => [file.type, file.part, file.rows])).toEqual([
      ['imei', 1, 5000],
      ['imei', 2, 5000],
      ['imei', 3, 2001],
    ]);
    for (const file of files) expect(file.text.split('\n').length - 1).toBe(file.rows);
    expect(new Set(files.flatMap((file) => file.text.trimEnd().split('\n'))).size).toBe(12_001);
  });

  it('splits before 5 MB when rows are long (tested with a small byte limit)', () => {
    const assets = Array.from({ length: 10 }, (_, i) => android(i + 1, imei(i + 1)));
    const rowBytes = Buffer.byteLength(`${imei(1)},Samsung | Galaxy XCover7 | R58N000001\n`);
    const { files } = exportIntuneCsv(assets, { maxRows: 5000, maxBytes: rowBytes * 4 });
    expect(files.map((file) => file.rows)).toEqual([4, 4, 2]);
    for (const file of files) expect(Buffer.byteLength(file.text)).toBeLessThanOrEqual(rowBytes * 4);
  });

  it('writes nothing for no assets', () => {
    expect(exportIntuneCsv([])).toEqual({ files: [], skipped: [] });
  });
});
