import { describe, expect, it } from 'vitest';
import type { SnipeItConfig } from '../../../../../../electron/common/models/sync.ts';
import { apiBaseUrl } from '../../../../../../electron/core/sync/connectors/snipeit/snipeit-api.ts';
import {
  decodeEntities,
  localValues,
  mappedFields,
  notesFromHtml,
  payloadFor,
  snapshotOfFlat,
  snapshotOfRow,
  stampOf,
  toRemoteRecord,
  wallClock,
} from '../../../../../../electron/core/sync/connectors/snipeit/snipeit-mapping.ts';
import {
  SnipeAssetRowSchema,
  SnipeFlatAssetSchema,
} from '../../../../../../electron/core/sync/connectors/snipeit/snipeit-schemas.ts';
import { sampleAsset } from '../../../../../support/sample-asset.ts';
import { CHECKED_OUT_TO, CREATED, DOCUMENTED_ASSET } from './snipeit-examples.ts';

const config: SnipeItConfig = {
  baseUrl: 'https://snipe.example',
  tokenSecret: 'snipeit.token',
  ratePerMinute: 120,
  attemptsBeforeDeadLetter: 8,
  models: { 'MacBook Pro 13': 1, 'Pixel 8': 4 },
  statusLabels: { in_stock: 1, staged: 1, issued: 1, received: 2 },
  customFields: { imei: '_snipeit_imei_1', osVersion: '_snipeit_cpu_4' },
  fieldPolicies: {},
};
const fields = mappedFields(config);
const row = (patch: Record<string, unknown> = {}) =>
  SnipeAssetRowSchema.parse({ ...DOCUMENTED_ASSET, ...patch });

describe('Snipe-IT mapping', () => {
  it('maps Snipe-IT’s own columns always, and other fields only when a custom field carries them', () => {
    expect(fields).toEqual([
      'assetTag',
      'serial',
      'model',
      'status',
      'imei',
      'osVersion',
      'assignee',
      'notes',
    ]);
  });

  it('gives the local asset’s values in Depotline’s words', () => {
    expect(
      localValues(
        sampleAsset(),
        mappedFields({ ...config, customFields: { stagingProfile: '_snipeit_p_9' } }),
      ),
    ).toEqual({
      assetTag: 'DL-0042',
      serial: 'R58N12345AB',
      model: 'Galaxy XCover7',
      status: 'issued',
      stagingProfile: 'frontline-android v3',
      assignee: 'kari.nordmann@example.org',
      notes: 'screen protector fitted',
    });
    const bare = sampleAsset({
      assetTag: null,
      imeis: [],
      osVersion: '',
      notes: '',
      assignee: null,
      staging: null,
    });
    expect(localValues(bare, fields)).toMatchObject({
      assetTag: null,
      imei: null,
      osVersion: null,
      notes: null,
      assignee: null,
    });
  });

  it('reads the documented record: mapped ids by local name, unknown ones by Snipe-IT’s, "" as nothing', () => {
    const record = toRemoteRecord(snapshotOfRow(row()), { config, fields, local: {}, prefer: [] });
    expect(record).toEqual({
      remoteId: '1',
      updatedAt: '2023-01-19 06:42:33',
      values: {
        assetTag: '843812933',
        serial: 'f294c22f-8232-3e38-a31d-84578032ff7a',
        model: 'MacBook Pro 13', // id 1 is mapped: the local name, whatever Snipe-IT calls it
        status: 'in_stock', // label 1 stands for three states: the first, absent a preference
        imei: null,
        osVersion: null, // the mapped column is empty ("" in Snipe-IT's answer)
        assignee: null,
        notes: 'Created by DB seeder',
      },
    });
    const unmapped = toRemoteRecord(
      snapshotOfRow(
        row({
          model: { id: 9, name: 'Macbook Pro 13&quot;' },
          status_label: { id: 7, name: 'Out for Repair' },
        }),
      ),
      {
        config,
        fields,
        local: {},
        prefer: [],
      },
    );
    expect(unmapped.values).toMatchObject({ model: 'Macbook Pro 13"', status: 'Out for Repair' });
  });

  it('prefers the local state (then the base) when one status label stands for several', () => {
    const snapshot = snapshotOfRow(row());
    const read = (prefer: ({ status: string } | null)[]) =>
      toRemoteRecord(snapshot, { config, fields, local: {}, prefer }).values.status;
    expect(read([{ status: 'staged' }])).toBe('staged');
    expect(read([{ status: 'received' }, { status: 'issued' }])).toBe('issued');
  });

  it('decodes Laravel’s e() and Parsedown’s inline Markdown back into the text that was sent', () => {
    const snapshot = snapshotOfRow(
      row({
        asset_tag: 'A&amp;B',
        notes:
          'Bob&#039;s <strong>new</strong> phone &lt;3 see <a href="https://x.example/1">https://x.example/1</a>',
        assigned_to: CHECKED_OUT_TO,
        custom_fields: { IMEI: { field: '_snipeit_imei_1', value: '35&quot;1' } },
      }),
    );
    const record = toRemoteRecord(snapshot, { config, fields, local: {}, prefer: [] });
    expect(record.values).toMatchObject({
      assetTag: 'A&B',
      notes: "Bob's **new** phone <3 see https://x.example/1",
      assignee: "bob.o'neil@example.org",
      imei: '35"1',
    });
    expect(notesFromHtml('a <em>b</em> <code>c</code> <a href="https://d">d</a><br />\ne')).toBe(
      'a *b* `c` [d](https://d)  \ne',
    );
    expect(decodeEntities('&#x41;&#66;&amp;lt;')).toBe('AB&lt;');
  });

  it('reads a tag equal to the serial as Depotline’s stand-in for "no tag", and case-only serial differences as none', () => {
    const snapshot = snapshotOfRow(row({ asset_tag: 'SN-1', serial: 'sn-1' }));
    const values = (local: { assetTag: string | null; serial: string }) =>
      toRemoteRecord(snapshot, { config, fields, local, prefer: [] }).values;
    expect(values({ assetTag: null, serial: 'SN-1' })).toMatchObject({ assetTag: 'SN-1', serial: 'SN-1' });
    const same = snapshotOfRow(row({ asset_tag: 'SN-1', serial: 'SN-1' }));
    expect(
      toRemoteRecord(same, { config, fields, local: { assetTag: null }, prefer: [] }).values.assetTag,
    ).toBeNull();
    expect(
      toRemoteRecord(same, { config, fields, local: { assetTag: 'SN-1' }, prefer: [] }).values.assetTag,
    ).toBe('SN-1');
  });

  it('reads a write’s flat answer like a read, borrowing names from the record before it', () => {
    const before = snapshotOfRow(row({ assigned_to: CHECKED_OUT_TO }));
    const flat = SnipeFlatAssetSchema.parse({
      ...CREATED.payload,
      id: 1,
      assigned_to: 3,
      assigned_type: 'App\\Models\\User',
    });
    const after = snapshotOfFlat(flat, before);
    expect(after).toMatchObject({
      id: 1,
      assetTag: 'DL-1',
      modelId: 4,
      modelName: 'Pixel 8',
      statusId: 2,
      statusName: null, // another label than before: its name is not in the flat answer
      assigneeEmail: "bob.o'neil@example.org",
      updatedAt: '2026-11-28 10:00:05',
    });
    expect(after.custom._snipeit_imei_1).toBe('356938035643809');
  });

  it('builds request fields, refusing what has no mapping, never sending the assignee', () => {
    const asset = sampleAsset({ assetTag: null, serial: 'SN-9', model: 'Pixel 8' });
    expect(
      payloadFor(
        { assetTag: null, model: 'pixel 8', status: 'received', imei: '1', notes: null, assignee: 'x@y' },
        asset,
        config,
      ),
    ).toEqual({ asset_tag: 'SN-9', model_id: 4, status_id: 2, _snipeit_imei_1: '1', notes: null });
    expect(() => payloadFor({ model: 'Pixel 9' }, asset, config)).toThrow(
      "no Snipe-IT model is mapped to 'Pixel 9' — map it on the Sync page",
    );
    expect(() => payloadFor({ status: 'lost' }, asset, config)).toThrow(
      "no Snipe-IT status label is mapped to 'lost' — map it on the Sync page",
    );
    expect(() => payloadFor({ model: null }, asset, config)).toThrow(
      'the asset has no model; Snipe-IT requires one',
    );
  });

  it('compares Snipe-IT’s second-resolution stamps, and writes the flat ISO stamp like a read’s', () => {
    expect(stampOf('2023-01-19 06:42:33')! - stampOf('2023-01-19 06:42:31')!).toBe(2_000);
    expect(stampOf(null)).toBeNull();
    expect(wallClock('2026-11-28T10:00:05.000000Z')).toBe('2026-11-28 10:00:05');
    expect(wallClock('2026-11-28 10:00:05')).toBe('2026-11-28 10:00:05');
  });

  it('puts the API under /api/v1/ of the configured address, once', () => {
    expect(apiBaseUrl('https://snipe.example')).toBe('https://snipe.example/api/v1/');
    expect(apiBaseUrl('https://depot.example/snipe/')).toBe('https://depot.example/snipe/api/v1/');
    expect(apiBaseUrl('https://snipe.example/api/v1')).toBe('https://snipe.example/api/v1/');
  });
});
