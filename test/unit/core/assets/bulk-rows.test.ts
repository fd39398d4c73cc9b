import { describe, expect, it } from 'vitest';
import type { AssetFields } from '../../../../electron/common/models/asset.ts';
import { completeFields, fieldValues, fieldsToColumns } from '../../../../electron/core/assets/asset-rows.ts';
import { createdDetailsJson, withoutEmpty } from '../../../../electron/core/assets/asset-created-details.ts';
import { canonicalJson } from '../../../../electron/core/audit/canonical-json.ts';
import { FIELD_COLUMN_NAMES } from '../../../../electron/core/store/assets-queries.ts';
import { IMEI } from './registry-fixture.ts';

const bare = completeFields({ serial: 'S1', manufacturer: 'Samsung', platform: 'android' });
const full: AssetFields = {
  assetTag: 'DL-1 "quoted"',
  serial: 'R58N\\1',
  platform: 'ios',
  manufacturer: 'Apple',
  model: 'iPhone 16e',
  storageGb: 128,
  osVersion: '18.4',
  imeis: [IMEI.a, IMEI.b],
  udid: '00008110-000A',
  ecid: '0x1A',
  purchase: {
    orderNumber: 'PO-7',
    supplier: 'Atea',
    date: '2026-11-20',
    priceMinor: 0,
    currency: 'NOK',
    warrantyEnd: null,
  },
  location: 'Depot Ærø',
  roleProfile: 'shared_device',
  conditionGrade: 'B',
  batteryHealth: 0,
  tags: ['vip', 'loaner'],
  notes: 'line one\nline two\u2028',
  custom: { zeta: true, alpha: 'x', cost_centre: 4.5 },
};

describe('the bulk writer’s rows', () => {
  it('stage every field column in FIELD_COLUMN_NAMES order, as fieldsToColumns names them', () => {
    for (const fields of [bare, full]) {
      const columns = fieldsToColumns(fields);
      expect(fieldValues(fields)).toEqual(FIELD_COLUMN_NAMES.map((name) => columns[name]));
    }
  });

  it('record an asset.created entry with the same canonical details as a single insert', () => {
    const details = createdDetailsJson({
      source: 'import',
      fileName: 'levering "88".csv',
      state: 'in_stock',
    });
    for (const fields of [
      bare,
      full,
      { ...full, tags: [], custom: {}, notes: '', purchase: bare.purchase },
    ]) {
      const expected = canonicalJson({
        source: 'import',
        fileName: 'levering "88".csv',
        state: 'in_stock',
        fields: withoutEmpty(fields),
      });
      expect(details(fields)).toBe(expected);
    }
    const recorded = (fields: AssetFields) => (JSON.parse(details(fields)) as { fields: object }).fields;
    // Zero is a value (a free phone, a dead battery); empty strings, lists and objects are not.
    expect(recorded(full)).toMatchObject({ 'purchase.priceMinor': 0, batteryHealth: 0 });
    expect(Object.keys(recorded(bare))).toEqual(['manufacturer', 'platform', 'serial']);
  });
});
