import { test, expect, openPage } from './fixtures.ts';
import { seriousViolations } from './axe.ts';
import { labRequest, LabControl } from './lab-control.ts';

// One simulated phone (fast latency) on a private adb server: a returned leaver's phone.
test.use({ stationOptions: { lab: { phones: 1 } } });

const PHONE = 0;

test('a returned phone: intake, an account blocker overridden with a reason, a test-harness wipe verified by readback, a verified certificate, grade confirmed, release; axe clean', async ({
  app,
  station,
}) => {
  test.setTimeout(120_000);
  const lab = LabControl.of(station);
  const phone = await lab.phone(PHONE);
  const control = station.labControlUrl!.replace(/\/$/, '');
  // The leaver left their Google account and some photos on it; the build can do a test-harness reset.
  await lab.addAccount(PHONE, 'kari.nordmann@example.com');
  await labRequest(`${control}/devices/${PHONE}/test-harness-support`, 'POST', { supported: true });
  await labRequest(`${control}/devices/${PHONE}/user-files`, 'POST', {
    files: [{ path: 'DCIM/Camera/IMG_0001.jpg', bytes: 4096 }],
  });

  // The bench must have read the phone before the repair bench can take it in by its serial.
  await openPage(app, 'Bench');
  await expect(app.getByRole('region', { name: 'Devices by slot' }).getByRole('group')).toHaveCount(1);
  await expect(app.getByRole('region', { name: 'Devices by slot' }).getByRole('group')).toHaveAccessibleName(
    /: Ready/,
  );

  await openPage(app, 'Repair');
  const scan = app.getByRole('textbox', { name: /Asset tag, serial, IMEI or UDID/ });
  await expect(scan, 'the scan field has focus when the page opens').toBeFocused();
  await app.getByRole('radio', { name: 'Leaver' }).check();
  await app.getByRole('textbox', { name: /Condition notes/ }).fill('Scratch on the back');
  await scan.fill(phone.serial);
  await scan.press('Enter');
  await expect(app.getByRole('status').filter({ hasText: phone.serial })).toHaveCount(1);

  const card = app.locator(`[data-serial="${phone.serial}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Leaver');
  await expect(card).toContainText('Condition: Scratch on the back');

  // Blockers: the account blocks the wipe; the technician overrides it with a reason.
  await card.getByRole('button', { name: 'Check blockers' }).click();
  const account = card.locator('[data-blocker="android.accounts"]');
  await expect(account).toContainText('Blocking');
  await expect(account).toContainText('kari.nordmann@example.com');
  await expect(account).toContainText('What to do:');
  await expect(card).toContainText('Wipe blocked');
  await account.getByRole('button', { name: 'Override…' }).click();
  const dialog = app.getByRole('dialog', { name: /Override/ });
  const confirmOverride = dialog.getByRole('button', { name: 'Record override' });
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('too short');
  await expect(confirmOverride, 'a reason needs ten characters').toBeDisabled();
  await dialog
    .getByRole('textbox', { name: /Reason/ })
    .fill('Leaver confirmed by phone the account is removed');
  await confirmOverride.click();
  await expect(dialog).toBeHidden();
  await expect(account).toContainText('Overridden');
  await expect(account).toContainText('Leaver confirmed by phone the account is removed');
  await expect(card).toContainText('Wipe allowed');

  // Wipe through test harness mode: the phone resets, comes back on adb and is read back. The
  // lab's fast phones reboot in 20 ms, quicker than a bench can see them leave: boot in ~3 s.
  await lab.slowdown(PHONE, 150);
  const harness = card.getByRole('radio', { name: /Test harness reset/ });
  await harness.check();
  await card.getByRole('button', { name: 'Wipe device' }).click();
  const job = card.getByTestId('repair-job');
  await expect(job).toHaveAttribute('data-phase', 'verified', { timeout: 60_000 });
  await expect(job).toContainText('Verified by device readback');
  await expect(card.getByRole('table', { name: 'Readback checks' })).toBeVisible();
  await expect(card.getByTestId('repair-certificate-result')).toHaveText('Verified by device readback');

  // Diagnostics and grade: read, then confirm the proposed grade.
  await card.getByRole('button', { name: 'Read diagnostics' }).click();
  await expect(card).toContainText('Battery level');
  await expect(card).toContainText('Proposed grade:');
  const confirmGrade = card.getByRole('button', { name: /^Confirm grade [A-D]$/ });
  const grade = ((await confirmGrade.textContent()) ?? '').trim().slice(-1);
  await confirmGrade.click();
  await expect(card.getByTestId('repair-confirmed-grade')).toContainText(`Grade ${grade} confirmed`);

  // Release for re-issue (grade A–C): the device leaves the bench as ready for reissue.
  expect(['A', 'B', 'C']).toContain(grade);
  const release = card.getByRole('button', { name: 'Release for re-issue' });
  await expect(release).toBeEnabled();
  await release.click();
  await expect(card).toContainText('done: the device left the repair bench.');
  await expect(card).toContainText('Ready for reissue');

  expect(await seriousViolations(app)).toEqual([]);
});
