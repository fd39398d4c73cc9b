import type { Db } from './db.ts';

export interface AssignmentRow {
  id: number;
  asset_id: number;
  person_id: number;
  person_name: string;
  assigned_at: string;
  assigned_by: string;
  station: string;
  previous_state: string;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: 'returned' | 'undone' | 'reassigned' | null;
}

const SELECT = `SELECT assignments.*, people.name AS person_name FROM assignments JOIN people ON people.id = assignments.person_id`;

export function assignmentsQueries(db: Db) {
  const current = db.prepare<[number], AssignmentRow & { department: string | null; email: string | null }>(
    `SELECT assignments.*, people.name AS person_name, people.department, people.email FROM assignments
     JOIN people ON people.id = assignments.person_id WHERE asset_id = ? AND ended_at IS NULL`,
  );
  const byId = db.prepare<[number], AssignmentRow>(`${SELECT} WHERE assignments.id = ?`);
  const ofPerson = db.prepare<[number], AssignmentRow>(
    `${SELECT} WHERE person_id = ? ORDER BY assigned_at DESC, assignments.id DESC`,
  );
  const ofAsset = db.prepare<[number], AssignmentRow>(
    `${SELECT} WHERE asset_id = ? ORDER BY assigned_at, assignments.id`,
  );
  const insert = db.prepare<
    Omit<AssignmentRow, 'id' | 'person_name' | 'ended_at' | 'ended_by' | 'end_reason'>
  >(
    `INSERT INTO assignments (asset_id, person_id, assigned_at, assigned_by, station, previous_state)
     VALUES (@asset_id, @person_id, @assigned_at, @assigned_by, @station, @previous_state)`,
  );
  const end = db.prepare<{ id: number; ended_at: string; ended_by: string; end_reason: string }>(
    `UPDATE assignments SET ended_at = @ended_at, ended_by = @ended_by, end_reason = @end_reason
     WHERE id = @id AND ended_at IS NULL`,
  );
  const earlierIssue = db.prepare<[number, number], { n: number }>(
    `SELECT count(*) AS n FROM assignments WHERE asset_id = ? AND id < ? AND (end_reason IS NULL OR end_reason <> 'undone')`,
  );
  const moveToAsset = db.prepare<[number, number]>('UPDATE assignments SET asset_id = ? WHERE asset_id = ?');
  const ofDay = db.prepare<{ from: string; to: string }, AssignmentRow & { department: string | null }>(
    `SELECT assignments.*, people.name AS person_name, people.department FROM assignments
     JOIN people ON people.id = assignments.person_id
     WHERE assigned_at >= @from AND assigned_at < @to AND (end_reason IS NULL OR end_reason <> 'undone')
     ORDER BY assigned_at, assignments.id`,
  );
  return {
    current: (assetId: number) => current.get(assetId),
    byId: (id: number) => byId.get(id),
    ofPerson: (personId: number) => ofPerson.all(personId),
    ofAsset: (assetId: number) => ofAsset.all(assetId),
    insert: (row: Parameters<typeof insert.run>[0]) => Number(insert.run(row).lastInsertRowid),
    end: (row: { id: number; ended_at: string; ended_by: string; end_reason: string }) =>
      end.run(row).changes > 0,
    /** Whether the asset had been handed out before this assignment (undone scans do not count). */
    hadEarlierIssue: (assetId: number, assignmentId: number) =>
      earlierIssue.get(assetId, assignmentId)!.n > 0,
    moveToAsset: (toAssetId: number, fromAssetId: number) => moveToAsset.run(toAssetId, fromAssetId),
    /** Handovers made in [from, to) (ISO instants), undone ones left out. */
    ofDay: (from: string, to: string) => ofDay.all({ from, to }),
  };
}
export type AssignmentsQueries = ReturnType<typeof assignmentsQueries>;
