import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../common/models/settings.ts';
import type { Db } from '../store/db.ts';
import { settingsQueries } from '../store/settings-queries.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AuditEntry } from '../../common/models/audit.ts';

export interface SettingsChange {
  settings: Settings;
  /** Undefined when the patch changed nothing (and so nothing was audited). */
  auditEntry: AuditEntry | undefined;
}

/** Station settings, stored one row per key; every change is audited in the same transaction. */
export class SettingsService {
  readonly #db: Db;
  readonly #queries: ReturnType<typeof settingsQueries>;
  readonly #audit: AuditLog;

  constructor(db: Db, audit: AuditLog) {
    this.#db = db;
    this.#queries = settingsQueries(db);
    this.#audit = audit;
  }

  get(): Settings {
    const stored = Object.fromEntries(
      this.#queries.all().map((row) => [row.key, JSON.parse(row.value) as unknown]),
    );
    // A value from an older or hand-edited database that no longer validates falls back to
    // its default instead of keeping the whole station from starting.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const candidate = { ...DEFAULT_SETTINGS, [key]: stored[key] };
      if (key in stored && SettingsSchema.safeParse(candidate).success) merged[key] = stored[key];
    }
    return SettingsSchema.parse(merged);
  }

  /** The person and station an audit entry names. */
  who(): { actor: string; station: string } {
    const settings = this.get();
    return { actor: settings.technicianName || 'unnamed technician', station: settings.stationName };
  }

  set(patch: Partial<Settings>): SettingsChange {
    return this.#db
      .transaction((): SettingsChange => {
        const before = this.get();
        const after = SettingsSchema.parse({ ...before, ...patch });
        const changes: Record<string, { before: unknown; after: unknown }> = {};
        for (const key of Object.keys(patch) as (keyof Settings)[]) {
          if (before[key] !== after[key]) {
            changes[key] = { before: before[key], after: after[key] };
            this.#queries.upsert(key, after[key]);
          }
        }
        if (Object.keys(changes).length === 0) return { settings: after, auditEntry: undefined };
        // A technician who enters their own name is the actor of that very change.
        const auditEntry = this.#audit.append({
          actor: after.technicianName || before.technicianName || 'unnamed technician',
          station: after.stationName,
          action: 'settings.changed',
          subject: 'settings',
          details: { changes },
        });
        return { settings: after, auditEntry };
      })
      .immediate();
  }
}
