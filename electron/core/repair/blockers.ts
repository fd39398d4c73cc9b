// Blocker checks and overrides. The checklist is read from the device (blocker-checklist.ts) and
// kept with the intake; overrides are per blocker and per intake, so they never carry over to the
// device's next return.
import { depotDpcPackages, type BlockerCode, type Checklist } from '../../common/models/repair.ts';
import type { AssetRow } from '../store/assets-queries.ts';
import type { IntakeRow } from '../store/repair-queries.ts';
import { CoreError } from '../core-error.ts';
import type { RepairDeps } from './repair-deps.ts';
import type { RepairDevice } from './repair-device.ts';
import { openIntakeOf, pluggedDevice } from './bench-access.ts';
import { applyOverrides, blockerCodesFor, checklistItems } from './blocker-checklist.ts';
import { toOverride } from './repair-views.ts';

/**
 * Reads the device's blocker facts and stores them as the intake's checklist (audited with what
 * was found); returns it with the intake's overrides applied.
 */
export async function readChecklist(
  deps: RepairDeps,
  row: AssetRow,
  intake: IntakeRow,
  device: RepairDevice,
): Promise<Checklist> {
  const facts = await device.blockers();
  const { depotOrganisation, dpcWipeCommands } = deps.settings.get();
  const items = checklistItems(facts, {
    depotOrganisation,
    depotDeviceOwners: depotDpcPackages(dpcWipeCommands),
  });
  const at = deps.now().toISOString();
  const who = deps.who();
  return deps.db
    .transaction(() => {
      deps.queries.setChecklist(intake.id, JSON.stringify(items), at);
      const checklist = applyOverrides(items, deps.queries.overrides(intake.id).map(toOverride), at);
      deps.audit.append({
        ...who,
        action: 'repair.blockers_checked',
        subject: `asset:${row.id}`,
        details: {
          intakeId: intake.id,
          items: checklist.items.map((item) => ({
            code: item.code,
            status: item.status,
            detail: item.detail,
            overridden: item.override !== null,
          })),
          wipeAllowed: checklist.wipeAllowed,
        },
      });
      return checklist;
    })
    .immediate();
}

export async function checkBlockers(deps: RepairDeps, assetId: number): Promise<void> {
  const { row, intake } = openIntakeOf(deps, assetId);
  await readChecklist(deps, row, intake, pluggedDevice(deps, row));
}

/** Records the technician's override of one blocker, with the reason, audited. */
export function override(deps: RepairDeps, assetId: number, code: BlockerCode, reason: string): void {
  const who = deps.who();
  deps.db
    .transaction(() => {
      const { row, intake } = openIntakeOf(deps, assetId);
      const platform = row.platform as 'android' | 'ios';
      if (!blockerCodesFor(platform).includes(code))
        throw new CoreError(
          'invalid_input',
          `${code} is not a blocker of ${platform === 'ios' ? 'iOS' : 'Android'} devices; choose one of ${blockerCodesFor(platform).join(', ')}.`,
          { issues: [{ path: 'code', message: `not a ${platform} blocker` }] },
        );
      const stored = intake.checklist
        ? (JSON.parse(intake.checklist) as { code: string; status: string; detail: string }[])
        : [];
      const found = stored.find((item) => item.code === code);
      deps.queries.upsertOverride({
        intake_id: intake.id,
        code,
        reason,
        actor: who.actor,
        station: who.station,
        at: deps.now().toISOString(),
      });
      deps.audit.append({
        ...who,
        action: 'repair.blocker_overridden',
        subject: `asset:${row.id}`,
        details: {
          intakeId: intake.id,
          code,
          reason,
          // What the blocker showed when it was overridden, so the audit says what was accepted.
          status: found?.status ?? 'not checked',
          detail: found?.detail ?? null,
        },
      });
    })
    .immediate();
}
