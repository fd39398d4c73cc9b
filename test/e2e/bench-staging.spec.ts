import { test, expect, openPage } from './fixtures.ts';
import { tile, inState } from './bench-tile.ts';
import { importProfile, LabControl, sampleProfile } from './lab-control.ts';

// Eight simulated phones (fast latency) on a private adb server.
test.use({ stationOptions: { lab: { phones: 8 } } });

const ACCOUNT = 1;
const LOW_BATTERY = 2;
const YANKED = 3;
const FAILING = 4;
const CLEAN = [0, 5, 6, 7];

test('eight phones staged at once: blocked ones say why, a yanked one resumes, a failed one retries, and every staged phone is recorded as an asset', async ({
  app,
  station,
}) => {
  test.setTimeout(120_000);
  const lab = LabControl.of(station);
  const phones = await lab.phones();
  const slots = phones.map((phone) => `Lab ${phone.port}`);

  // The bench's trouble, set up on the phones themselves.
  await Promise.all(phones.map((phone) => lab.setBattery(phone.index, phone.index === LOW_BATTERY ? 5 : 90)));
  await lab.addAccount(ACCOUNT, 'kari.nordmann@example.com');
  await lab.hangNextInstall(YANKED);
  await lab.failNextInstall(FAILING);
  await importProfile(station, sampleProfile('kiosk'));

  await openPage(app, 'Bench');
  const grid = app.getByRole('region', { name: 'Devices by slot' });
  await expect(grid.getByRole('group')).toHaveCount(8);
  for (const slot of slots) await expect(tile(app, slot)).toHaveAccessibleName(inState(slot, 'Ready'));

  await app.getByRole('checkbox', { name: 'Select all' }).check();
  await expect(app.getByText('8 of 8 selected')).toBeVisible();
  await app.getByRole('button', { name: 'Stage with profile… (8)' }).click();
  const dialog = app.getByRole('dialog', { name: 'Stage 8 phones' });
  await dialog.getByRole('radio', { name: /Kiosk/ }).check();
  await expect(dialog.getByRole('radio', { name: /Kiosk/ })).toHaveAccessibleName(
    /kiosk · version 1 · 6 steps/,
  );
  await dialog.getByRole('button', { name: 'Start staging' }).click();
  await expect(dialog).toBeHidden();

  // Yanked mid-install: the bench waits for the phone, then carries on when it is back.
  const yanked = tile(app, slots[YANKED]!);
  await expect.poll(() => lab.installStarted(YANKED)).toBe(true);
  await expect(yanked).toHaveAccessibleName(inState(slots[YANKED]!, 'Staging'));
  await expect(yanked).toContainText('Step 1 of 6');
  await expect(yanked).toContainText('Install org.depotline.sample.dpc');
  await lab.yank(YANKED);
  await expect(yanked).toHaveAccessibleName(inState(slots[YANKED]!, 'Waiting for device'));
  await lab.plug(YANKED);
  await expect(yanked).toHaveAccessibleName(inState(slots[YANKED]!, 'Done'));
  await expect(yanked).toContainText('All 6 steps done');

  for (const index of CLEAN)
    await expect(tile(app, slots[index]!)).toHaveAccessibleName(inState(slots[index]!, 'Done'));
  const withAccount = tile(app, slots[ACCOUNT]!);
  await expect(withAccount).toHaveAccessibleName(inState(slots[ACCOUNT]!, 'Blocked'));
  await expect(withAccount.getByRole('list', { name: 'Reasons' })).toContainText(
    'Accounts on the device: kari.nordmann@example.com (com.google)',
  );
  const flat = tile(app, slots[LOW_BATTERY]!);
  await expect(flat).toHaveAccessibleName(inState(slots[LOW_BATTERY]!, 'Blocked'));
  await expect(flat.getByRole('list', { name: 'Reasons' })).toContainText(
    'Battery at 5 %; the profile needs 20 %',
  );
  const failing = tile(app, slots[FAILING]!);
  await expect(failing).toHaveAccessibleName(inState(slots[FAILING]!, 'Failed'));
  await expect(failing).toContainText('Failed at step 1 of 6');
  await expect(failing.getByRole('list', { name: 'Reasons' })).toContainText(
    'Failure [INSTALL_FAILED_INSUFFICIENT_STORAGE',
  );

  const summary = app.getByRole('region', { name: 'Batch summary' });
  await expect(summary).toContainText('Batch: 8 phones');
  await expect(summary.getByRole('listitem')).toHaveText(['Done 5', 'Failed 1', 'Blocked 2', 'Running 0']);
  await expect(summary).toContainText(/Took \d+:\d\d/);

  // The failed phone's journal, opened from the keyboard.
  await failing.focus();
  await app.keyboard.press('Enter');
  const log = app.getByRole('dialog', { name: `Job log: ${slots[FAILING]}` });
  const firstStep = log
    .getByRole('table', { name: `Steps of the job on ${slots[FAILING]}` })
    .getByRole('row')
    .nth(1);
  await expect(firstStep).toContainText('Install org.depotline.sample.dpc');
  await expect(firstStep).toContainText('Failed');
  await expect(firstStep).toContainText('Failure [INSTALL_FAILED_INSUFFICIENT_STORAGE');
  await expect(firstStep.getByRole('cell').nth(3)).toHaveText('1');
  await app.keyboard.press('Escape');
  await expect(log).toBeHidden();

  // The install fault fired once and is gone: a retry of the failed phone goes through.
  await app.getByRole('button', { name: 'Select by state' }).click();
  await app.getByRole('menuitem', { name: 'Failed (1)' }).click();
  await expect(app.getByText('1 of 8 selected')).toBeVisible();
  await expect(
    app.getByRole('button', { name: 'Stage with profile… (1)' }),
    'a failed phone may be staged again',
  ).toBeEnabled();
  await app.getByRole('button', { name: 'Retry failed (1)' }).click();
  await expect(failing).toHaveAccessibleName(inState(slots[FAILING]!, 'Done'));
  await expect(summary.getByRole('listitem')).toHaveText(['Done 6', 'Failed 0', 'Blocked 2', 'Running 0']);

  // Every phone that reached done is an asset now, staged; the blocked ones are not.
  await openPage(app, 'Assets');
  const rows = app.getByRole('table', { name: 'Assets' }).getByRole('row');
  await expect(rows, 'a header row and six staged phones').toHaveCount(7);
  for (const index of [...CLEAN, YANKED, FAILING]) {
    await expect(rows.filter({ hasText: phones[index]!.serial })).toContainText('Staged');
  }
  for (const index of [ACCOUNT, LOW_BATTERY])
    await expect(rows.filter({ hasText: phones[index]!.serial })).toHaveCount(0);
});
