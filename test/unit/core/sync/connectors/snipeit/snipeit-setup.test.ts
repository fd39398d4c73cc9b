import { describe, expect, it } from 'vitest';
import { ASSET_STATES } from '../../../../../../electron/common/models/asset.ts';
import {
  readSnipeItSetup,
  suggestMapping,
  type SnipeItSetup,
} from '../../../../../../electron/core/sync/connectors/snipeit/snipeit-setup.ts';
import { startBench, TOKEN_SECRET } from './snipeit-fixture.ts';

/** Snipe-IT's own first-run status labels (database/seeders/StatuslabelSeeder.php) plus one a depot added. */
const SETUP: SnipeItSetup = {
  models: [
    { id: 1, name: 'Pixel 8', manufacturer: 'Google' },
    { id: 2, name: 'Galaxy XCover7', manufacturer: 'Samsung' },
    { id: 3, name: 'iPhone 15', manufacturer: 'Apple' },
    { id: 4, name: 'iPhone 15', manufacturer: 'Apple (refurbished)' },
  ],
  statusLabels: [
    { id: 1, name: 'Ready to Deploy', type: 'deployable' },
    { id: 2, name: 'Pending', type: 'pending' },
    { id: 3, name: 'Archived', type: 'archived' },
    { id: 4, name: 'Out for Diagnostics', type: 'undeployable' },
    { id: 5, name: 'Out for Repair', type: 'undeployable' },
    { id: 6, name: 'Broken - Not Fixable', type: 'undeployable' },
    { id: 7, name: 'Lost/Stolen', type: 'undeployable' },
    { id: 8, name: 'In stock', type: 'deployable' },
  ],
  customFields: [
    { id: 1, name: 'IMEI', dbColumn: '_snipeit_imei_1', format: 'NUMERIC' },
    { id: 2, name: 'OS version', dbColumn: '_snipeit_os_version_2', format: 'ANY' },
    { id: 3, name: 'Staging profile', dbColumn: '_snipeit_staging_profile_3', format: 'ANY' },
    { id: 4, name: 'MAC Address', dbColumn: '_snipeit_mac_address_4', format: 'MAC' },
  ],
};

describe('Snipe-IT setup', () => {
  it('suggests a mapping by name, then by status label type, and leaves anything ambiguous to a person', () => {
    const suggestion = suggestMapping(
      SETUP,
      ['pixel 8', 'Samsung Galaxy XCover7', 'iPhone 15', 'Nokia G22'],
      ASSET_STATES,
    );
    expect(suggestion.models).toEqual({ 'pixel 8': 1, 'Samsung Galaxy XCover7': 2 });
    // Two "iPhone 15" models: not guessed between.
    expect(suggestion.unmatched.models).toEqual(['iPhone 15', 'Nokia G22']);
    expect(suggestion.statusLabels).toEqual({
      ordered: 2,
      received: 2,
      in_stock: 8, // by name
      staging: 2,
      returned: 2,
      in_repair: 5, // "Out for Repair", by the word
      wiped: 2,
      retired: 3,
      recycled: 3,
      lost: 7, // "Lost/Stolen"
    });
    // Two deployable labels ("Ready to Deploy", "In stock"): staged, issued and ready_for_reissue are asked.
    expect(suggestion.unmatched.statusLabels).toEqual(['staged', 'issued', 'ready_for_reissue']);
    expect(suggestion.customFields).toEqual({
      imei: '_snipeit_imei_1',
      osVersion: '_snipeit_os_version_2',
      stagingProfile: '_snipeit_staging_profile_3',
    });
  });

  it('reads models, status labels and custom fields from the server, page by page', async () => {
    const bench = await startBench({ double: { settings: { maxResults: 2 } } });
    const setup = await readSnipeItSetup(bench.io, { tokenSecret: TOKEN_SECRET });
    expect(setup.models.map((model) => `${model.manufacturer} ${model.name}`)).toEqual([
      'Google Pixel 8',
      'Samsung Galaxy XCover7',
      'Apple iPhone 15',
    ]);
    expect(setup.statusLabels.map((label) => [label.name, label.type])).toEqual([
      ['Ready to Deploy', 'deployable'],
      ['Pending', 'pending'],
      ['Archived', 'archived'],
      ['Broken', 'undeployable'],
    ]);
    expect(setup.customFields.map((field) => [field.name, field.format])).toEqual([
      ['IMEI', 'NUMERIC'],
      ['OS Version', 'ANY'],
      ['Staging Profile', 'ANY'],
    ]);
    // Models and labels come in pages of MAX_RESULTS; custom fields all at once (CustomFieldsController::index).
    expect(bench.double.requests.counts()).toEqual({
      'GET /models': 2,
      'GET /statuslabels': 2,
      'GET /fields': 1,
    });
    const suggestion = suggestMapping(setup, ['Pixel 8'], ['in_stock', 'retired']);
    expect(suggestion).toMatchObject({
      models: { 'Pixel 8': bench.config.models['Pixel 8'] },
      statusLabels: {
        in_stock: bench.config.statusLabels.in_stock,
        retired: bench.config.statusLabels.retired,
      },
      customFields: bench.config.customFields,
    });
  });
});
