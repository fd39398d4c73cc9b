import type { Migration } from './migration.ts';

/**
 * A staging job runs the part of its profile that matches the device's platform, so the
 * journal must know which part each job runs: step N of an iPhone's job is not step N of
 * an Android phone's. Every job before this migration was an Android job.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'job-platform',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN platform TEXT NOT NULL DEFAULT 'android' CHECK (platform IN ('android', 'ios'));
    `);
  },
};
