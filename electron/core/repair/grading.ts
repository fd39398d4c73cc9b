// Diagnostics, the grade and release for re-issue. The rules only propose (grade-rules.ts); the
// technician's grade is what the asset keeps. Release needs the wipe, its certificate and a
// passing grade given during this intake, so no device is re-issued on an old grade.
import type { Asset } from '../../common/models/asset.ts';
import type { DiagnosticsValues } from '../../common/models/repair.ts';
import { describeAsset } from '../assets/asset-rows.ts';
import { CoreError } from '../core-error.ts';
import type { RepairDeps } from './repair-deps.ts';
import { openIntakeOf, pluggedDevice } from './bench-access.ts';
import { proposeGrade } from './grade-rules.ts';
import { proposalOf } from './repair-views.ts';

type Grade = NonNullable<Asset['conditionGrade']>;

/** Reads the plugged device's diagnostics, keeps them with the intake and proposes a grade. */
export async function diagnose(deps: RepairDeps, assetId: number): Promise<void> {
  const { row } = openIntakeOf(deps, assetId);
  const read = await pluggedDevice(deps, row).diagnostics();
  // Only the fields the contract knows, whatever else a device layer adds.
  const values: DiagnosticsValues = {
    batteryLevel: read.batteryLevel,
    batteryHealth: read.batteryHealth,
    batteryCycles: read.batteryCycles,
    storageTotalBytes: read.storageTotalBytes,
    storageFreeBytes: read.storageFreeBytes,
    osVersion: read.osVersion,
  };
  const who = deps.who();
  deps.db
    .transaction(() => {
      // Read again: the device answered after an await, and the intake may have moved on.
      const { row: current, intake } = openIntakeOf(deps, assetId);
      const platform = current.platform as Asset['platform'];
      const proposal = proposeGrade({
        platform,
        intakeReason: intake.reason as Parameters<typeof proposeGrade>[0]['intakeReason'],
        conditionNotes: intake.condition_notes,
        batteryHealth: values.batteryHealth,
        osVersion: values.osVersion,
        minimumOsVersion: deps.settings.get().minimumOsVersion[platform],
      });
      const at = deps.now().toISOString();
      deps.queries.setDiagnostics({
        id: intake.id,
        diagnostics: JSON.stringify(values),
        at,
        proposed_grade: proposal.grade,
        proposal_reasons: JSON.stringify(proposal.reasons),
      });
      // What the registry keeps of it: battery health (0–100 %, some batteries report over 100)
      // and the OS version the device runs now.
      const health =
        values.batteryHealth === null ? null : Math.min(100, Math.max(0, Math.round(values.batteryHealth)));
      deps.assets.applyChanges(
        current,
        {
          ...(health === null ? {} : { batteryHealth: health }),
          ...(values.osVersion.trim() ? { osVersion: values.osVersion.trim().slice(0, 50) } : {}),
        },
        who,
        'asset.updated',
        { source: 'repair diagnostics' },
      );
      deps.audit.append({
        ...who,
        action: 'repair.diagnosed',
        subject: `asset:${assetId}`,
        details: { intakeId: intake.id, diagnostics: values, proposal },
      });
    })
    .immediate();
}

/** The technician's grade (the proposal confirmed or changed), on the intake and the asset. */
export function grade(deps: RepairDeps, assetId: number, grade: Grade, note: string): void {
  const who = deps.who();
  deps.db
    .transaction(() => {
      const { row, intake } = openIntakeOf(deps, assetId);
      const proposed = proposalOf(intake);
      deps.queries.setGrade({ id: intake.id, grade, by: who.actor, at: deps.now().toISOString(), note });
      deps.assets.applyChanges(row, { conditionGrade: grade }, who, 'asset.updated', {
        source: 'repair grade',
      });
      deps.audit.append({
        ...who,
        action: 'repair.graded',
        subject: `asset:${assetId}`,
        details: {
          intakeId: intake.id,
          grade,
          proposed: proposed?.grade ?? null,
          changedFromProposal: proposed !== null && proposed.grade !== grade,
          note,
        },
      });
    })
    .immediate();
}

/** Wiped, certified and graded A–C during this intake → ready for reissue; the intake closes. */
export function release(deps: RepairDeps, assetId: number): void {
  const who = deps.who();
  deps.db
    .transaction(() => {
      const { row, intake } = openIntakeOf(deps, assetId);
      const name = describeAsset(row);
      if (row.state !== 'wiped')
        throw new CoreError(
          'conflict',
          `${name} is not wiped yet; wipe it (and have the wipe verified or confirmed) first.`,
        );
      const job = deps.queries.latestJobOfIntake(intake.id);
      const certificate = job ? deps.queries.certificateOfJob(job.id) : undefined;
      if (!certificate)
        throw new CoreError(
          'conflict',
          `${name} has no erasure certificate for this wipe${job?.certificate_error ? ` (${job.certificate_error})` : ''}; issue it before release.`,
        );
      if (intake.grade === null)
        throw new CoreError('conflict', `${name} has no grade from this intake; confirm a grade first.`);
      if (intake.grade === 'D')
        throw new CoreError(
          'conflict',
          `${name} is graded D: it is not re-issued. Retire or recycle it, or change the grade if that was a mistake.`,
        );
      deps.assets.moveState(row, 'ready_for_reissue', who, {
        reason: `repair released, grade ${intake.grade}`,
        certificateId: certificate.id,
      });
      deps.queries.closeIntake(intake.id, deps.now().toISOString(), 'released');
      deps.audit.append({
        ...who,
        action: 'repair.released',
        subject: `asset:${assetId}`,
        details: { intakeId: intake.id, grade: intake.grade, certificateId: certificate.id },
      });
    })
    .immediate();
}
