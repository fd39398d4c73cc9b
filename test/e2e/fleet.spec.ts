import type { Page } from '@playwright/test';
import { test, expect, openPage } from './fixtures.ts';
import { seriousViolationsInBothSchemes } from './axe.ts';
import { figure, handOut, importDeliveryList, importRoster, main } from './rollout-steps.ts';

/** A chart's panel, found by its heading. */
function panel(page: Page, title: string) {
  return main(page)
    .locator('.fui-Card')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

async function asTable(page: Page, title: string) {
  await panel(page, title).getByRole('button', { name: 'Show as table' }).click();
  return panel(page, title).getByRole('table', { name: title });
}

test('the fleet overview shows what the registry holds, as charts with their numbers also as tables; axe clean', async ({
  app,
}) => {
  // Two imports, three handovers and four axe scans: more than the default minute on a busy CI machine.
  test.slow();
  await openPage(app, 'Fleet');
  await expect(main(app).getByRole('heading', { name: 'No assets yet' })).toBeVisible();

  // Six phones (three Samsung at 4 990 NOK, three Google at 5 490 NOK), three handed out.
  await importDeliveryList(app);
  await openPage(app, 'Rollout day');
  await importRoster(app);
  await handOut(app, 'DL-R001', 'B-77001', 'DL-R001 issued to Kari Nordmann');
  await handOut(app, 'DL-R002', 'B-77002', 'DL-R002 issued to Ola Hansen');
  await handOut(app, 'DL-R004', 'B-77004', 'DL-R004 issued to Lars Johansen');

  await openPage(app, 'Fleet');
  await expect(figure(app, 'Devices')).toHaveText('6');
  await expect(figure(app, 'Issued now')).toHaveText('3');
  await expect(figure(app, 'Reuse rate'), 'three first issues, none re-issued').toHaveText('0%');

  // Each chart is described in words for screen readers…
  await expect(panel(app, 'Devices by state').getByRole('figure')).toHaveAccessibleDescription(
    'Devices by state: In stock 3; Issued 3.',
  );
  // …and shows the same numbers as a table on request.
  const states = await asTable(app, 'Devices by state');
  await expect(states.getByRole('row')).toHaveText(['CategoryDevices', 'In stock3', 'Issued3']);
  const spend = await asTable(app, 'Spend by department');
  await expect(spend.getByRole('row')).toHaveText([
    'CategorySpend',
    'Home care (NOK)NOK 9,980.00',
    'Finance (NOK)NOK 5,490.00',
  ]);
  const models = await asTable(app, 'Devices by model');
  await expect(models.getByRole('row').filter({ hasText: 'Galaxy XCover7' })).toContainText('3');
  await expect(models.getByRole('row').filter({ hasText: 'Pixel 9a' })).toContainText('3');
  await expect((await asTable(app, 'Age since purchase')).getByRole('row').nth(1)).toHaveText(
    'Under 1 year6',
  );
  expect(await seriousViolationsInBothSchemes(app), 'with tables').toEqual({ light: [], dark: [] });

  for (const title of ['Devices by state', 'Spend by department', 'Devices by model', 'Age since purchase'])
    await panel(app, title).getByRole('button', { name: 'Show as chart' }).click();
  await expect(main(app).getByRole('table')).toHaveCount(0);
  expect(await seriousViolationsInBothSchemes(app), 'with charts').toEqual({ light: [], dark: [] });
});
