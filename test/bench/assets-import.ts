// CSV import benchmark: a supplier delivery list of 100,000 rows (BENCH_CSV_ROWS) written to a
// file, then the whole import as a user runs it: read as a stream, encoding and delimiter
// detected, columns mapped by header, every row validated, the bulk writer's checks and one
// all-or-nothing commit. Reports time and peak memory beside the file's size.
// Standalone (`npm run bench -- assets-import`) on an empty station; `csvImportSection` runs
// the same on the assets bench's seeded million-asset fleet.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/core.ts';
import { importTargetsOf } from '../../electron/core/imports/imports-handlers.ts';
import { runImport } from '../../electron/core/imports/import-service.ts';
import { IMPORT_PHASES, ImportPhases } from '../../electron/core/assets/import-phases.ts';
import { printBenchResult } from './report.ts';
import { MODELS, imeiFrom, serialFor } from './assets/fleet-data.ts';
import type { BenchSection, SectionResult } from './assets/section.ts';

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 100_000);
const MB = 1024 * 1024;

/**
 * Writes the delivery list the way suppliers send them: semicolons, a Norwegian header mix,
 * comma-decimal prices with a no-break space, DD.MM.YYYY dates. Tags, serials and IMEIs use
 * prefixes the seeded fleet and the bulk-writer section do not, so every row is new.
 */
async function writeDeliveryList(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(
    '\ufeffAsset tag;Serienummer;Produsent;Modell;IMEI;Pris;Innkjøpsdato;Warranty;PO;Supplier;Storage;Tags\r\n',
  );
  for (let i = 0; i < rows; i += 1) {
    const model = MODELS[i % MODELS.length]!;
    const imei = imeiFrom(`99${String(i).padStart(12, '0')}`);
    await write(
      `CSV-${String(i).padStart(7, '0')};${serialFor(`C${model.serial}`, i)};${model.manufacturer};${model.model};${imei};4\u00a0599,00;20.11.2026;2029-11-20;PO-2026-88;Atea;128 GB;delivery-88\r\n`,
    );
  }
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

/** CPU time (user + system) since `since`: on a shared machine, what the work itself cost. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Peak heap and RSS above where they were when sampling began, sampled every 20 ms. */
function memoryPeaks() {
  global.gc?.();
  const base = process.memoryUsage();
  const peak = { heap: 0, rss: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    peak.heap = Math.max(peak.heap, now.heapUsed - base.heapUsed);
    peak.rss = Math.max(peak.rss, now.rss - base.rss);
  };
  const timer = setInterval(sample, 20);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

/** The longest gap between ticks of a 5 ms timer, from now until the returned stop is called. */
function longestStall(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

/** The committing import's phases: wall time each, CPU time where the phase is one block. */
function phaseFigures(phases: ImportPhases): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const phase of IMPORT_PHASES) {
    const wall = phases.wallMs.get(phase);
    if (wall === undefined) continue;
    figures[`csv_phase_${phase}_ms`] = wall;
    const cpu = phases.cpuMs.get(phase);
    if (cpu !== undefined) figures[`csv_phase_${phase}_cpu_ms`] = cpu;
  }
  return figures;
}

export async function benchCsvImport(core: Core, dir: string): Promise<SectionResult> {
  const path = join(dir, 'delivery-88.csv');
  const bytes = await writeDeliveryList(path, ROWS);
  const source = { importId: 'bench', kind: 'assets', fileName: 'delivery-88.csv', path } as const;

  // The file side alone (read, map, validate), the writer answering "nothing to do": what the
  // import costs before the store's checks and inserts.
  const targets = importTargetsOf(core.context);
  const readStart = process.hrtime.bigint();
  const readCpu = process.cpuUsage();
  const read = await runImport(
    {
      ...targets,
      importAssets: () => ({ committed: false, created: 0, updated: 0, issues: [], conflicts: [] }),
    },
    source,
    { commit: false, updateExisting: false },
  );
  const readMs = Number(process.hrtime.bigint() - readStart) / 1e6;
  const readCpuMs = cpuMs(readCpu);
  if (read.validRows !== ROWS) throw new Error(`rows refused: ${JSON.stringify(read.issues.slice(0, 3))}`);

  const stop = memoryPeaks();
  const phases = new ImportPhases();
  // The longest the core's event loop waits during the import: what a station's other work
  // (device polls, the windows' requests) would wait behind it.
  const stalls = longestStall();
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const report = await runImport(targets, source, { commit: true, updateExisting: false, phases });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const importCpuMs = cpuMs(cpu);
  const stallMs = stalls();
  const peak = stop();
  rmSync(path);
  if (!report.committed || report.created !== ROWS)
    throw new Error(
      `import did not commit: ${JSON.stringify({ ...report, sample: [], issues: report.issues.slice(0, 3) })}`,
    );
  return {
    figures: {
      csv_rows: ROWS,
      csv_file_mb: bytes / MB,
      csv_read_validate_ms: readMs,
      csv_read_validate_cpu_ms: readCpuMs,
      csv_import_ms: ms,
      csv_import_cpu_ms: importCpuMs,
      csv_rows_per_s: (ROWS / ms) * 1000,
      csv_peak_heap_growth_mb: peak.heap / MB,
      csv_peak_rss_growth_mb: peak.rss / MB,
      csv_longest_loop_stall_ms: stallMs,
      ...phaseFigures(phases),
    },
    goals: {
      csv_import: {
        description: `${ROWS.toLocaleString('en')}-row CSV file → committed in < 10 s`,
        met: ms < 10_000 * (ROWS / 100_000),
      },
    },
  };
}

export const csvImportSection: BenchSection = {
  name: 'csv-import',
  run: (core) => {
    const dir = mkdtempSync(join(tmpdir(), 'depotline-bench-csv-'));
    return benchCsvImport(core, dir).finally(() => rmSync(dir, { recursive: true, force: true }));
  },
};

if (import.meta.main) {
  const dir = mkdtempSync(join(tmpdir(), 'depotline-bench-csv-'));
  try {
    const core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
    try {
      const { figures, goals } = await benchCsvImport(core, dir);
      printBenchResult({ bench: 'assets-import', figures, ratios: {}, goals });
    } finally {
      core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
