import type { Page } from '@playwright/test';
import { test, expect, openPage } from './fixtures.ts';
import { seriousViolations, seriousViolationsInBothSchemes } from './axe.ts';
import { importProfile, LabControl, sampleProfile } from './lab-control.ts';

// Phone 0 waits on its USB-debugging prompt; the others are set up below.
test.use({ stationOptions: { lab: { phones: 8, faults: 'unauthorized=1' } } });

const NO_VIOLATIONS = { light: [], dark: [] };

/**
 * As seriousViolationsInBothSchemes, while a modal is open: the page behind it is hidden from
 * the accessibility tree, so the dark theme is confirmed on the main element by CSS instead.
 */
async function seriousViolationsWithModal(page: Page): Promise<Record<'light' | 'dark', string[]>> {
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await seriousViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('main')).toHaveCSS('background-color', 'rgb(41, 41, 41)');
  const dark = await seriousViolations(page, ['color-contrast', 'link-in-text-block']);
  await page.emulateMedia({ colorScheme: 'light' });
  return { light, dark };
}

test('the Bench with tiles in every kind of state, its dialogs and a job log have no serious or critical axe violations', async ({
  app,
  station,
}) => {
  test.setTimeout(120_000);
  const lab = LabControl.of(station);
  const slots = (await lab.phones()).map((phone) => `Lab ${phone.port}`);
  await Promise.all([1, 3, 4, 5, 6, 7].map((index) => lab.setBattery(index, 90)));
  await lab.setBattery(2, 5);
  await lab.failNextInstall(3);
  await lab.hangNextInstall(4);
  await lab.addAccount(5, 'ola@example.com');
  await importProfile(station, sampleProfile('kiosk'));
  await importProfile(
    station,
    new URL('../../resources/profiles/frontline-shared.yaml', import.meta.url).pathname,
  );

  await openPage(app, 'Bench');
  const tile = (index: number) => app.getByRole('group', { name: new RegExp(`^${slots[index]}: `) });
  await expect(tile(7)).toHaveAccessibleName(`${slots[7]}: Ready`);
  await app.getByRole('checkbox', { name: 'Select all' }).check();
  await app.getByRole('button', { name: 'Stage with profile… (7)' }).click();
  const stage = app.getByRole('dialog', { name: 'Stage 7 phones' });
  await expect(stage.getByText('1 selected phone is busy or not ready and is left out.')).toBeVisible();
  await stage.getByRole('radio', { name: /Kiosk/ }).check();
  expect(await seriousViolationsWithModal(app), 'stage dialog').toEqual(NO_VIOLATIONS);
  await stage.getByRole('button', { name: 'Start staging' }).click();

  await expect.poll(() => lab.installStarted(4)).toBe(true);
  await lab.yank(4);
  for (const [index, state] of [
    [0, 'Needs approval'],
    [1, 'Done'],
    [2, 'Blocked'],
    [3, 'Failed'],
    [4, 'Waiting for device'],
    [5, 'Blocked'],
    [6, 'Done'],
    [7, 'Done'],
  ] as const) {
    await expect(tile(index)).toHaveAccessibleName(`${slots[index]}: ${state}`);
  }
  await tile(3).click(); // one ticked tile too
  expect(await seriousViolationsInBothSchemes(app), 'bench').toEqual(NO_VIOLATIONS);

  await tile(3).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog', { name: `Job log: ${slots[3]}` }).getByRole('row')).toHaveCount(7);
  expect(await seriousViolationsWithModal(app), 'job log').toEqual(NO_VIOLATIONS);
});
