// POST /hardware/{id}/checkout and /hardware/{id}/checkin, after AssetsController::checkout
// and ::checkin. Both answer 200 whatever happens; only `status` tells success from failure,
// and their payloads are small ad-hoc objects, not the asset.
import { e, parseDbDateTime, toSecond } from '../format.ts';
import { invalid, standard, type ApiRequest, type ApiResponse } from '../http-io.ts';
import type { RouteContext } from '../router.ts';
import type { AssetChanges } from '../store.ts';
import { availableForCheckout } from '../transformers.ts';
import type { AssignedType } from '../types.ts';
import { asId, isEmpty, text, validateCheckout } from '../validation.ts';

export function checkoutHardware(
  { store }: RouteContext,
  { input }: ApiRequest,
  [id = '']: string[],
): ApiResponse {
  // The form request validates before the asset is looked up.
  const errors = validateCheckout(store, input);
  if (errors) return invalid(errors);
  const asset = /^\d+$/.test(id) ? store.assetTable.get(Number(id)) : undefined;
  if (!asset || asset.deletedAt !== null) return standard('error', null, 'Asset not found');
  if (!availableForCheckout(store, asset))
    return standard('error', { asset: e(asset.assetTag) }, 'That asset is not available for checkout!');

  const type = text(input.checkout_to_type) as AssignedType;
  const key = { user: 'assigned_user', asset: 'assigned_asset', location: 'assigned_location' }[type];
  const targetId = asId(input[key]);
  const exists =
    type === 'user'
      ? store.users.get(targetId)?.deletedAt === null
      : type === 'location'
        ? store.locations.get(targetId) !== undefined
        : targetId !== asset.id && store.assetTable.get(targetId) !== undefined;
  if (!exists) {
    const payload = {
      asset: { id: asset.id, asset_tag: asset.assetTag },
      target_id: input[key] ?? null,
      target_type: type,
    };
    return standard(
      'error',
      payload,
      `Checkout target for asset ${e(asset.assetTag)} is invalid - ${type} does not exist.`,
    );
  }
  const extra: AssetChanges = {};
  if (!isEmpty(input.status_id)) extra.statusId = asId(input.status_id);
  if ('name' in input) extra.name = isEmpty(input.name) ? null : text(input.name);
  if (!isEmpty(input.checkout_at))
    extra.lastCheckout = toSecond(parseDbDateTime(text(input.checkout_at)) ?? store.now());
  if (!isEmpty(input.expected_checkin)) extra.expectedCheckin = text(input.expected_checkin).slice(0, 10);
  store.checkOut(asset, type, targetId, extra);
  return standard('success', { asset: e(asset.assetTag) }, 'Asset checked out successfully.');
}

export function checkinHardware(
  { store }: RouteContext,
  { input }: ApiRequest,
  [id = '']: string[],
): ApiResponse {
  const asset = /^\d+$/.test(id) ? store.assetTable.get(Number(id)) : undefined;
  if (!asset || asset.deletedAt !== null) return standard('error', null, 'Asset not found');
  const model = store.models.get(asset.modelId);
  const payload = {
    asset_tag: e(asset.assetTag),
    model: e(model?.name),
    model_number: e(model?.modelNumber),
  };
  if (asset.assignedTo === null) return standard('error', payload, 'That asset is already checked in.');
  const extra: AssetChanges = {};
  if ('name' in input) extra.name = isEmpty(input.name) ? null : text(input.name);
  if (!isEmpty(input.status_id)) extra.statusId = asId(input.status_id);
  if (!isEmpty(input.location_id)) extra.locationId = asId(input.location_id);
  store.checkIn(asset, extra);
  return standard('success', payload, 'Asset checked in successfully.');
}
