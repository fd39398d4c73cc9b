import type { Migration } from './migration.ts';
import { migration0010 } from './0010-initial.ts';
import { migration0020 } from './0020-staging.ts';
import { migration0030 } from './0030-asset-staging.ts';
import { migration0040 } from './0040-asset-registry.ts';
import { migration0050 } from './0050-job-platform.ts';
import { migration0060 } from './0060-bulk-asset-structures.ts';
import { migration0070 } from './0070-sync-outbox.ts';
import { migration0080 } from './0080-repair.ts';

/** Every migration, oldest first. Never edit one that has shipped; add the next. */
export const migrations: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;

/** Catches a mis-numbered registry at start-up rather than on a technician's database. */
export function assertMigrationOrder(list: readonly Migration[]): void {
  let previous = 0;
  for (const migration of list) {
    if (migration.version % 10 !== 0 || migration.version <= previous) {
      throw new Error(
        `migration ${migration.version} (${migration.name}) is out of order or not a step of 10 after ${previous}`,
      );
    }
    previous = migration.version;
  }
}
