import { test, expect, openPage, statusBar } from './fixtures.ts';

test('a changed station name shows in the status bar, is audited with before and after, and the chain verifies', async ({
  app,
}) => {
  await openPage(app, 'Settings');
  const stationName = app.getByRole('textbox', { name: 'Station name' });
  await expect(stationName).toHaveValue('Bench 1');
  await stationName.fill('Bench 7');
  await app.getByRole('textbox', { name: 'Technician name' }).fill('Kari Nordmann');
  await app.getByRole('button', { name: 'Save' }).click();

  await expect(app.getByText('Settings saved')).toBeVisible();
  await expect(app.getByText('2 changes recorded in the audit log.')).toBeVisible();
  await expect(statusBar(app)).toContainText('Bench 7');
  await expect(app.getByRole('button', { name: 'Save' }), 'nothing left to save').toBeDisabled();

  await openPage(app, 'Audit');
  const rows = app.getByRole('table', { name: 'Audit entries' }).getByRole('row');
  await expect(rows, 'a header row and one entry').toHaveCount(2);
  const entry = rows.nth(1);
  await expect(entry).toContainText('settings.changed');
  await expect(entry).toContainText('Kari Nordmann');
  await expect(entry.getByRole('listitem').filter({ hasText: 'Station name' })).toHaveText(
    'Station name: Bench 1→Bench 7',
  );
  await expect(entry.getByRole('listitem').filter({ hasText: 'Technician name' })).toHaveText(
    'Technician name: (empty)→Kari Nordmann',
  );
  await expect(app.getByText('Showing 1 of 1 entry')).toBeVisible();

  await app.getByRole('button', { name: 'Verify chain' }).click();
  await expect(app.getByText('Chain intact')).toBeVisible();
  await expect(app.getByText(/1 entry checked .*; it has not been changed or removed\./)).toBeVisible();
});

test('the core rejects an empty station name and the form shows its message on that field', async ({
  app,
}) => {
  await openPage(app, 'Settings');
  await app.getByRole('textbox', { name: 'Station name' }).fill('   ');
  await app.getByRole('button', { name: 'Save' }).click();

  await expect(app.getByText('Some values were not accepted')).toBeVisible();
  await expect(app.getByText('Correct the marked fields and save again.')).toBeVisible();
  const field = app.getByRole('textbox', { name: 'Station name' });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  await expect(app.locator(`[id="${describedBy!.split(' ')[0]}"]`)).toHaveText(
    /at least 1 character|too small|>=1/i,
  );
  await expect(statusBar(app)).toContainText('Bench 1');

  await openPage(app, 'Audit');
  await expect(
    app.getByRole('heading', { name: 'No audit entries yet' }),
    'a rejected change is not audited',
  ).toBeVisible();
});

test('choosing Norsk bokmål switches the whole console and survives a reload', async ({ app }) => {
  await openPage(app, 'Settings');
  await app.getByRole('combobox', { name: 'Language' }).click();
  await app.getByRole('option', { name: 'Norsk bokmål' }).click();
  await app.getByRole('button', { name: 'Save' }).click();

  await expect(app.getByRole('heading', { level: 1, name: 'Innstillinger' })).toBeVisible();
  const nav = app.getByRole('navigation', { name: 'Hovedmeny' });
  await expect(nav.getByRole('link', { name: 'Arbeidsbenk' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Revisjonslogg' })).toBeVisible();
  await expect(statusBar(app).getByRole('status')).toHaveText('Kjernen kjører');
  await expect(app.locator('html')).toHaveAttribute('lang', 'nb-NO');
  await expect(app.getByText('Innstillingene er lagret')).toBeVisible();

  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: 'Innstillinger' })).toBeVisible();
  await nav.getByRole('link', { name: 'Revisjonslogg' }).click();
  await expect(app.getByRole('button', { name: 'Verifiser kjeden' })).toBeVisible();
  await expect(app.getByRole('listitem').filter({ hasText: 'Språk' })).toHaveText(
    'Språk: English→Norsk bokmål',
  );
});

test('a setting saved in one window shows in every other window', async ({ app, context }) => {
  const other = await context.newPage();
  await other.goto(app.url());
  await expect(statusBar(other)).toContainText('Bench 1');
  await expect(other.getByRole('main'), 'light theme (webLightTheme background)').toHaveCSS(
    'background-color',
    'rgb(255, 255, 255)',
  );

  await openPage(app, 'Settings');
  await app.getByRole('textbox', { name: 'Station name' }).fill('Rollout bench');
  await app.getByRole('radio', { name: 'Dark' }).check();
  await app.getByRole('button', { name: 'Save' }).click();

  await expect(statusBar(other)).toContainText('Rollout bench');
  await expect(other.getByRole('main'), 'dark theme (webDarkTheme background)').toHaveCSS(
    'background-color',
    'rgb(41, 41, 41)',
  );
});
