// Store micro-benchmark: 10,000 audited settings writes (each its own durable transaction, as
// a technician's changes are), then audit.verify over the chain they built. Baseline, in the
// same run and database mode: the same writes without the audit entry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.ts';
import { settingsQueries } from '../../electron/core/store/settings-queries.ts';
import { printBenchResult } from './report.ts';

const WRITES = Number(process.env.BENCH_STORE_WRITES ?? 10_000);

function timed<T>(work: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = work();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

const dir = mkdtempSync(join(tmpdir(), 'depotline-bench-store-'));
try {
  const core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
  const { db, settings } = core.context;

  const raw = settingsQueries(db);
  const rawWrite = db.transaction((i: number) => raw.upsert('benchBaseline', `Bench ${i}`));
  const [, baselineMs] = timed(() => {
    for (let i = 0; i < WRITES; i += 1) rawWrite.immediate(i);
  });

  const [, auditedMs] = timed(() => {
    for (let i = 0; i < WRITES; i += 1) settings.set({ stationName: `Station ${i + 1}` });
  });

  const [verification, verifyMs] = timed(() => core.context.audit.verify());
  core.close();
  if (!verification.ok || verification.entries !== WRITES)
    throw new Error(`chain did not verify: ${JSON.stringify(verification)}`);

  printBenchResult({
    bench: 'store',
    figures: {
      writes: WRITES,
      baseline_unaudited_ms: baselineMs,
      audited_ms: auditedMs,
      audited_writes_per_s: (WRITES / auditedMs) * 1000,
      verify_ms: verifyMs,
      verify_entries_per_s: (WRITES / verifyMs) * 1000,
    },
    ratios: {
      audited_vs_unaudited_write: auditedMs / baselineMs,
      verify_vs_audited_write: verifyMs / auditedMs,
    },
    goals: {
      audit_overhead: {
        description: 'an audited write costs at most 3× an unaudited one',
        met: auditedMs / baselineMs <= 3,
      },
      verify_speed: {
        description: 'verify walks 10,000 entries in under 1 s',
        met: verifyMs < 1000 * (WRITES / 10_000),
      },
    },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
