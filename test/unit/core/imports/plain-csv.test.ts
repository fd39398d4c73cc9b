import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openCsv, type ReadOptions } from '../../../../electron/core/imports/csv-reader.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** A deterministic generator, so a failure names a seed that reproduces it. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

// Everything a quote-free file can hold, line endings of all three kinds among it.
const PIECES = ['a', 'Bø', ' ', '\u00a0', ',', ';', '\t', '\r', '\n', '\r\n', '', 'xyz', "6' tall", 'Ærø'];

function quoteFreeFile(random: () => number): string {
  let text = 'Serial;Model,Notes\tMore';
  const length = Math.floor(random() * 60);
  for (let i = 0; i < length; i += 1) text += PIECES[Math.floor(random() * PIECES.length)]!;
  return text;
}

async function read(path: string, options: ReadOptions) {
  const file = await openCsv(path, options);
  const records = [];
  for await (const record of file.records) records.push(record);
  return { encoding: file.encoding, delimiter: file.delimiter, headers: file.headers, records };
}

describe('files without quotes', () => {
  it('read exactly as csv-parse reads them, in any encoding, line ending and chunking', async () => {
    const dir = tempDir();
    for (let seed = 1; seed <= 300; seed += 1) {
      const random = prng(seed);
      const text = quoteFreeFile(random);
      const bytes =
        seed % 3 === 0
          ? iconv.encode(text, 'windows-1252')
          : Buffer.from(`${seed % 3 === 1 ? '\ufeff' : ''}${text}`, 'utf8');
      const path = join(dir, `${seed}.csv`);
      writeFileSync(path, bytes);
      const expected = await read(path, { reader: 'csv-parse' });
      for (const chunkBytes of [1, 2, 3, 7, 64 * 1024])
        expect(await read(path, { chunkBytes }), `seed ${seed}, ${chunkBytes}-byte chunks`).toEqual(expected);
    }
  });

  it('refuse a line over the record limit as csv-parse does, with a message', async () => {
    const path = join(tempDir(), 'long.csv');
    writeFileSync(path, `serial;notes\nA;${'x'.repeat(33 * 1024 * 1024)}\nB;y\n`);
    const file = await openCsv(path);
    await expect(
      (async () => {
        for await (const record of file.records) void record;
      })(),
    ).rejects.toThrow(/A row near line \d+ is larger than 32 MB.*Nothing was imported/);
  });
});
