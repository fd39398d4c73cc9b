import type { Db } from './db.ts';

export interface ProfileRow {
  id: number;
  profile_id: string;
  version: number;
  name: string;
  content: string;
  content_hash: string;
  source_dir: string;
  payload_bytes: number;
  imported_at: string;
}

export function profilesQueries(db: Db) {
  return {
    insert: db.prepare<Omit<ProfileRow, 'id'>>(
      `INSERT INTO profiles (profile_id, version, name, content, content_hash, source_dir, payload_bytes, imported_at)
       VALUES (@profile_id, @version, @name, @content, @content_hash, @source_dir, @payload_bytes, @imported_at)`,
    ),
    byIdVersion: db.prepare<[string, number], ProfileRow>(
      'SELECT * FROM profiles WHERE profile_id = ? AND version = ?',
    ),
    byRow: db.prepare<[number], ProfileRow>('SELECT * FROM profiles WHERE id = ?'),
    /** The newest version of each profile. */
    latest: db.prepare<[], ProfileRow>(
      `SELECT p.* FROM profiles p
       WHERE p.version = (SELECT max(version) FROM profiles q WHERE q.profile_id = p.profile_id)
       ORDER BY p.name`,
    ),
  };
}
