import type { Migration } from './migration.ts';

/** First schema: station settings, a minimal asset record and the hash-chained audit log. */
export const migration0010: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL -- JSON, validated by SettingsSchema on read and write
      ) STRICT;

      CREATE TABLE assets (
        id INTEGER PRIMARY KEY,
        serial TEXT NOT NULL CHECK (length(serial) > 0),
        platform TEXT NOT NULL CHECK (platform IN ('android', 'ios')),
        manufacturer TEXT NOT NULL,
        model TEXT NOT NULL,
        os_version TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- One physical device, one record: serials are unique per manufacturer ("Samsung" = "samsung").
      CREATE UNIQUE INDEX assets_manufacturer_serial ON assets (manufacturer COLLATE NOCASE, serial);
      CREATE INDEX assets_updated_at ON assets (updated_at, id);
      CREATE INDEX assets_created_at ON assets (created_at, id);
      CREATE INDEX assets_serial ON assets (serial, id);
      CREATE INDEX assets_model ON assets (model, id);
      CREATE INDEX assets_manufacturer ON assets (manufacturer, id);
      CREATE INDEX assets_os_version ON assets (os_version, id);
      CREATE INDEX assets_state ON assets (state, id);

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        station TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        details TEXT NOT NULL, -- canonical JSON
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_subject ON audit_log (subject, seq);

      -- The head of the chain, written in the same transaction as each entry, so that a
      -- deleted tail is detected too (the chain alone cannot see its own last link vanish).
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      -- Append-only in the application: hand edits must first drop these, and verify finds them.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
