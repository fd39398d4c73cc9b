// The data a fresh double starts with: what a depot's Snipe-IT typically holds before
// Depotline's first sync. Every part can be replaced through `SeedOptions`.
import type { SnipeStore } from './store.ts';
import type { StatusType } from './types.ts';

export interface SeedStatusLabel {
  name: string;
  type: StatusType;
}
export interface SeedField {
  name: string;
  /** Snipe-IT format name: ANY, NUMERIC, ALPHA-NUMERIC, … */
  format?: string;
  required?: boolean;
}
export interface SeedModel {
  name: string;
  modelNumber?: string;
  manufacturer?: string;
  category?: string;
  /** Whether the model uses the seeded fieldset (all seeded custom fields); default true. */
  withFields?: boolean;
}
export interface SeedUser {
  username: string;
  firstName: string;
  lastName?: string;
  email?: string;
  employeeNum?: string;
}
export interface SeedAsset {
  assetTag: string;
  serial?: string;
  name?: string;
  /** Model by name (the seeded models' names) and status label by name. */
  model: string;
  status: string;
  /** Custom field values by field name ("IMEI"). */
  fields?: Record<string, string>;
  /** Checked out to this username. */
  assignedTo?: string;
}

export interface SeedOptions {
  statusLabels?: SeedStatusLabel[];
  customFields?: SeedField[];
  models?: SeedModel[];
  /** The API user (id 1, owner of the token) always exists; these come after it. */
  users?: SeedUser[];
  locations?: string[];
  assets?: SeedAsset[];
}

export const DEFAULT_SEED: Required<SeedOptions> = {
  statusLabels: [
    { name: 'Ready to Deploy', type: 'deployable' },
    { name: 'Pending', type: 'pending' },
    { name: 'Archived', type: 'archived' },
    { name: 'Broken', type: 'undeployable' },
  ],
  customFields: [
    { name: 'IMEI', format: 'NUMERIC' },
    { name: 'OS Version', format: 'ANY' },
    { name: 'Staging Profile', format: 'ANY' },
  ],
  models: [
    { name: 'Pixel 8', modelNumber: 'G9BQD', manufacturer: 'Google', category: 'Mobile Phones' },
    { name: 'Galaxy XCover7', modelNumber: 'SM-G556B', manufacturer: 'Samsung', category: 'Mobile Phones' },
    { name: 'iPhone 15', modelNumber: 'A3090', manufacturer: 'Apple', category: 'Mobile Phones' },
  ],
  users: [
    {
      username: 'alovelace',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@depot.example',
      employeeNum: 'E1001',
    },
    {
      username: 'ghopper',
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@depot.example',
      employeeNum: 'E1002',
    },
  ],
  locations: ['Depot North', 'Depot South'],
  assets: [],
};

/** Fills an empty store; ids follow insertion order, so the default data has predictable ids. */
export function seedStore(store: SnipeStore, options: SeedOptions = {}): void {
  const seed = { ...DEFAULT_SEED, ...options };
  store.addUser({
    username: 'snipe-api',
    firstName: 'Depotline',
    lastName: 'API',
    email: 'api@depot.example',
  });
  for (const label of seed.statusLabels) store.addStatusLabel(label);
  const fields = seed.customFields.map((field) => ({
    field: store.addField({ name: field.name, format: field.format ?? 'ANY' }),
    required: field.required ?? false,
  }));
  const fieldset = store.addFieldset({
    name: 'Mobile Devices',
    fieldIds: fields.map(({ field }) => field.id),
    requiredFieldIds: fields.filter(({ required }) => required).map(({ field }) => field.id),
  });
  for (const model of seed.models) {
    store.addModel({
      name: model.name,
      modelNumber: model.modelNumber ?? null,
      manufacturer: model.manufacturer ?? null,
      category: model.category ?? null,
      fieldsetId: model.withFields === false ? null : fieldset.id,
    });
  }
  for (const user of seed.users) {
    store.addUser({
      username: user.username,
      firstName: user.firstName,
      lastName: user.lastName ?? null,
      email: user.email ?? null,
      employeeNum: user.employeeNum ?? null,
    });
  }
  for (const name of seed.locations) store.addLocation(name);
  for (const spec of seed.assets) seedAsset(store, spec);
}

function seedAsset(store: SnipeStore, spec: SeedAsset): void {
  const model = store.models.all().find((row) => row.name === spec.model);
  const status = store.statusLabels.all().find((row) => row.name === spec.status);
  if (!model || !status) throw new Error(`seed asset ${spec.assetTag}: unknown model or status`);
  const custom: Record<string, string | null> = {};
  for (const field of store.fieldsFor(model.id)) custom[field.dbColumn] = spec.fields?.[field.name] ?? null;
  const asset = store.insertAsset({
    assetTag: spec.assetTag,
    serial: spec.serial ?? null,
    name: spec.name ?? null,
    modelId: model.id,
    statusId: status.id,
    custom,
  });
  if (spec.assignedTo !== undefined) {
    const user = store.users.all().find((row) => row.username === spec.assignedTo);
    if (!user) throw new Error(`seed asset ${spec.assetTag}: unknown user ${spec.assignedTo}`);
    store.checkOut(asset, 'user', user.id);
  }
}
