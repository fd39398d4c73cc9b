import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openCsv, type CsvFile } from '../../../../electron/core/imports/csv-reader.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

function fileWith(content: Buffer | string): string {
  const path = join(tempDir(), 'file.csv');
  writeFileSync(path, content);
  return path;
}

async function readAll(file: CsvFile) {
  const records = [];
  for await (const record of file.records) records.push(record);
  return records;
}

describe('reading CSV files', () => {
  it('reads UTF-8 with and without a BOM the same, the BOM not part of the first header', async () => {
    for (const prefix of ['\ufeff', '']) {
      const file = await openCsv(fileWith(`${prefix}name,department\nBjørn Ærø,Økonomi\n`));
      expect(file.encoding).toBe('utf-8');
      expect(file.headers).toEqual(['name', 'department']);
      expect((await readAll(file))[0]!.cells).toEqual(['Bjørn Ærø', 'Økonomi']);
    }
  });

  it('reads Windows-1252 (Excel on a Norwegian PC) when the bytes are not UTF-8', async () => {
    const file = await openCsv(
      fileWith(iconv.encode('name;department\r\nBjørn Ærø;Økonomi\r\n', 'windows-1252')),
    );
    expect(file.encoding).toBe('windows-1252');
    expect(file.delimiter).toBe(';');
    expect((await readAll(file))[0]!.cells).toEqual(['Bjørn Ærø', 'Økonomi']);
  });

  it('decides the encoding on the whole file, not its first rows', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `Person ${i},IT`).join('\r\n');
    const file = await openCsv(
      fileWith(iconv.encode(`name,department\r\n${rows}\r\nÅse,Økonomi\r\n`, 'windows-1252')),
    );
    expect(file.encoding).toBe('windows-1252');
    expect((await readAll(file)).at(-1)!.cells).toEqual(['Åse', 'Økonomi']);
  });

  it('reads UTF-16 with its BOM (Excel "Unicode text", tab-separated)', async () => {
    const file = await openCsv(
      fileWith(iconv.encode('name\tdepartment\r\nÅse\tIT\r\n', 'utf-16le', { addBOM: true })),
    );
    expect([file.encoding, file.delimiter]).toEqual(['utf-16le', '\t']);
    expect((await readAll(file))[0]!.cells).toEqual(['Åse', 'IT']);
  });

  it('detects comma, semicolon and tab from the header line, ignoring delimiters inside quotes', async () => {
    expect((await openCsv(fileWith('a,b,c\n1,2,3\n'))).delimiter).toBe(',');
    expect((await openCsv(fileWith('a;b;c\n1;2;3\n'))).delimiter).toBe(';');
    expect((await openCsv(fileWith('a\tb\tc\n1\t2\t3\n'))).delimiter).toBe('\t');
    const quoted = await openCsv(fileWith('"Serial, per box";Model\n1;2\n'));
    expect(quoted.delimiter).toBe(';');
    expect(quoted.headers).toEqual(['Serial, per box', 'Model']);
  });

  it('keeps quoted newlines inside their cell and numbers rows as a spreadsheet shows them', async () => {
    const file = await openCsv(fileWith('serial,notes\r\nA,"line one\r\nline two"\r\nB,plain\r\n'));
    const records = await readAll(file);
    expect(records).toEqual([
      { row: 2, cells: ['A', 'line one\r\nline two'] },
      { row: 3, cells: ['B', 'plain'] },
    ]);
  });

  it('reads a quote inside an unquoted cell as text, as a spreadsheet does', async () => {
    const file = await openCsv(fileWith('model,notes\nTab 6" rugged,ok\n'));
    expect((await readAll(file))[0]!.cells).toEqual(['Tab 6" rugged', 'ok']);
  });

  it('refuses an empty file and an unclosed quote with a message, not a stack trace', async () => {
    await expect(openCsv(fileWith(''))).rejects.toThrow(/empty/);
    const file = await openCsv(fileWith('serial,notes\nA,"never closed\nB,x\n'));
    await expect(readAll(file)).rejects.toThrow(
      /quote opened near line \d+ is never closed.*Nothing was imported/,
    );
  });
});
