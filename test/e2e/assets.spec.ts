import { test, expect, openPage } from './fixtures.ts';
import { seriousViolationsInBothSchemes } from './axe.ts';

// 60 assets SN-0001 … SN-0060, recorded through the core before the station starts.
test.use({ stationOptions: { seedAssets: 60 } });

test('assets are listed a page at a time, newest first, and sorted by the core when a header is chosen', async ({
  app,
}) => {
  await openPage(app, 'Assets');
  const table = app.getByRole('table', { name: 'Assets' });
  const rows = table.getByRole('row');
  const firstSerial = rows.nth(1).getByRole('cell').first();
  const pages = app.getByRole('navigation', { name: 'Pages' });

  await expect(rows, 'a header row and 50 assets').toHaveCount(51);
  await expect(pages).toContainText('1–50 of 60');
  await expect(table.getByRole('columnheader', { name: 'Updated' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(firstSerial).toHaveText('SN-0060');
  await expect(rows.nth(1)).toContainText('Samsung');
  await expect(rows.nth(1)).toContainText('In stock');

  await table.getByRole('columnheader', { name: 'Serial number' }).click();
  await expect(table.getByRole('columnheader', { name: 'Serial number' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(firstSerial).toHaveText('SN-0001');

  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(pages).toContainText('51–60 of 60');
  await expect(rows).toHaveCount(11);
  await expect(firstSerial).toHaveText('SN-0051');
  await expect(pages.getByRole('button', { name: 'Next' })).toBeDisabled();

  await table.getByRole('columnheader', { name: 'Serial number' }).click();
  await expect(table.getByRole('columnheader', { name: 'Serial number' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(pages, 'a new sort starts at the first page').toContainText('1–50 of 60');
  await expect(firstSerial).toHaveText('SN-0060');

  await table.getByRole('columnheader', { name: 'Manufacturer' }).click();
  await expect(rows.nth(1).getByRole('cell').nth(2)).toHaveText('Apple');
  await expect(rows.nth(50).getByRole('cell').nth(2)).toHaveText('Zebra');
});

test('an assets page has no serious or critical axe violations', async ({ app }) => {
  await openPage(app, 'Assets');
  await expect(app.getByRole('table', { name: 'Assets' }).getByRole('row')).toHaveCount(51);
  // The last page (10 rows): the same table, pager and sort state, at a fraction of the scan time.
  await app.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next' }).click();
  await expect(app.getByRole('table', { name: 'Assets' }).getByRole('row')).toHaveCount(11);
  expect(await seriousViolationsInBothSchemes(app)).toEqual({ light: [], dark: [] });
});
