// GET /hardware, /hardware/{id}, /hardware/bytag/{tag}, /hardware/byserial/{serial}, after
// AssetsController::index, ::show, ::showByTag and ::showBySerial.
import { dbDateTime } from '../format.ts';
import { json, standard, type ApiRequest, type ApiResponse } from '../http-io.ts';
import type { RouteContext } from '../router.ts';
import { sameText, type SnipeStore } from '../store.ts';
import { assetJson, assignedClass, listOf, userFullName } from '../transformers.ts';
import type { Asset } from '../types.ts';
import { isEmpty, text } from '../validation.ts';
import { like, orderOf, page, sortRows, type SortValue } from './paging.ts';

const DOES_NOT_EXIST = 'Asset does not exist.';

type Filter = (asset: Asset) => boolean;

/** The `status` parameter of the sidebar lists; anything else hides archived assets unless asked. */
function statusFilter(store: SnipeStore, input: Record<string, unknown>): Filter {
  const type = (asset: Asset) => store.statusLabels.get(asset.statusId)?.type;
  switch (input.status) {
    case 'Pending':
      return (asset) => type(asset) === 'pending';
    case 'RTD':
      return (asset) => asset.assignedTo === null && type(asset) === 'deployable';
    case 'Undeployable':
      return (asset) => type(asset) === 'undeployable';
    case 'Archived':
      return (asset) => type(asset) === 'archived';
    case 'Deployed':
      return (asset) => asset.assignedTo !== null;
    case 'Requestable':
    case 'byod':
      return () => false;
    default:
      if (isEmpty(input.status_id) && !store.settings.showArchivedInList)
        return (asset) => type(asset) !== 'archived';
      return () => true;
  }
}

/**
 * Searchable::scopeTextSearch: terms split on " OR ", each a case-insensitive substring of
 * the asset's columns, custom fields and related names. Dates are searched only for terms made
 * of digits, spaces, ":" and "-" — so a numeric serial can also match a created_at.
 */
function searchFilter(store: SnipeStore, search: string): Filter {
  const terms = search.split(' OR ');
  const dateTerm = (term: string) => /^[0-9 :-]+$/.test(term);
  return (asset) => {
    const model = store.models.get(asset.modelId);
    const user =
      asset.assignedType === 'user' && asset.assignedTo !== null ? store.users.get(asset.assignedTo) : null;
    const texts = [
      asset.name,
      asset.assetTag,
      asset.serial,
      asset.notes,
      ...Object.values(asset.custom),
      store.statusLabels.get(asset.statusId)?.name,
      model?.name,
      model?.modelNumber,
      model?.category,
      model?.manufacturer,
      asset.locationId === null ? null : store.locations.get(asset.locationId)?.name,
      user ? userFullName(user) : null,
      user?.username,
    ];
    const dates = [asset.createdAt, asset.updatedAt, asset.lastCheckout, asset.lastCheckin].flatMap((ms) =>
      ms === null ? [] : [dbDateTime(ms)],
    );
    return terms.some(
      (term) =>
        texts.some((value) => like(value, term)) || (dateTerm(term) && dates.some((d) => like(d, term))),
    );
  };
}

function filters(store: SnipeStore, input: Record<string, unknown>): Filter[] {
  const out: Filter[] = [statusFilter(store, input)];
  for (const field of store.fields.all()) {
    const wanted = input[field.dbColumn];
    if (!isEmpty(wanted)) out.push((asset) => sameText(asset.custom[field.dbColumn] ?? null, text(wanted)));
  }
  if (!isEmpty(input.search)) out.push(searchFilter(store, text(input.search)));
  if (!isEmpty(input.status_id)) out.push((asset) => String(asset.statusId) === text(input.status_id));
  if (!isEmpty(input.asset_tag)) out.push((asset) => sameText(asset.assetTag, text(input.asset_tag)));
  if (!isEmpty(input.serial)) out.push((asset) => sameText(asset.serial, text(input.serial)));
  if (!isEmpty(input.model_id)) {
    const ids = (Array.isArray(input.model_id) ? input.model_id : [input.model_id]).map(String);
    out.push((asset) => ids.includes(String(asset.modelId)));
  }
  if (!isEmpty(input.location_id)) out.push((asset) => String(asset.locationId) === text(input.location_id));
  if (!isEmpty(input.assigned_to) && !isEmpty(input.assigned_type))
    out.push(
      (asset) =>
        String(asset.assignedTo) === text(input.assigned_to) &&
        assignedClass(asset.assignedType) === text(input.assigned_type),
    );
  return out;
}

/** The sort keys the double models; anything unknown sorts by created_at, as in Snipe-IT. */
function sortKey(store: SnipeStore, sort: string): (asset: Asset) => SortValue {
  const plain: Record<string, (asset: Asset) => SortValue> = {
    id: (a) => a.id,
    name: (a) => a.name,
    asset_tag: (a) => a.assetTag,
    serial: (a) => a.serial,
    notes: (a) => a.notes,
    created_at: (a) => a.createdAt,
    updated_at: (a) => a.updatedAt,
    last_checkout: (a) => a.lastCheckout,
    last_checkin: (a) => a.lastCheckin,
    expected_checkin: (a) => a.expectedCheckin,
    checkout_counter: (a) => a.checkoutCounter,
    checkin_counter: (a) => a.checkinCounter,
    model: (a) => store.models.get(a.modelId)?.name ?? null,
    model_number: (a) => store.models.get(a.modelId)?.modelNumber ?? null,
    status_label: (a) => store.statusLabels.get(a.statusId)?.name ?? null,
    assigned_to: (a) => {
      const user =
        a.assignedType === 'user' && a.assignedTo !== null ? store.users.get(a.assignedTo) : undefined;
      return user ? userFullName(user) : null;
    },
  };
  const column = sort.replace(/^custom_fields\./, '');
  if (store.fieldByColumn(column)) {
    const numeric = store.fieldByColumn(column)?.format === 'NUMERIC';
    return (a) => {
      const value = a.custom[column] ?? null;
      return numeric && value !== null ? Number(value) : value;
    };
  }
  return plain[column] ?? plain.created_at!;
}

export function listHardware({ store }: RouteContext, request: ApiRequest): ApiResponse {
  const { input } = request;
  const pool = store
    .assets(input.status === 'Deleted')
    .filter((a) => input.status !== 'Deleted' || a.deletedAt !== null);
  const matching = filters(store, input).reduce((rows, keep) => rows.filter(keep), pool);
  const sorted = sortRows(matching, sortKey(store, text(input.sort)), orderOf(input));
  const rows = page(sorted, input, store.settings.maxResults);
  return json(
    200,
    listOf(
      rows.map((asset) => assetJson(store, asset)),
      matching.length,
    ),
  );
}

/** GET /hardware/{id} finds soft-deleted assets too (withTrashed), with deleted_at set. */
export function showHardware(
  { store }: RouteContext,
  _request: ApiRequest,
  [id = '']: string[],
): ApiResponse {
  const asset = /^\d+$/.test(id) ? store.assetTable.get(Number(id)) : undefined;
  return asset ? json(200, assetJson(store, asset)) : standard('error', null, DOES_NOT_EXIST);
}

/** One live match is answered bare (no {total, rows}); several, or ?deleted=true, as a list. */
export function hardwareByTag(
  { store }: RouteContext,
  request: ApiRequest,
  [tag = '']: string[],
): ApiResponse {
  const withDeleted = request.input.deleted === 'true';
  const found = store.assets(withDeleted).filter((asset) => sameText(asset.assetTag, tag));
  if (found.length === 0) return standard('error', null, DOES_NOT_EXIST);
  if (found.length === 1 && !withDeleted) return json(200, assetJson(store, found[0]!));
  return json(200, listOf(found.map((asset) => assetJson(store, asset))));
}

/** Always {total, rows} when something matches (several assets may share a serial); an error envelope when nothing does. */
export function hardwareBySerial(
  { store }: RouteContext,
  request: ApiRequest,
  [serial = '']: string[],
): ApiResponse {
  const withDeleted = request.input.deleted === 'true';
  const found = store.assets(withDeleted).filter((asset) => sameText(asset.serial, serial));
  const rows = page(found, request.input, store.settings.maxResults);
  if (rows.length === 0) return standard('error', null, DOES_NOT_EXIST);
  return json(
    200,
    listOf(
      rows.map((asset) => assetJson(store, asset)),
      found.length,
    ),
  );
}
