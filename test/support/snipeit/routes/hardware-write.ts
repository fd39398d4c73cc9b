// POST /hardware, PATCH|PUT /hardware/{asset}, DELETE /hardware/{id}, after
// AssetsController::store, ::update and ::destroy.
import { invalid, standard, type ApiRequest, type ApiResponse } from '../http-io.ts';
import type { RouteContext } from '../router.ts';
import type { AssetChanges, SnipeStore } from '../store.ts';
import { assetPayload } from '../transformers.ts';
import type { Asset, AssignedType } from '../types.ts';
import { asId, isEmpty, validateSave, validateStore, validateUpdate, type Input } from '../validation.ts';

/** What a column holds after PHP casts a JSON value to text (true → "1", false → ""). */
function column(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? '1' : '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The next auto-increment tag: prefix + zero-filled number (Asset::autoincrement_asset). */
function nextAutoTag(store: SnipeStore): string | false {
  const auto = store.settings.autoIncrement;
  if (auto === null) return false;
  return `${auto.prefix}${String(auto.next).padStart(auto.zerofill, '0')}`;
}

/** AssetObserver::created moves the counter past any prefix+number tag created. */
function advanceAutoTag(store: SnipeStore, tag: string): void {
  const auto = store.settings.autoIncrement;
  if (auto === null || !tag.startsWith(auto.prefix)) return;
  const number = tag.slice(auto.prefix.length);
  if (/^\d+$/.test(number)) auto.next = Math.max(auto.next, Number(number) + 1);
}

/** The request's values for the model's custom fields (only those columns are ever written). */
function customFrom(store: SnipeStore, modelId: number, input: Input, base: Record<string, string | null>) {
  const custom: Record<string, string | null> = {};
  for (const field of store.fieldsFor(modelId)) {
    custom[field.dbColumn] =
      field.dbColumn in input ? column(input[field.dbColumn]) : (base[field.dbColumn] ?? null);
  }
  return custom;
}

/** The first of assigned_user / assigned_asset / assigned_location that names an existing target. */
function requestedTarget(
  store: SnipeStore,
  input: Input,
  self?: Asset,
): { type: AssignedType; id: number } | null {
  const user = store.users.get(asId(input.assigned_user));
  if (!isEmpty(input.assigned_user) && user) return { type: 'user', id: user.id };
  const asset = store.assetTable.get(asId(input.assigned_asset));
  if (!isEmpty(input.assigned_asset) && asset && asset.id !== self?.id)
    return { type: 'asset', id: asset.id };
  const location = store.locations.get(asId(input.assigned_location));
  if (!isEmpty(input.assigned_location) && location) return { type: 'location', id: location.id };
  return null;
}

export function createHardware({ store, apiUser }: RouteContext, { input }: ApiRequest): ApiResponse {
  const assetTag = isEmpty(input.asset_tag) ? nextAutoTag(store) : (column(input.asset_tag) ?? '');
  const requestErrors = validateStore(store, input, assetTag);
  if (requestErrors) return invalid(requestErrors);
  const modelId = asId(input.model_id);
  const custom = customFrom(store, modelId, input, {});
  const saveErrors = validateSave(store, { statusId: input.status_id, modelId, custom });
  if (saveErrors || assetTag === false) return invalid(saveErrors ?? {});
  const asset = store.insertAsset({
    assetTag,
    modelId,
    statusId: asId(input.status_id),
    serial: column(input.serial),
    name: column(input.name),
    notes: column(input.notes),
    rtdLocationId: isEmpty(input.rtd_location_id) ? null : asId(input.rtd_location_id),
    locationId: isEmpty(input.rtd_location_id) ? null : asId(input.rtd_location_id),
    custom,
    createdBy: apiUser.id,
  });
  advanceAutoTag(store, assetTag);
  const target = requestedTarget(store, input);
  if (target) store.checkOut(asset, target.type, target.id);
  // The raw model, not the transformer (see transformers.ts, assetPayload).
  return standard('success', assetPayload(store, asset), 'Asset created successfully. :)');
}

/** Route model binding: a missing or soft-deleted asset is a ModelNotFoundException → 200 "Asset not found". */
function boundAsset(store: SnipeStore, id: string): Asset | undefined {
  const asset = /^\d+$/.test(id) ? store.assetTable.get(Number(id)) : undefined;
  return asset && asset.deletedAt === null ? asset : undefined;
}

/** PUT is the same handler as PATCH: every field is optional, only sent ones change. */
export function updateHardware(
  { store }: RouteContext,
  { input }: ApiRequest,
  [id = '']: string[],
): ApiResponse {
  const asset = boundAsset(store, id);
  if (!asset) return standard('error', null, 'Asset not found');
  const requestErrors = validateUpdate(store, asset, input);
  if (requestErrors) return invalid(requestErrors);
  const changes: AssetChanges = {};
  if ('asset_tag' in input) changes.assetTag = column(input.asset_tag) ?? asset.assetTag;
  if ('name' in input) changes.name = column(input.name);
  if ('serial' in input) changes.serial = column(input.serial);
  if ('notes' in input) changes.notes = column(input.notes);
  if ('model_id' in input) changes.modelId = asId(input.model_id);
  if ('status_id' in input) changes.statusId = asId(input.status_id);
  if ('rtd_location_id' in input) {
    changes.rtdLocationId = isEmpty(input.rtd_location_id) ? null : asId(input.rtd_location_id);
    if (!('location_id' in input)) changes.locationId = changes.rtdLocationId;
  }
  if ('location_id' in input)
    changes.locationId = isEmpty(input.location_id) ? null : asId(input.location_id);
  const modelId = changes.modelId ?? asset.modelId;
  changes.custom = customFrom(store, modelId, input, asset.custom);
  const saveErrors = validateSave(store, {
    statusId: changes.statusId ?? asset.statusId,
    modelId,
    custom: changes.custom,
  });
  if (saveErrors) return invalid(saveErrors);
  store.updateAsset(asset, changes);
  const target = requestedTarget(store, input, asset);
  if (target) store.checkOut(asset, target.type, target.id);
  return standard('success', assetPayload(store, asset), 'Asset updated successfully.');
}

/** Soft delete; a checked-out asset is silently checked in first. */
export function deleteHardware(
  { store }: RouteContext,
  _request: ApiRequest,
  [id = '']: string[],
): ApiResponse {
  const asset = boundAsset(store, id);
  if (!asset) return standard('error', null, 'Asset does not exist.');
  if (asset.assignedTo !== null) store.updateAsset(asset, { assignedTo: null, assignedType: null });
  store.softDelete(asset);
  return standard('success', null, 'The asset was deleted successfully.');
}
