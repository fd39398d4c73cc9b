// The Sync page against a real station and the Snipe-IT double (a real HTTP server on
// 127.0.0.1, driven in this process): a connector set up through the form, assets created and
// synced, an outage turned into a dead letter and retried, a field changed on both sides
// decided, pause and resume, and the status bar's indicator through all of it.
import { test, expect, openPage, statusBar } from './fixtures.ts';
import { seriousViolationsInBothSchemes } from './axe.ts';
import {
  chooseCsv,
  deliveryCsv,
  imei,
  openAssets,
  openBySerial,
  totalLine,
  type DeliveryRow,
} from './assets-fixtures.ts';
import { startSnipeItDouble, type SnipeItDouble } from '../support/snipeit/index.ts';
import type { Page } from '@playwright/test';

const NO_VIOLATIONS = { light: [], dark: [] };

// Stations here have no OS keyring: secrets are kept with a key from the environment.
const SECRET_ENV = {
  DEPOTLINE_SECRETS_KEY: 'e2e-sync-passphrase-not-a-real-secret',
  DEPOTLINE_SECRETS_KEYRING: 'off',
} as const;
const savedEnv = new Map<string, string | undefined>();

test.beforeAll(() => {
  for (const [name, value] of Object.entries(SECRET_ENV)) {
    savedEnv.set(name, process.env[name]);
    process.env[name] = value;
  }
});

test.afterAll(() => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

let double: SnipeItDouble;
test.beforeEach(async () => {
  double = await startSnipeItDouble({ throttlePerMinute: 0 });
});
test.afterEach(async () => {
  await double.stop();
});

const DELIVERY: DeliveryRow[] = [
  { tag: 'DL-2001', serial: 'R5SY2001', model: 'Galaxy XCover7', imei: imei('35467822000011') },
  { tag: 'DL-2002', serial: 'R5SY2002', model: 'Galaxy XCover7', imei: imei('35467822000022') },
  { tag: 'DL-2003', serial: 'R5SY2003', model: 'Galaxy XCover7', imei: imei('35467822000033') },
];

/** Models this station knows before Snipe-IT is read: two the double has, one it has not. */
const LOCAL_MODELS: DeliveryRow[] = [
  { tag: 'DL-3001', serial: 'R5SY3001', model: 'Galaxy XCover7', imei: imei('35467822000044') },
  { tag: 'DL-3002', serial: 'R5SY3002', model: 'Pixel 8', imei: imei('35467822000055') },
  { tag: 'DL-3003', serial: 'R5SY3003', model: 'TC58', imei: imei('35467822000066') },
];

function modelId(name: string): string {
  return String(double.store.models.all().find((model) => model.name === name)!.id);
}

function imeiColumn(): string {
  return double.store.fields.all().find((field) => field.name === 'IMEI')!.dbColumn;
}

/** Imports a delivery list through the Assets page's import dialog. */
async function importDelivery(app: Page, rows: readonly DeliveryRow[]): Promise<void> {
  await openAssets(app);
  await app.getByRole('button', { name: 'Import…' }).click();
  const importDialog = app.getByRole('dialog', { name: 'Import a CSV file' });
  await chooseCsv(importDialog, 'delivery.csv', deliveryCsv(rows));
  await importDialog.getByRole('button', { name: `Import ${rows.length} rows` }).click();
  await expect(importDialog.getByText(`Imported: ${rows.length} new, 0 updated.`)).toBeVisible();
  await importDialog.getByRole('button', { name: 'Close' }).click();
}

function indicator(app: Page) {
  return statusBar(app).getByRole('link', { name: /^Sync:/ });
}

function remote(serial: string) {
  return double.assets().find((asset) => asset.serial === serial);
}

/** Opens an asset's edit dialog from the Assets page, sets one text field and saves. */
async function editAsset(app: Page, serial: string, field: string, value: string): Promise<void> {
  await openAssets(app);
  await openBySerial(app, serial);
  const drawer = app.getByRole('dialog', { name: `Asset ${serial}` });
  await drawer.getByRole('button', { name: 'Edit' }).click();
  const form = app.getByRole('dialog', { name: `Edit ${serial}` });
  await form.getByRole('textbox', { name: field }).fill(value);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(drawer.getByText('Changes saved.')).toBeVisible();
  await drawer.getByRole('button', { name: 'Close' }).click();
}

test('a Snipe-IT connector set up through the form syncs new assets; an outage becomes a dead letter that is retried; a field changed on both sides is decided; the status bar follows', async ({
  app,
}) => {
  // The form sets two attempts before a dead letter (eight by default, which the connector's
  // backoff of 1 s doubling to 30 s would put 45–90 s after the outage starts).
  test.setTimeout(180_000);
  const store = double.store;
  const modelId = store.models.all().find((model) => model.name === 'Galaxy XCover7')!.id;
  const readyId = store.statusLabels.all().find((label) => label.name === 'Ready to Deploy')!.id;
  const imeiColumn = store.fields.all().find((field) => field.name === 'IMEI')!.dbColumn;

  await openPage(app, 'Sync');
  await expect(app.getByRole('heading', { name: 'Sync is not set up' })).toBeVisible();
  await expect(indicator(app), 'no indicator without a connector').toHaveCount(0);

  // The form: Snipe-IT, its address, the token in a password field, and the mappings.
  await app.getByRole('button', { name: 'Add connector' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add a connector' });
  await expect(dialog.getByRole('radio', { name: 'Snipe-IT' })).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Head office Snipe-IT');
  await expect(dialog.getByRole('textbox', { name: 'Connector id' })).toHaveValue('head-office-snipe-it');
  await dialog.getByRole('textbox', { name: 'Snipe-IT address' }).fill(double.url);
  const token = dialog.getByLabel('API token');
  await expect(token).toHaveAttribute('type', 'password');
  await token.fill(double.token);
  await dialog.getByRole('textbox', { name: 'Requests per minute' }).fill('6000');
  await dialog.getByRole('textbox', { name: 'Attempts before a dead letter' }).fill('2');

  await dialog.getByRole('button', { name: 'Models', exact: true }).click();
  await dialog.getByRole('button', { name: 'Add row to Models' }).click();
  await dialog.getByRole('textbox', { name: 'Depotline model 1' }).fill('Galaxy XCover7');
  await dialog.getByRole('textbox', { name: 'Snipe-IT model id 1' }).fill(String(modelId));
  await dialog.getByRole('button', { name: 'Status labels', exact: true }).click();
  await dialog.getByRole('button', { name: 'Add row to Status labels' }).click();
  await dialog.getByRole('combobox', { name: 'Lifecycle state 1' }).selectOption({ label: 'In stock' });
  await dialog.getByRole('textbox', { name: 'Snipe-IT status label id 1' }).fill(String(readyId));
  await dialog.getByRole('button', { name: 'Custom fields', exact: true }).click();
  await dialog.getByRole('button', { name: 'Add row to Custom fields' }).click();
  await dialog.getByRole('combobox', { name: 'Field 1' }).selectOption({ label: 'IMEI' });
  await dialog.getByRole('textbox', { name: 'Snipe-IT column 1' }).fill(imeiColumn);
  await dialog.getByRole('button', { name: 'When both sides changed a field', exact: true }).click();
  await expect(dialog.getByRole('combobox', { name: 'Decision for Asset tag' })).toHaveValue('');
  expect(await seriousViolationsInBothSchemes(app, dialog), 'the setup form').toEqual(NO_VIOLATIONS);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const card = app.getByRole('region', { name: 'Head office Snipe-IT' });
  await expect(card).toHaveAttribute('data-state', 'idle');
  await expect(card.getByText('Snipe-IT · head-office-snipe-it')).toBeVisible();
  await expect(indicator(app)).toHaveText('Sync: Synced');
  await card.getByRole('button', { name: 'Check connection' }).click();
  await expect(card.getByText('Connection works')).toBeVisible();

  // A delivery is imported; Snipe-IT's writes are slowed so the indicator shows them in flight.
  double.faults.inject({ kind: 'slow', delayMs: 3_000 }, { times: 3, method: 'POST', path: '/hardware' });
  await openAssets(app);
  await app.getByRole('button', { name: 'Import…' }).click();
  const importDialog = app.getByRole('dialog', { name: 'Import a CSV file' });
  await chooseCsv(importDialog, 'delivery.csv', deliveryCsv(DELIVERY));
  await importDialog.getByRole('button', { name: 'Import 3 rows' }).click();
  // The open dialog hides the status bar from the accessibility tree; read it by its element.
  await expect(app.locator('footer a[data-sync]')).toHaveText(/^Sync: Syncing [1-3]$/);
  await expect(importDialog.getByText('Imported: 3 new, 0 updated.')).toBeVisible();
  await importDialog.getByRole('button', { name: 'Close' }).click();
  await expect(totalLine(app)).toHaveText('3 assets');
  await expect(indicator(app)).toHaveText('Sync: Synced', { timeout: 20_000 });
  expect(
    double
      .assets()
      .map((asset) => asset.serial)
      .sort(),
  ).toEqual(DELIVERY.map((row) => row.serial));
  expect(remote('R5SY2001')?.custom[imeiColumn], 'the mapped custom field').toBe(DELIVERY[0]!.imei);
  expect(remote('R5SY2001')?.modelId).toBe(modelId);

  await indicator(app).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await expect(card.getByRole('definition').first(), 'nothing queued').toHaveText('0');
  await expect(card.getByRole('definition').nth(1), 'a last success').not.toHaveText('Never');

  // Snipe-IT answers 500 to everything: the change waits, then becomes a dead letter.
  const outage = double.faults.inject({ kind: 'status', status: 500 }, { times: Infinity });
  await editAsset(app, 'R5SY2001', 'Notes', 'Screen cracked');
  await expect(indicator(app)).toHaveText('Sync: Offline — 1 queued', { timeout: 15_000 });
  await indicator(app).click();
  await expect(card).toHaveAttribute('data-state', /offline|syncing/);
  await card.getByRole('button', { name: 'Check connection' }).click();
  await expect(card.getByText('Connection failed')).toBeVisible();
  const deadLetters = app.getByRole('table', { name: 'Dead letters' });
  await expect(deadLetters.getByRole('row').nth(1)).toContainText('R5SY2001', { timeout: 60_000 });
  await expect(deadLetters.getByRole('row').nth(1)).toContainText(/server|500/i);
  await expect(indicator(app), 'once the backoff ends, with nothing queued').toHaveText('Sync: Failing', {
    timeout: 45_000,
  });
  outage.cancel();
  double.faults.clear();

  // The same field changed in Snipe-IT's web UI and on this station: the page asks.
  double.ui.editAsset(remote('R5SY2002')!.id, { assetTag: 'DL-2002-B' });
  await editAsset(app, 'R5SY2002', 'Asset tag', 'DL-2002-A');
  await openPage(app, 'Sync');
  // Pause, then resume: sending starts again at once, without waiting out the backoff.
  await card.getByRole('button', { name: 'Pause' }).click();
  await expect(card).toHaveAttribute('data-state', 'paused');
  await expect(indicator(app)).toHaveText('Sync: Paused');
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(card).not.toHaveAttribute('data-state', 'paused');

  const conflicts = app.getByRole('table', { name: 'Conflicts' });
  const conflict = conflicts.getByRole('row').nth(1);
  await expect(conflict).toContainText('Asset tag', { timeout: 20_000 });
  await expect(conflict.getByRole('cell').nth(2)).toHaveText('DL-2002');
  await expect(conflict.locator('mark')).toHaveText(['-A', '-B']);
  await expect(app.getByRole('heading', { name: 'Dead letters' })).toBeVisible();
  expect(
    await seriousViolationsInBothSchemes(app),
    'the page with a connector, a dead letter and a conflict',
  ).toEqual(NO_VIOLATIONS);

  await conflict.getByRole('button', { name: /^Keep local/ }).click();
  await expect(conflicts).toHaveCount(0);
  await expect.poll(() => remote('R5SY2002')?.assetTag, { timeout: 20_000 }).toBe('DL-2002-A');

  await deadLetters.getByRole('button', { name: /^Retry/ }).click();
  await expect(deadLetters).toHaveCount(0);
  await expect.poll(() => remote('R5SY2001')?.notes, { timeout: 20_000 }).toBe('Screen cracked');
  await expect(card).toHaveAttribute('data-state', 'idle');
  await expect(indicator(app)).toHaveText('Sync: Synced');
});

test('the setup form names what is wrong, never shows a stored secret, reads Snipe-IT by name, and a connector can be removed', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await openPage(app, 'Sync');
  await app.getByRole('button', { name: 'Add connector' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add a connector' });

  await dialog.getByRole('radio', { name: 'Microsoft Intune' }).check();
  await expect(dialog.getByRole('textbox', { name: 'Tenant id' })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Application (client) id' })).toBeVisible();
  await expect(dialog.getByLabel('Client secret')).toHaveAttribute('type', 'password');

  await dialog.getByRole('radio', { name: 'Webhook' }).check();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Ops hook');
  await dialog.getByRole('textbox', { name: 'Webhook address' }).fill('not an address');
  await dialog.getByRole('textbox', { name: 'Requests per minute' }).fill('many');
  await dialog.getByRole('textbox', { name: 'Attempts before a dead letter' }).fill('0');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Correct the marked fields and save again.')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Webhook address' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(dialog.getByRole('textbox', { name: 'Webhook address' })).toBeFocused();
  await expect(dialog.getByText('A whole number from 1 to 100,000.')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Attempts before a dead letter' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(dialog.getByText('A whole number from 1 to 100.')).toBeVisible();
  await expect(dialog.getByLabel('Signing secret')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolationsInBothSchemes(app, dialog), 'the form with field errors').toEqual(
    NO_VIOLATIONS,
  );

  await dialog.getByRole('textbox', { name: 'Webhook address' }).fill(`${double.url}/hook`);
  await dialog.getByRole('textbox', { name: 'Requests per minute' }).fill('600');
  await dialog.getByRole('textbox', { name: 'Attempts before a dead letter' }).fill('12');
  await dialog.getByLabel('Signing secret').fill('whsec-e2e-0123456789');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const card = app.getByRole('region', { name: 'Ops hook' });
  await expect(card).toHaveAttribute('data-state', 'idle');
  await expect(indicator(app)).toHaveText('Sync: Synced');

  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = app.getByRole('dialog', { name: 'Edit Ops hook' });
  const secret = edit.getByLabel('Signing secret');
  await expect(secret).toHaveValue('');
  await expect(edit.getByText('Stored', { exact: true })).toBeVisible();
  await expect(edit.getByRole('textbox', { name: 'Connector id' })).toHaveValue('ops-hook');
  await expect(edit.getByRole('textbox', { name: 'Connector id' })).toHaveAttribute('readonly', '');
  await expect(edit.getByRole('textbox', { name: 'Attempts before a dead letter' })).toHaveValue('12');
  expect(await app.content(), 'the secret never reaches the page').not.toContain('whsec-e2e-0123456789');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();

  await card.getByRole('button', { name: 'Remove' }).click();
  const confirm = app.getByRole('alertdialog', { name: 'Remove Ops hook?' });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(app.getByRole('heading', { name: 'Sync is not set up' })).toBeVisible();
  await expect(indicator(app)).toHaveCount(0);

  // "Read from server": Snipe-IT's models, status labels and custom fields, picked by name. The
  // models table's local side is this station's models, so a delivery brings three first.
  await importDelivery(app, LOCAL_MODELS);
  await openPage(app, 'Sync');
  await app.getByRole('button', { name: 'Add connector' }).click();
  const setup = app.getByRole('dialog', { name: 'Add a connector' });
  await setup.getByRole('textbox', { name: 'Name' }).fill('Depot Snipe-IT');
  const read = setup.getByRole('button', { name: 'Read from server' });
  await read.click();
  const address = setup.getByRole('textbox', { name: 'Snipe-IT address' });
  await expect(address, 'nothing to read from yet').toHaveAttribute('aria-invalid', 'true');
  await expect(address).toBeFocused();
  await address.fill(double.url);
  await setup.getByLabel('API token').fill('not-the-token');
  await read.click();
  await expect(setup.getByText(/Snipe-IT could not be read: .*refused the credentials/)).toBeVisible();

  // A row typed by hand before the read is kept as it is.
  await setup.getByRole('button', { name: 'Models', exact: true }).click();
  await setup.getByRole('button', { name: 'Add row to Models' }).click();
  await setup.getByRole('textbox', { name: 'Depotline model 1' }).fill('Galaxy XCover7');
  await setup.getByRole('textbox', { name: 'Snipe-IT model id 1' }).fill('999');
  await setup.getByLabel('API token').fill(double.token);
  double.faults.inject({ kind: 'slow', delayMs: 1_500 }, { method: 'GET', path: '/models' });
  await read.click();
  await expect(setup.getByRole('button', { name: 'Reading from server…' })).toBeVisible();
  await expect(setup.getByText('Filled 17 rows by name.', { exact: false })).toBeVisible();
  await expect(
    setup.getByText('No single match on the server for TC58 (model)', { exact: false }),
  ).toBeVisible();
  await expect(setup.getByText(/refused the credentials/), 'the error bar is cleared').toHaveCount(0);
  const pick = (table: string, row: number) =>
    setup.getByRole('combobox', { name: `Snipe-IT ${table} ${row}` });
  await expect(pick('model', 3), 'the first row left to pick').toBeFocused();
  await expect(setup.getByRole('textbox', { name: 'Depotline model 3' })).toHaveValue('TC58');
  await expect(setup.getByRole('textbox', { name: 'Depotline model 2' })).toHaveValue('Pixel 8');
  await expect(pick('model', 2)).toHaveText('Pixel 8 (Google)');
  await expect(pick('model', 1), 'the row filled by hand').toHaveText('999 (not on this server)');
  await expect(setup.getByRole('combobox', { name: 'Lifecycle state 3' })).toHaveValue('in_stock');
  await expect(pick('status label', 3)).toHaveText('Ready to Deploy (Deployable)');
  await expect(setup.getByRole('combobox', { name: 'Field 1', exact: true })).toHaveValue('imei');
  await expect(pick('custom field', 1)).toHaveText(`IMEI (${imeiColumn()})`);
  expect(await seriousViolationsInBothSchemes(app, setup), 'the form after a read').toEqual(NO_VIOLATIONS);

  // By keyboard: open row 1's list, type to the model, take it.
  await pick('model', 1).focus();
  await app.keyboard.press('Enter');
  const listbox = app.getByRole('listbox');
  await expect(listbox.getByRole('option', { name: 'Pixel 8 (Google)' })).toBeVisible();
  expect(await seriousViolationsInBothSchemes(app, setup), 'a model list open').toEqual(NO_VIOLATIONS);
  await app.keyboard.type('Gal');
  await app.keyboard.press('Enter');
  await expect(listbox).toBeHidden();
  await expect(pick('model', 1)).toHaveText('Galaxy XCover7 (Samsung)');
  await expect(pick('model', 1)).toBeFocused();
  // TC58 is not on this Snipe-IT: its row goes.
  await setup
    .getByRole('table', { name: 'Models', exact: true })
    .getByRole('button', { name: 'Remove row 3' })
    .click();
  await setup.getByRole('button', { name: 'Save' }).click();
  await expect(setup).toBeHidden();

  const snipeCard = app.getByRole('region', { name: 'Depot Snipe-IT' });
  await snipeCard.getByRole('button', { name: 'Edit' }).click();
  const saved = app.getByRole('dialog', { name: 'Edit Depot Snipe-IT' });
  await saved.getByRole('button', { name: 'Models', exact: true }).click();
  await expect(saved.getByRole('textbox', { name: 'Depotline model 1' })).toHaveValue('Galaxy XCover7');
  await expect(saved.getByRole('textbox', { name: 'Snipe-IT model id 1' })).toHaveValue(
    modelId('Galaxy XCover7'),
  );
  await expect(saved.getByRole('textbox', { name: 'Depotline model 2' })).toHaveValue('Pixel 8');
  await expect(saved.getByRole('textbox', { name: 'Snipe-IT model id 2' })).toHaveValue(modelId('Pixel 8'));
  await expect(saved.getByRole('textbox', { name: 'Depotline model 3' })).toHaveCount(0);
  await saved.getByRole('button', { name: 'Cancel' }).click();
  await expect(saved).toBeHidden();
});
