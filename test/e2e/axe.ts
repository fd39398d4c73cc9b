import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** webDarkTheme's colorNeutralBackground1: proof the dark theme is applied before scanning it. */
const DARK_BACKGROUND = 'rgb(41, 41, 41)';

/**
 * Serious and critical axe violations on the page as it is now, one readable line each.
 * Fluent's focus-trap helpers (`[data-tabster-dummy]`) trip aria-hidden-focus by design and
 * are the only thing excluded (docs/toolchain.md).
 */
export async function seriousViolations(page: Page, onlyRules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page }).exclude('[data-tabster-dummy]');
  if (onlyRules) builder.withRules(onlyRules);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/**
 * A full scan in the light theme, then the colour rules again in the dark one (the console
 * follows the OS scheme by default; only colours differ between the two). While a modal dialog
 * or drawer is open, main is hidden from the accessibility tree: pass the dialog as `darkProbe`.
 */
export async function seriousViolationsInBothSchemes(
  page: Page,
  darkProbe: Locator = page.getByRole('main'),
): Promise<Record<'light' | 'dark', string[]>> {
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await seriousViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(darkProbe).toHaveCSS('background-color', DARK_BACKGROUND);
  const dark = await seriousViolations(page, ['color-contrast', 'link-in-text-block']);
  await page.emulateMedia({ colorScheme: 'light' });
  return { light, dark };
}
