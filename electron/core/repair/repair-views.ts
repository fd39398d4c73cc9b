// Stored repair rows → the contract's shapes (models/repair.ts), and the bench row that brings
// them together for one device.
import { z } from 'zod';
import type { Asset } from '../../common/models/asset.ts';
import {
  ChecklistItemSchema,
  DiagnosticsSchema,
  FINISHED_REPAIR_PHASES,
  type BenchRow,
  type CertificateRecord,
  type Checklist,
  type GradeProposal,
  type Override,
  type RepairJobView,
} from '../../common/models/repair.ts';
import type { CertificateRow, IntakeRow, OverrideRow, RepairJobRow } from '../store/repair-queries.ts';
import { applyOverrides } from './blocker-checklist.ts';

const BENCH_STATES: readonly Asset['state'][] = ['returned', 'in_repair', 'wiped'];

export function toOverride(row: OverrideRow): Override {
  return {
    code: row.code as Override['code'],
    reason: row.reason,
    by: row.actor,
    station: row.station,
    at: row.at,
  };
}

export function toJobView(row: RepairJobRow): RepairJobView {
  return {
    id: row.id,
    assetId: row.asset_id,
    serial: row.serial,
    method: row.method as RepairJobView['method'],
    destination: row.destination as RepairJobView['destination'],
    phase: row.phase,
    finished: FINISHED_REPAIR_PHASES.includes(row.phase),
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    waitUntil: row.finished_at === null ? row.wait_until : null,
    instructions: JSON.parse(row.instructions) as string[],
    message: row.message,
    checks: JSON.parse(row.checks) as RepairJobView['checks'],
    confirmation:
      row.confirmed_at === null
        ? null
        : { by: row.confirmed_by ?? '', at: row.confirmed_at, note: row.confirm_note ?? '' },
    certificateError: row.certificate_error,
  };
}

export function toCertificate(row: CertificateRow): CertificateRecord {
  return {
    id: row.id,
    assetId: row.asset_id,
    jobId: row.job_id,
    issuedAt: row.issued_at,
    verification: row.verification as CertificateRecord['verification'],
    jsonPath: row.json_path,
    pdfPath: row.pdf_path,
    sha256: row.sha256,
  };
}

/** The items as read from the device; overrides are applied when the checklist is shown. */
const StoredItemsSchema = z.array(ChecklistItemSchema.omit({ override: true, open: true }));

/** The stored checklist (as read from the device) with the intake's overrides applied now. */
export function storedChecklist(intake: IntakeRow, overrides: readonly Override[]): Checklist | null {
  if (intake.checklist === null || intake.checked_at === null) return null;
  const items = StoredItemsSchema.parse(JSON.parse(intake.checklist));
  return applyOverrides(items, overrides, intake.checked_at);
}

export function proposalOf(intake: IntakeRow): GradeProposal | null {
  if (intake.proposed_grade === null) return null;
  return {
    grade: intake.proposed_grade as GradeProposal['grade'],
    reasons: JSON.parse(intake.proposal_reasons) as string[],
  };
}

function nextStep(
  asset: Asset,
  intake: IntakeRow,
  checklist: Checklist | null,
  job: RepairJobView | null,
  certificate: CertificateRecord | null,
): BenchRow['nextStep'] {
  if (intake.closed_at !== null || !BENCH_STATES.includes(asset.state)) return 'done';
  if (asset.state === 'wiped') {
    if (certificate === null) return 'certify';
    if (intake.grade === null) return 'grade';
    return intake.grade === 'D' ? 'retire' : 'release';
  }
  if (job && !job.finished) return 'wiping';
  if (job?.phase === 'not_verified' && job.confirmation === null) return 'confirm_wipe';
  if (job?.phase === 'failed') return 'wipe_again';
  if (checklist === null) return 'check_blockers';
  return checklist.wipeAllowed ? 'wipe' : 'resolve_blockers';
}

/** Everything the repair page shows for one intake's device. */
export function benchRow(input: {
  asset: Asset;
  intake: IntakeRow;
  overrides: OverrideRow[];
  job: RepairJobRow | undefined;
  certificate: CertificateRow | undefined;
  plugged: boolean;
}): BenchRow {
  const { asset, intake } = input;
  const overrides = input.overrides.map(toOverride);
  const checklist = storedChecklist(intake, overrides);
  const job = input.job ? toJobView(input.job) : null;
  const certificate = input.certificate ? toCertificate(input.certificate) : null;
  return {
    asset: {
      id: asset.id,
      assetTag: asset.assetTag,
      serial: asset.serial,
      platform: asset.platform,
      manufacturer: asset.manufacturer,
      model: asset.model,
      osVersion: asset.osVersion,
      imeis: asset.imeis,
      udid: asset.udid,
      state: asset.state,
      conditionGrade: asset.conditionGrade,
      batteryHealth: asset.batteryHealth,
    },
    plugged: input.plugged,
    intake: {
      id: intake.id,
      reason: intake.reason as BenchRow['intake']['reason'],
      conditionNotes: intake.condition_notes,
      photos: JSON.parse(intake.photos) as string[],
      at: intake.at,
      by: intake.actor,
      station: intake.station,
      closedAt: intake.closed_at,
    },
    checklist,
    overrides,
    job,
    diagnostics:
      intake.diagnostics === null || intake.diagnosed_at === null
        ? null
        : { at: intake.diagnosed_at, values: DiagnosticsSchema.parse(JSON.parse(intake.diagnostics)) },
    grade: {
      proposed: proposalOf(intake),
      confirmed:
        intake.grade === null
          ? null
          : {
              grade: intake.grade as NonNullable<BenchRow['grade']['confirmed']>['grade'],
              by: intake.graded_by ?? '',
              at: intake.graded_at ?? '',
              note: intake.grade_note ?? '',
            },
    },
    certificate,
    nextStep: nextStep(asset, intake, checklist, job, certificate),
  };
}

/** Whether an open intake's asset is still on the bench (a state the bench works on). */
export function onBench(asset: Pick<Asset, 'state'>): boolean {
  return BENCH_STATES.includes(asset.state);
}
