import { describe, expect, it } from 'vitest';
import { TooManyRows, writeAssetsCsv } from '../../../../electron/core/documents/asset-csv.ts';
import type { Asset } from '../../../../electron/common/models/asset.ts';

/** An endless view, to show the export stops at its cap instead of reading on. */
function* endless(template: Asset): Generator<Asset> {
  for (let i = 0; ; i += 1) yield { ...template, id: i + 1, serial: `S-${i}` };
}

describe('asset CSV writer', () => {
  it('stops past its row cap with TooManyRows, having read one row more than the cap', async () => {
    const template = {
      serial: '',
      manufacturer: 'Samsung',
      model: 'A55',
      imeis: [],
      tags: [],
      custom: {},
      purchase: {},
    } as unknown as Asset;
    const lines: string[] = [];
    let read = 0;
    const counted = (function* () {
      for (const asset of endless(template)) {
        read += 1;
        yield asset;
      }
    })();
    await expect(writeAssetsCsv(counted, [], (line) => void lines.push(line), 3)).rejects.toBeInstanceOf(
      TooManyRows,
    );
    expect([lines.length, read]).toEqual([4, 4]); // header + 3 rows; the 4th asset only tells it there is more
  });
});
