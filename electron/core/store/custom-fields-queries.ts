import type { Db } from './db.ts';

export interface CustomFieldRow {
  key: string;
  name: string;
  type: string;
  required: number;
  created_at: string;
}

export function customFieldsQueries(db: Db) {
  const all = db.prepare<[], CustomFieldRow>('SELECT * FROM custom_fields ORDER BY name, key');
  const upsert = db.prepare<CustomFieldRow>(
    `INSERT INTO custom_fields (key, name, type, required, created_at) VALUES (@key, @name, @type, @required, @created_at)
     ON CONFLICT (key) DO UPDATE SET name = excluded.name, type = excluded.type, required = excluded.required`,
  );
  return { all: () => all.all(), upsert: (row: CustomFieldRow) => upsert.run(row) };
}
