// How a repair request finds what it works on: the asset's open intake and the plugged device,
// with refusals a technician can act on.
import type { AssetState } from '../../common/models/asset.ts';
import type { AssetRow } from '../store/assets-queries.ts';
import type { IntakeRow } from '../store/repair-queries.ts';
import { describeAsset } from '../assets/asset-rows.ts';
import { CoreError } from '../core-error.ts';
import type { RepairDeps } from './repair-deps.ts';
import type { RepairDevice } from './repair-device.ts';

const ON_BENCH: readonly AssetState[] = ['returned', 'in_repair', 'wiped'];

/** The asset and its open intake; refused when the device was not taken in (or left the bench). */
export function openIntakeOf(deps: RepairDeps, assetId: number): { row: AssetRow; intake: IntakeRow } {
  const row = deps.assets.row(assetId);
  const intake = deps.queries.openIntake(assetId);
  if (!intake || !ON_BENCH.includes(row.state as AssetState))
    throw new CoreError(
      'conflict',
      `${describeAsset(row)} is not on the repair bench; take it in first (scan it at intake).`,
    );
  return { row, intake };
}

/** The plugged device of this asset, found by the serial the registry knows. */
export function pluggedDevice(deps: RepairDeps, row: AssetRow): RepairDevice {
  const device = deps.devices.get(row.serial);
  if (!device)
    throw new CoreError(
      'not_found',
      `${describeAsset(row)} is not plugged in on this bench (or not ready yet); plug it in, unlock it and accept the prompt.`,
    );
  return device;
}
