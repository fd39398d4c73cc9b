import { test, expect } from './fixtures.ts';
import { seriousViolationsInBothSchemes } from './axe.ts';
import { chooseCsv, openAssets, openBySerial, search, serialLinks, totalLine } from './assets-fixtures.ts';

// 60 assets SN-0001 … SN-0060, recorded through the core before the station starts; states cycle
// in_stock, staged, issued, in_repair, ready_for_reissue (SN-0002, SN-0007 … are issued).
test.use({ stationOptions: { seedAssets: 60 } });

test('the table shows every asset in one scroll, newest first, sorted by the core when a header is chosen', async ({
  app,
}) => {
  const table = await openAssets(app);
  const serials = serialLinks(table);

  await expect(totalLine(app)).toHaveText('60 assets');
  await expect(table).toHaveAttribute('aria-rowcount', '61');
  await expect(table.getByRole('columnheader', { name: 'Updated' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(serials.first()).toHaveText('SN-0060');
  const rendered = await serials.count();
  expect(rendered, 'only the rows in view (and a few more) are in the page').toBeLessThan(60);

  // Scrolling to the end brings the last rows in, fetched as their window comes into view.
  await app.getByRole('region', { name: 'Asset table' }).hover();
  await app.mouse.wheel(0, 60 * 40);
  await expect(serials.last()).toHaveText('SN-0001');
  await expect(table.getByRole('row').last()).toHaveAttribute('aria-rowindex', '61');

  await table.getByRole('columnheader', { name: 'Serial number' }).click();
  await expect(table.getByRole('columnheader', { name: 'Serial number' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(serials.first(), 'a new sort starts at the top').toHaveText('SN-0001');
  await table.getByRole('columnheader', { name: 'Serial number' }).click();
  await expect(serials.first()).toHaveText('SN-0060');

  await table.getByRole('columnheader', { name: 'Manufacturer' }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Apple');
});

test('search, filters and a saved filter narrow the table; clearing brings everything back', async ({
  app,
}) => {
  const table = await openAssets(app);
  await expect(totalLine(app)).toHaveText('60 assets');

  await search(app, 'SN-0042');
  await expect(totalLine(app)).toHaveText('1 asset');
  await expect(serialLinks(table)).toHaveText(['SN-0042']);
  await search(app, '');
  await expect(totalLine(app)).toHaveText('60 assets');

  await app.getByRole('button', { name: /^Filters/ }).click();
  await app.getByRole('combobox', { name: 'States' }).click();
  // A multi-select Fluent dropdown lists its options as menu item checkboxes.
  await app.getByRole('menuitemcheckbox', { name: 'Issued' }).click();
  await app.keyboard.press('Escape');
  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(totalLine(app)).toHaveText('12 assets');
  await expect(table.getByRole('row').nth(1)).toContainText('Issued');

  await app.getByRole('button', { name: 'Saved filters' }).click();
  await app.getByRole('menuitem', { name: 'Save current view…' }).click();
  await app.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('Issued phones');
  await app.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('dialog')).toBeHidden();

  await app.getByRole('button', { name: /^Filters/ }).click();
  await app.getByRole('button', { name: 'Clear all' }).click();
  await expect(totalLine(app)).toHaveText('60 assets');

  await app.getByRole('button', { name: 'Saved filters' }).click();
  await app.getByRole('menuitem', { name: 'Issued phones' }).click();
  await expect(totalLine(app)).toHaveText('12 assets');

  await app.getByRole('button', { name: 'Saved filters' }).click();
  await app.getByRole('menuitem', { name: 'Delete saved filters…' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Delete Issued phones' }).click();
  await expect(app.getByRole('dialog').getByRole('listitem')).toHaveCount(0);
  await app.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await app.getByRole('button', { name: 'Saved filters' }).click();
  await expect(app.getByRole('menuitem', { name: 'Issued phones' })).toHaveCount(0);
});

test('the detail offers only allowed moves, saves an edit, refuses a stale one, and its timeline shows each change', async ({
  app,
  station,
}) => {
  const table = await openAssets(app);
  await openBySerial(app, 'SN-0005');
  const drawer = app.getByRole('dialog', { name: 'Asset SN-0005' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('definition').first()).toHaveText('In stock');

  await drawer.getByRole('button', { name: 'Change state' }).click();
  await expect(app.getByRole('menuitem')).toHaveText([
    'Staging',
    'Issued',
    'In repair',
    'Retired',
    'Recycled',
    'Lost',
  ]);
  await app.getByRole('menuitem', { name: 'In repair' }).click();
  await expect(drawer.getByText('Moved to In repair.')).toBeVisible();
  await expect(drawer.getByRole('definition').first()).toHaveText('In repair');
  const timeline = drawer.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByRole('listitem').first()).toContainText(/in repair/i);

  // Two technicians edit the same asset: the one who saves second is told, and keeps their changes.
  await drawer.getByRole('button', { name: 'Edit' }).click();
  const form = app.getByRole('dialog', { name: 'Edit SN-0005' });
  await form.getByRole('textbox', { name: 'Location' }).fill('Shelf B3');
  // A bad value is named at its field and nothing is sent.
  await form.getByRole('textbox', { name: 'Battery health (%)' }).fill('150');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByText(/<=\s?100/)).toBeVisible();
  await form.getByRole('textbox', { name: 'Battery health (%)' }).fill('87');
  // A Norwegian price as typed on the bench: space for thousands, comma for decimals.
  await form.getByRole('textbox', { name: 'Price' }).fill('1 234,50');
  await form.getByRole('textbox', { name: 'Currency' }).fill('NOK');
  const colleague = await app.context().newPage();
  await colleague.goto(`${station.origin}/#/assets`);
  await openBySerial(colleague, 'SN-0005');
  await colleague.getByRole('button', { name: 'Edit' }).click();
  await colleague.getByRole('textbox', { name: 'Location' }).fill('Shelf C1');
  await colleague.getByRole('button', { name: 'Save changes' }).click();
  await expect(colleague.getByText('Changes saved.')).toBeVisible();
  await colleague.close();

  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByText('The change conflicts with the current state')).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Location' })).toHaveValue('Shelf B3');
  await form.getByRole('button', { name: 'Try again' }).click();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(drawer.getByText('Changes saved.')).toBeVisible();
  await expect(timeline.getByRole('listitem').first()).toContainText('Shelf C1');
  await expect(timeline.getByRole('listitem').first()).toContainText('Shelf B3');
  await expect(drawer.getByRole('definition').filter({ hasText: 'NOK' })).toHaveText('NOK 1,234.50');
  await expect(drawer.getByRole('definition').filter({ hasText: '87 %' })).toHaveCount(1);

  await drawer.getByRole('textbox', { name: 'Note' }).fill('Cracked back glass');
  await drawer.getByRole('button', { name: 'Add note' }).click();
  await expect(timeline.getByRole('listitem').first()).toContainText('Cracked back glass');

  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(table.getByRole('row').nth(1), 'the table follows').toContainText('In repair');
  await expect(table.getByRole('row').nth(1)).toContainText('SN-0005');
});

test('the assets page and the asset detail have no serious or critical axe violations', async ({ app }) => {
  const table = await openAssets(app);
  await expect(serialLinks(table).first()).toHaveText('SN-0060');
  expect(await seriousViolationsInBothSchemes(app)).toEqual({ light: [], dark: [] });

  await serialLinks(table).first().click();
  const drawer = app.getByRole('dialog', { name: 'Asset SN-0060' });
  await expect(drawer.getByRole('list', { name: 'Timeline' })).toBeVisible();
  expect(await seriousViolationsInBothSchemes(app, drawer)).toEqual({ light: [], dark: [] });
});

test('a custom field is defined (a bad key is named at its field) and offered as an import target', async ({
  app,
}) => {
  await openAssets(app);
  await app.getByRole('button', { name: 'Custom fields…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Custom fields' });
  await expect(dialog.getByText('No custom fields yet.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Key' }).fill('Fleet ID');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Fleet id');
  await dialog.getByRole('button', { name: 'Save field' }).click();
  await expect(dialog.getByText('lower-case letters, digits and _, starting with a letter')).toBeVisible();

  await dialog.getByRole('textbox', { name: 'Key' }).fill('fleet_id');
  await dialog.getByRole('checkbox', { name: 'Required' }).check();
  await dialog.getByRole('button', { name: 'Save field' }).click();
  const defined = dialog.getByRole('table', { name: 'Custom fields' });
  await expect(defined.getByRole('row').nth(1)).toHaveText(/fleet_id\s*Fleet id\s*Text\s*Yes/);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();

  await app.getByRole('button', { name: 'Import…' }).click();
  const importDialog = app.getByRole('dialog', { name: 'Import a CSV file' });
  await chooseCsv(
    importDialog,
    'fleet.csv',
    'Serial,Manufacturer,Platform,Fleet ID\r\nR9X1,Samsung,android,F-17\r\n',
  );
  await expect(importDialog.getByRole('combobox', { name: 'Import column Fleet ID as' })).toHaveText(
    'Custom field fleet_id',
  );
});
