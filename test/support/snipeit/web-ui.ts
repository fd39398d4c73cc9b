// "Someone at the depot changed it in Snipe-IT's web UI": direct edits to the double's data,
// so tests can make remote-side changes without going through the API (no throttle, no
// request log). Saves follow Eloquent's rules: updated_at moves when a value changes. The UI
// does not stop a tester from creating duplicates — tests of duplicate handling need that.
import type { AssetChanges, SnipeStore } from './store.ts';
import type {
  Asset,
  AssetModel,
  AssetSnapshot,
  CustomField,
  StatusLabel,
  StatusType,
  User,
} from './types.ts';

/** A model, status label or user by id or by name (username for users). */
type Ref = number | string;

export interface AssetEdit {
  assetTag?: string;
  serial?: string | null;
  name?: string | null;
  notes?: string | null;
  model?: Ref;
  status?: Ref;
  /** Custom field values by field name ("IMEI") or db column ("_snipeit_imei_1"). */
  fields?: Record<string, string | null>;
}

export function snapshot(asset: Asset): AssetSnapshot {
  return { ...asset, custom: { ...asset.custom } };
}

export class WebUi {
  readonly #store: SnipeStore;

  constructor(store: SnipeStore) {
    this.#store = store;
  }

  createAsset(spec: AssetEdit & { assetTag: string; model: Ref; status: Ref }): AssetSnapshot {
    const modelId = this.#model(spec.model).id;
    const asset = this.#store.insertAsset({
      assetTag: spec.assetTag,
      modelId,
      statusId: this.#status(spec.status).id,
      serial: spec.serial ?? null,
      name: spec.name ?? null,
      notes: spec.notes ?? null,
    });
    this.#store.updateAsset(asset, { custom: this.#custom(modelId, spec.fields) });
    return snapshot(asset);
  }

  editAsset(id: number, edit: AssetEdit): AssetSnapshot {
    const asset = this.#asset(id);
    const changes: AssetChanges = {
      assetTag: edit.assetTag,
      serial: edit.serial,
      name: edit.name,
      notes: edit.notes,
      modelId: edit.model === undefined ? undefined : this.#model(edit.model).id,
      statusId: edit.status === undefined ? undefined : this.#status(edit.status).id,
    };
    changes.custom = this.#custom(changes.modelId ?? asset.modelId, edit.fields);
    this.#store.updateAsset(asset, changes);
    return snapshot(asset);
  }

  /** Saves the asset unchanged but moves updated_at (as an audit or an image upload would). */
  touch(id: number): AssetSnapshot {
    const asset = this.#asset(id);
    asset.updatedAt = this.#store.now();
    return snapshot(asset);
  }

  checkOut(assetId: number, user: Ref): AssetSnapshot {
    const asset = this.#asset(assetId);
    if (asset.assignedTo !== null) throw new Error(`asset ${assetId} is already checked out`);
    this.#store.checkOut(asset, 'user', this.#user(user).id);
    return snapshot(asset);
  }

  checkIn(assetId: number): AssetSnapshot {
    const asset = this.#asset(assetId);
    if (asset.assignedTo === null) throw new Error(`asset ${assetId} is not checked out`);
    this.#store.checkIn(asset);
    return snapshot(asset);
  }

  deleteAsset(id: number): AssetSnapshot {
    const asset = this.#asset(id);
    if (asset.assignedTo !== null) this.#store.updateAsset(asset, { assignedTo: null, assignedType: null });
    this.#store.softDelete(asset);
    return snapshot(asset);
  }

  createUser(spec: {
    username: string;
    firstName: string;
    lastName?: string;
    email?: string;
    employeeNum?: string;
  }): User {
    return { ...this.#store.addUser(spec) };
  }

  /** `withFields` (default true) gives the model the first fieldset, as the seeded phones have. */
  createModel(spec: {
    name: string;
    modelNumber?: string;
    manufacturer?: string;
    category?: string;
    withFields?: boolean;
  }): AssetModel {
    const fieldset = this.#store.fieldsets.all()[0];
    const { withFields, ...rest } = spec;
    return {
      ...this.#store.addModel({ ...rest, fieldsetId: withFields === false ? null : (fieldset?.id ?? null) }),
    };
  }

  createStatusLabel(spec: { name: string; type: StatusType }): StatusLabel {
    return { ...this.#store.addStatusLabel(spec) };
  }

  /** A new field (its db column named from its name and id), added to the given models' fieldsets. */
  createCustomField(spec: {
    name: string;
    format?: string;
    required?: boolean;
    models?: Ref[];
  }): CustomField {
    const field = this.#store.addField({ name: spec.name, format: spec.format ?? 'ANY' });
    for (const ref of spec.models ?? []) {
      const model = this.#model(ref);
      const fieldset =
        (model.fieldsetId === null ? undefined : this.#store.fieldsets.get(model.fieldsetId)) ??
        this.#store.addFieldset({ name: `${model.name} fields` });
      model.fieldsetId = fieldset.id;
      if (!fieldset.fieldIds.includes(field.id)) fieldset.fieldIds.push(field.id);
      if (spec.required) fieldset.requiredFieldIds.push(field.id);
    }
    return { ...field };
  }

  #asset(id: number): Asset {
    const asset = this.#store.assetTable.get(id);
    if (!asset || asset.deletedAt !== null) throw new Error(`no live asset ${id}`);
    return asset;
  }

  #model(ref: Ref): AssetModel {
    const found = this.#store.models.all().find((row) => row.id === ref || row.name === ref);
    if (!found) throw new Error(`no model ${ref}`);
    return found;
  }

  #status(ref: Ref): StatusLabel {
    const found = this.#store.statusLabels.all().find((row) => row.id === ref || row.name === ref);
    if (!found) throw new Error(`no status label ${ref}`);
    return found;
  }

  #user(ref: Ref): User {
    const found = this.#store.users.all().find((row) => row.id === ref || row.username === ref);
    if (!found) throw new Error(`no user ${ref}`);
    return found;
  }

  /** Field values by name or column → by column, for the model's fields only. */
  #custom(modelId: number, fields: AssetEdit['fields']): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(fields ?? {})) {
      const field = this.#store.fieldsFor(modelId).find((row) => row.name === key || row.dbColumn === key);
      if (!field) throw new Error(`model ${modelId} has no custom field ${key}`);
      out[field.dbColumn] = value;
    }
    return out;
  }
}
