// The assets benchmark is built from sections (seed once, then each measures its part), so
// the import, export and table-render figures can be added as modules of their own.
import type { BenchGoal } from '../report.ts';
import type { Core } from '../../../electron/core/core.ts';
import type { SeededFleet } from './seed.ts';

export interface SectionResult {
  figures: Record<string, number>;
  goals: Record<string, BenchGoal>;
}

export interface BenchSection {
  name: string;
  run(core: Core, fleet: SeededFleet): SectionResult | Promise<SectionResult>;
}

/** Milliseconds each call of `work` takes, one sample per input. */
export function sample<T>(inputs: readonly T[], work: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const start = process.hrtime.bigint();
    work(input);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function timed<T>(work: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = work();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}
