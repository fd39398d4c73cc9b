import type { Db } from './db.ts';

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  station: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadRow {
  seq: number;
  hash: string;
}

/** Every statement the audit log runs, prepared once per database. */
export function auditQueries(db: Db) {
  const insert = db.prepare<AuditRow>(
    `INSERT INTO audit_log (seq, at, actor, station, action, subject, details, prev_hash, hash)
     VALUES (@seq, @at, @actor, @station, @action, @subject, @details, @prev_hash, @hash)`,
  );
  // Positional: a bulk import appends 100,000 entries, and binding by name costs per value.
  const append = db.prepare<[number, string, string, string, string, string, string, string, string]>(
    `INSERT INTO audit_log (seq, at, actor, station, action, subject, details, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const head = db.prepare<[], AuditHeadRow>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const setHead = db.prepare<AuditHeadRow>(
    `INSERT INTO audit_head (id, seq, hash) VALUES (1, @seq, @hash)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
  );
  const page = db.prepare<{ before: number; limit: number }, AuditRow>(
    'SELECT * FROM audit_log WHERE seq < @before ORDER BY seq DESC LIMIT @limit',
  );
  const pageForSubject = db.prepare<{ before: number; limit: number; subject: string }, AuditRow>(
    'SELECT * FROM audit_log WHERE subject = @subject AND seq < @before ORDER BY seq DESC LIMIT @limit',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log');
  const countForSubject = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM audit_log WHERE subject = ?',
  );
  const all = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');

  return {
    insert: (row: AuditRow) => insert.run(row),
    insertValues: (...values: [number, string, string, string, string, string, string, string, string]) =>
      append.run(...values),
    head: () => head.get(),
    setHead: (row: AuditHeadRow) => setHead.run(row),
    page: (before: number, limit: number, subject?: string) =>
      subject === undefined ? page.all({ before, limit }) : pageForSubject.all({ before, limit, subject }),
    count: (subject?: string) => (subject === undefined ? count.get()!.n : countForSubject.get(subject)!.n),
    /** Streams rows in chain order without loading the whole log. */
    iterateAll: () => all.iterate(),
  };
}
