/**
 * Where an import's time goes, phase by phase. Only the benchmark asks for it (the option is
 * absent in the app), so the import does not pay for timers nobody reads.
 */
export const IMPORT_PHASES = [
  /** Reading the file: encoding detection, decoding, CSV splitting. */
  'parse',
  /** Cells into typed fields, checked by the model's zod schema. */
  'validate',
  /** Rows into the import's TEMP tables, duplicates within the file, custom fields. */
  'stage',
  /** Tag, serial and IMEI against the registry. */
  'conflicts',
  /** Asset, IMEI and tag rows, and updates of existing assets. */
  'insert',
  /** The hash-chained audit entries. */
  'audit',
  /** Model and state counts. */
  'counts',
  /** COMMIT: the WAL written and synced. */
  'commit',
] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export class ImportPhases {
  readonly wallMs = new Map<ImportPhase, number>();
  readonly cpuMs = new Map<ImportPhase, number>();

  /** Times one call; CPU too (the machine is shared, so wall time alone misleads). */
  time<T>(phase: ImportPhase, work: () => T): T {
    const start = performance.now();
    const cpu = process.cpuUsage();
    try {
      return work();
    } finally {
      const used = process.cpuUsage(cpu);
      this.add(phase, performance.now() - start, (used.user + used.system) / 1000);
    }
  }

  /** Adds time measured by the caller (per-row work summed without a syscall per row). */
  add(phase: ImportPhase, wallMs: number, cpuMs?: number): void {
    this.wallMs.set(phase, (this.wallMs.get(phase) ?? 0) + wallMs);
    if (cpuMs !== undefined) this.cpuMs.set(phase, (this.cpuMs.get(phase) ?? 0) + cpuMs);
  }
}
