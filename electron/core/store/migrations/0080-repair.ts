import type { Migration } from './migration.ts';

/**
 * The repair bench: intakes (one open per asset), blocker overrides, the wipe job journal,
 * erasure certificates and the bench's settings.
 *
 * - A wipe job's phase is written before and after each step, so a restarted core follows the
 *   device through its reset instead of sending the wipe again; one live job per asset and per
 *   serial, enforced here, so a wipe requested twice is refused even when the requests race.
 * - Rows name their asset without a foreign key (as sync_outbox does): a certificate is a record
 *   of what was done to a device and must outlive a merge that removes the duplicate record.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'repair',
  up(db) {
    db.exec(`
      CREATE TABLE repair_intakes (
        id INTEGER PRIMARY KEY,
        asset_id INTEGER NOT NULL,
        serial TEXT NOT NULL, -- the asset's serial at intake: how the bench finds the device
        reason TEXT NOT NULL CHECK (reason IN ('leaver', 'broken', 'upgrade', 'lost_and_found')),
        condition_notes TEXT NOT NULL DEFAULT '',
        photos TEXT NOT NULL DEFAULT '[]', -- JSON array of file names under <data>/photos, never bytes
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        station TEXT NOT NULL,
        checklist TEXT, -- JSON: the last blocker facts read, as a checklist (without overrides)
        checked_at TEXT,
        diagnostics TEXT, -- JSON Diagnostics
        diagnosed_at TEXT,
        proposed_grade TEXT CHECK (proposed_grade IN ('A', 'B', 'C', 'D')),
        proposal_reasons TEXT NOT NULL DEFAULT '[]',
        grade TEXT CHECK (grade IN ('A', 'B', 'C', 'D')),
        graded_by TEXT,
        graded_at TEXT,
        grade_note TEXT,
        closed_at TEXT,
        close_reason TEXT
      ) STRICT;
      CREATE UNIQUE INDEX repair_intakes_one_open ON repair_intakes (asset_id) WHERE closed_at IS NULL;
      CREATE INDEX repair_intakes_asset ON repair_intakes (asset_id, id);

      CREATE TABLE repair_overrides (
        intake_id INTEGER NOT NULL REFERENCES repair_intakes (id),
        code TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) >= 10),
        actor TEXT NOT NULL,
        station TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (intake_id, code)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE repair_jobs (
        id INTEGER PRIMARY KEY,
        intake_id INTEGER NOT NULL REFERENCES repair_intakes (id),
        asset_id INTEGER NOT NULL,
        serial TEXT NOT NULL,
        platform TEXT NOT NULL CHECK (platform IN ('android', 'ios')),
        method TEXT NOT NULL CHECK (method IN ('android-testharness', 'android-device-owner', 'android-recovery', 'ios-erase-device')),
        destination TEXT NOT NULL,
        phase TEXT NOT NULL CHECK (phase IN ('started', 'accepted', 'device_gone', 'device_back', 'verified', 'not_verified', 'failed')),
        expected TEXT NOT NULL, -- JSON: the device as known before the wipe (identity for the readback, certificate facts)
        instructions TEXT NOT NULL DEFAULT '[]',
        checks TEXT NOT NULL DEFAULT '[]', -- JSON: the readback checks
        message TEXT,
        wait_until TEXT, -- until when the job waits for the device, kept across a restart
        actor TEXT NOT NULL, -- the technician who started the wipe (the certificate names them)
        station TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        confirmed_by TEXT,
        confirmed_at TEXT,
        confirm_note TEXT,
        certificate_error TEXT,
        CHECK ((finished_at IS NULL) = (phase IN ('started', 'accepted', 'device_gone', 'device_back')))
      ) STRICT;
      CREATE UNIQUE INDEX repair_jobs_one_live_per_asset ON repair_jobs (asset_id) WHERE finished_at IS NULL;
      CREATE UNIQUE INDEX repair_jobs_one_live_per_serial ON repair_jobs (serial) WHERE finished_at IS NULL;
      CREATE INDEX repair_jobs_intake ON repair_jobs (intake_id, id);

      CREATE TABLE erasure_certificates (
        id TEXT PRIMARY KEY, -- the certificate's own id (a UUID)
        asset_id INTEGER NOT NULL,
        job_id INTEGER NOT NULL UNIQUE REFERENCES repair_jobs (id),
        issued_at TEXT NOT NULL,
        verification TEXT NOT NULL CHECK (verification IN ('passed', 'not verified by device readback')),
        json_path TEXT NOT NULL,
        pdf_path TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
      ) STRICT;
      CREATE INDEX erasure_certificates_asset ON erasure_certificates (asset_id, issued_at);

      CREATE TABLE repair_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL -- JSON, validated by RepairSettingsSchema on read and write
      ) STRICT;
    `);
  },
};
