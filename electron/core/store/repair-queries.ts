import type { Db } from './db.ts';
import type { RepairJobPhase } from '../../common/models/repair.ts';

/** One row of `repair_intakes` as stored (JSON columns as text). */
export interface IntakeRow {
  id: number;
  asset_id: number;
  serial: string;
  reason: string;
  condition_notes: string;
  photos: string;
  at: string;
  actor: string;
  station: string;
  checklist: string | null;
  checked_at: string | null;
  diagnostics: string | null;
  diagnosed_at: string | null;
  proposed_grade: string | null;
  proposal_reasons: string;
  grade: string | null;
  graded_by: string | null;
  graded_at: string | null;
  grade_note: string | null;
  closed_at: string | null;
  close_reason: string | null;
}

export interface OverrideRow {
  intake_id: number;
  code: string;
  reason: string;
  actor: string;
  station: string;
  at: string;
}

export interface RepairJobRow {
  id: number;
  intake_id: number;
  asset_id: number;
  serial: string;
  platform: 'android' | 'ios';
  method: string;
  destination: string;
  phase: RepairJobPhase;
  expected: string;
  instructions: string;
  checks: string;
  message: string | null;
  wait_until: string | null;
  actor: string;
  station: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  confirm_note: string | null;
  certificate_error: string | null;
}

export interface CertificateRow {
  id: string;
  asset_id: number;
  job_id: number;
  issued_at: string;
  verification: string;
  json_path: string;
  pdf_path: string;
  sha256: string;
}

type NewIntake = Pick<
  IntakeRow,
  'asset_id' | 'serial' | 'reason' | 'condition_notes' | 'photos' | 'at' | 'actor' | 'station'
>;
type NewJob = Pick<
  RepairJobRow,
  | 'intake_id'
  | 'asset_id'
  | 'serial'
  | 'platform'
  | 'method'
  | 'destination'
  | 'expected'
  | 'instructions'
  | 'wait_until'
  | 'actor'
  | 'station'
  | 'started_at'
>;

/** The repair bench's statements; callers hold the transactions. */
export function repairQueries(db: Db) {
  const openIntake = db.prepare<[number], IntakeRow>(
    'SELECT * FROM repair_intakes WHERE asset_id = ? AND closed_at IS NULL',
  );
  const intake = db.prepare<[number], IntakeRow>('SELECT * FROM repair_intakes WHERE id = ?');
  const latestIntakeOf = db.prepare<[number], IntakeRow>(
    'SELECT * FROM repair_intakes WHERE asset_id = ? ORDER BY id DESC LIMIT 1',
  );
  const openIntakes = db.prepare<[], IntakeRow>(
    'SELECT * FROM repair_intakes WHERE closed_at IS NULL ORDER BY id',
  );
  const insertIntake = db.prepare<NewIntake>(
    `INSERT INTO repair_intakes (asset_id, serial, reason, condition_notes, photos, at, actor, station)
     VALUES (@asset_id, @serial, @reason, @condition_notes, @photos, @at, @actor, @station)`,
  );
  const closeIntake = db.prepare<{ id: number; at: string; reason: string }>(
    'UPDATE repair_intakes SET closed_at = @at, close_reason = @reason WHERE id = @id AND closed_at IS NULL',
  );
  const setChecklist = db.prepare<{ id: number; checklist: string; at: string }>(
    'UPDATE repair_intakes SET checklist = @checklist, checked_at = @at WHERE id = @id',
  );
  const setDiagnostics = db.prepare<{
    id: number;
    diagnostics: string;
    at: string;
    proposed_grade: string;
    proposal_reasons: string;
  }>(
    `UPDATE repair_intakes SET diagnostics = @diagnostics, diagnosed_at = @at,
       proposed_grade = @proposed_grade, proposal_reasons = @proposal_reasons WHERE id = @id`,
  );
  const setGrade = db.prepare<{ id: number; grade: string; by: string; at: string; note: string }>(
    'UPDATE repair_intakes SET grade = @grade, graded_by = @by, graded_at = @at, grade_note = @note WHERE id = @id',
  );
  const overrides = db.prepare<[number], OverrideRow>(
    'SELECT * FROM repair_overrides WHERE intake_id = ? ORDER BY at, code',
  );
  const upsertOverride = db.prepare<OverrideRow>(
    `INSERT INTO repair_overrides (intake_id, code, reason, actor, station, at)
     VALUES (@intake_id, @code, @reason, @actor, @station, @at)
     ON CONFLICT (intake_id, code) DO UPDATE SET reason = excluded.reason, actor = excluded.actor,
       station = excluded.station, at = excluded.at`,
  );
  const insertJob = db.prepare<NewJob>(
    `INSERT INTO repair_jobs (intake_id, asset_id, serial, platform, method, destination, phase, expected,
       instructions, wait_until, actor, station, started_at, updated_at)
     VALUES (@intake_id, @asset_id, @serial, @platform, @method, @destination, 'started', @expected,
       @instructions, @wait_until, @actor, @station, @started_at, @started_at)`,
  );
  const job = db.prepare<[number], RepairJobRow>('SELECT * FROM repair_jobs WHERE id = ?');
  const liveJobOf = db.prepare<[number, string], RepairJobRow>(
    'SELECT * FROM repair_jobs WHERE (asset_id = ? OR serial = ?) AND finished_at IS NULL',
  );
  const latestJobOfIntake = db.prepare<[number], RepairJobRow>(
    'SELECT * FROM repair_jobs WHERE intake_id = ? ORDER BY id DESC LIMIT 1',
  );
  const unfinishedJobs = db.prepare<[], RepairJobRow>(
    'SELECT * FROM repair_jobs WHERE finished_at IS NULL ORDER BY id',
  );
  // A verified or confirmed wipe whose certificate was not issued (the module threw, or the
  // core stopped in between): issued again at start.
  const uncertified = db.prepare<[], RepairJobRow>(
    `SELECT j.* FROM repair_jobs j LEFT JOIN erasure_certificates c ON c.job_id = j.id
     WHERE c.id IS NULL AND (j.phase = 'verified' OR (j.phase = 'not_verified' AND j.confirmed_at IS NOT NULL))
     ORDER BY j.id`,
  );
  // Only an unfinished job moves: a job the technician ended meanwhile is left as it is.
  const setPhase = db.prepare<{
    id: number;
    phase: RepairJobPhase;
    message: string | null;
    at: string;
    finished_at: string | null;
  }>(
    `UPDATE repair_jobs SET phase = @phase, message = coalesce(@message, message), updated_at = @at,
       finished_at = @finished_at WHERE id = @id AND finished_at IS NULL`,
  );
  const setChecks = db.prepare<{ id: number; checks: string }>(
    'UPDATE repair_jobs SET checks = @checks WHERE id = @id',
  );
  const confirmJob = db.prepare<{ id: number; by: string; at: string; note: string }>(
    `UPDATE repair_jobs SET confirmed_by = @by, confirmed_at = @at, confirm_note = @note, updated_at = @at
     WHERE id = @id AND phase = 'not_verified' AND confirmed_at IS NULL`,
  );
  const setCertificateError = db.prepare<{ id: number; error: string | null }>(
    'UPDATE repair_jobs SET certificate_error = @error WHERE id = @id',
  );
  const insertCertificate = db.prepare<CertificateRow>(
    `INSERT INTO erasure_certificates (id, asset_id, job_id, issued_at, verification, json_path, pdf_path, sha256)
     VALUES (@id, @asset_id, @job_id, @issued_at, @verification, @json_path, @pdf_path, @sha256)`,
  );
  const certificatesOf = db.prepare<[number], CertificateRow>(
    'SELECT * FROM erasure_certificates WHERE asset_id = ? ORDER BY issued_at DESC, id',
  );
  const certificateOfJob = db.prepare<[number], CertificateRow>(
    'SELECT * FROM erasure_certificates WHERE job_id = ?',
  );
  const byUdid = db.prepare<[string], { id: number }>('SELECT id FROM assets WHERE udid = ?');
  const settings = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM repair_settings');
  const upsertSetting = db.prepare<{ key: string; value: string }>(
    'INSERT INTO repair_settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  return {
    openIntake: (assetId: number) => openIntake.get(assetId),
    intake: (id: number) => intake.get(id),
    latestIntakeOf: (assetId: number) => latestIntakeOf.get(assetId),
    openIntakes: () => openIntakes.all(),
    insertIntake: (row: NewIntake) => Number(insertIntake.run(row).lastInsertRowid),
    closeIntake: (id: number, at: string, reason: string) => closeIntake.run({ id, at, reason }),
    setChecklist: (id: number, checklist: string, at: string) => setChecklist.run({ id, checklist, at }),
    setDiagnostics: (row: Parameters<typeof setDiagnostics.run>[0]) => setDiagnostics.run(row),
    setGrade: (row: Parameters<typeof setGrade.run>[0]) => setGrade.run(row),
    overrides: (intakeId: number) => overrides.all(intakeId),
    upsertOverride: (row: OverrideRow) => upsertOverride.run(row),
    insertJob: (row: NewJob) => Number(insertJob.run(row).lastInsertRowid),
    job: (id: number) => job.get(id),
    /** The unfinished job of this asset or of this serial, if any. */
    liveJobOf: (assetId: number, serial: string) => liveJobOf.get(assetId, serial),
    latestJobOfIntake: (intakeId: number) => latestJobOfIntake.get(intakeId),
    unfinishedJobs: () => unfinishedJobs.all(),
    uncertified: () => uncertified.all(),
    /** False when the job had already finished (nothing was written). */
    setPhase: (row: Parameters<typeof setPhase.run>[0]) => setPhase.run(row).changes === 1,
    setChecks: (id: number, checks: string) => setChecks.run({ id, checks }),
    confirmJob: (row: Parameters<typeof confirmJob.run>[0]) => confirmJob.run(row).changes === 1,
    setCertificateError: (id: number, error: string | null) => setCertificateError.run({ id, error }),
    insertCertificate: (row: CertificateRow) => insertCertificate.run(row),
    certificatesOf: (assetId: number) => certificatesOf.all(assetId),
    certificateOfJob: (jobId: number) => certificateOfJob.get(jobId),
    assetIdsByUdid: (udid: string) => byUdid.all(udid).map((row) => row.id),
    settings: () => settings.all(),
    upsertSetting: (key: string, value: unknown) => upsertSetting.run({ key, value: JSON.stringify(value) }),
  };
}
export type RepairQueries = ReturnType<typeof repairQueries>;
