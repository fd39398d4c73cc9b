import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openPage } from './fixtures.ts';
import { seriousViolations } from './axe.ts';
import { importProfile, labRequest, LabControl, sampleProfile } from './lab-control.ts';
import { inState, tile } from './bench-tile.ts';
import { handOut, importRoster } from './rollout-steps.ts';

// One simulated phone (fast latency) on a private adb server: a returned leaver's phone.
test.use({ stationOptions: { lab: { phones: 1 } } });

const PHONE = 0;

/** The bench reads the phone (the repair bench takes it in by its serial only then), then the Repair page takes it in. */
async function intake(app: Page, serial: string, reason: string, notes: string): Promise<Locator> {
  await openPage(app, 'Bench');
  await expect(app.getByRole('region', { name: 'Devices by slot' }).getByRole('group')).toHaveCount(1);
  await expect(app.getByRole('region', { name: 'Devices by slot' }).getByRole('group')).toHaveAccessibleName(
    /: Ready/,
  );
  await openPage(app, 'Repair');
  const scan = app.getByRole('textbox', { name: /Asset tag, serial, IMEI or UDID/ });
  await expect(scan).toBeFocused();
  await app.getByRole('radio', { name: reason }).check();
  await app.getByRole('textbox', { name: /Condition notes/ }).fill(notes);
  await scan.fill(serial);
  await scan.press('Enter');
  await expect(app.getByRole('status').filter({ hasText: serial })).toHaveCount(1);
  const card = app.locator(`[data-serial="${serial}"]`);
  await expect(card).toBeVisible();
  return card;
}

test('a returned phone: intake, an account blocker overridden with a reason, a test-harness wipe verified by readback, a verified certificate, grade confirmed, release; then staged again on the bench and handed to a person on the Rollout page; axe clean', async ({
  app,
  station,
}) => {
  test.setTimeout(150_000);
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

  // The signed certificate verifies; the same file edited on the station's disk does not.
  await card.getByRole('button', { name: 'Verify' }).click();
  await expect(card.getByTestId('repair-certificate-check')).toContainText(
    'Valid: signature and content check out',
  );
  const stored = certificateJsonFiles(join(station.dataDir, 'certificates'));
  expect(stored).toHaveLength(1);
  const original = readFileSync(stored[0]!, 'utf8');
  const edited = JSON.parse(original) as { device: { serial: string } };
  edited.device.serial = `${edited.device.serial}X`;
  writeFileSync(stored[0]!, JSON.stringify(edited, null, 2));
  await card.getByRole('button', { name: 'Verify' }).click();
  await expect(card.getByTestId('repair-certificate-check')).toContainText('Does not verify');
  writeFileSync(stored[0]!, original);
  await card.getByRole('button', { name: 'Verify' }).click();
  await expect(card.getByTestId('repair-certificate-check')).toContainText(
    'Valid: signature and content check out',
  );

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

  // The whole loop without leaving the console: the released phone is staged again with a
  // sample profile on the Bench page ...
  await importProfile(station, sampleProfile('kiosk'));
  await lab.slowdown(PHONE, 1);
  await lab.setBattery(PHONE, 90);
  const slot = await lab.slotName(PHONE);
  await openPage(app, 'Bench');
  const benchTile = tile(app, slot);
  await expect(benchTile).toHaveAccessibleName(inState(slot, 'Ready'));
  await benchTile.getByRole('checkbox', { name: `Select ${slot}` }).click();
  await app.getByRole('button', { name: 'Stage with profile… (1)' }).click();
  const stage = app.getByRole('dialog', { name: 'Stage 1 phone' });
  await stage.getByRole('radio', { name: /Kiosk/ }).check();
  await stage.getByRole('button', { name: 'Start staging' }).click();
  await expect(stage).toBeHidden();
  await expect(benchTile).toHaveAccessibleName(inState(slot, 'Done'), { timeout: 30_000 });
  await expect(benchTile).toContainText('All 6 steps done');

  // ... handed to a person on the Rollout page by its serial and their badge ...
  await openPage(app, 'Rollout day');
  await importRoster(app);
  await handOut(app, phone.serial, 'B-77001', 'issued to Kari Nordmann');
  expect(await seriousViolations(app)).toEqual([]);

  // ... and its asset page says who has it.
  await openPage(app, 'Assets');
  await app.getByRole('searchbox', { name: 'Search assets' }).fill(phone.serial);
  const assets = app.getByRole('table', { name: 'Assets' });
  const link = assets.getByRole('row').getByRole('button', { name: phone.serial });
  await expect(link).toHaveCount(1);
  await expect(assets.getByRole('row').filter({ hasText: phone.serial })).toContainText('Kari Nordmann');
  const asset = app.getByRole('dialog', { name: /^Asset / });
  // The search is debounced: a click while the table re-renders for it can be lost, so click until the detail opens.
  await expect(async () => {
    if (!(await asset.isVisible())) await link.click();
    await expect(asset).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(asset.getByRole('definition').first()).toHaveText('Issued');
  await expect(
    asset.locator('xpath=.//dt[normalize-space()="Assigned to"]/following-sibling::dd[1]'),
  ).toContainText('Kari Nordmann');
  expect(await seriousViolations(app)).toEqual([]);
});

test('a wipe that cannot be read back: the phone never returns, the technician stops waiting and confirms with a note, the certificate says not verified; axe clean', async ({
  app,
  station,
}) => {
  test.setTimeout(60_000);
  const lab = LabControl.of(station);
  const phone = await lab.phone(PHONE);
  const control = station.labControlUrl!.replace(/\/$/, '');
  await labRequest(`${control}/devices/${PHONE}/test-harness-support`, 'POST', { supported: true });
  // The phone takes the wipe and never boots again (a dead board, or adb left off).
  await labRequest(`${control}/devices/${PHONE}/next-wipe`, 'POST', { outcome: 'never-returns' });

  const card = await intake(app, phone.serial, 'Broken', 'Screen flickers');
  await card.getByRole('button', { name: 'Check blockers' }).click();
  await expect(card).toContainText('Wipe allowed');
  await lab.slowdown(PHONE, 150);
  await card.getByRole('radio', { name: /Test harness reset/ }).check();
  await card.getByRole('button', { name: 'Wipe device' }).click();
  const job = card.getByTestId('repair-job');
  await expect(job).toHaveAttribute('data-phase', 'device_gone', { timeout: 30_000 });
  expect(await seriousViolations(app)).toEqual([]);

  // It does not come back on USB: the technician stops waiting rather than sitting out the timeout.
  await job.getByRole('button', { name: 'Stop waiting' }).click();
  await expect(job).toHaveAttribute('data-phase', 'not_verified');
  await expect(job).toContainText('Not verified by device readback');
  await expect(card).toContainText('confirm what you saw, or wipe again.');
  await expect(card.getByTestId('repair-certificate-result')).toHaveCount(0);
  expect(await seriousViolations(app)).toEqual([]);

  await job.getByRole('button', { name: 'Confirm wipe…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Confirm a wipe without readback' });
  const note = dialog.getByRole('textbox', { name: /What you saw/ });
  const confirm = dialog.getByRole('button', { name: 'Confirm wipe' });
  await note.fill('dark');
  await expect(confirm, 'a note needs ten characters').toBeDisabled();
  await note.fill('Reset screen shown, then the phone stayed dark');
  expect(await seriousViolations(app)).toEqual([]);
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(job).toContainText('Reset screen shown, then the phone stayed dark');
  await expect(card.getByTestId('repair-certificate-result')).toHaveText('Not verified by device readback');
  expect(await seriousViolations(app)).toEqual([]);
});

test('a phone without test harness support: its wipe methods show test harness as unsupported, with why; axe clean', async ({
  app,
  station,
}) => {
  const lab = LabControl.of(station);
  const phone = await lab.phone(PHONE);
  const control = station.labControlUrl!.replace(/\/$/, '');
  await labRequest(`${control}/devices/${PHONE}/test-harness-support`, 'POST', { supported: false });

  const card = await intake(app, phone.serial, 'Upgrade', 'No marks');
  await card.getByRole('button', { name: 'Check blockers' }).click();
  await expect(card).toContainText('Wipe allowed');
  const harness = card.getByRole('radio', { name: /Test harness reset/ });
  await expect(harness).toBeDisabled();
  await expect(card).toContainText('This build has no persistent data block (ro.frp.pst is empty)');
  await expect(card).toContainText('Failed to enable Test Harness Mode');
  // Another method is chosen instead of the unsupported one.
  await expect(harness).not.toBeChecked();
  await expect(card.getByRole('radio', { name: /Guided recovery wipe/ })).toBeEnabled();
  expect(await seriousViolations(app)).toEqual([]);
});

/** The certificate JSON files a station has written (certificates/asset-N/*.json). */
function certificateJsonFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(folder, name));
}
