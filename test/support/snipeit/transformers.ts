// Records → Snipe-IT's JSON. GET endpoints use Snipe-IT's transformers (app/Http/Transformers/
// *Transformer.php): escaped text, {id, name} references, {datetime, formatted} dates.
// POST/PATCH /hardware answer with the raw Eloquent model instead (AssetsController::store and
// ::update say so: "we have to use the old, flat return for now"), so `assetPayload` differs.
import { dateObject, dateTimeObject, e, eloquentDate, parsedownInline } from './format.ts';
import type { SnipeStore } from './store.ts';
import type { Asset, AssetModel, CustomField, Fieldset, StatusLabel, User } from './types.ts';

type Json = Record<string, unknown>;

/** DatatablesTransformer: every list answer is {total, rows}, total counting all matches. */
export function listOf(rows: unknown[], total = rows.length): { total: number; rows: unknown[] } {
  return { total, rows };
}

/** Manufacturers and categories are only names here; Snipe-IT's ids are stable per name. */
function namedRef(store: SnipeStore, key: 'manufacturer' | 'category', name: string | null) {
  if (name === null) return null;
  const names = [...new Set(store.models.all().flatMap((model) => model[key] ?? []))];
  return { id: names.indexOf(name) + 1, name: e(name) };
}

export function userFullName(user: User): string {
  return user.lastName ? `${user.firstName} ${user.lastName}` : user.firstName;
}

export function statusType(store: SnipeStore, asset: Asset): StatusLabel['type'] | undefined {
  return store.statusLabels.get(asset.statusId)?.type;
}

/** Asset::availableForCheckout: not assigned, not deleted, status deployable. */
export function availableForCheckout(store: SnipeStore, asset: Asset): boolean {
  return asset.assignedTo === null && asset.deletedAt === null && statusType(store, asset) === 'deployable';
}

function assignedToJson(store: SnipeStore, asset: Asset): Json | null {
  if (asset.assignedTo === null) return null;
  if (asset.assignedType === 'user') {
    const user = store.users.get(asset.assignedTo);
    return user
      ? {
          id: user.id,
          username: e(user.username),
          name: e(userFullName(user)),
          first_name: e(user.firstName),
          last_name: user.lastName ? e(user.lastName) : null,
          email: user.email ? e(user.email) : null,
          employee_number: user.employeeNum ? e(user.employeeNum) : null,
          type: 'user',
        }
      : null;
  }
  if (asset.assignedType === 'location') {
    const location = store.locations.get(asset.assignedTo);
    return location ? { id: location.id, name: e(location.name), type: 'location' } : null;
  }
  const target = store.assetTable.get(asset.assignedTo);
  return target ? { id: target.id, name: e(target.name ?? target.assetTag), type: 'asset' } : null;
}

function customFieldsJson(store: SnipeStore, asset: Asset): Json {
  const fields = store.fieldsFor(asset.modelId);
  // An empty PHP array would encode as [], so Snipe-IT forces an object (`new \stdClass`).
  const out: Json = {};
  for (const field of fields) {
    out[field.name] = {
      field: e(field.dbColumn),
      value: e(asset.custom[field.dbColumn] ?? null),
      field_format: field.format,
      element: field.element,
    };
  }
  return out;
}

function locationRef(store: SnipeStore, id: number | null) {
  const location = id === null ? undefined : store.locations.get(id);
  return location ? { id: location.id, name: e(location.name) } : null;
}

/** AssetsTransformer::transformAsset, with the columns the double does not model left null. */
export function assetJson(store: SnipeStore, asset: Asset): Json {
  const model = store.models.get(asset.modelId);
  const status = store.statusLabels.get(asset.statusId);
  const deleted = asset.deletedAt !== null;
  return {
    id: asset.id,
    name: e(asset.name),
    asset_tag: e(asset.assetTag),
    serial: e(asset.serial),
    model: model ? { id: model.id, name: e(model.name) } : null,
    byod: false,
    requestable: false,
    model_number: model?.modelNumber ? e(model.modelNumber) : null,
    eol: null,
    asset_eol_date: null,
    status_label: status
      ? {
          id: status.id,
          name: e(status.name),
          status_type: status.type,
          status_meta: asset.assignedTo !== null ? 'deployed' : status.type,
        }
      : null,
    category: namedRef(store, 'category', model?.category ?? null),
    manufacturer: namedRef(store, 'manufacturer', model?.manufacturer ?? null),
    supplier: null,
    notes: asset.notes ? parsedownInline(asset.notes) : null,
    order_number: null,
    company: null,
    location: locationRef(store, asset.locationId),
    rtd_location: locationRef(store, asset.rtdLocationId),
    image: null,
    qr: null,
    alt_barcode: null,
    assigned_to: assignedToJson(store, asset),
    warranty_months: null,
    warranty_expires: null,
    created_by: userRef(store, asset.createdBy),
    created_at: dateTimeObject(asset.createdAt),
    updated_at: dateTimeObject(asset.updatedAt),
    last_audit_date: null,
    next_audit_date: null,
    deleted_at: dateTimeObject(asset.deletedAt),
    purchase_date: null,
    age: '',
    last_checkout: dateTimeObject(asset.lastCheckout),
    last_checkin: dateTimeObject(asset.lastCheckin),
    expected_checkin: dateObject(asset.expectedCheckin),
    purchase_cost: null,
    checkin_counter: asset.checkinCounter,
    checkout_counter: asset.checkoutCounter,
    requests_counter: 0,
    user_can_checkout: availableForCheckout(store, asset),
    book_value: null,
    custom_fields: customFieldsJson(store, asset),
    available_actions: {
      checkout: !deleted,
      checkin: !deleted,
      clone: true,
      restore: deleted,
      update: !deleted,
      audit: true,
      delete: !deleted && asset.assignedTo === null,
    },
  };
}

function userRef(store: SnipeStore, id: number) {
  const user = store.users.get(id);
  return user ? { id: user.id, name: e(userFullName(user)) } : null;
}

const ASSIGNED_CLASS = {
  user: 'App\\Models\\User',
  asset: 'App\\Models\\Asset',
  location: 'App\\Models\\Location',
};

/** Eloquent's class name for assigned_type, as stored and as the `assigned_type` filter expects. */
export function assignedClass(type: Asset['assignedType']): string | null {
  return type === null ? null : ASSIGNED_CLASS[type];
}

/**
 * The raw model as POST/PATCH /hardware return it: database column names, unescaped values,
 * Eloquent ISO dates, custom fields as top-level `_snipeit_*` keys and the model relation.
 */
export function assetPayload(store: SnipeStore, asset: Asset): Json {
  const custom: Json = {};
  for (const field of store.fields.all()) {
    if (field.dbColumn in asset.custom) custom[field.dbColumn] = asset.custom[field.dbColumn] ?? null;
  }
  const model = store.models.get(asset.modelId);
  return {
    id: asset.id,
    name: asset.name,
    asset_tag: asset.assetTag,
    model_id: asset.modelId,
    serial: asset.serial,
    assigned_to: asset.assignedTo,
    assigned_type: assignedClass(asset.assignedType),
    notes: asset.notes,
    created_by: asset.createdBy,
    created_at: eloquentDate(asset.createdAt),
    updated_at: eloquentDate(asset.updatedAt),
    deleted_at: eloquentDate(asset.deletedAt),
    status_id: asset.statusId,
    rtd_location_id: asset.rtdLocationId,
    location_id: asset.locationId,
    company_id: null,
    last_checkout: eloquentDate(asset.lastCheckout),
    last_checkin: eloquentDate(asset.lastCheckin),
    expected_checkin: asset.expectedCheckin,
    checkin_counter: asset.checkinCounter,
    checkout_counter: asset.checkoutCounter,
    ...custom,
    model: model ? modelPayload(model) : null,
  };
}

function modelPayload(model: AssetModel): Json {
  return {
    id: model.id,
    name: model.name,
    model_number: model.modelNumber,
    fieldset_id: model.fieldsetId,
    created_at: eloquentDate(model.createdAt),
    updated_at: eloquentDate(model.updatedAt),
    deleted_at: eloquentDate(model.deletedAt),
  };
}

export function statusLabelJson(store: SnipeStore, label: StatusLabel): Json {
  return {
    id: label.id,
    name: e(label.name),
    type: label.type,
    color: label.color ? e(label.color) : null,
    show_in_nav: false,
    default_label: false,
    assets_count: store.assets().filter((asset) => asset.statusId === label.id).length,
    notes: e(label.notes),
    created_by: null,
    created_at: dateTimeObject(label.createdAt),
    updated_at: dateTimeObject(label.updatedAt),
    available_actions: { update: true, delete: true },
  };
}

export function modelJson(store: SnipeStore, model: AssetModel): Json {
  const fieldset = model.fieldsetId === null ? undefined : store.fieldsets.get(model.fieldsetId);
  const assetsCount = store.assets().filter((asset) => asset.modelId === model.id).length;
  return {
    id: model.id,
    name: e(model.name),
    manufacturer: namedRef(store, 'manufacturer', model.manufacturer),
    image: null,
    model_number: model.modelNumber ? e(model.modelNumber) : null,
    min_amt: null,
    remaining: assetsCount,
    depreciation: null,
    assets_count: assetsCount,
    category: namedRef(store, 'category', model.category),
    fieldset: fieldset ? { id: fieldset.id, name: e(fieldset.name) } : null,
    default_fieldset_values: store.fieldsFor(model.id).map((field) => ({
      name: e(field.name),
      db_column_name: e(field.dbColumn),
      default_value: null,
      format: e(field.format),
      required: fieldset?.requiredFieldIds.includes(field.id) ?? false,
    })),
    eol: 'None',
    requestable: false,
    notes: null,
    created_by: null,
    created_at: dateTimeObject(model.createdAt),
    updated_at: dateTimeObject(model.updatedAt),
    deleted_at: dateTimeObject(model.deletedAt),
    available_actions: { update: true, delete: assetsCount === 0, clone: true, restore: false },
  };
}

export function userJson(store: SnipeStore, user: User): Json {
  return {
    id: user.id,
    avatar: null,
    name: e(userFullName(user)),
    first_name: e(user.firstName),
    last_name: e(user.lastName),
    username: e(user.username),
    remote: false,
    locale: null,
    employee_num: user.employeeNum ? e(user.employeeNum) : null,
    manager: null,
    jobtitle: null,
    vip: false,
    phone: null,
    email: user.email ? e(user.email) : null,
    department: null,
    location: locationRef(store, user.locationId),
    notes: null,
    activated: user.activated,
    assets_count: store.assets().filter((a) => a.assignedType === 'user' && a.assignedTo === user.id).length,
    company: null,
    created_at: dateTimeObject(user.createdAt),
    updated_at: dateTimeObject(user.updatedAt),
    deleted_at: dateTimeObject(user.deletedAt),
    available_actions: { update: true, delete: true, clone: true, restore: false },
  };
}

export function fieldJson(field: CustomField, required = false): Json {
  return {
    id: field.id,
    name: e(field.name),
    db_column_name: e(field.dbColumn),
    format: e(field.format),
    field_values: field.fieldValues ? e(field.fieldValues) : null,
    field_values_array: field.fieldValues ? e(field.fieldValues).split('\r\n') : null,
    type: e(field.element),
    required,
    display_in_user_view: false,
    auto_add_to_fieldsets: false,
    show_in_listview: false,
    created_at: dateTimeObject(field.createdAt),
    updated_at: dateTimeObject(field.updatedAt),
  };
}

export function fieldsetJson(store: SnipeStore, fieldset: Fieldset): Json {
  const fields = fieldset.fieldIds.flatMap((id) => store.fields.get(id) ?? []);
  const models = store.models.all().filter((model) => model.fieldsetId === fieldset.id);
  return {
    id: fieldset.id,
    name: e(fieldset.name),
    fields: listOf(fields.map((field) => fieldJson(field, fieldset.requiredFieldIds.includes(field.id)))),
    models: listOf(models.map((model) => ({ id: model.id, name: e(model.name) }))),
    created_at: dateTimeObject(fieldset.createdAt),
    updated_at: dateTimeObject(fieldset.updatedAt),
  };
}
