import type { Db } from './db.ts';

export function settingsQueries(db: Db) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<{ key: string; value: string }>(
    'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    all: () => all.all(),
    upsert: (key: string, value: unknown) => upsert.run({ key, value: JSON.stringify(value) }),
  };
}
