import type { Asset, AssetState } from '../../common/models/asset.ts';
import { canTransition } from '../../common/models/lifecycle.ts';
import type { AssetsService, Who } from './assets-service.ts';
import { completeFields } from './asset-rows.ts';

export interface StagedDevice {
  platform: 'android' | 'ios';
  serial: string;
  manufacturer: string;
  model: string;
  osVersion: string;
  /** iOS platform identifiers; a record that lacks them gets them from the device. */
  udid?: string;
  ecid?: string;
  /** The IMEI the device reports (iPhones report it; Android 10+ hides it from adb). */
  imei?: string;
  profile: string;
  profileVersion: number;
}

/**
 * The moves staging makes to reach `staged` from where the asset is. An ordered phone on the
 * bench has evidently been received; anything the lifecycle lets go to staging goes through
 * it. Issued, returned, in-repair, lost or retired phones have no path: see recordStaged.
 */
function pathToStaged(from: AssetState): AssetState[] | null {
  if (from === 'staging') return ['staged'];
  if (from === 'ordered') return ['received', 'staging', 'staged'];
  return canTransition(from, 'staging') ? ['staging', 'staged'] : null;
}

/**
 * A staging job finished on a device. The asset (found by manufacturer + serial, the identity
 * adb gives; never a twin) is created in `staging` if unknown, and walked to `staged` through
 * the lifecycle check, with what was staged, when and by whom.
 *
 * A device the lifecycle does not allow to be staged (e.g. recorded as issued to someone) was
 * nonetheless staged on this bench: the staging is recorded — the record must say what was
 * done to the phone — but its state is left alone and a refused transition is audited, so the
 * depot lead sees "issued, yet staged on bench 3" on the timeline and resolves it (a return
 * that was never scanned, or the wrong phone) rather than the registry quietly un-issuing it.
 */
export function recordStaged(assets: AssetsService, device: StagedDevice, who: Who): Asset {
  return assets.db
    .transaction(() => {
      const existing = assets.queries.byDevice(device.manufacturer, device.serial);
      const id =
        existing?.id ??
        assets.insert(
          completeFields({
            serial: device.serial,
            platform: device.platform,
            manufacturer: device.manufacturer,
            model: device.model,
            osVersion: device.osVersion,
            udid: device.udid ?? null,
            ecid: device.ecid ?? null,
            // An IMEI already on another record is a conflict for the depot lead, not a reason to fail staging.
            imeis: device.imei && assets.queries.imeiOwner(device.imei) === undefined ? [device.imei] : [],
          }),
          'staging',
          who,
          { source: 'staging' },
        );
      if (existing && ((device.udid && !existing.udid) || (device.ecid && !existing.ecid))) {
        assets.update(
          id,
          { ...(device.udid ? { udid: device.udid } : {}), ...(device.ecid ? { ecid: device.ecid } : {}) },
          who,
        );
      }
      const row = assets.row(id);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      if (row.model !== device.model) changes.model = { before: row.model, after: device.model };
      if (row.os_version !== device.osVersion)
        changes.osVersion = { before: row.os_version, after: device.osVersion };
      const at = assets.now().toISOString();
      assets.queries.recordStaged({
        id,
        model: device.model,
        os_version: device.osVersion,
        updated_at: at,
        staged_profile: device.profile,
        staged_profile_version: device.profileVersion,
        staged_at: at,
        staged_by: who.actor,
        staged_station: who.station,
      });
      const staging = { profile: device.profile, profileVersion: device.profileVersion };
      assets.audit.append({
        ...who,
        action: 'asset.staged',
        subject: `asset:${id}`,
        details: { ...staging, changes },
      });
      const path = pathToStaged(row.state as AssetState);
      if (path === null) {
        assets.audit.append({
          ...who,
          action: 'asset.transition_refused',
          subject: `asset:${id}`,
          details: {
            from: row.state,
            to: 'staged',
            reason: `staged on a bench while recorded as ${row.state.replaceAll('_', ' ')}; the state was left unchanged`,
          },
        });
      } else {
        for (const to of path) assets.moveState(row, to, who, { reason: 'staging', ...staging });
      }
      return assets.get(id);
    })
    .immediate();
}
