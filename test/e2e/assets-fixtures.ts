import { readFile } from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { openPage } from './fixtures.ts';

/** A valid IMEI from its first 14 digits: the Luhn check digit appended. */
export function imei(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    let digit = Number(first14[13 - i]);
    // Counting from the digit left of the check digit, every first one is doubled.
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${first14}${(10 - (sum % 10)) % 10}`;
}

export interface DeliveryRow {
  tag: string;
  serial: string;
  model: string;
  imei: string;
}

/** A supplier's delivery list as suppliers write them: their own header names, one device a line. */
export function deliveryCsv(rows: readonly DeliveryRow[]): string {
  const header = 'Asset Tag,Serial Number,Platform,Manufacturer,Model,IMEI,OS,Purchase Date,Price,Currency';
  const lines = rows.map((row) =>
    [
      row.tag,
      row.serial,
      'android',
      'Samsung',
      row.model,
      row.imei,
      '15',
      '2026-03-01',
      '4990.00',
      'NOK',
    ].join(','),
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

function assetsTable(app: Page): Locator {
  return app.getByRole('table', { name: 'Assets' });
}

export async function openAssets(app: Page): Promise<Locator> {
  await openPage(app, 'Assets');
  return assetsTable(app);
}

/** The line that says how many assets match, e.g. "60 assets". */
export function totalLine(app: Page): Locator {
  return app
    .getByRole('main')
    .getByRole('status')
    .filter({ hasText: /\d+ assets?\b/ });
}

/** The serial link of each rendered data row, top to bottom (only rows in view are rendered). */
export function serialLinks(table: Locator): Locator {
  return table.getByRole('row').getByRole('button', { name: /^SN-|^R\d/ });
}

export async function search(app: Page, text: string): Promise<void> {
  await app.getByRole('searchbox', { name: 'Search assets' }).fill(text);
}

/** Searches for one serial and opens its detail once the table shows only that row (the search is debounced). */
export async function openBySerial(app: Page, serial: string): Promise<void> {
  await search(app, serial);
  const links = serialLinks(assetsTable(app));
  await expect(links).toHaveText([serial]);
  await links.first().click();
}

/** Picks a CSV in the import dialog (the file never touches disk: Playwright hands the bytes to the input). */
export async function chooseCsv(dialog: Locator, name: string, content: string): Promise<void> {
  await dialog.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(content, 'utf8'),
  });
}

export async function downloadedText(download: Download): Promise<string> {
  const path = await download.path();
  expect(path, 'the download finished').toBeTruthy();
  return readFile(path, 'utf8');
}
