// prepareBatch and the drain's index: a backlog costs about one request per change.
import { describe, expect, it } from 'vitest';
import { pixel, startBench, type Bench } from './snipeit-fixture.ts';

const serialOf = (i: number) => `BULK${String(i).padStart(5, '0')}`;

/** `count` remote Pixels made in Snipe-IT's web UI, one second apart per ten (spread stamps). */
function seedRemote(bench: Bench, count: number): void {
  for (let i = 0; i < count; i += 1) {
    if (i % 10 === 0) bench.advance(1_000);
    bench.double.ui.createAsset({
      assetTag: `T-${i}`,
      serial: serialOf(i),
      model: 'Pixel 8',
      status: i === 0 ? 'Archived' : 'Ready to Deploy',
      notes: `remote ${i}`,
    });
  }
  bench.advance(5_000);
}

const locals = (count: number) => Array.from({ length: count }, (_, i) => pixel(serialOf(i)));

describe('Snipe-IT connector: draining a backlog', () => {
  it('lists 1,200 remote assets in 3 pages of 500 (and one archived listing); reads then cost nothing', async () => {
    const bench = await startBench();
    seedRemote(bench, 1_200);
    const assets = locals(1_200);
    await bench.connector.prepareBatch!(assets.slice(0, 50), bench.io);
    const lists = bench.double.requests.all();
    expect(lists.map((request) => request.query)).toEqual([
      { limit: '500', offset: '0', sort: 'id', order: 'asc' },
      { limit: '500', offset: '500', sort: 'id', order: 'asc' },
      { limit: '500', offset: '1000', sort: 'id', order: 'asc' },
      { limit: '500', offset: '0', sort: 'id', order: 'asc', status: 'Archived' },
    ]);
    expect(lists.every((request) => request.apiPath === '/hardware')).toBe(true);

    bench.clear();
    const records = await Promise.all(assets.map((asset) => bench.connector.read(asset, null, bench.io)));
    expect(bench.double.requests.count()).toBe(0);
    expect(records[7]).toMatchObject({
      values: { serial: serialOf(7), notes: 'remote 7', status: 'in_stock' },
    });
    // Archived assets are hidden from Snipe-IT's default listing; the archived listing has them.
    expect(records[0]).toMatchObject({ values: { serial: serialOf(0), status: 'retired' } });
    // Not in Snipe-IT at all: a fresh index says so without asking.
    await expect(bench.connector.read(pixel('NEW-1'), null, bench.io)).resolves.toBeNull();
    expect(bench.double.requests.count()).toBe(0);
  });

  it('drains 1,200 changes with at most 1.2 requests per change', async () => {
    const bench = await startBench();
    seedRemote(bench, 1_200);
    const assets = locals(1_200).map((asset) => ({ ...asset, notes: 'checked on the bench' }));
    for (let start = 0; start < assets.length; start += 50) {
      const batch = assets.slice(start, start + 50);
      await bench.connector.prepareBatch!(batch, bench.io);
      for (const asset of batch) await bench.sync(asset, null);
      bench.advance(2_000); // the worker's pace: the index goes stale and is refreshed on the way
    }
    const requests = bench.double.requests.count();
    expect(bench.double.requests.count({ method: 'PATCH' })).toBe(1_200);
    expect(requests / 1_200).toBeLessThanOrEqual(1.2);
    // The build (4 listings) and a few refreshes, which also re-read what our own writes changed.
    expect(bench.double.requests.count({ method: 'GET' })).toBeLessThan(30);
    expect(bench.double.assets().every((asset) => asset.notes === 'checked on the bench')).toBe(true);
  }, 60_000);

  it('refreshes a stale index from the newest changes only, and picks up a remote edit', async () => {
    const bench = await startBench();
    seedRemote(bench, 1_200);
    const assets = locals(1_200);
    await bench.connector.prepareBatch!(assets.slice(0, 50), bench.io);
    const target = bench.double.assets().find((asset) => asset.serial === serialOf(600))!;
    bench.advance(10_000);
    bench.double.ui.editAsset(target.id, { notes: 'edited in Snipe-IT' });

    // Inside the freshness window the index still answers (the edit is caught later, see the index's comment).
    bench.clear();
    await expect(bench.connector.read(assets[600]!, null, bench.io)).resolves.toMatchObject({
      values: { notes: 'remote 600' },
    });
    expect(bench.double.requests.count()).toBe(0);

    bench.advance(31_000);
    const record = await bench.connector.read(assets[600]!, null, bench.io);
    expect(record?.values.notes).toBe('edited in Snipe-IT');
    expect(bench.double.requests.all().map((request) => request.query)).toEqual([
      { limit: '100', offset: '0', sort: 'updated_at', order: 'desc' },
      { limit: '100', offset: '0', sort: 'updated_at', order: 'desc', status: 'Archived' },
    ]);
    bench.clear();
    await bench.connector.read(assets[601]!, null, bench.io);
    expect(bench.double.requests.count()).toBe(0);
  });

  it('keeps its own writes in the index, so a created asset is known without asking', async () => {
    const bench = await startBench();
    seedRemote(bench, 30);
    const fresh = Array.from({ length: 25 }, (_, i) => pixel(`FRESH${i}`));
    await bench.connector.prepareBatch!(fresh, bench.io);
    bench.clear();
    const { link } = await bench.sync(fresh[0]!, null);
    expect(bench.seen()).toEqual(['POST /hardware']);
    bench.clear();
    await expect(bench.connector.read(fresh[0]!, null, bench.io)).resolves.toMatchObject({
      remoteId: link.remoteId,
    });
    expect(bench.double.requests.count()).toBe(0);
  });

  it('forgets the index when no batch came for a while, and asks per asset again', async () => {
    const bench = await startBench();
    seedRemote(bench, 30);
    await bench.connector.prepareBatch!(locals(30), bench.io);
    bench.advance(3 * 60_000);
    bench.clear();
    await bench.connector.read(pixel(serialOf(3)), null, bench.io);
    expect(bench.seen()).toEqual([`GET /hardware/byserial/${serialOf(3)}`]);
    // The next drain lists afresh.
    bench.clear();
    await bench.connector.prepareBatch!(locals(30), bench.io);
    expect(bench.double.requests.count({ path: '/hardware' })).toBe(2);
    bench.clear();
    await bench.connector.read(pixel(serialOf(4)), null, bench.io);
    expect(bench.double.requests.count()).toBe(0);
  });

  it('does not list a Snipe-IT that would cost more requests than the batch, nor ask again soon', async () => {
    const bench = await startBench({ double: { settings: { maxResults: 5 } } });
    seedRemote(bench, 105);
    const batch = locals(20);
    await bench.connector.prepareBatch!(batch, bench.io);
    expect(bench.double.requests.count()).toBe(1); // 21 pages of 5 for a batch of 20: not worth it
    await bench.connector.prepareBatch!(batch, bench.io);
    expect(bench.double.requests.count()).toBe(1);
    bench.clear();
    await bench.connector.read(batch[4]!, null, bench.io);
    expect(bench.seen()).toEqual([`GET /hardware/byserial/${serialOf(4)}`]);
  });

  it('lists with whatever page size the install allows (MAX_RESULTS below 500)', async () => {
    const bench = await startBench({ double: { settings: { maxResults: 10 } } });
    seedRemote(bench, 45);
    await bench.connector.prepareBatch!(locals(45), bench.io);
    expect(bench.double.requests.count({ method: 'GET', path: '/hardware' })).toBe(6); // 5 pages + archived
    bench.clear();
    await expect(bench.connector.read(pixel(serialOf(44)), null, bench.io)).resolves.toMatchObject({
      values: { notes: 'remote 44' },
    });
    expect(bench.double.requests.count()).toBe(0);
  });
});
