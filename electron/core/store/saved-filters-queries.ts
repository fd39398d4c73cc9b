import type { Db } from './db.ts';

export interface SavedFilterRow {
  id: number;
  name: string;
  query: string;
  created_by: string;
  created_at: string;
}

export function savedFiltersQueries(db: Db) {
  const all = db.prepare<[], SavedFilterRow>('SELECT * FROM saved_filters ORDER BY name COLLATE NOCASE');
  const byName = db.prepare<[string], SavedFilterRow>('SELECT * FROM saved_filters WHERE name = ?');
  // A name saved again replaces the old filter (the name is unique, case-insensitively).
  const upsert = db.prepare<Omit<SavedFilterRow, 'id'>>(
    `INSERT INTO saved_filters (name, query, created_by, created_at) VALUES (@name, @query, @created_by, @created_at)
     ON CONFLICT (name) DO UPDATE SET name = excluded.name, query = excluded.query,
       created_by = excluded.created_by, created_at = excluded.created_at`,
  );
  const remove = db.prepare<[number]>('DELETE FROM saved_filters WHERE id = ?');
  return {
    all: () => all.all(),
    byName: (name: string) => byName.get(name),
    upsert: (row: Omit<SavedFilterRow, 'id'>) => upsert.run(row),
    remove: (id: number) => remove.run(id).changes > 0,
  };
}
