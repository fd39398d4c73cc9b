import { describe, expect, it } from 'vitest';
import {
  describeRefusal,
  refusalOf,
} from '../../../../../../electron/core/sync/connectors/snipeit/snipeit-api.ts';
import {
  parseAnswer,
  SnipeAssetListingSchema,
  SnipeAssetRowSchema,
  SnipeEnvelopeSchema,
  SnipeFlatAssetSchema,
} from '../../../../../../electron/core/sync/connectors/snipeit/snipeit-schemas.ts';
import { SyncError } from '../../../../../../electron/core/sync/sync-error.ts';
import { CREATED, DOCUMENTED_ASSET, VALIDATION_ERROR } from './snipeit-examples.ts';

const bad = (run: () => unknown): SyncError => {
  try {
    run();
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('Snipe-IT answer schemas', () => {
  it('read the documented hardware record, keeping what the connector uses and allowing the rest', () => {
    const row = parseAnswer(SnipeAssetRowSchema, DOCUMENTED_ASSET, 'GET hardware/1');
    expect(row).toMatchObject({
      id: 1,
      asset_tag: '843812933',
      serial: 'f294c22f-8232-3e38-a31d-84578032ff7a',
      model: { id: 1, name: 'Macbook Pro 13"' },
      status_label: { id: 1, name: 'Ready to Deploy', status_type: 'deployable' },
      assigned_to: null,
      updated_at: { datetime: '2023-01-19 06:42:33' },
    });
    expect(row.custom_fields.RAM).toMatchObject({ field: '_snipeit_ram_3', value: '' });
    // Fields the connector never reads stay in the object (a loose schema), untouched.
    expect((row as Record<string, unknown>).purchase_cost).toBe('2.216,49');
  });

  it('read a listing, and PHP’s [] for "no custom fields"', () => {
    const listing = parseAnswer(
      SnipeAssetListingSchema,
      { total: 2, rows: [DOCUMENTED_ASSET, { ...DOCUMENTED_ASSET, id: 2, custom_fields: [] }] },
      'GET hardware',
    );
    expect(listing.total).toBe(2);
    expect(listing.rows[1]!.custom_fields).toEqual({});
  });

  it('name the missing field of an answer they do not understand', () => {
    const { status_label, ...noLabelId } = DOCUMENTED_ASSET;
    const missing = bad(() =>
      parseAnswer(
        SnipeAssetListingSchema,
        { total: 1, rows: [{ ...noLabelId, status_label: { name: status_label.name } }] },
        'GET hardware/byserial/X',
      ),
    );
    expect(missing.code).toBe('bad_response');
    expect(missing.message).toBe(
      "Snipe-IT's answer to GET hardware/byserial/X: rows[0].status_label.id is missing",
    );

    const wrongType = bad(() =>
      parseAnswer(SnipeAssetRowSchema, { ...DOCUMENTED_ASSET, id: 'one' }, 'GET hardware/1'),
    );
    expect(wrongType.message).toMatch(
      /^Snipe-IT's answer to GET hardware\/1: id is not what Depotline understands/,
    );

    const noRows = bad(() => parseAnswer(SnipeAssetListingSchema, { total: 3 }, 'GET hardware'));
    expect(noRows.message).toBe("Snipe-IT's answer to GET hardware: rows is missing");
  });

  it('read the flat model a create answers with, custom field columns included', () => {
    const envelope = parseAnswer(SnipeEnvelopeSchema, CREATED, 'POST hardware');
    const flat = parseAnswer(SnipeFlatAssetSchema, envelope.payload, 'POST hardware (payload)');
    expect(flat).toMatchObject({
      id: 17,
      model_id: 4,
      status_id: 2,
      asset_tag: 'DL-1',
      model: { name: 'Pixel 8' },
    });
    expect((flat as Record<string, unknown>)._snipeit_imei_1).toBe('356938035643809');
    // Ids sent as text come back as text from Eloquent: still ids.
    expect(parseAnswer(SnipeFlatAssetSchema, { id: '17', status_id: '2' }, 'x')).toMatchObject({
      id: 17,
      status_id: 2,
    });
  });

  it('turn a validation bag into one line a technician can read', () => {
    const refusal = refusalOf(VALIDATION_ERROR.messages);
    expect(refusal.fields).toEqual(['asset_tag', '_snipeit_imei_1']);
    expect(
      describeRefusal(refusal, (field) => (field === '_snipeit_imei_1' ? 'imei' : field.replace(/_/g, ' '))),
    ).toBe('The asset tag must be unique. The imei field must be a number.');
    expect(describeRefusal(refusalOf('Asset not found'))).toBe('Asset not found.');
    // A message that does not name its field gets the field in front.
    expect(
      describeRefusal(
        refusalOf({
          _snipeit_cpu_4: ["This field seems to exist, but is not available on this Asset Model's fieldset."],
        }),
        () => 'cpu',
      ),
    ).toBe("cpu: This field seems to exist, but is not available on this Asset Model's fieldset.");
  });
});
