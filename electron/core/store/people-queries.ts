import type { Db } from './db.ts';

export interface PersonRow {
  id: number;
  name: string;
  email: string | null;
  employee_id: string | null;
  badge: string | null;
  department: string | null;
  cost_centre: string | null;
  created_at: string;
  updated_at: string;
}
export type PersonColumns = Omit<PersonRow, 'id' | 'created_at' | 'updated_at'>;

export function peopleQueries(db: Db) {
  const byId = db.prepare<[number], PersonRow>('SELECT * FROM people WHERE id = ?');
  const byEmail = db.prepare<[string], PersonRow>('SELECT * FROM people WHERE email = ? COLLATE NOCASE');
  const byEmployeeId = db.prepare<[string], PersonRow>(
    'SELECT * FROM people WHERE employee_id = ? COLLATE NOCASE',
  );
  const byBadge = db.prepare<[string], PersonRow>('SELECT * FROM people WHERE badge = ?');
  const insert = db.prepare<PersonColumns & { created_at: string; updated_at: string }>(
    `INSERT INTO people (name, email, employee_id, badge, department, cost_centre, created_at, updated_at)
     VALUES (@name, @email, @employee_id, @badge, @department, @cost_centre, @created_at, @updated_at)`,
  );
  const update = db.prepare<PersonColumns & { id: number; updated_at: string }>(
    `UPDATE people SET name = @name, email = @email, employee_id = @employee_id, badge = @badge,
       department = @department, cost_centre = @cost_centre, updated_at = @updated_at WHERE id = @id`,
  );
  const page = db.prepare<{ limit: number; offset: number }, PersonRow>(
    'SELECT * FROM people ORDER BY name COLLATE NOCASE, id LIMIT @limit OFFSET @offset',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people');
  const search = db.prepare<{ fts: string; limit: number; offset: number }, PersonRow>(
    `SELECT * FROM people WHERE id IN (SELECT rowid FROM people_fts WHERE people_fts MATCH @fts)
     ORDER BY name COLLATE NOCASE, id LIMIT @limit OFFSET @offset`,
  );
  const searchCount = db.prepare<{ fts: string }, { n: number }>(
    'SELECT count(*) AS n FROM people_fts WHERE people_fts MATCH @fts',
  );
  const clearRoster = db.prepare<[string]>('DELETE FROM rollout_roster WHERE day = ?');
  const addToRoster = db.prepare<[string, number]>(
    'INSERT OR IGNORE INTO rollout_roster (day, person_id) VALUES (?, ?)',
  );
  const rosterSize = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM rollout_roster WHERE day = ?',
  );
  const rosterPeople = db.prepare<[string], { person_id: number; department: string | null }>(
    `SELECT person_id, people.department FROM rollout_roster JOIN people ON people.id = rollout_roster.person_id
     WHERE day = ?`,
  );
  return {
    rosterPeople: (day: string) => rosterPeople.all(day),
    byId: (id: number) => byId.get(id),
    byEmail: (email: string) => byEmail.get(email),
    byEmployeeId: (employeeId: string) => byEmployeeId.get(employeeId),
    byBadge: (badge: string) => byBadge.get(badge),
    insert: (row: PersonColumns, at: string) =>
      Number(insert.run({ ...row, created_at: at, updated_at: at }).lastInsertRowid),
    update: (id: number, row: PersonColumns, at: string) => update.run({ ...row, id, updated_at: at }),
    page: (limit: number, offset: number) => page.all({ limit, offset }),
    count: () => count.get()!.n,
    search: (fts: string, limit: number, offset: number) => search.all({ fts, limit, offset }),
    searchCount: (fts: string) => searchCount.get({ fts })!.n,
    setRoster(day: string, personIds: readonly number[]) {
      clearRoster.run(day);
      for (const id of personIds) addToRoster.run(day, id);
      return rosterSize.get(day)!.n;
    },
    rosterSize: (day: string) => rosterSize.get(day)!.n,
  };
}
export type PeopleQueries = ReturnType<typeof peopleQueries>;
