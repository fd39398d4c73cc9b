import { test as base, expect, type Page } from '@playwright/test';
import { startStation, type Station, type StationOptions } from './station.ts';

interface Fixtures {
  /** Set per file with `test.use({ stationOptions: { … } })`. */
  stationOptions: StationOptions;
  /** A fresh `depotline serve` (own data directory) for each test. */
  station: Station;
  /** Console errors, page errors and CSP violations seen so far; any left at the end fail the test. */
  problems: Problems;
  /** The console, opened through the station's token URL. */
  app: Page;
}

export interface Problems {
  readonly seen: string[];
  /** For a test that provokes errors on purpose (e.g. stops the core): drop the ones it expects. */
  allow(pattern: RegExp): void;
}

export const test = base.extend<Fixtures>({
  stationOptions: [{}, { option: true }],
  station: async ({ stationOptions }, use) => {
    const station = await startStation(stationOptions);
    await use(station);
    await station.stop();
  },
  problems: async ({ page }, use) => {
    const seen = await watchForProblems(page);
    const allowed: RegExp[] = [];
    await use({ seen, allow: (pattern) => allowed.push(pattern) });
    const unexpected = seen.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
    expect(unexpected, 'console errors, page errors or CSP violations').toEqual([]);
  },
  app: async ({ page, station, problems: _problems }, use) => {
    await page.goto(station.openUrl);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await use(page);
  },
});

export { expect };

const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) => {
  console.error('CSP violation: ' + event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline code'));
});`;

/**
 * Collects console errors, uncaught page errors and CSP violations. Chromium reports CSP
 * violations outside the console API, so a script (injected by the driver, not subject to
 * the page's CSP) turns each `securitypolicyviolation` event into a console error.
 */
export async function watchForProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  // A string: this file is typed for Node, without the DOM.
  await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Opens a page of the console through its navigation, as a user would. */
export async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
}

export function statusBar(page: Page) {
  return page.getByRole('contentinfo');
}
