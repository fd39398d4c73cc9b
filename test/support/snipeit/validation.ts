// Laravel's validation of the asset requests, message for message (resources/lang/en-US/
// validation.php). Snipe-IT validates in two phases and reports whichever fails first, each as
// HTTP 200 {"status":"error","messages":{field: [..]}}:
//  1. the form request (StoreAssetRequest / UpdateAssetRequest / AssetCheckoutRequest), then the
//     MayContainCustomFields hook for unknown `_snipeit_*` keys;
//  2. the model's own rules when it is saved (Watson ValidatingTrait), custom field formats included.
// StoreAssetRequest replaces the model's status_id rules with only the "not deployable" rule,
// so a missing or unknown status_id is only reported in phase 2, after everything else passed.
import { sameText, type SnipeStore } from './store.ts';
import type { Asset, Messages } from './types.ts';

export type Input = Record<string, unknown>;

/** Laravel's displayable attribute: snake_case with spaces ("_snipeit_imei_1" → " snipeit imei 1"). */
const label = (key: string) => key.replace(/_/g, ' ');

const isEmpty = (value: unknown) => value === undefined || value === null;
/** FILTER_VALIDATE_INT: an int, or its decimal text (no leading zeros, no fraction). */
const isInteger = (value: unknown) =>
  (typeof value === 'number' && Number.isInteger(value)) ||
  (typeof value === 'string' && /^[+-]?(0|[1-9]\d*)$/.test(value));
/** PHP is_numeric. */
const isNumeric = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value));
const asId = (value: unknown) => (isInteger(value) ? Number(value) : Number.NaN);
const text = (value: unknown) =>
  isEmpty(value) ? '' : typeof value === 'string' ? value : JSON.stringify(value);

class Bag {
  readonly messages: Messages = {};
  add(key: string, message: string): void {
    (this.messages[key] ??= []).push(message);
  }
  get empty(): boolean {
    return Object.keys(this.messages).length === 0;
  }
  result(): Messages | null {
    return this.empty ? null : this.messages;
  }
}

function modelExists(store: SnipeStore, value: unknown): boolean {
  const model = store.models.get(asId(value));
  return model !== undefined && model.deletedAt === null;
}

const statusExists = (store: SnipeStore, value: unknown) => store.statusLabels.get(asId(value)) !== undefined;

/** unique_undeleted: soft-deleted assets do not count; MySQL compares case-insensitively. */
function taken(store: SnipeStore, key: 'assetTag' | 'serial', value: string, ignoreId?: number): boolean {
  return store.assets().some((asset) => asset.id !== ignoreId && sameText(asset[key], value));
}

function checkLength(bag: Bag, key: string, value: unknown, max: number, min = 0): void {
  const length = [...text(value)].length;
  if (length < min) bag.add(key, `The ${label(key)} field must be at least ${min} characters.`);
  if (length > max) bag.add(key, `The ${label(key)} field must not be greater than ${max} characters.`);
}

/**
 * required|integer|exists. `required` failing stops the other rules (it is implicit); without
 * it an absent key is skipped but a sent null still fails integer and exists (no `nullable`).
 */
function checkIdRule(bag: Bag, key: string, value: unknown, exists: boolean, required: boolean): void {
  if (value === undefined || (value === null && required)) {
    if (required) bag.add(key, `The ${label(key)} field is required.`);
    return;
  }
  if (!isInteger(value)) bag.add(key, `The ${label(key)} field must be an integer.`);
  if (!exists) bag.add(key, `The selected ${label(key)} is invalid.`);
}

function checkAssignees(bag: Bag, store: SnipeStore, input: Input): void {
  const user = store.users.get(asId(input.assigned_user));
  if (!isEmpty(input.assigned_user) && (!user || user.deletedAt !== null))
    bag.add('assigned_user', 'The selected assigned user is invalid.');
  if (!isEmpty(input.assigned_location) && !store.locations.get(asId(input.assigned_location)))
    bag.add('assigned_location', 'The selected assigned location is invalid.');
  const asset = store.assetTable.get(asId(input.assigned_asset));
  if (!isEmpty(input.assigned_asset) && (!asset || asset.deletedAt !== null))
    bag.add('assigned_asset', 'The selected assigned asset is invalid.');
}

const wantsCheckout = (input: Input) =>
  ['assigned_to', 'assigned_user', 'assigned_location', 'assigned_asset', 'assigned_type'].some(
    (key) => !isEmpty(input[key]),
  );

/** AssetCannotBeCheckedOutToNondeployableStatus: only when the request also checks the asset out. */
function checkDeployable(bag: Bag, store: SnipeStore, input: Input): void {
  const status = store.statusLabels.get(asId(input.status_id));
  if (wantsCheckout(input) && status && status.type !== 'deployable')
    bag.add('status_id', 'That asset status is not deployable. This asset cannot be checked out.');
}

/** MayContainCustomFields: `_snipeit_*` keys the model's fieldset lacks, only if nothing else failed. */
function checkCustomKeys(bag: Bag, store: SnipeStore, input: Input, modelId: number): void {
  if (!bag.empty) return;
  const columns = new Set(store.fieldsFor(modelId).map((field) => field.dbColumn));
  for (const key of Object.keys(input)) {
    if (!key.startsWith('_snipeit_') || columns.has(key)) continue;
    bag.add(
      key,
      store.fieldByColumn(key)
        ? "This field seems to exist, but is not available on this Asset Model's fieldset."
        : 'This field does not seem to exist, please double check your custom field names.',
    );
  }
}

/** Phase 1 of POST /hardware. `assetTag` is what the request carries after auto-increment. */
export function validateStore(store: SnipeStore, input: Input, assetTag: string | false): Messages | null {
  const bag = new Bag();
  checkIdRule(bag, 'model_id', input.model_id, modelExists(store, input.model_id), true);
  checkDeployable(bag, store, input);
  // With auto-increment off and no tag sent, Snipe-IT merges asset_tag = false, which passes
  // `required` and then fails `min:1` (read from StoreAssetRequest::prepareForValidation).
  checkLength(bag, 'asset_tag', assetTag === false ? '' : assetTag, 255, 1);
  if (assetTag !== false && taken(store, 'assetTag', assetTag))
    bag.add('asset_tag', 'The asset tag must be unique.');
  checkLength(bag, 'name', input.name, 255);
  if (store.settings.uniqueSerial && !isEmpty(input.serial) && taken(store, 'serial', text(input.serial)))
    bag.add('serial', 'The serial must be unique.');
  checkLength(bag, 'notes', input.notes, 65535);
  checkAssignees(bag, store, input);
  checkCustomKeys(bag, store, input, asId(input.model_id));
  return bag.result();
}

/** Phase 1 of PATCH/PUT /hardware/{id}: nothing is required, every sent value is checked. */
export function validateUpdate(store: SnipeStore, asset: Asset, input: Input): Messages | null {
  const bag = new Bag();
  if ('model_id' in input)
    checkIdRule(bag, 'model_id', input.model_id, modelExists(store, input.model_id), false);
  if ('status_id' in input)
    checkIdRule(bag, 'status_id', input.status_id, statusExists(store, input.status_id), false);
  if ('asset_tag' in input) {
    // No `nullable` here: a sent "" (null after the middleware) fails min:1.
    checkLength(bag, 'asset_tag', input.asset_tag, 255, 1);
    if (!isEmpty(input.asset_tag) && taken(store, 'assetTag', text(input.asset_tag), asset.id))
      bag.add('asset_tag', 'The asset tag must be unique.');
  }
  checkLength(bag, 'name', input.name, 255);
  if (store.settings.uniqueSerial && !isEmpty(input.serial)) {
    const ignore = store.settings.selfSerialConflictOnUpdate ? undefined : asset.id;
    if (taken(store, 'serial', text(input.serial), ignore)) bag.add('serial', 'The serial must be unique.');
  }
  checkLength(bag, 'notes', input.notes, 65535);
  checkAssignees(bag, store, input);
  const modelId = isEmpty(input.model_id) ? asset.modelId : asId(input.model_id);
  checkCustomKeys(bag, store, input, modelId);
  return bag.result();
}

const FORMAT_CHECKS: Record<string, (value: string) => boolean> = {
  NUMERIC: isNumeric,
  ALPHA: (value) => /^\p{L}+$/u.test(value),
  'ALPHA-DASH': (value) => /^[\p{L}\p{N}_-]+$/u.test(value),
  'ALPHA-NUMERIC': (value) => /^[\p{L}\p{N}]+$/u.test(value),
  EMAIL: (value) => /^[^@\s]+@[^@\s]+$/.test(value),
  MAC: (value) => /^[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}$/.test(value),
};
const FORMAT_MESSAGES: Record<string, string> = {
  NUMERIC: 'must be a number.',
  ALPHA: 'must only contain letters.',
  'ALPHA-DASH': 'must only contain letters, numbers, dashes, and underscores.',
  'ALPHA-NUMERIC': 'must only contain letters and numbers.',
  EMAIL: 'must be a valid email address.',
  MAC: 'format is invalid.',
};

/** Phase 2, the model rules checked on save: status_id, and the fieldset's required flags and formats. */
export function validateSave(
  store: SnipeStore,
  values: { statusId: unknown; modelId: number; custom: Record<string, string | null> },
): Messages | null {
  const bag = new Bag();
  checkIdRule(bag, 'status_id', values.statusId, statusExists(store, values.statusId), true);
  const fieldsetId = store.models.get(values.modelId)?.fieldsetId ?? null;
  const required = fieldsetId === null ? [] : (store.fieldsets.get(fieldsetId)?.requiredFieldIds ?? []);
  for (const field of store.fieldsFor(values.modelId)) {
    const value = values.custom[field.dbColumn] ?? null;
    const key = field.dbColumn;
    if (value === null) {
      if (required.includes(field.id)) bag.add(key, `The ${label(key)} field is required.`);
      continue;
    }
    const check = FORMAT_CHECKS[field.format];
    if (check && !check(value)) bag.add(key, `The ${label(key)} field ${FORMAT_MESSAGES[field.format]}`);
  }
  return bag.result();
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?/;

/** AssetCheckoutRequest (run before the asset is even looked up). */
export function validateCheckout(store: SnipeStore, input: Input): Messages | null {
  const bag = new Bag();
  const targets = ['assigned_user', 'assigned_asset', 'assigned_location'];
  for (const key of targets) {
    if (isEmpty(input[key])) {
      const others = targets.filter((other) => other !== key);
      if (others.every((other) => isEmpty(input[other])))
        bag.add(
          key,
          `The ${label(key)} field is required when none of ${others.map(label).join(' / ')} are present.`,
        );
    } else if (!isNumeric(input[key])) bag.add(key, `The ${label(key)} field must be a number.`);
  }
  if (!isEmpty(input.status_id) && store.statusLabels.get(asId(input.status_id))?.type !== 'deployable')
    bag.add('status_id', 'The selected status id is invalid.');
  if (isEmpty(input.checkout_to_type)) bag.add('checkout_to_type', 'The checkout to type field is required.');
  else if (!['asset', 'location', 'user'].includes(text(input.checkout_to_type)))
    bag.add('checkout_to_type', 'The selected checkout to type is invalid.');
  for (const key of ['checkout_at', 'expected_checkin']) {
    if (!isEmpty(input[key]) && !DATE_LIKE.test(text(input[key])))
      bag.add(key, `The ${label(key)} field must be a valid date.`);
  }
  return bag.result();
}

export { asId, isEmpty, text };
