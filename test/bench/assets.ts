// Asset registry benchmark: a fleet of 1,000,000 assets (BENCH_ASSETS to change), then each
// section in test/bench/assets/ measures its part against the goals. Sections are
// separate modules so the CSV import, export and table-render figures join the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.ts';
import { printBenchResult, type BenchResult } from './report.ts';
import { seedFleet } from './assets/seed.ts';
import { timed, type BenchSection } from './assets/section.ts';
import { lookupSection } from './assets/lookups.ts';
import { searchSection } from './assets/search.ts';
import { bulkImportSection } from './assets/bulk-import.ts';
import { csvImportSection } from './assets-import.ts';
import { tableRenderSection } from './assets-render.ts';

const ASSETS = Number(process.env.BENCH_ASSETS ?? 1_000_000);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);

/** In run order; the bulk import goes last because it grows the fleet. */
const ALL_SECTIONS: BenchSection[] = [
  lookupSection,
  searchSection,
  tableRenderSection,
  bulkImportSection,
  csvImportSection,
];
/** BENCH_SECTIONS=csv-import (comma-separated names) runs only those on the seeded fleet. */
const only = process.env.BENCH_SECTIONS?.split(',').map((name) => name.trim());
const SECTIONS = only ? ALL_SECTIONS.filter((section) => only.includes(section.name)) : ALL_SECTIONS;
if (only && SECTIONS.length !== only.length)
  throw new Error(`BENCH_SECTIONS: known sections are ${ALL_SECTIONS.map((s) => s.name).join(', ')}`);

const dir = mkdtempSync(join(tmpdir(), 'depotline-bench-assets-'));
try {
  const seedCore = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
  const [fleet, seedMs] = timed(() => seedFleet(seedCore.context.db, ASSETS, PEOPLE));
  // What the app does at close (PRAGMA optimize): planner statistics for the seeded tables.
  const [, analyzeMs] = timed(() => seedCore.context.db.pragma('optimize=0x10002'));
  seedCore.close();
  process.stdout.write(`seeded ${ASSETS} assets and ${PEOPLE} people in ${(seedMs / 1000).toFixed(1)} s\n`);

  // A fresh core on the seeded file, as a station opening its database in the morning.
  const core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
  const result: BenchResult = {
    bench: 'assets',
    figures: { assets: ASSETS, people: PEOPLE, seed_ms: seedMs, analyze_ms: analyzeMs },
    ratios: {},
    goals: {},
  };
  try {
    for (const section of SECTIONS) {
      const { figures, goals } = await section.run(core, fleet);
      process.stdout.write(`${section.name}: done\n`);
      Object.assign(result.figures, figures);
      Object.assign(result.goals, goals);
    }
  } finally {
    core.close();
  }
  printBenchResult(result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
