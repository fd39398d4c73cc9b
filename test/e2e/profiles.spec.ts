import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openPage } from './fixtures.ts';
import { seriousViolations, seriousViolationsInBothSchemes } from './axe.ts';
import { sampleProfile } from './lab-control.ts';

const BAD_PROFILE = `schema: depotline.profile/v1
id: Bad_ID
name: Broken
version: 1
platform: android
steps:
  - type: install
    apk: ../outside.apk
    package: org.example.app
    signerSha256: "04f4ede23a7bd793c303a16880a00e126999837824afe1d6ae3c17ac1fdf77a9"
`;

const SHELL_PROFILE = `schema: depotline.profile/v1
id: diagnostics
name: Diagnostics
version: 2
platform: android
description: Names the phone, then prints its build fingerprint.
allowShell: true
steps:
  - type: deviceName
    name: "Diag \${serial}"
  - type: shell
    label: Print the build fingerprint
    command: getprop ro.build.fingerprint
`;

// Both parts with steps that need no files: a v2 profile for Android phones and iPhones alike.
const MIXED_PROFILE = `schema: depotline.profile/v2
id: shared-handhelds
name: Shared handhelds
version: 3
description: Names every device after its serial, then restarts it.
android:
  preflight:
    androidVersion: { min: 12 }
  steps:
    - type: deviceName
      name: "Depot \${serial}"
    - type: reboot
ios:
  preflight:
    iosVersion: { min: 17, max: 18 }
    setupState: setUp
  steps:
    - type: deviceName
      name: "Depot \${serial}"
    - type: restart
      timeoutSeconds: 240
`;

async function importThroughDialog(page: Page, path: string) {
  await page.getByRole('button', { name: 'Import profile…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a staging profile' });
  await dialog.getByRole('textbox', { name: 'Profile file on this station' }).fill(path);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  return dialog;
}

test('sample profiles are imported from their path, listed, and a chosen profile shows its checks and steps', async ({
  app,
}) => {
  await openPage(app, 'Profiles');
  await expect(app.getByRole('heading', { name: 'No staging profiles yet' })).toBeVisible();

  const dialog = await importThroughDialog(app, sampleProfile('kiosk'));
  await expect(dialog).toBeHidden();
  await expect(app.getByText('Kiosk, version 1, with 6 steps.')).toBeVisible();
  const table = app.getByRole('table', { name: 'Staging profiles' });
  const kiosk = table.getByRole('row').filter({ hasText: 'Kiosk' });
  await expect(kiosk.getByRole('cell')).toHaveText([
    'Kiosk' + "Locked single-app kiosk on a stand, owned by the depot's DPC.",
    'kiosk',
    'Android',
    '1',
    '6',
    /kB$/,
    'No',
    /^[0-9a-f]{12}$/,
    /2\d{3}/,
  ]);

  // The new profile is shown at once: what it checks, then each step in order.
  const details = app.getByRole('region', { name: 'Kiosk · version 1' });
  await expect(details.getByRole('listitem').filter({ hasText: 'Battery at least 20 %' })).toBeVisible();
  await expect(details.getByRole('heading', { level: 3 }), 'a v1 profile is its Android part').toHaveText([
    'Android',
  ]);
  const steps = details.getByRole('list', { name: 'Android steps of Kiosk' }).getByRole('listitem');
  await expect(steps).toHaveCount(6);
  await expect(steps.first()).toHaveText('Install Install org.depotline.sample.dpc from apks/dpc.apk');
  await expect(steps.last()).toHaveText('Device name Name the phone “Kiosk ${serial}”');

  await importThroughDialog(app, sampleProfile('frontline-shared'));
  await expect(table.getByRole('row'), 'a header row and two profiles').toHaveCount(3);
  await table.getByRole('button', { name: 'Kiosk' }).click();
  await expect(app.getByRole('region', { name: 'Kiosk · version 1' })).toBeVisible();
  await table.getByRole('button', { name: 'Frontline shared device' }).click();
  const frontline = app.getByRole('region', { name: 'Frontline shared device · version 1' });
  await expect(
    frontline.getByRole('list', { name: 'Android steps of Frontline shared device' }).getByRole('listitem'),
  ).toHaveCount(7);
  await expect(frontline).toContainText('Android 11 or newer');
});

test('a v2 profile with an Android and an iOS part lists both platforms and shows each part, with no serious axe violations', async ({
  app,
}, testInfo) => {
  const mixed = testInfo.outputPath('shared-handhelds.yaml');
  await writeFile(mixed, MIXED_PROFILE);
  await openPage(app, 'Profiles');
  await importThroughDialog(app, mixed);
  await expect(app.getByText('Shared handhelds, version 3, with 4 steps.')).toBeVisible();
  const row = app
    .getByRole('table', { name: 'Staging profiles' })
    .getByRole('row')
    .filter({ hasText: 'Shared handhelds' });
  await expect(row.getByRole('cell').nth(2)).toHaveText('AndroidiOS');

  const details = app.getByRole('region', { name: 'Shared handhelds · version 3' });
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(['Android', 'iOS']);
  const android = details.getByRole('region', { name: 'Android' });
  await expect(android).toContainText('Android 12 or newer');
  await expect(
    android.getByRole('list', { name: 'Android steps of Shared handhelds' }).getByRole('listitem'),
  ).toHaveText(['Device name Name the phone “Depot ${serial}”', 'Restart Restart and wait up to 180 s']);

  const ios = details.getByRole('region', { name: 'iOS' });
  await expect(ios.getByRole('list', { name: 'Checked before staging' }).getByRole('listitem')).toHaveText([
    'Battery at least 20 %',
    'iOS 17 to 18',
    'Activation Lock off (an erased device stays usable)',
    'Set up (past Setup Assistant)',
    'Enough free storage for the apps',
  ]);
  await expect(
    ios.getByRole('list', { name: 'iOS steps of Shared handhelds' }).getByRole('listitem'),
  ).toHaveText(['Device name Name the phone “Depot ${serial}”', 'Restart Restart and wait up to 240 s']);
  expect(await seriousViolationsInBothSchemes(app), 'page').toEqual({ light: [], dark: [] });
});

test('a profile that does not validate is refused problem by problem, with its line; a shell profile is flagged wherever it is shown', async ({
  app,
}, testInfo) => {
  const bad = testInfo.outputPath('bad.yaml');
  const shell = testInfo.outputPath('diagnostics.yaml');
  await writeFile(bad, BAD_PROFILE);
  await writeFile(shell, SHELL_PROFILE);
  await openPage(app, 'Profiles');

  const dialog = await importThroughDialog(app, bad);
  await expect(dialog.getByText('The profile was not imported: 2 problems')).toBeVisible();
  const problems = dialog.getByRole('list', { name: 'Problems in the profile' }).getByRole('listitem');
  await expect(problems).toHaveText([
    'Line 2 id: must be lower-case letters, digits and dashes',
    'Line 8 steps.0.apk: must stay inside the profile’s folder (no "..")',
  ]);

  await dialog
    .getByRole('textbox', { name: 'Profile file on this station' })
    .fill(testInfo.outputPath('missing.yaml'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(problems).toHaveText([/cannot read the file \(ENOENT\)/]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    app.getByRole('heading', { name: 'No staging profiles yet' }),
    'nothing was imported',
  ).toBeVisible();

  await importThroughDialog(app, shell);
  const row = app
    .getByRole('table', { name: 'Staging profiles' })
    .getByRole('row')
    .filter({ hasText: 'Diagnostics' });
  await expect(row).toContainText('Runs shell commands');
  const details = app.getByRole('region', { name: 'Diagnostics · version 2' });
  await expect(details).toContainText('Runs shell commands');
  await expect(details.getByRole('listitem').filter({ hasText: 'Shell command' })).toHaveText(
    'Shell command Print the build fingerprint Run the shell command “getprop ro.build.fingerprint”',
  );

  await openPage(app, 'Settings');
  await app.getByRole('combobox', { name: 'Auto-stage profile' }).click();
  await expect(app.getByRole('option', { name: /Diagnostics \(diagnostics\)/ })).toContainText(
    'Runs shell commands',
  );
});

test('the Profiles page with a profile and its steps, and the import dialog with problems, have no serious or critical axe violations', async ({
  app,
}, testInfo) => {
  const bad = testInfo.outputPath('bad.yaml');
  const shell = testInfo.outputPath('diagnostics.yaml');
  await writeFile(bad, BAD_PROFILE);
  await writeFile(shell, SHELL_PROFILE);
  await openPage(app, 'Profiles');
  await importThroughDialog(app, sampleProfile('kiosk'));
  await importThroughDialog(app, shell);
  await expect(app.getByRole('region', { name: 'Diagnostics · version 2' })).toBeVisible();
  expect(await seriousViolationsInBothSchemes(app), 'page').toEqual({ light: [], dark: [] });

  const dialog = await importThroughDialog(app, bad);
  await expect(dialog.getByRole('list', { name: 'Problems in the profile' })).toBeVisible();
  // The page behind the modal is hidden from the accessibility tree; the dark theme is checked by CSS.
  const light = await seriousViolations(app);
  await app.emulateMedia({ colorScheme: 'dark' });
  await expect(app.locator('main')).toHaveCSS('background-color', 'rgb(41, 41, 41)');
  const dark = await seriousViolations(app, ['color-contrast', 'link-in-text-block']);
  expect({ light, dark }, 'import dialog').toEqual({ light: [], dark: [] });
});
