import { test, expect, openPage, statusBar } from './fixtures.ts';

const PAGES = ['Bench', 'Assets', 'Profiles', 'Sync', 'Audit', 'Settings'];

test('the station answers 401 without its token and serves the console with it', async ({
  page,
  station,
  problems: _problems,
}) => {
  const refused = await page.request.get(`${station.origin}/`);
  expect(refused.status()).toBe(401);
  const refusedAsset = await page.request.get(`${station.origin}/index.html`);
  expect(refusedAsset.status()).toBe(401);

  const response = await page.goto(station.openUrl);
  expect(response?.status()).toBe(200);
  await expect(page, 'the token leaves the address bar').toHaveURL(`${station.origin}/`);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of PAGES) await expect(nav.getByRole('link', { name })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Bench' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Bench' })).toBeVisible();
  await expect(page).toHaveTitle('Bench – Depotline');

  const status = statusBar(page);
  await expect(status.getByRole('status')).toHaveText('Core running');
  await expect(status).toContainText('Bench 1');
  await expect(status).toContainText(station.dataDir);
});

test('every page is reachable from the navigation and says what to do when empty', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'No devices on the bench' })).toBeVisible();
  await expect(app.getByRole('link', { name: 'Open Settings' })).toBeVisible();

  await openPage(app, 'Assets');
  await expect(app.getByRole('heading', { name: 'No assets yet' })).toBeVisible();
  await expect(app.getByText(/Assets are recorded automatically when devices are staged/)).toBeVisible();

  await openPage(app, 'Profiles');
  await expect(app.getByRole('heading', { name: 'No staging profiles yet' })).toBeVisible();

  await openPage(app, 'Sync');
  await expect(app.getByRole('heading', { name: 'Sync is not set up' })).toBeVisible();
  await app.getByRole('link', { name: 'Open the audit log' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'No audit entries yet' })).toBeVisible();
  await expect(
    app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }),
  ).toHaveAttribute('aria-current', 'page');
});

test('the console can be used from the keyboard alone', async ({ app }) => {
  await app.keyboard.press('Tab');
  const skip = app.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('main')).toBeFocused();

  // Back to the navigation: one tab stop, arrow keys between pages, Enter opens one.
  await skip.focus();
  await app.keyboard.press('Tab');
  const nav = app.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Bench' })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(nav.getByRole('link', { name: 'Assets' })).toBeFocused();
  await app.keyboard.press('Enter');
  const heading = app.getByRole('heading', { level: 1, name: 'Assets' });
  await expect(heading).toBeVisible();
  await expect(heading, 'focus moves to the new page so it is announced').toBeFocused();

  // The next tab stop after the heading is the page's own first control: the asset search.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('searchbox', { name: 'Search assets' })).toBeFocused();
});

test('the status bar says when the core is gone', async ({ app, station, problems }) => {
  problems.allow(/^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/ws' failed/); // the reconnect attempts
  await expect(statusBar(app).getByRole('status')).toHaveText('Core running');
  await station.stop();
  await expect(statusBar(app).getByRole('status')).toHaveText('Core disconnected – reconnecting…');
});
