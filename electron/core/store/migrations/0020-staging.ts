import type { Migration } from './migration.ts';

/**
 * Staging: imported profiles (content-addressed, so a job names exactly what it ran), batches,
 * one job per device, and the step journal written before and after every step so that a
 * killed core resumes each job at its first unverified step.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'staging',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        content TEXT NOT NULL,        -- the validated profile as canonical JSON
        content_hash TEXT NOT NULL,   -- SHA-256 of content plus every referenced file's hash
        source_dir TEXT NOT NULL,     -- where its APKs and files are read from
        payload_bytes INTEGER NOT NULL, -- what the device must store: preflight checks free space
        imported_at TEXT NOT NULL,
        UNIQUE (profile_id, version)
      ) STRICT;

      CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        profile_row INTEGER NOT NULL REFERENCES profiles (id),
        technician TEXT NOT NULL,
        station TEXT NOT NULL,
        created_at TEXT NOT NULL,
        cancelled_at TEXT
      ) STRICT;

      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches (id),
        serial TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'preflight', 'running', 'waiting_for_device', 'done', 'failed', 'blocked', 'cancelled')),
        reasons TEXT NOT NULL DEFAULT '[]', -- JSON array: why blocked or failed, in the device's own words
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX jobs_batch ON jobs (batch_id, id);
      CREATE INDEX jobs_unfinished ON jobs (state, id) WHERE finished_at IS NULL;
      -- One live job per device: a second batch cannot stage a phone that is already staging.
      CREATE UNIQUE INDEX jobs_one_live_per_serial ON jobs (serial) WHERE finished_at IS NULL;

      CREATE TABLE job_steps (
        job_id INTEGER NOT NULL REFERENCES jobs (id),
        step_index INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'applying', 'verified', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        outcome TEXT,                 -- 'already-satisfied' | 'applied' when verified
        message TEXT,
        started_at TEXT,
        finished_at TEXT,
        PRIMARY KEY (job_id, step_index)
      ) STRICT;

      CREATE TABLE slots (
        slot_key TEXT PRIMARY KEY,    -- 'usb:1-1.3' from adb's usb path, 'tcp:127.0.0.1:6101' for the lab
        name TEXT NOT NULL
      ) STRICT;
    `);
  },
};
