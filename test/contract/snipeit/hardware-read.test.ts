// Contract: reading assets. Examples follow https://snipe-it.readme.io/reference (Assets: list,
// by id, by tag, by serial) and the code that produces them in snipe/snipe-it@5aa5c48 (v8.1):
// app/Http/Controllers/Api/AssetsController.php (index, show, showByTag, showBySerial),
// app/Http/Transformers/AssetsTransformer.php, DatatablesTransformer.php, Helper.php.
import { describe, expect, it } from 'vitest';
import type { SeedAsset } from '../../support/snipeit/index.ts';
import { manualClock, SEEDED, useDouble, type AssetRow, type Envelope, type List } from './client.ts';

const start = useDouble();

const phones = (count: number): SeedAsset[] =>
  Array.from({ length: count }, (_, i) => ({
    assetTag: `DL-${String(i + 1).padStart(4, '0')}`,
    serial: `SER${i + 1}`,
    model: 'Pixel 8',
    status: 'Ready to Deploy',
    fields: { IMEI: `35678901234567${i}` },
  }));

describe('GET /hardware', () => {
  it('answers {total, rows} with transformer-shaped rows', async () => {
    const { api } = await start({ seed: { assets: phones(1) } });
    const answer = await api.get('/hardware');
    expect(answer.status).toBe(200);
    const list = answer.json<List<AssetRow>>();
    expect(list.total).toBe(1);
    // The documented row: id, tag, serial, {id,name} references, status with type and meta,
    // custom fields keyed by field name carrying their db column, {datetime, formatted} dates.
    expect(list.rows[0]).toMatchObject({
      id: 1,
      asset_tag: 'DL-0001',
      serial: 'SER1',
      name: '',
      model: { id: SEEDED.models.pixel8, name: 'Pixel 8' },
      status_label: { id: 1, name: 'Ready to Deploy', status_type: 'deployable', status_meta: 'deployable' },
      assigned_to: null,
      notes: null,
      deleted_at: null,
      custom_fields: {
        IMEI: {
          field: '_snipeit_imei_1',
          value: '356789012345670',
          field_format: 'NUMERIC',
          element: 'text',
        },
        'OS Version': { field: '_snipeit_os_version_2', value: '' },
      },
    });
    expect(list.rows[0]!.created_at.datetime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(list.rows[0]!.created_at.formatted).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} [AP]M$/);
  });

  it('pages with limit/offset, total counting every match', async () => {
    const { api } = await start({ seed: { assets: phones(7) } });
    const ids = async (offset: number) => {
      const list = (await api.get('/hardware', { limit: 3, offset, sort: 'id', order: 'asc' })).json<
        List<AssetRow>
      >();
      expect(list.total).toBe(7);
      return list.rows.map((row) => row.id);
    };
    expect(await ids(0)).toEqual([1, 2, 3]);
    expect(await ids(3)).toEqual([4, 5, 6]);
    expect(await ids(6)).toEqual([7]);
    expect(await ids(99)).toEqual([]);
  });

  it('falls back to MAX_RESULTS for a missing or too large limit (it does not clamp)', async () => {
    const { api, double } = await start({ seed: { assets: phones(7) } });
    double.settings.maxResults = 5;
    expect((await api.get('/hardware')).json<List<AssetRow>>().rows).toHaveLength(5);
    expect((await api.get('/hardware', { limit: 1000 })).json<List<AssetRow>>().rows).toHaveLength(5);
    expect((await api.get('/hardware', { limit: 2 })).json<List<AssetRow>>().rows).toHaveLength(2);
  });

  it('sorts by created_at desc unless told otherwise, and by allowed columns either way', async () => {
    const clock = manualClock();
    const { api, double } = await start({ clock });
    for (const serial of ['B2', 'A1', 'C3']) {
      double.ui.createAsset({ assetTag: `T-${serial}`, serial, model: 'Pixel 8', status: 'Ready to Deploy' });
      clock.advance(1000);
    }
    const serials = async (query: Record<string, string> = {}) =>
      (await api.get('/hardware', query)).json<List<AssetRow>>().rows.map((row) => row.serial);
    expect(await serials()).toEqual(['C3', 'A1', 'B2']);
    expect(await serials({ sort: 'serial', order: 'asc' })).toEqual(['A1', 'B2', 'C3']);
    expect(await serials({ sort: 'serial' })).toEqual(['C3', 'B2', 'A1']);
    expect(await serials({ sort: 'no_such_column', order: 'asc' })).toEqual(['B2', 'A1', 'C3']);
  });

  it('searches substrings across columns, custom fields and names, with " OR " between terms', async () => {
    const { api } = await start({ seed: { assets: phones(3) } });
    const tags = async (search: string) =>
      (await api.get('/hardware', { search }))
        .json<List<AssetRow>>()
        .rows.map((row) => row.asset_tag)
        .sort();
    // A serial search is LIKE '%…%': SER1 would also find SER10, SER11, …
    expect(await tags('ser1')).toEqual(['DL-0001']);
    expect(await tags('SER1 OR SER3')).toEqual(['DL-0001', 'DL-0003']);
    expect(await tags('356789012345672')).toEqual(['DL-0003']);
    expect(await tags('pixel')).toHaveLength(3);
    expect(await tags('nothing-like-this')).toEqual([]);
  });

  it('filters by status_id and model_id, and hides archived assets unless a status_id is given', async () => {
    const { api } = await start({
      seed: {
        assets: [
          { assetTag: 'A', model: 'Pixel 8', status: 'Ready to Deploy' },
          { assetTag: 'B', model: 'iPhone 15', status: 'Pending' },
          { assetTag: 'C', model: 'iPhone 15', status: 'Archived' },
        ],
      },
    });
    const tags = async (query: Record<string, string | number>) =>
      (await api.get('/hardware', query))
        .json<List<AssetRow>>()
        .rows.map((row) => row.asset_tag)
        .sort();
    expect(await tags({})).toEqual(['A', 'B']);
    expect(await tags({ model_id: SEEDED.models.iphone15 })).toEqual(['B']);
    expect(await tags({ status_id: SEEDED.status.archived })).toEqual(['C']);
    expect(await tags({ status_id: SEEDED.status.pending })).toEqual(['B']);
  });
});

describe('GET /hardware/byserial/{serial}', () => {
  it('answers a list even for one match, matching case-insensitively', async () => {
    const { api } = await start({ seed: { assets: phones(2) } });
    const answer = await api.get('/hardware/byserial/ser2');
    expect(answer.status).toBe(200);
    expect(answer.json<List<AssetRow>>()).toMatchObject({
      total: 1,
      rows: [{ asset_tag: 'DL-0002', serial: 'SER2' }],
    });
  });

  it('answers HTTP 200 with an error envelope when nothing matches', async () => {
    const { api } = await start();
    const answer = await api.get('/hardware/byserial/NOPE');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'error', messages: 'Asset does not exist.', payload: null });
  });

  it('lists every asset holding the serial when several do (unique serials off)', async () => {
    const { api, double } = await start({ settings: { uniqueSerial: false } });
    for (const tag of ['X1', 'X2'])
      double.ui.createAsset({ assetTag: tag, serial: 'DUP', model: 'Pixel 8', status: 'Ready to Deploy' });
    expect(answer(await api.get('/hardware/byserial/DUP'))).toEqual({ total: 2, tags: ['X1', 'X2'] });
    expect(double.duplicateSerials()).toEqual(['DUP']);
  });

  it('leaves soft-deleted assets out unless ?deleted=true', async () => {
    const { api, double } = await start({ seed: { assets: phones(1) } });
    double.ui.deleteAsset(1);
    expect((await api.get('/hardware/byserial/SER1')).json<Envelope>().status).toBe('error');
    const withDeleted = (await api.get('/hardware/byserial/SER1', { deleted: 'true' })).json<
      List<AssetRow>
    >();
    expect(withDeleted.total).toBe(1);
    expect(withDeleted.rows[0]!.deleted_at?.datetime).toMatch(/^\d{4}-/);
  });
});

function answer(reply: { json<T>(): T }) {
  const list = reply.json<List<AssetRow>>();
  return { total: list.total, tags: list.rows.map((row) => row.asset_tag) };
}

describe('GET /hardware/{id} and /hardware/bytag/{tag}', () => {
  it('answers the bare transformed asset, including a soft-deleted one by id', async () => {
    const { api, double } = await start({ seed: { assets: phones(1) } });
    expect((await api.get('/hardware/1')).json<AssetRow>()).toMatchObject({ id: 1, asset_tag: 'DL-0001' });
    double.ui.deleteAsset(1);
    expect((await api.get('/hardware/1')).json<AssetRow>().deleted_at).not.toBeNull();
  });

  it('answers an unknown id with HTTP 200 and "Asset does not exist."', async () => {
    const { api } = await start();
    const reply = await api.get('/hardware/999');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'error', messages: 'Asset does not exist.', payload: null });
  });

  it('answers one tag match bare, not as {total, rows}', async () => {
    const { api } = await start({ seed: { assets: phones(1) } });
    const reply = (await api.get('/hardware/bytag/dl-0001')).json<AssetRow & { total?: number }>();
    expect(reply.asset_tag).toBe('DL-0001');
    expect(reply.total).toBeUndefined();
    expect((await api.get('/hardware/bytag/NOPE')).json<Envelope>()).toMatchObject({
      status: 'error',
      messages: 'Asset does not exist.',
    });
  });

  it('escapes text the way Laravel e() does, and gives "" for a null name', async () => {
    const { api, double } = await start();
    double.ui.createAsset({
      assetTag: 'E1',
      name: `Bob's <Pixel> & "co"`,
      model: 'Pixel 8',
      status: 'Ready to Deploy',
    });
    double.ui.createAsset({ assetTag: 'E2', model: 'Pixel 8', status: 'Ready to Deploy' });
    expect((await api.get('/hardware/1')).json<AssetRow>().name).toBe(
      'Bob&#039;s &lt;Pixel&gt; &amp; &quot;co&quot;',
    );
    expect((await api.get('/hardware/2')).json<AssetRow>().name).toBe('');
  });

  it("renders notes through Parsedown's inline Markdown in safe mode (Helper::parseEscapedMarkedownInline)", async () => {
    const { api, double } = await start();
    const notes = "Bob's **new** phone <3, `IMEI<2>` see https://x.example/1";
    double.ui.createAsset({ assetTag: 'N1', notes, model: 'Pixel 8', status: 'Ready to Deploy' });
    expect((await api.get('/hardware/1')).json<AssetRow>().notes).toBe(
      'Bob&#039;s <strong>new</strong> phone &lt;3, <code>IMEI&lt;2&gt;</code> see <a href="https://x.example/1">https://x.example/1</a>',
    );
    // Stored (and echoed by the raw model of write answers) as sent.
    expect(double.assets()[0]!.notes).toBe(notes);
  });
});

describe('unknown endpoints', () => {
  it('answers 404 and 405 with the standard envelope', async () => {
    const { api } = await start();
    const missing = await api.get('/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ status: 'error', messages: '404 endpoint not found', payload: null });
    const wrongMethod = await api.post('/hardware/1');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual({ status: 'error', messages: 'Method not allowed', payload: null });
  });
});
