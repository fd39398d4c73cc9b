import { test, expect, openPage } from './fixtures.ts';
import { seriousViolationsInBothSchemes } from './axe.ts';

const NO_VIOLATIONS = { light: [], dark: [] };

for (const [name, emptyHeading] of [
  ['Bench', 'No devices on the bench'],
  ['Assets', 'No assets yet'],
  ['Profiles', 'No staging profiles yet'],
  ['Sync', 'Sync is not set up'],
  ['Audit', 'No audit entries yet'],
] as const) {
  test(`${name} page (empty) has no serious or critical axe violations`, async ({ app }) => {
    await openPage(app, name);
    await expect(app.getByRole('heading', { name: emptyHeading })).toBeVisible();
    expect(await seriousViolationsInBothSchemes(app)).toEqual(NO_VIOLATIONS);
  });
}

test('Settings page, also showing a field error, has no serious or critical axe violations', async ({
  app,
}) => {
  await openPage(app, 'Settings');
  await expect(app.getByRole('textbox', { name: 'Station name' })).toHaveValue('Bench 1');
  expect(await seriousViolationsInBothSchemes(app), 'form').toEqual(NO_VIOLATIONS);

  await app.getByRole('textbox', { name: 'Station name' }).fill('');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('textbox', { name: 'Station name' })).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolationsInBothSchemes(app), 'form with a field error').toEqual(NO_VIOLATIONS);
});

test('Audit page with entries and a verification result has no serious or critical axe violations', async ({
  app,
}) => {
  await openPage(app, 'Settings');
  await app.getByRole('textbox', { name: 'Station name' }).fill('Bench 9');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByText('Settings saved')).toBeVisible();

  await openPage(app, 'Audit');
  await app.getByRole('button', { name: 'Verify chain' }).click();
  await expect(app.getByText('Chain intact')).toBeVisible();
  await expect(app.getByRole('table', { name: 'Audit entries' }).getByRole('row')).toHaveCount(2);
  expect(await seriousViolationsInBothSchemes(app)).toEqual(NO_VIOLATIONS);
});
