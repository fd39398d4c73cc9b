// Contract: the reference reads (models, status labels, users, custom fields) and remote-side
// changes made "in the web UI". Shapes from https://snipe-it.readme.io/reference (Models,
// Status Labels, Users, Custom Fields) and snipe/snipe-it@5aa5c48 *Transformer.php; an unknown
// id is Handler::render's ModelNotFoundException answer: HTTP 200 "<Model> not found".
import { describe, expect, it } from 'vitest';
import {
  manualClock,
  newAsset,
  SEEDED,
  useDouble,
  type AssetRow,
  type Envelope,
  type List,
} from './client.ts';

const start = useDouble();

type Named = { id: number; name: string };

describe('reference reads', () => {
  it('lists status labels with their type, filterable by status_type', async () => {
    const { api } = await start();
    const labels = (await api.get('/statuslabels', { sort: 'id', order: 'asc' })).json<
      List<Named & { type: string }>
    >();
    expect(labels.total).toBe(4);
    expect(labels.rows.map((row) => [row.name, row.type])).toEqual([
      ['Ready to Deploy', 'deployable'],
      ['Pending', 'pending'],
      ['Archived', 'archived'],
      ['Broken', 'undeployable'],
    ]);
    const pending = (await api.get('/statuslabels', { status_type: 'pending' })).json<List<Named>>();
    expect(pending.rows.map((row) => row.name)).toEqual(['Pending']);
  });

  it('lists models with their fieldset and the db columns of its fields', async () => {
    const { api } = await start();
    const models = (await api.get('/models', { search: 'xcover' })).json<
      List<Named & { fieldset: Named; default_fieldset_values: { name: string; db_column_name: string }[] }>
    >();
    expect(models.total).toBe(1);
    expect(models.rows[0]).toMatchObject({
      id: SEEDED.models.xcover7,
      name: 'Galaxy XCover7',
      fieldset: { id: 1 },
    });
    expect(models.rows[0]!.default_fieldset_values.map((field) => field.db_column_name)).toEqual([
      '_snipeit_imei_1',
      '_snipeit_os_version_2',
      '_snipeit_staging_profile_3',
    ]);
  });

  it('lists custom fields with db_column_name', async () => {
    const { api } = await start();
    const fields = (await api.get('/fields')).json<
      List<Named & { db_column_name: string; format: string }>
    >();
    expect(fields.rows.map((field) => [field.name, field.db_column_name, field.format])).toEqual([
      ['IMEI', '_snipeit_imei_1', 'NUMERIC'],
      ['OS Version', '_snipeit_os_version_2', 'ANY'],
      ['Staging Profile', '_snipeit_staging_profile_3', 'ANY'],
    ]);
  });

  it('lists users by first name (descending) and finds them by search, email and username', async () => {
    const { api } = await start();
    const usernames = async (query: Record<string, string>) =>
      (await api.get('/users', query)).json<List<{ username: string }>>().rows.map((row) => row.username);
    // UsersController's default order: first_name, descending.
    expect(await usernames({})).toEqual(['ghopper', 'snipe-api', 'alovelace']);
    expect(await usernames({ search: 'lovel' })).toEqual(['alovelace']);
    expect(await usernames({ email: 'GRACE@depot.example' })).toEqual(['ghopper']);
    expect(await usernames({ username: 'ghop' })).toEqual([]);
    expect((await api.get('/users/me')).json<{ id: number }>().id).toBe(SEEDED.users.api);
  });

  it('answers unknown ids with HTTP 200 and "<Model> not found"', async () => {
    const { api } = await start();
    for (const [path, model] of [
      ['/users/99', 'User'],
      ['/models/99', 'AssetModel'],
      ['/statuslabels/99', 'Statuslabel'],
      ['/fields/99', 'CustomField'],
    ]) {
      const reply = await api.get(path!);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ status: 'error', messages: `${model} not found`, payload: null });
    }
  });
});

describe('changes made in the web UI', () => {
  it('edits an asset: the API shows the new values and a later updated_at', async () => {
    const clock = manualClock();
    const { api, double } = await start({ clock });
    await api.post('/hardware', newAsset('W-1', { serial: 'S-1' }));
    clock.advance(60_000);
    const edited = double.ui.editAsset(1, {
      name: 'Front desk',
      status: 'Broken',
      fields: { 'OS Version': '15' },
    });
    expect(edited.updatedAt).toBe(Date.UTC(2026, 10, 28, 22, 1, 0));
    const asset = (await api.get('/hardware/1')).json<AssetRow>();
    expect(asset).toMatchObject({ name: 'Front desk', status_label: { name: 'Broken' } });
    expect(asset.custom_fields['OS Version']!.value).toBe('15');
    expect(asset.updated_at.datetime).toBe('2026-11-28 22:01:00');
  });

  it('leaves updated_at alone for an edit that changes nothing, unless touched', async () => {
    const clock = manualClock();
    const { double } = await start({ clock });
    const created = double.ui.createAsset({
      assetTag: 'W-1',
      name: 'Same',
      model: 'Pixel 8',
      status: 'Ready to Deploy',
    });
    clock.advance(10_000);
    expect(double.ui.editAsset(created.id, { name: 'Same' }).updatedAt).toBe(created.updatedAt);
    expect(double.ui.touch(created.id).updatedAt).toBe(created.updatedAt + 10_000);
  });

  it('checks out to a user it created; new models, labels and fields appear in the API', async () => {
    const { api, double } = await start();
    const user = double.ui.createUser({ username: 'kjohnson', firstName: 'Katherine', lastName: 'Johnson' });
    const model = double.ui.createModel({ name: 'Pixel 9', manufacturer: 'Google' });
    const label = double.ui.createStatusLabel({ name: 'In Repair', type: 'undeployable' });
    const field = double.ui.createCustomField({ name: 'Battery Health', models: ['Pixel 9'] });
    expect(field.dbColumn).toBe('_snipeit_battery_health_4');
    const asset = double.ui.createAsset({
      assetTag: 'W-2',
      model: model.id,
      status: 'Ready to Deploy',
      fields: { 'Battery Health': '97' },
    });
    double.ui.checkOut(asset.id, user.username);
    const row = (await api.get(`/hardware/${asset.id}`)).json<AssetRow>();
    expect(row.assigned_to).toMatchObject({ id: user.id, username: 'kjohnson', type: 'user' });
    expect(row.custom_fields['Battery Health']).toMatchObject({
      field: '_snipeit_battery_health_4',
      value: '97',
    });
    expect((await api.get(`/statuslabels/${label.id}`)).json<{ type: string }>().type).toBe('undeployable');
    const created = await api.post(
      '/hardware',
      newAsset('W-3', { model_id: model.id, _snipeit_battery_health_4: '88' }),
    );
    expect(created.json<Envelope>().status).toBe('success');
  });
});

describe('observability', () => {
  it('logs each request with method, path, query, status and a body summary', async () => {
    const { api, double } = await start();
    await api.get('/hardware', { search: 'x' });
    await api.post('/hardware', newAsset('L-1'));
    await api.post('/hardware', newAsset('L-1'));
    expect(double.requests.counts()).toEqual({ 'GET /hardware': 1, 'POST /hardware': 2 });
    expect(double.requests.count({ method: 'POST', path: '/hardware' })).toBe(2);
    expect(double.requests.all()[0]).toMatchObject({
      path: '/api/v1/hardware',
      query: { search: 'x' },
      status: 200,
    });
    expect(double.requests.last()).toMatchObject({
      outcome: 'answered',
      body: expect.stringContaining('"asset_tag":"L-1"'),
    });
    double.requests.clear();
    expect(double.requests.count()).toBe(0);
  });

  it('groups live assets by serial to show duplicates', async () => {
    const { double } = await start({ settings: { uniqueSerial: false } });
    for (const [tag, serial] of [
      ['A', 'r58n1'],
      ['B', 'R58N1'],
      ['C', 'R58N2'],
    ])
      double.ui.createAsset({ assetTag: tag!, serial: serial!, model: 'Pixel 8', status: 'Ready to Deploy' });
    expect([...double.assetsBySerial().entries()].map(([serial, assets]) => [serial, assets.length])).toEqual(
      [
        ['R58N1', 2],
        ['R58N2', 1],
      ],
    );
    expect(double.duplicateSerials()).toEqual(['R58N1']);
    double.ui.deleteAsset(2);
    expect(double.duplicateSerials()).toEqual([]);
  });
});
