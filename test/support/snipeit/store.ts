// The double's database: plain maps with auto-increment ids and Eloquent's timestamp rules
// (second resolution; updated_at moves only when a value really changed). It validates
// nothing — the API routes and the web-UI helpers decide what may be written.
import { toSecond } from './format.ts';
import type {
  Asset,
  AssetModel,
  AssignedType,
  CustomField,
  Fieldset,
  Location,
  SnipeItSettings,
  StatusLabel,
  User,
} from './types.ts';

type Clock = () => number;

class Table<T extends { id: number }> {
  readonly rows = new Map<number, T>();
  #next = 1;

  insert(build: (id: number) => T): T {
    const row = build(this.#next++);
    this.rows.set(row.id, row);
    return row;
  }

  get(id: number): T | undefined {
    return this.rows.get(id);
  }

  all(): T[] {
    return [...this.rows.values()];
  }
}

/** Fields an asset change may set; `custom` merges by db column. */
export type AssetChanges = Partial<Omit<Asset, 'id' | 'custom' | 'createdAt' | 'updatedAt'>> & {
  custom?: Record<string, string | null>;
};

export class SnipeStore {
  readonly statusLabels = new Table<StatusLabel>();
  readonly fields = new Table<CustomField>();
  readonly fieldsets = new Table<Fieldset>();
  readonly models = new Table<AssetModel>();
  readonly users = new Table<User>();
  readonly locations = new Table<Location>();
  readonly assetTable = new Table<Asset>();
  readonly settings: SnipeItSettings;
  readonly #clock: Clock;

  constructor(settings: SnipeItSettings, clock: Clock) {
    this.settings = settings;
    this.#clock = clock;
  }

  /** Now, as the database would store it (whole seconds). */
  now(): number {
    return toSecond(this.#clock());
  }

  addStatusLabel(spec: Pick<StatusLabel, 'name' | 'type'> & Partial<StatusLabel>): StatusLabel {
    const at = this.now();
    return this.statusLabels.insert((id) => ({
      color: null,
      notes: null,
      createdAt: at,
      updatedAt: at,
      ...spec,
      id,
    }));
  }

  /** Snipe-IT names the column after the field and its id, so the id must be known first. */
  addField(spec: Pick<CustomField, 'name'> & Partial<Omit<CustomField, 'dbColumn'>>): CustomField {
    const at = this.now();
    return this.fields.insert((id) => ({
      format: 'ANY',
      element: 'text',
      fieldValues: null,
      createdAt: at,
      updatedAt: at,
      ...spec,
      id,
      dbColumn: `${columnSlug(spec.name)}_${id}`,
    }));
  }

  addFieldset(spec: Pick<Fieldset, 'name'> & Partial<Fieldset>): Fieldset {
    const at = this.now();
    return this.fieldsets.insert((id) => ({
      fieldIds: [],
      requiredFieldIds: [],
      createdAt: at,
      updatedAt: at,
      ...spec,
      id,
    }));
  }

  addModel(spec: Pick<AssetModel, 'name'> & Partial<AssetModel>): AssetModel {
    const at = this.now();
    return this.models.insert((id) => ({
      modelNumber: null,
      manufacturer: null,
      category: null,
      fieldsetId: null,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      ...spec,
      id,
    }));
  }

  addUser(spec: Pick<User, 'username' | 'firstName'> & Partial<User>): User {
    const at = this.now();
    return this.users.insert((id) => ({
      lastName: null,
      email: null,
      employeeNum: null,
      locationId: null,
      activated: true,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      ...spec,
      id,
    }));
  }

  addLocation(name: string): Location {
    const at = this.now();
    return this.locations.insert((id) => ({ id, name, createdAt: at, updatedAt: at }));
  }

  insertAsset(spec: Pick<Asset, 'assetTag' | 'modelId' | 'statusId'> & Partial<Asset>): Asset {
    const at = this.now();
    return this.assetTable.insert((id) => ({
      serial: null,
      name: null,
      notes: null,
      assignedTo: null,
      assignedType: null,
      locationId: null,
      rtdLocationId: null,
      custom: this.#emptyCustom(spec.modelId),
      createdBy: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      lastCheckout: null,
      lastCheckin: null,
      expectedCheckin: null,
      checkoutCounter: 0,
      checkinCounter: 0,
      ...spec,
      id,
    }));
  }

  /** Applies changes; like Eloquent's save(), touches updated_at only if something differs. */
  updateAsset(asset: Asset, changes: AssetChanges): boolean {
    const { custom, ...plain } = changes;
    let dirty = false;
    for (const [key, value] of Object.entries(plain) as [keyof Asset, unknown][]) {
      if (value === undefined || asset[key] === value) continue;
      (asset as unknown as Record<string, unknown>)[key] = value;
      dirty = true;
    }
    for (const [column, value] of Object.entries(custom ?? {})) {
      if (asset.custom[column] === value) continue;
      asset.custom[column] = value;
      dirty = true;
    }
    if (dirty) asset.updatedAt = this.now();
    return dirty;
  }

  checkOut(asset: Asset, type: AssignedType, targetId: number, extra: AssetChanges = {}): void {
    const location =
      type === 'location'
        ? targetId
        : type === 'user'
          ? (this.users.get(targetId)?.locationId ?? asset.locationId)
          : (this.assetTable.get(targetId)?.locationId ?? asset.locationId);
    this.updateAsset(asset, {
      lastCheckout: this.now(),
      locationId: location,
      ...extra,
      assignedTo: targetId,
      assignedType: type,
      checkoutCounter: asset.checkoutCounter + 1,
    });
  }

  checkIn(asset: Asset, extra: AssetChanges = {}): void {
    this.updateAsset(asset, {
      locationId: asset.rtdLocationId,
      ...extra,
      assignedTo: null,
      assignedType: null,
      expectedCheckin: null,
      lastCheckin: this.now(),
      checkinCounter: asset.checkinCounter + 1,
    });
  }

  /** SoftDeletes: deleted_at and updated_at set, the row stays (GET /hardware/{id} still finds it). */
  softDelete(asset: Asset): void {
    const at = this.now();
    asset.deletedAt = at;
    asset.updatedAt = at;
  }

  /** Live assets (or all, withTrashed). */
  assets(withTrashed = false): Asset[] {
    return this.assetTable.all().filter((asset) => withTrashed || asset.deletedAt === null);
  }

  /** The fields of a model's fieldset, in fieldset order. */
  fieldsFor(modelId: number): CustomField[] {
    const fieldsetId = this.models.get(modelId)?.fieldsetId;
    const fieldset =
      fieldsetId === null || fieldsetId === undefined ? undefined : this.fieldsets.get(fieldsetId);
    return (fieldset?.fieldIds ?? []).flatMap((id) => this.fields.get(id) ?? []);
  }

  fieldByColumn(column: string): CustomField | undefined {
    return this.fields.all().find((field) => field.dbColumn === column);
  }

  #emptyCustom(modelId: number): Record<string, string | null> {
    return Object.fromEntries(this.fieldsFor(modelId).map((field) => [field.dbColumn, null]));
  }
}

/** "OS Version" → "_snipeit_os_version" (Snipe-IT's slug, cut to 50 characters before the id). */
export function columnSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `_snipeit_${slug}`.slice(0, 50);
}

/** MySQL's default collation compares case-insensitively; tags, serials and usernames match that way. */
export function sameText(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
}
