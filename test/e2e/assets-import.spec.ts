import { test, expect } from './fixtures.ts';
import { seriousViolationsInBothSchemes } from './axe.ts';
import {
  chooseCsv,
  deliveryCsv,
  downloadedText,
  imei,
  openAssets,
  search,
  serialLinks,
  totalLine,
  type DeliveryRow,
} from './assets-fixtures.ts';

const GOOD: DeliveryRow[] = [
  { tag: 'DL-1001', serial: 'R5CW1001', model: 'Galaxy XCover7', imei: imei('35467811223344') },
  // A model a spreadsheet would run as a formula: the export must neutralise it.
  { tag: 'DL-1002', serial: 'R5CW1002', model: '=SUM(A1:A9)', imei: imei('35467811229876') },
  { tag: 'DL-1003', serial: 'R5CW1003', model: 'Galaxy A56', imei: imei('35467811225555') },
];
/** The same list with the second IMEI's check digit wrong. */
function withBadImei(): DeliveryRow[] {
  const broken = GOOD.map((row) => ({ ...row }));
  const good = broken[1]!.imei;
  broken[1]!.imei = `${good.slice(0, 14)}${(Number(good[14]) + 1) % 10}`;
  return broken;
}

test('a delivery list with a bad row is reported and imports nothing; fixed, it imports every row', async ({
  app,
}) => {
  await openAssets(app);
  await expect(app.getByRole('heading', { name: 'No assets yet' })).toBeVisible();

  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import a CSV file' });
  await chooseCsv(dialog, 'delivery.csv', deliveryCsv(withBadImei()));

  const mapping = dialog.getByRole('table', { name: 'Column mapping' });
  await expect(mapping.getByRole('combobox', { name: 'Import column Serial Number as' })).toHaveText(
    'Serial number',
  );
  await expect(mapping.getByRole('combobox', { name: 'Import column IMEI as' })).toHaveText('IMEI');
  const issues = dialog.getByRole('table', { name: 'Rows with problems' });
  // Row 3 in spreadsheet terms: the header is row 1, the second device row 3.
  await expect(issues.getByRole('row').nth(1)).toContainText('3');
  await expect(issues.getByRole('row').nth(1)).toContainText(/check digit/i);
  await expect(dialog.getByRole('button', { name: /^Import \d+ rows?$/ })).toBeDisabled();
  expect(await seriousViolationsInBothSchemes(app, dialog), 'the import dialog with its report').toEqual({
    light: [],
    dark: [],
  });

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await app.reload();
  await expect(app.getByRole('heading', { name: 'No assets yet' }), 'nothing was imported').toBeVisible();

  await app.getByRole('button', { name: 'Import…' }).click();
  await chooseCsv(dialog, 'delivery-fixed.csv', deliveryCsv(GOOD));
  await expect(dialog.getByRole('status')).toContainText('3 rows, 3 valid, 0 problems, 0 conflicts');
  await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(dialog.getByText('Imported: 3 new, 0 updated.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(totalLine(app)).toHaveText('3 assets');
});

test('the last six IMEI digits find the device; a lifecycle move shows in its timeline; the CSV export neutralises formulas; labels print for the ticked rows', async ({
  app,
}) => {
  const table = await openAssets(app);
  await app.getByRole('button', { name: 'Import…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import a CSV file' });
  await chooseCsv(dialog, 'delivery.csv', deliveryCsv(GOOD));
  await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(totalLine(app)).toHaveText('3 assets');

  await search(app, GOOD[2]!.imei.slice(-6));
  await expect(totalLine(app)).toHaveText('1 asset');
  await expect(serialLinks(table)).toHaveText(['R5CW1003']);

  await serialLinks(table).first().click();
  const drawer = app.getByRole('dialog', { name: 'Asset R5CW1003' });
  const state = drawer.getByRole('definition').first();
  const before = (await state.textContent()) ?? '';
  await drawer.getByRole('button', { name: 'Change state' }).click();
  await app.getByRole('menuitem', { name: 'Lost' }).click();
  await expect(state).toHaveText('Lost');
  const latest = drawer.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first();
  await expect(latest).toContainText(/lost/i);
  await expect(latest).toContainText(new RegExp(before.replace(/\s+/g, '.'), 'i'));
  await drawer.getByRole('button', { name: 'Close' }).click();

  await search(app, '');
  await expect(totalLine(app)).toHaveText('3 assets');
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await downloadedText(download);
  expect(csv).toContain("'=SUM(A1:A9)");
  expect(csv).not.toMatch(/(^|,)=SUM/m);
  expect(csv).toContain('R5CW1001');

  // Labels for the ticked rows: a PDF comes down.
  await app.getByRole('checkbox', { name: 'Select R5CW1001' }).check();
  await app.getByRole('checkbox', { name: 'Select R5CW1003' }).check();
  await expect(totalLine(app)).toHaveText('3 assets · 2 selected');
  const [labels] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'Print labels (2)' }).click(),
  ]);
  expect(labels.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await downloadedText(labels)).startsWith('%PDF-')).toBe(true);
});
