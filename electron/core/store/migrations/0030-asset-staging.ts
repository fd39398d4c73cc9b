import type { Migration } from './migration.ts';

/** What an asset remembers of its last staging: which profile (and version), when, by whom, where. */
export const migration0030: Migration = {
  version: 30,
  name: 'asset-staging',
  up(db) {
    db.exec(`
      ALTER TABLE assets ADD COLUMN staged_profile TEXT;
      ALTER TABLE assets ADD COLUMN staged_profile_version INTEGER;
      ALTER TABLE assets ADD COLUMN staged_at TEXT;
      ALTER TABLE assets ADD COLUMN staged_by TEXT;
      ALTER TABLE assets ADD COLUMN staged_station TEXT;
    `);
  },
};
