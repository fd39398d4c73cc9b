// The asset table's first render in Chromium against a station serving a large fleet: from
// navigation to the first rows on screen, over several loads. Two figures: a full page load of
// #/assets (bundle, connection, first window of assets.list, render) and an in-app navigation
// to the Assets page (what a technician sees when they click it). Goal: first render < 300 ms.
//
// A section of the assets benchmark (test/bench/assets.ts runs it on its seeded fleet), and a
// benchmark of its own: `npm run bench -- assets-render` seeds BENCH_ASSETS (1,000,000) first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createCore, type Core } from '../../electron/core/core.ts';
import { startStation } from '../../electron/station/station-server.ts';
import playwrightConfig from '../../playwright.config.ts';
import { build } from 'vite';
import { printBenchResult } from './report.ts';
import { BLOCK_SIZE } from '../../renderer/features/assets/asset-columns.ts';
import { seedFleet } from './assets/seed.ts';
import { percentile, timed, type BenchSection, type SectionResult } from './assets/section.ts';

const LOADS = Number(process.env.BENCH_RENDER_LOADS ?? 15);
const GOAL_MS = 300;
const VITE_CONFIG = resolve(import.meta.dirname, '../../renderer/vite.config.ts');
/** A rendered data row of the asset table with its serial button: the first row the user can read. */
const FIRST_ROW = '[role="table"] [role="row"][aria-rowindex="2"] button';

// Runs in the page before its own scripts: notes when the first data row is in the DOM, then
// waits one animation frame so the figure includes the paint that shows it.
const WATCH_FIRST_ROW = `
  window.__firstRowAt = undefined;
  new MutationObserver(() => {
    if (window.__firstRowAt !== undefined || window.__waiting) return;
    if (!document.querySelector(${JSON.stringify(FIRST_ROW)})) return;
    window.__waiting = true;
    requestAnimationFrame(() => { window.__firstRowAt = performance.now(); window.__waiting = false; });
  }).observe(document, { childList: true, subtree: true, attributes: true });
`;

/** The page's globals this benchmark uses (this file is typed for Node, without the DOM). */
type PageGlobals = {
  __firstRowAt?: number;
  location: { hash: string };
  performance: { now(): number; getEntriesByName(name: string): { startTime: number }[] };
};

async function firstRowAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).__firstRowAt,
    undefined,
    {
      timeout: 30_000,
    },
  );
  return Number(await handle.jsonValue());
}

/** Milliseconds from navigation to the first rows painted, for full loads and in-app navigations. */
export async function measureTableRender(
  core: Core,
  loads = LOADS,
): Promise<{ fullLoad: number[]; firstPaint: number[]; inApp: number[] }> {
  // Its own build of the current sources: dist/renderer is rebuilt (emptied first) by every
  // Playwright run, which would pull the files from under a running benchmark.
  const rendererDir = mkdtempSync(join(tmpdir(), 'depotline-bench-renderer-'));
  await build({
    configFile: VITE_CONFIG,
    logLevel: 'error',
    build: { outDir: rendererDir, emptyOutDir: true },
  });
  const station = await startStation({ core, host: '127.0.0.1', port: 0, rendererDir });
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_FIRST_ROW });
    await page.goto(station.openUrl); // trades the token for the cookie
    const assetsUrl = new URL('/#/assets', station.url).href;
    await page.goto(assetsUrl);
    await firstRowAt(page); // warm-up: the HTTP cache and the core's statement cache

    const fullLoad: number[] = [];
    const firstPaint: number[] = [];
    for (let i = 0; i < loads; i += 1) {
      await page.goto('about:blank');
      await page.goto(assetsUrl);
      // performance.now() counts from the navigation's start.
      fullLoad.push(await firstRowAt(page));
      firstPaint.push(
        await page.evaluate(() => {
          const { performance } = globalThis as unknown as PageGlobals;
          return performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
        }),
      );
    }

    const inApp: number[] = [];
    for (let i = 0; i < loads; i += 1) {
      await page.evaluate(() => {
        (globalThis as unknown as PageGlobals).location.hash = '#/bench';
      });
      await page.waitForSelector(FIRST_ROW, { state: 'detached' });
      const started = await page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        page.__firstRowAt = undefined;
        const at = page.performance.now();
        page.location.hash = '#/assets';
        return at;
      });
      inApp.push((await firstRowAt(page)) - started);
    }
    await context.close();
    return { fullLoad, firstPaint, inApp };
  } finally {
    await browser.close();
    await station.close();
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

export const tableRenderSection: BenchSection = {
  name: 'table-render',
  async run(core): Promise<SectionResult> {
    // The core's share of a first render: the first window the page asks for (default query,
    // 100 rows and the total), through the dispatcher with its input and output checks.
    const firstWindow: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const start = process.hrtime.bigint();
      const result = await core.dispatch('assets.list', { offset: 0, limit: BLOCK_SIZE });
      firstWindow.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!result.ok) throw new Error(`assets.list failed: ${result.error.message}`);
    }
    const { fullLoad, firstPaint, inApp } = await measureTableRender(core);
    const inAppP95 = percentile(inApp, 95);
    return {
      figures: {
        table_render_loads: fullLoad.length,
        table_first_window_core_p50_ms: percentile(firstWindow, 50),
        table_first_window_core_p95_ms: percentile(firstWindow, 95),
        table_render_full_load_p50_ms: percentile(fullLoad, 50),
        table_render_full_load_p95_ms: percentile(fullLoad, 95),
        app_first_contentful_paint_p50_ms: percentile(firstPaint, 50),
        table_render_in_app_p50_ms: percentile(inApp, 50),
        table_render_in_app_p95_ms: inAppP95,
      },
      goals: {
        table_render_in_app: {
          description: `opening the Assets page shows the first rows within ${GOAL_MS} ms (p95)`,
          met: inAppP95 < GOAL_MS,
        },
      },
    };
  },
};

if (import.meta.main) {
  const assets = Number(process.env.BENCH_ASSETS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'depotline-bench-render-'));
  try {
    const seedCore = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
    const [fleet, seedMs] = timed(() => seedFleet(seedCore.context.db, assets, Math.ceil(assets / 10)));
    seedCore.context.db.pragma('optimize=0x10002');
    seedCore.close();
    const core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
    try {
      const { figures, goals } = await tableRenderSection.run(core, fleet);
      printBenchResult({
        bench: 'assets-render',
        figures: { assets, seed_ms: seedMs, ...figures },
        ratios: {},
        goals,
      });
    } finally {
      core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
