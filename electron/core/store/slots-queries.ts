import type { Db } from './db.ts';

export function slotsQueries(db: Db) {
  return {
    all: db.prepare<[], { slot_key: string; name: string }>('SELECT slot_key, name FROM slots'),
    upsert: db.prepare<{ slot_key: string; name: string }>(
      'INSERT INTO slots (slot_key, name) VALUES (@slot_key, @name) ON CONFLICT (slot_key) DO UPDATE SET name = excluded.name',
    ),
  };
}
