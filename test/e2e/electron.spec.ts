// The desktop app end to end, through Playwright's Electron driver: a real window, the real
// preload and the core in its utilityProcess. Needs the Electron binary, which npm fetches
// from GitHub on first use; where it is missing (this project's CI machine cannot reach
// GitHub) the file skips with that reason instead of failing or trying to download.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DepotlineApi } from '../../electron/common/contract/index.ts';
import { buildElectron } from '../../scripts/build-electron.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The installed Electron executable, found as the electron package finds it, minus its download fallback. */
function electronBinary(): string | undefined {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(packageDir, 'dist', relative)
      : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

const binary = electronBinary();
test.skip(
  !binary,
  'Electron binary not installed: it is downloaded from GitHub, which this machine cannot reach; run where the binary exists (npx electron --version)',
);

/** What the page sees (this tsconfig has no DOM types; the renderer's are its own). */
type PageGlobals = typeof globalThis & {
  depotline?: DepotlineApi;
  require?: unknown;
  process?: unknown;
  module?: unknown;
  open(url: string): unknown;
  location: { href: string };
  Notification: { requestPermission(): Promise<string> };
};

let app: ElectronApplication;
let window: Page;
let dataDir: string;

test.beforeAll(async () => {
  await buildElectron();
  dataDir = mkdtempSync(join(tmpdir(), 'depotline-electron-e2e-'));
  app = await electron.launch({
    executablePath: binary,
    args: [ROOT],
    cwd: ROOT,
    // The shell resolves its data folder like `depotline serve`: this keeps the test's store,
    // and Chromium's profile, out of the user's.
    env: { ...process.env, DEPOTLINE_DATA_DIR: dataDir },
  });
  window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('opens the console from app://depotline/ with the shell rendered', async () => {
  expect(window.url()).toMatch(/^app:\/\/depotline\//);
  await expect(window).toHaveTitle(/Depotline/);
  await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('the window is sandboxed and isolated, and the page sees only window.depotline', async () => {
  // The preferences themselves are checked in the source by electronegativity; here, their effect.
  const seen = await window.evaluate(() => {
    const page = globalThis as PageGlobals;
    return {
      require: typeof page.require,
      process: typeof page.process,
      module: typeof page.module,
      api: page.depotline ? Object.keys(page.depotline).sort() : null,
    };
  });
  expect(seen).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    api: ['on', 'request'],
  });
});

test('a request round-trips to the core in its utility process', async () => {
  const info = await window.evaluate(() => (globalThis as PageGlobals).depotline!.request('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { name: 'Depotline', frontDoor: 'electron', dataDir } });
  const unknown = await window.evaluate(() =>
    (globalThis as PageGlobals).depotline!.request('nope' as never, undefined as never),
  );
  expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
});

test('connector secrets are kept with a safeStorage-wrapped key where the desktop offers one', async () => {
  const result = await window.evaluate(() =>
    (globalThis as PageGlobals).depotline!.request('sync.overview', {}),
  );
  if (!result.ok) throw new Error(result.error.message);
  const overview = result.value;
  // Linux desktops without a keyring give safeStorage only its "basic_text" backend, which
  // the shell refuses (the reason is then shown); everywhere else the key is wrapped by it.
  if (overview.secrets.source !== 'safeStorage') {
    expect(overview.secrets.reason).toMatch(/safeStorage|basic_text|keyring/);
    return;
  }
  expect(overview.secrets.available).toBe(true);
  expect(existsSync(join(dataDir, 'secrets.key.safe'))).toBe(true);
});

test('responses carry the CSP; new windows, navigation away and permissions are refused', async () => {
  const csp = await window.evaluate(async () =>
    (await fetch('/index.html')).headers.get('content-security-policy'),
  );
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");

  expect(await window.evaluate(() => (globalThis as PageGlobals).open('https://example.com/') === null)).toBe(
    true,
  );
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

  await window.evaluate(() => {
    (globalThis as PageGlobals).location.href = 'https://example.com/';
  });
  await window.waitForTimeout(500);
  expect(window.url()).toMatch(/^app:\/\/depotline\//);

  expect(await window.evaluate(() => (globalThis as PageGlobals).Notification.requestPermission())).toBe(
    'denied',
  );
});
