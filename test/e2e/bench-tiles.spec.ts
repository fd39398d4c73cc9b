import type { Page } from '@playwright/test';
import { test, expect, openPage } from './fixtures.ts';
import { tile } from './bench-tile.ts';
import { importProfile, LabControl, sampleProfile } from './lab-control.ts';

test.use({ stationOptions: { lab: { phones: 3 } } });

async function openBench(page: Page, lab: LabControl): Promise<string[]> {
  const slots = (await lab.phones()).map((phone) => `Lab ${phone.port}`);
  await openPage(page, 'Bench');
  for (const slot of slots) await expect(tile(page, slot)).toHaveAccessibleName(`${slot}: Ready`);
  return slots;
}

test('a slot is named from its tile, and Locate makes the phone show that name', async ({ app, station }) => {
  const lab = LabControl.of(station);
  const [first] = await openBench(app, lab);

  await app.getByRole('button', { name: `More actions for ${first}` }).click();
  await app.getByRole('menuitem', { name: 'Rename slot…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Rename slot' });
  await expect(dialog.getByRole('textbox', { name: 'Slot name' })).toHaveValue(first!);
  await dialog.getByRole('textbox', { name: 'Slot name' }).fill('Hub A / 3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(tile(app, 'Hub A / 3')).toHaveAccessibleName('Hub A / 3: Ready');
  await expect(tile(app, first!)).toHaveCount(0);

  await app.getByRole('button', { name: 'More actions for Hub A / 3' }).click();
  await app.getByRole('menuitem', { name: /^Locate/ }).click();
  await expect(
    app.getByRole('listitem', { name: 'The phone in Hub A / 3 is showing its slot' }),
    'a toast',
  ).toBeVisible();
  await expect
    .poll(async () => (await lab.commands(0)).find((line) => line.includes('cmd notification post')))
    .toContain('slot Hub A / 3');
});

test('Space ticks the focused tile, arrow keys move between tiles, and a slot range selects in slot order', async ({
  app,
  station,
}) => {
  const slots = await openBench(app, LabControl.of(station));
  const [a, b, c] = slots as [string, string, string];

  await tile(app, a).focus();
  await app.keyboard.press('Space');
  await expect(tile(app, a)).toHaveAccessibleName(`${a}: Ready, selected`);
  await app.keyboard.press('ArrowRight');
  await expect(tile(app, b)).toBeFocused();
  await app.keyboard.press('Space');
  await expect(app.getByText('2 of 3 selected')).toBeVisible();
  await expect(app.getByRole('checkbox', { name: 'Select all' })).toBeChecked({ indeterminate: true });
  await app.keyboard.press('Space');
  await expect(tile(app, b)).toHaveAccessibleName(`${b}: Ready`);

  await app.getByRole('button', { name: 'Select slot range…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Select a slot range' });
  await dialog.getByRole('combobox', { name: 'From slot' }).click();
  await app.getByRole('option', { name: b }).click();
  await expect(dialog.getByText('2 slots in this range')).toBeVisible();
  await dialog.getByRole('button', { name: 'Select' }).click();
  await expect(app.getByText('2 of 3 selected')).toBeVisible();
  await expect(tile(app, a)).toHaveAccessibleName(`${a}: Ready`);
  await expect(tile(app, b)).toHaveAccessibleName(`${b}: Ready, selected`);
  await expect(tile(app, c)).toHaveAccessibleName(`${c}: Ready, selected`);
});

test('a stuck install is cancelled: the job ends cancelled once the phone is pulled, and the tile says so', async ({
  app,
  station,
}) => {
  const lab = LabControl.of(station);
  await importProfile(station, sampleProfile('kiosk'));
  await lab.setBattery(0, 90);
  await lab.hangNextInstall(0);
  const [first] = await openBench(app, lab);
  const stuck = tile(app, first!);

  await stuck.getByRole('checkbox', { name: `Select ${first}` }).click();
  await app.getByRole('button', { name: 'Stage with profile… (1)' }).click();
  const dialog = app.getByRole('dialog', { name: 'Stage 1 phone' });
  await dialog.getByRole('radio', { name: /Kiosk/ }).check();
  await dialog.getByRole('button', { name: 'Start staging' }).click();
  await expect.poll(() => lab.installStarted(0)).toBe(true);
  await expect(stuck).toHaveAccessibleName(`${first}: Staging`);

  await stuck.click({ position: { x: 150, y: 120 } }); // anywhere on the tile ticks it
  await app.getByRole('button', { name: 'Cancel (1)' }).click();
  await expect(
    app.getByRole('listitem', { name: '1 job cancelled; a running step finishes first' }),
    'a toast',
  ).toBeVisible();
  await lab.yank(0);
  // Its job is over, so the unplugged phone leaves its slot rather than lingering as Offline.
  await expect(stuck).toHaveCount(0);
  await lab.plug(0);
  await expect(stuck).toHaveAccessibleName(`${first}: Ready`);
  await expect(stuck).toContainText('Last job cancelled');
});
