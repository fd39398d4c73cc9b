import type { Migration } from './migration.ts';

/**
 * The asset registry: the full asset record, IMEIs, people and their assignments, custom
 * fields, saved filters and rollout-day rosters.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'asset-registry',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) > 0),
        email TEXT,
        employee_id TEXT,
        badge TEXT,
        department TEXT,
        cost_centre TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- A scan of a badge, an employee id or an email must name one person.
      CREATE UNIQUE INDEX people_email ON people (email COLLATE NOCASE) WHERE email IS NOT NULL;
      CREATE UNIQUE INDEX people_employee_id ON people (employee_id COLLATE NOCASE) WHERE employee_id IS NOT NULL;
      CREATE UNIQUE INDEX people_badge ON people (badge) WHERE badge IS NOT NULL;
      CREATE INDEX people_name ON people (name COLLATE NOCASE, id);
      CREATE INDEX people_department ON people (department, id);

      ALTER TABLE assets ADD COLUMN asset_tag TEXT;
      ALTER TABLE assets ADD COLUMN storage_gb INTEGER;
      ALTER TABLE assets ADD COLUMN udid TEXT;
      ALTER TABLE assets ADD COLUMN ecid TEXT;
      ALTER TABLE assets ADD COLUMN purchase_order TEXT;
      ALTER TABLE assets ADD COLUMN supplier TEXT;
      ALTER TABLE assets ADD COLUMN purchase_date TEXT;
      ALTER TABLE assets ADD COLUMN price_minor INTEGER;
      ALTER TABLE assets ADD COLUMN currency TEXT;
      ALTER TABLE assets ADD COLUMN warranty_end TEXT;
      ALTER TABLE assets ADD COLUMN location TEXT;
      ALTER TABLE assets ADD COLUMN role_profile TEXT;
      ALTER TABLE assets ADD COLUMN condition_grade TEXT;
      ALTER TABLE assets ADD COLUMN battery_health INTEGER;
      ALTER TABLE assets ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'; -- JSON array of strings
      ALTER TABLE assets ADD COLUMN notes TEXT NOT NULL DEFAULT '';
      ALTER TABLE assets ADD COLUMN custom TEXT NOT NULL DEFAULT '{}'; -- JSON object by custom field key
      -- The current holder, kept with the assignment in one transaction, so the table can
      -- filter and sort by department without a join per row.
      ALTER TABLE assets ADD COLUMN assignee_id INTEGER REFERENCES people (id);
      CREATE UNIQUE INDEX assets_asset_tag ON assets (asset_tag COLLATE NOCASE) WHERE asset_tag IS NOT NULL;
      -- The table sorts by tag too; the partial unique index above cannot serve a full ordering.
      CREATE INDEX assets_asset_tag_order ON assets (asset_tag, id);
      CREATE UNIQUE INDEX assets_udid ON assets (udid) WHERE udid IS NOT NULL;
      CREATE INDEX assets_warranty_end ON assets (warranty_end, id);
      CREATE INDEX assets_assignee ON assets (assignee_id) WHERE assignee_id IS NOT NULL;

      -- IMEIs are unique across the fleet (a dual-SIM phone has two). The reversed digits make
      -- "the last six digits off the label" an index range instead of a scan.
      CREATE TABLE asset_imeis (
        imei TEXT PRIMARY KEY CHECK (length(imei) = 15),
        imei_reversed TEXT NOT NULL,
        asset_id INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
        -- 0 for the first SIM slot, 1 for the second: the order the label and the phone show.
        position INTEGER NOT NULL CHECK (position IN (0, 1))
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX asset_imeis_reversed ON asset_imeis (imei_reversed);
      CREATE INDEX asset_imeis_asset ON asset_imeis (asset_id);

      CREATE TABLE assignments (
        id INTEGER PRIMARY KEY,
        asset_id INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people (id),
        assigned_at TEXT NOT NULL,
        assigned_by TEXT NOT NULL,
        station TEXT NOT NULL,
        -- The asset's state before the handover, so an undo puts it back exactly.
        previous_state TEXT NOT NULL,
        ended_at TEXT,
        ended_by TEXT,
        end_reason TEXT CHECK (end_reason IN ('returned', 'undone', 'reassigned'))
      ) STRICT;
      -- One holder at a time.
      CREATE UNIQUE INDEX assignments_current ON assignments (asset_id) WHERE ended_at IS NULL;
      CREATE INDEX assignments_asset ON assignments (asset_id, assigned_at);
      CREATE INDEX assignments_person ON assignments (person_id, assigned_at);
      CREATE INDEX assignments_assigned_at ON assignments (assigned_at);

      CREATE TABLE custom_fields (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),
        required INTEGER NOT NULL CHECK (required IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE saved_filters (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        query TEXT NOT NULL, -- JSON, validated by AssetQuerySchema on read and write
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      -- Search structures, kept by triggers so staging, imports, merges and edits can never
      -- leave them behind. Tags get a row per (tag, asset) for the tag filter; models and
      -- states keep running counts, which give the search box its model vocabulary (matched
      -- in memory, then an index IN-list) and the table its unfiltered totals without a
      -- million-row count.
      CREATE TABLE asset_tags (
        tag TEXT NOT NULL,
        asset_id INTEGER NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
        PRIMARY KEY (tag, asset_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX asset_tags_asset ON asset_tags (asset_id);
      CREATE TABLE asset_models (
        model TEXT NOT NULL,
        manufacturer TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (model, manufacturer)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE asset_state_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT, WITHOUT ROWID;

      -- Most assets have no tags: the WHEN spares them a json_each per insert.
      CREATE TRIGGER assets_tags_insert AFTER INSERT ON assets WHEN new.tags <> '[]' BEGIN
        INSERT INTO asset_tags (tag, asset_id) SELECT DISTINCT value, new.id FROM json_each(new.tags);
      END;
      CREATE TRIGGER assets_counts_insert AFTER INSERT ON assets BEGIN
        INSERT INTO asset_models (model, manufacturer, n) VALUES (new.model, new.manufacturer, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO asset_state_counts (state, n) VALUES (new.state, 1) ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER assets_counts_delete AFTER DELETE ON assets BEGIN
        UPDATE asset_models SET n = n - 1 WHERE model = old.model AND manufacturer = old.manufacturer;
        DELETE FROM asset_models WHERE model = old.model AND manufacturer = old.manufacturer AND n = 0;
        UPDATE asset_state_counts SET n = n - 1 WHERE state = old.state;
      END;
      CREATE TRIGGER assets_tags_update AFTER UPDATE OF tags ON assets BEGIN
        DELETE FROM asset_tags WHERE asset_id = old.id;
        INSERT INTO asset_tags (tag, asset_id) SELECT DISTINCT value, new.id FROM json_each(new.tags);
      END;
      CREATE TRIGGER assets_models_update AFTER UPDATE OF model, manufacturer ON assets BEGIN
        UPDATE asset_models SET n = n - 1 WHERE model = old.model AND manufacturer = old.manufacturer;
        DELETE FROM asset_models WHERE model = old.model AND manufacturer = old.manufacturer AND n = 0;
        INSERT INTO asset_models (model, manufacturer, n) VALUES (new.model, new.manufacturer, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER assets_state_update AFTER UPDATE OF state ON assets BEGIN
        UPDATE asset_state_counts SET n = n - 1 WHERE state = old.state;
        INSERT INTO asset_state_counts (state, n) VALUES (new.state, 1) ON CONFLICT DO UPDATE SET n = n + 1;
      END;
      INSERT INTO asset_models (model, manufacturer, n) SELECT model, manufacturer, count(*) FROM assets GROUP BY 1, 2;
      INSERT INTO asset_state_counts (state, n) SELECT state, count(*) FROM assets GROUP BY 1;

      -- People are found by any word of their name, email, employee id, badge or department.
      CREATE VIRTUAL TABLE people_fts USING fts5(text, content = '', contentless_delete = 1);
      CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
        INSERT INTO people_fts (rowid, text)
        VALUES (new.id, concat_ws(' ', new.name, new.email, new.employee_id, new.badge, new.department));
      END;
      CREATE TRIGGER people_fts_update AFTER UPDATE OF name, email, employee_id, badge, department ON people BEGIN
        DELETE FROM people_fts WHERE rowid = old.id;
        INSERT INTO people_fts (rowid, text)
        VALUES (new.id, concat_ws(' ', new.name, new.email, new.employee_id, new.badge, new.department));
      END;
      CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        DELETE FROM people_fts WHERE rowid = old.id;
      END;

      CREATE TABLE rollout_roster (
        day TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES people (id),
        PRIMARY KEY (day, person_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
