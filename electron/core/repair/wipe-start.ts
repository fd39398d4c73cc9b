// Starting a wipe: everything that must hold before a device is told to erase itself, then the
// job row (phase `started`) and its audit entry in one transaction. The runner sends the wipe.
import type { AssetState } from '../../common/models/asset.ts';
import type { RepairJobView, WipeMethodName } from '../../common/models/repair.ts';
import type { AssetRow } from '../store/assets-queries.ts';
import { describeAsset } from '../assets/asset-rows.ts';
import { assertTransition } from '../assets/lifecycle.ts';
import { CoreError } from '../core-error.ts';
import type { RepairDeps } from './repair-deps.ts';
import type { WipeSupport } from './repair-device.ts';
import { openIntakeOf, pluggedDevice } from './bench-access.ts';
import { openBlockersMessage } from './blocker-checklist.ts';
import { readChecklist } from './blockers.ts';
import type { ExpectedDevice } from './readback-checks.ts';

export interface WipeRequest {
  assetId: number;
  method?: WipeMethodName | undefined;
  destination: RepairJobView['destination'];
}

const PHASE_WORDS: Record<string, string> = {
  started: 'sending the wipe',
  accepted: 'the device took the wipe',
  device_gone: 'waiting for the device to come back',
  device_back: 'reading the device back',
};

function refuseLiveJob(deps: RepairDeps, row: AssetRow): void {
  const live = deps.queries.liveJobOf(row.id, row.serial);
  if (live)
    throw new CoreError(
      'conflict',
      `A wipe of ${describeAsset(row)} is already running (job ${live.id}, ${PHASE_WORDS[live.phase] ?? live.phase}); ` +
        `it is not wiped twice. Wait for it to finish, or stop waiting for it first.`,
      { jobId: live.id },
    );
}

/** The method to use: the technician's, else the repair settings' default, if the device supports it. */
function chooseMethod(
  deps: RepairDeps,
  platform: 'android' | 'ios',
  requested: WipeMethodName | undefined,
  support: WipeSupport[],
): WipeSupport {
  const offered = support.filter((entry) => entry.supported).map((entry) => entry.method);
  const method = requested ?? deps.settings.get().defaultWipeMethod[platform] ?? undefined;
  if (method === undefined)
    throw new CoreError(
      'invalid_input',
      `Choose a wipe method: this device supports ${offered.join(', ') || 'none'}, and the repair settings name no default.`,
      { issues: [{ path: 'method', message: 'choose a wipe method' }] },
    );
  const entry = support.find((candidate) => candidate.method === method);
  if (!entry?.supported)
    throw new CoreError(
      'conflict',
      `This device cannot be wiped with ${method}: ${entry?.reason ?? 'it does not offer that method'}. ` +
        (offered.length > 0 ? `It supports ${offered.join(', ')}.` : 'It offers no wipe method.'),
      { supported: offered },
    );
  return entry;
}

function expectedDevice(row: AssetRow, imeis: string[], osVersionBefore: string): ExpectedDevice {
  return {
    manufacturer: row.manufacturer,
    model: row.model,
    serial: row.serial,
    imeis,
    udid: row.udid,
    assetTag: row.asset_tag,
    platform: row.platform as ExpectedDevice['platform'],
    osVersionBefore: osVersionBefore.slice(0, 50),
  };
}

/** Checks blockers and method, then writes the job; returns its id for the runner. */
export async function startWipe(deps: RepairDeps, request: WipeRequest): Promise<number> {
  const { row, intake } = openIntakeOf(deps, request.assetId);
  const name = `Asset ${row.asset_tag ?? row.serial}`;
  assertTransition(row.state as AssetState, 'wiped', name);
  refuseLiveJob(deps, row);
  const device = pluggedDevice(deps, row);
  // The checklist is read again now: what the technician fixed (or broke) since counts.
  const checklist = await readChecklist(deps, row, intake, device);
  if (!checklist.wipeAllowed)
    throw new CoreError('conflict', `Not wiped: ${openBlockersMessage(checklist)}`, { checklist });
  const platform = row.platform as 'android' | 'ios';
  const chosen = chooseMethod(deps, platform, request.method, await device.wipeSupport());
  const who = deps.who();
  try {
    return deps.db
      .transaction(() => {
        // Read again after the awaits: a second request may have started a job meanwhile.
        const { row: current, intake: open } = openIntakeOf(deps, request.assetId);
        assertTransition(current.state as AssetState, 'wiped', name);
        refuseLiveJob(deps, current);
        const now = deps.now();
        const at = now.toISOString();
        const osBefore = open.diagnostics
          ? (JSON.parse(open.diagnostics) as { osVersion: string }).osVersion
          : current.os_version;
        const jobId = deps.queries.insertJob({
          intake_id: open.id,
          asset_id: current.id,
          serial: current.serial,
          platform,
          method: chosen.method,
          destination: request.destination,
          expected: JSON.stringify(
            expectedDevice(current, deps.assets.queries.imeisOf(current.id), osBefore),
          ),
          instructions: JSON.stringify(chosen.instructions ?? []),
          wait_until: new Date(now.getTime() + deps.timings.returnTimeoutMs).toISOString(),
          actor: who.actor,
          station: who.station,
          started_at: at,
        });
        deps.audit.append({
          ...who,
          action: 'repair.wipe_started',
          subject: `asset:${current.id}`,
          details: {
            jobId,
            intakeId: open.id,
            method: chosen.method,
            destination: request.destination,
            overridden: checklist.items.filter((item) => item.override).map((item) => item.code),
          },
        });
        return jobId;
      })
      .immediate();
  } catch (error) {
    // The unique index is the last word when two requests race past the checks above.
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new CoreError(
        'conflict',
        `A wipe of ${describeAsset(row)} is already running; it is not wiped twice.`,
      );
    throw error;
  }
}
