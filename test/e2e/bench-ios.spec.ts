import { test, expect, openPage } from './fixtures.ts';
import { tile, inState } from './bench-tile.ts';
import { importProfile, LabControl, sampleProfile } from './lab-control.ts';
import { IosLabControl } from './ios-lab-control.ts';
import { search } from './assets-fixtures.ts';

// Four Android phones and four iPhones (fast latency), staged in one batch with one profile.
test.use({ stationOptions: { lab: { phones: 4, iphones: 4 } } });

/** The lab's "depotline" iPhones: 1 is at the Hello screen; 0, 2 and 3 have been set up. */
const ERASED_FIRST = [0, 3];
const FRESH = 1;
const SET_UP = 2;

test('four iPhones and four Android phones in one batch: an untrusted iPhone waits for Trust, a set-up one is blocked with the reason', async ({
  app,
  station,
}) => {
  test.setTimeout(150_000);
  const android = LabControl.of(station);
  const ios = IosLabControl.of(station);
  const phones = await android.phones();
  await Promise.all(phones.map((phone) => android.setBattery(phone.index, 90)));
  // Two set-up iPhones are wiped first (Activation Lock released), as a depot would before staging.
  for (const index of ERASED_FIRST) {
    await ios.setActivationLock(index, false);
    await ios.erase(index);
  }
  await importProfile(station, sampleProfile('mixed-office'));

  const iphones = await ios.iphones();
  const androidSlots = phones.map((phone) => `Lab ${phone.port}`);
  const iphoneSlots = iphones.map((iphone) => IosLabControl.slotName(iphone));

  await openPage(app, 'Bench');
  const grid = app.getByRole('region', { name: 'Devices by slot' });
  await expect(grid.getByRole('group')).toHaveCount(8);

  // The set-up iPhone asks "Trust This Computer?": the tile says so and what to do.
  const setUp = tile(app, iphoneSlots[SET_UP]!);
  await expect(setUp).toHaveAccessibleName(inState(iphoneSlots[SET_UP]!, 'Not trusted yet'));
  await expect(setUp.getByRole('list', { name: 'Reasons' })).toContainText('tap “Trust”');
  await ios.acceptTrust(SET_UP);
  for (const slot of [...androidSlots, ...iphoneSlots])
    await expect(tile(app, slot)).toHaveAccessibleName(inState(slot, 'Ready'), { timeout: 30_000 });
  await expect(tile(app, iphoneSlots[FRESH]!)).toContainText(iphones[FRESH]!.modelName);
  await expect(tile(app, iphoneSlots[FRESH]!)).toContainText('iOS');

  await app.getByRole('checkbox', { name: 'Select all' }).check();
  await app.getByRole('button', { name: 'Stage with profile… (8)' }).click();
  const dialog = app.getByRole('dialog', { name: 'Stage 8 phones' });
  await dialog.getByRole('radio', { name: /Office worker \(Android and iPhone\)/ }).check();
  await dialog.getByRole('button', { name: 'Start staging' }).click();
  await expect(dialog).toBeHidden();

  for (const slot of androidSlots) await expect(tile(app, slot)).toHaveAccessibleName(inState(slot, 'Done'));
  for (const index of [...ERASED_FIRST, FRESH])
    await expect(tile(app, iphoneSlots[index]!)).toHaveAccessibleName(inState(iphoneSlots[index]!, 'Done'));
  await expect(setUp).toHaveAccessibleName(inState(iphoneSlots[SET_UP]!, 'Blocked'));
  await expect(setUp.getByRole('list', { name: 'Reasons' })).toContainText(
    'Already set up: supervision and enrolment can only be applied in Setup Assistant',
  );

  const summary = app.getByRole('region', { name: 'Batch summary' });
  await expect(summary.getByRole('listitem')).toHaveText(['Done 7', 'Failed 0', 'Blocked 1', 'Running 0']);

  // What the iPhones themselves now hold, and the registry.
  const staged = await ios.iphone(FRESH);
  expect(staged).toMatchObject({ cloudConfiguration: true, userApps: 1, profiles: 1 });
  expect(staged.deviceName).toBe(`Office ${staged.serial}`);
  expect(await ios.iphone(SET_UP)).toMatchObject({ cloudConfiguration: false, userApps: 0, profiles: 0 });
  await openPage(app, 'Assets');
  await search(app, staged.serial);
  const row = app.getByRole('row').filter({ hasText: staged.serial });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Apple');
  await expect(row).toContainText('Staged');
});
