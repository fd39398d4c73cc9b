import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, openPage } from './fixtures.ts';

// Steps of a rollout day as a technician does them, shared by the rollout and fleet specs.

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
/** Six people: three in Home care, three in Finance. */
const ROSTER = path.join(FIXTURES, 'rollout-roster.csv');
/** Six phones DL-R001 … DL-R006 with serials and IMEIs. */
const DELIVERY = path.join(FIXTURES, 'rollout-delivery.csv');

/** A keyboard-wedge scanner: the whole code within milliseconds, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 2 });
  await page.keyboard.press('Enter');
}

export function main(page: Page): Locator {
  return page.getByRole('main');
}

/** A key figure of the board, found by its label (a dt) and read from its value (the dd after it). */
export function figure(page: Page, label: string): Locator {
  return main(page).locator(`xpath=.//dt[normalize-space()="${label}"]/following-sibling::dd[1]`);
}

export function boardRow(page: Page, table: string, name: string): Locator {
  return main(page).getByRole('table', { name: table }).getByRole('row').filter({ hasText: name });
}

/** The delivery list goes in the way a depot lead adds it: the Assets page's import. */
export async function importDeliveryList(page: Page): Promise<void> {
  await openPage(page, 'Assets');
  await main(page).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Devices (delivery list)' }).check();
  await dialog.getByLabel('CSV file').setInputFiles(DELIVERY);
  await dialog.getByRole('button', { name: 'Import 6 rows' }).click();
  await expect(dialog).toContainText('Imported: 6 new, 0 updated.');
  await dialog.getByRole('button', { name: 'Close' }).click();
}

/** On the Rollout page: its import dialog opens for a people roster. */
export async function openRosterImport(page: Page): Promise<Locator> {
  await main(page).getByRole('button', { name: 'Import roster' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('radio', { name: 'People (roster)' })).toBeChecked();
  return dialog;
}

/** The six people of the roster fixture, as the roster of the page's day. */
export async function importRoster(page: Page): Promise<void> {
  const day = await main(page).getByRole('textbox', { name: 'Rollout day' }).inputValue();
  const dialog = await openRosterImport(page);
  await dialog.getByLabel('CSV file').setInputFiles(ROSTER);
  await expect(dialog.getByLabel('Roster for the rollout day'), 'the page’s day').toHaveValue(day);
  await dialog.getByRole('button', { name: 'Import 6 rows' }).click();
  await expect(dialog).toContainText('Imported: 6 new, 0 updated.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
}

/** One handover: the device, then (once the page asks for the person) the person; waits for the confirmation. */
export async function handOut(
  page: Page,
  device: string,
  person: string,
  confirmation: string,
): Promise<void> {
  const field = main(page).getByRole('textbox', { name: /^Scan the (device|person)/ });
  await scan(page, device);
  await expect(field).toHaveAccessibleName('Scan the person');
  await scan(page, person);
  await expect(main(page).getByRole('status').filter({ hasText: /./ })).toHaveText(new RegExp(confirmation));
}
