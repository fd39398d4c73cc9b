import { test, expect, openPage } from './fixtures.ts';
import { importProfile, LabControl, sampleProfile } from './lab-control.ts';

// Phone 0 waits on its "Allow USB debugging?" prompt; phone 1 is allowed from the start.
test.use({ stationOptions: { lab: { phones: 2, faults: 'unauthorized=1' } } });

test('with an auto-stage profile set, a phone is staged as soon as its prompt is accepted, with no click', async ({
  app,
  station,
}) => {
  const lab = LabControl.of(station);
  const [prompting, present] = await Promise.all([lab.slotName(0), lab.slotName(1)]);
  await importProfile(station, sampleProfile('kiosk'));
  await lab.setBattery(0, 90);

  await openPage(app, 'Settings');
  await app.getByRole('combobox', { name: 'Auto-stage profile' }).click();
  await app.getByRole('option', { name: 'Kiosk (kiosk)' }).click();
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByText('Settings saved')).toBeVisible();

  await openPage(app, 'Bench');
  await expect(
    app.getByText('Every phone plugged in (and allowed) is staged with “Kiosk” with no click.'),
  ).toBeVisible();
  const waiting = app.getByRole('group', { name: new RegExp(`^${prompting}: `) });
  await expect(waiting).toHaveAccessibleName(`${prompting}: Needs approval`);
  await expect(waiting.getByRole('list', { name: 'Reasons' })).toContainText('Tap “Allow”');

  await lab.acceptRsa(0); // the technician taps "Allow" on the phone; nothing is clicked here
  await expect(waiting).toHaveAccessibleName(`${prompting}: Done`, { timeout: 20_000 });
  await expect(waiting).toContainText('All 6 steps done');
  await expect(waiting).toContainText('kiosk v1');
  await expect(
    app.getByRole('group', { name: new RegExp(`^${present}: `) }),
    'a phone already on the bench when auto-stage was turned on is left alone',
  ).toHaveAccessibleName(`${present}: Ready`);
  await expect(app.getByRole('region', { name: 'Batch summary' }).getByRole('listitem')).toHaveText([
    'Done 1',
    'Failed 0',
    'Blocked 0',
    'Running 0',
  ]);
});
