import {
  DEFAULT_REPAIR_SETTINGS,
  RepairSettingsSchema,
  type RepairSettings,
} from '../../common/models/repair.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { RepairQueries } from '../store/repair-queries.ts';
import type { Who } from '../assets/assets-service.ts';

/**
 * The repair bench's settings (depot organisation, the depot's device-owner apps, the fleet's
 * minimum OS versions, default wipe methods, the station's location for certificates), one row
 * per key in `repair_settings`; every change audited in its transaction. Kept apart from the
 * station settings, which belong to another part of the core.
 */
export class RepairSettingsStore {
  readonly #db: Db;
  readonly #queries: RepairQueries;
  readonly #audit: AuditLog;

  constructor(db: Db, queries: RepairQueries, audit: AuditLog) {
    this.#db = db;
    this.#queries = queries;
    this.#audit = audit;
  }

  get(): RepairSettings {
    const stored = new Map(
      this.#queries.settings().map((row) => [row.key, JSON.parse(row.value) as unknown]),
    );
    // A stored value that no longer validates falls back to its default rather than failing the bench.
    const merged: Record<string, unknown> = { ...DEFAULT_REPAIR_SETTINGS };
    for (const key of Object.keys(DEFAULT_REPAIR_SETTINGS)) {
      if (!stored.has(key)) continue;
      const candidate = { ...DEFAULT_REPAIR_SETTINGS, [key]: stored.get(key) };
      if (RepairSettingsSchema.safeParse(candidate).success) merged[key] = stored.get(key);
    }
    return RepairSettingsSchema.parse(merged);
  }

  set(patch: Partial<RepairSettings>, who: Who): RepairSettings {
    return this.#db
      .transaction(() => {
        const before = this.get();
        const after = RepairSettingsSchema.parse({ ...before, ...patch });
        const changes: Record<string, { before: unknown; after: unknown }> = {};
        for (const key of Object.keys(patch) as (keyof RepairSettings)[]) {
          if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
          changes[key] = { before: before[key], after: after[key] };
          this.#queries.upsertSetting(key, after[key]);
        }
        if (Object.keys(changes).length > 0)
          this.#audit.append({
            ...who,
            action: 'repair.settings_changed',
            subject: 'settings',
            details: { changes },
          });
        return after;
      })
      .immediate();
  }
}
