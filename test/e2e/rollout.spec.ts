import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openPage } from './fixtures.ts';
import { seriousViolationsInBothSchemes } from './axe.ts';
import {
  boardRow,
  figure,
  handOut,
  importDeliveryList,
  importRoster,
  main,
  openRosterImport,
  scan,
} from './rollout-steps.ts';

// Counts the tones the page plays (a string: this file is typed for Node, without the DOM).
const COUNT_TONES = `window.tones = 0;
const create = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () { window.tones += 1; return create.call(this); };`;

function tones(page: Page): Promise<number> {
  return page.evaluate<number>('window.tones');
}

async function download(page: Page, button: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    main(page).getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), content: await readFile(await file.path()) };
}

test('a rollout day: roster and delivery list imported, five handovers by scanner, one undone, board and day report', async ({
  app,
}) => {
  await importDeliveryList(app);
  await openPage(app, 'Rollout day');
  await importRoster(app);
  await expect(figure(app, 'Expected')).toHaveText('6');
  await expect(figure(app, 'Issued')).toHaveText('0');

  const field = main(app).getByRole('textbox', { name: /^Scan the (device|person)/ });
  const status = main(app).getByRole('status').filter({ hasText: /./ });
  const alert = main(app).getByRole('alert');
  await expect(field, 'the scan field has focus again once the import dialog closes').toBeFocused();
  await app.evaluate(COUNT_TONES);

  // Device by asset tag, person by badge: the device is shown before the person is scanned.
  await scan(app, 'DL-R001');
  await expect(main(app).getByRole('group', { name: 'Device being handed out' })).toContainText('DL-R001');
  await expect(field).toHaveAccessibleName('Scan the person');
  await scan(app, 'B-77001');
  await expect(status).toHaveText(/DL-R001 issued to Kari Nordmann/);
  await expect(field).toHaveAccessibleName('Scan the device');
  await expect(field).toBeFocused();
  expect(await tones(app), 'two rising notes for a handover').toBe(2);

  // By serial and employee id, by full IMEI and email, by the IMEI's last six digits and badge.
  const handovers = [
    ['R58N-0002', 'E1002', 'DL-R002 issued to Ola Hansen'],
    ['356938035633339', 'ingrid.berg@example.no', 'DL-R003 issued to Ingrid Berg'],
    ['644443', 'B-77004', 'DL-R004 issued to Lars Johansen'],
  ] as const;
  for (const [device, person, confirmation] of handovers) await handOut(app, device, person, confirmation);

  // A scanner faster than the core: both codes typed before the first answer arrives.
  await scan(app, 'DL-R005');
  await scan(app, 'B-77005');
  await expect(status).toHaveText(/DL-R005 issued to Sofie Larsen/);
  await expect(figure(app, 'Issued')).toHaveText('5');

  // Mistakes are said, and the field is empty and ready for the next scan.
  const beforeError = await tones(app);
  await scan(app, 'NO-SUCH-CODE');
  await expect(alert).toHaveText(/No device matches “NO-SUCH-CODE”/);
  await expect(field).toHaveValue('');
  await expect(field).toBeFocused();
  expect(await tones(app), 'one low buzz for a refusal').toBe(beforeError + 1);

  // Muted, mistakes are still seen and said, but not heard.
  await main(app).getByRole('switch', { name: 'Mute sounds' }).check();
  await expect(field).toBeFocused();
  const muted = await tones(app);
  await scan(app, 'DL-R001');
  await expect(alert).toHaveText(/DL-R001 is already issued to Kari Nordmann/);
  await scan(app, 'DL-R006');
  await scan(app, 'B-99999');
  await expect(alert).toHaveText(/No person has the badge, employee id or email "B-99999"/);
  expect(await tones(app), 'nothing heard while muted').toBe(muted);
  await app.keyboard.press('Escape');
  await expect(field).toHaveAccessibleName('Scan the device');

  // Undo names what it undoes, and gives the field back.
  await main(app).getByRole('button', { name: 'Undo last: DL-R005 → Sofie Larsen' }).click();
  await expect(status).toHaveText(/Undone: DL-R005 is no longer issued to Sofie Larsen/);
  await expect(field).toBeFocused();
  await expect(main(app).getByRole('button', { name: 'Undo last handover' })).toBeDisabled();

  await expect(figure(app, 'Issued')).toHaveText('4');
  await expect(figure(app, 'Remaining')).toHaveText('2');
  const byDepartment = 'By department';
  await expect(boardRow(app, byDepartment, 'Home care').getByRole('cell')).toHaveText([
    'Home care',
    '3',
    '0',
    '',
  ]);
  await expect(boardRow(app, byDepartment, 'Finance').getByRole('cell')).toHaveText([
    'Finance',
    '1',
    '2',
    '',
  ]);
  await expect(boardRow(app, 'Recent handovers', 'Lars Johansen')).toContainText('DL-R004');
  await expect(
    boardRow(app, 'Recent handovers', 'Sofie Larsen'),
    'an undone scan leaves the board',
  ).toHaveCount(0);

  const csv = await download(app, 'Day report (CSV)');
  expect(csv.name).toMatch(/\.csv$/);
  const lines = csv.content.toString('utf8').trim().split(/\r?\n/);
  for (const tag of ['DL-R001', 'DL-R002', 'DL-R003', 'DL-R004'])
    expect(
      lines.filter((line) => line.includes(tag)),
      `${tag} handed out once`,
    ).toHaveLength(1);
  const undone = lines.filter((line) => line.includes('DL-R005'));
  expect(undone, 'the undone handover is in the report').toHaveLength(1);
  expect(undone[0]).toMatch(/undone/i);
  expect(
    lines.filter((line) => /undone/i.test(line)),
    'only DL-R005 is marked undone',
  ).toHaveLength(1);

  const pdf = await download(app, 'Day report (PDF)');
  expect(pdf.name).toMatch(/\.pdf$/);
  expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  expect(await seriousViolationsInBothSchemes(app)).toEqual({ light: [], dark: [] });
});

test.describe('with seeded assets', () => {
  // SN-0001 … SN-0005 (tagged DL-0001 … by the registry): staged, issued (holder unknown), in
  // repair, ready for reissue, in stock. The page names a device by its tag.
  test.use({ stationOptions: { seedAssets: 5 } });

  test('a roster with bad rows imports no one, and devices that cannot be handed out are refused at their scan', async ({
    app,
  }) => {
    await openPage(app, 'Rollout day');
    const dialog = await openRosterImport(app);
    await dialog.getByLabel('CSV file').setInputFiles({
      name: 'bad-roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,email,department\nKari Nordmann,not-an-email,Home care\n,ola@example.no,Finance\n',
      ),
    });
    await expect(dialog).toContainText('2 rows, 0 valid, 2 problems');
    await expect(dialog.getByRole('button', { name: /^Import \d+ rows?$/ })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(figure(app, 'Expected')).toHaveText('0');
    const field = main(app).getByRole('textbox', { name: 'Scan the device' });
    await expect(field, 'focus is back in the scan field').toBeFocused();

    const alert = main(app).getByRole('alert');
    await scan(app, 'SN-0003');
    await expect(alert).toHaveText(
      /DL-0003 cannot be handed out: it is in repair\. Only devices that are in stock, staged, ready for reissue can be issued/,
    );
    await scan(app, 'SN-0002');
    await expect(alert, 'issued before Depotline knew its holder').toHaveText(
      /DL-0002 is already issued to someone/,
    );
    await expect(field).toHaveValue('');
    expect(await seriousViolationsInBothSchemes(app), 'the page with an empty board').toEqual({
      light: [],
      dark: [],
    });
  });
});
