// Local asset ↔ SyncValues ↔ Snipe-IT. Snipe-IT answers in two dialects: reads go through its
// AssetsTransformer (text HTML-escaped with e(), notes rendered as inline Markdown, ids nested,
// stamps as server wall-clock "Y-m-d H:i:s"), writes answer with the flat Eloquent model
// (raw text, *_id columns, ISO-8601 UTC stamps). Both become one SnipeSnapshot here, so the
// connector compares like with like and never reports a change that is only an escaping.
import type { Asset } from '../../../../common/models/asset.ts';
import type { SnipeItConfig, SyncField, SyncValues } from '../../../../common/models/sync.ts';
import { SYNC_FIELDS } from '../../../../common/models/sync.ts';
import type { RemoteRecord } from '../../connector.ts';
import { SyncError } from '../../sync-error.ts';
import type { SnipeAssetRow, SnipeFlatAsset } from './snipeit-schemas.ts';

/** Snipe-IT compares serials with a case-insensitive collation that ignores trailing spaces. */
export const serialKey = (serial: string): string => serial.toLowerCase().trimEnd();

/** Fields Snipe-IT has a column of its own for; the rest travel only in mapped custom fields. */
const NATIVE_FIELDS: readonly SyncField[] = ['assetTag', 'serial', 'model', 'status', 'assignee', 'notes'];

/** What Snipe-IT holds for one record, in plain (unescaped) text. */
export interface SnipeSnapshot {
  id: number;
  assetTag: string | null;
  serial: string | null;
  manufacturer: string | null;
  modelId: number | null;
  modelName: string | null;
  statusId: number | null;
  statusName: string | null;
  notes: string | null;
  assignedToId: number | null;
  /** user, location or asset: what it is checked out to. */
  assignedType: string | null;
  assigneeEmail: string | null;
  /** Custom field values by database column (_snipeit_imei_1 …); only the model's fieldset's. */
  custom: Record<string, string | null>;
  /** Server wall clock, "YYYY-MM-DD HH:MM:SS". */
  updatedAt: string | null;
}

/** The fields this connector maps: Snipe-IT's own columns plus those given a custom field. */
export function mappedFields(config: SnipeItConfig): SyncField[] {
  return SYNC_FIELDS.filter(
    (field) => NATIVE_FIELDS.includes(field) || config.customFields[field] !== undefined,
  );
}

const LOCAL: Record<SyncField, (asset: Asset) => string | null> = {
  assetTag: (asset) => asset.assetTag,
  serial: (asset) => asset.serial,
  model: (asset) => asset.model || null,
  manufacturer: (asset) => asset.manufacturer || null,
  status: (asset) => asset.state,
  imei: (asset) => asset.imeis[0] ?? null,
  osVersion: (asset) => asset.osVersion || null,
  stagingProfile: (asset) =>
    asset.staging ? `${asset.staging.profile} v${asset.staging.profileVersion}` : null,
  // Snipe-IT users are recognised by email (compared without case on both sides); a holder
  // without one is nobody Snipe-IT knows.
  assignee: (asset) => asset.assignee?.email?.toLowerCase() ?? null,
  // Snipe-IT shows empty notes as null: an empty local note is the same "nothing".
  notes: (asset) => asset.notes || null,
  location: (asset) => asset.location,
};

export function localValues(asset: Asset, fields: readonly SyncField[]): SyncValues {
  const values: SyncValues = {};
  for (const field of fields) values[field] = LOCAL[field](asset);
  return values;
}

/** A read row (transformer dialect) as plain values. */
export function snapshotOfRow(row: SnipeAssetRow): SnipeSnapshot {
  const custom: Record<string, string | null> = {};
  for (const entry of Object.values(row.custom_fields)) {
    custom[entry.field] =
      entry.value === null || entry.value === undefined ? null : text(String(entry.value));
  }
  const type = row.assigned_to ? (row.assigned_to.type ?? 'user') : null;
  return {
    id: row.id,
    assetTag: text(row.asset_tag),
    serial: text(row.serial),
    manufacturer: text(row.manufacturer?.name),
    modelId: row.model?.id ?? null,
    modelName: text(row.model?.name),
    statusId: row.status_label?.id ?? null,
    statusName: text(row.status_label?.name),
    notes: row.notes ? notesFromHtml(row.notes) || null : null,
    assignedToId: row.assigned_to?.id ?? null,
    assignedType: type,
    assigneeEmail: type === 'user' ? (text(row.assigned_to?.email)?.toLowerCase() ?? null) : null,
    custom,
    updatedAt: row.updated_at?.datetime ?? null,
  };
}

/**
 * A write's answer (flat dialect) as plain values. Names (model, status label, assignee email)
 * are not in it: they come from `before` when the ids did not change, else stay unknown (null
 * names), which the caller treats as "re-read".
 */
export function snapshotOfFlat(flat: SnipeFlatAsset, before: SnipeSnapshot | null): SnipeSnapshot {
  const column = (name: string): string | null | undefined => {
    const value = (flat as Record<string, unknown>)[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value === '' ? null : value;
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  };
  const custom: Record<string, string | null> = { ...before?.custom };
  for (const key of Object.keys(flat)) {
    if (key.startsWith('_snipeit_')) custom[key] = column(key) ?? null;
  }
  const modelId = flat.model_id ?? before?.modelId ?? null;
  const statusId = flat.status_id ?? before?.statusId ?? null;
  const assignedToId = flat.assigned_to === undefined ? (before?.assignedToId ?? null) : flat.assigned_to;
  const sameHolder = assignedToId === (before?.assignedToId ?? null);
  return {
    id: flat.id,
    assetTag: flat.asset_tag === undefined ? (before?.assetTag ?? null) : flat.asset_tag || null,
    serial: flat.serial === undefined ? (before?.serial ?? null) : flat.serial || null,
    manufacturer: before?.manufacturer ?? null,
    modelId,
    modelName: flat.model?.name ?? (modelId === before?.modelId ? before.modelName : null),
    statusId,
    statusName: statusId === before?.statusId ? before.statusName : null,
    notes: flat.notes === undefined ? (before?.notes ?? null) : flat.notes || null,
    assignedToId,
    assignedType: sameHolder ? (before?.assignedType ?? null) : assignedTypeOf(flat.assigned_type),
    assigneeEmail: sameHolder ? (before?.assigneeEmail ?? null) : null,
    custom,
    updatedAt: wallClock(flat.updated_at) ?? before?.updatedAt ?? null,
  };
}

/**
 * What a flat answer's snapshot lacks that a read would have (then: re-read). A name matters
 * only for an id the mapping does not know: a mapped id already has its local name.
 */
export function unresolved(
  snapshot: SnipeSnapshot,
  before: SnipeSnapshot | null,
  config: SnipeItConfig,
): string[] {
  const missing: string[] = [];
  const known = (map: Record<string, number>, id: number) => Object.values(map).includes(id);
  if (snapshot.modelId !== null && snapshot.modelName === null && !known(config.models, snapshot.modelId))
    missing.push('model name');
  if (
    snapshot.statusId !== null &&
    snapshot.statusName === null &&
    !known(config.statusLabels, snapshot.statusId)
  )
    missing.push('status label name');
  if (snapshot.assignedToId !== (before?.assignedToId ?? null)) missing.push('assigned user');
  return missing;
}

export interface RecordContext {
  config: SnipeItConfig;
  fields: readonly SyncField[];
  /** The local asset's values: tag and serial spellings Snipe-IT treats as the same are reported as local's. */
  local: SyncValues;
  /** Values to prefer when one Snipe-IT id stands for several local names (what we wrote, local, base). */
  prefer: readonly (SyncValues | null | undefined)[];
}

/** The snapshot as the worker compares it: in Depotline's words, mapped fields only. */
export function toRemoteRecord(snapshot: SnipeSnapshot, context: RecordContext): RemoteRecord {
  const { config, prefer } = context;
  const preferred = (field: SyncField) => prefer.map((values) => values?.[field]);
  const values: SyncValues = {};
  for (const field of context.fields) {
    switch (field) {
      case 'assetTag': {
        // A tag equal to the serial is the stand-in Depotline writes for "no tag" (Snipe-IT needs one).
        const tag = snapshot.assetTag;
        values.assetTag =
          tag !== null && tag === snapshot.serial && context.local.assetTag !== tag ? null : tag;
        break;
      }
      case 'serial': {
        // Snipe-IT's serials compare without case (and re-sending one trips its unique check),
        // so "r58n1" there is the local "R58N1", not a change to push back.
        const local = context.local.serial ?? null;
        const same =
          local !== null && snapshot.serial !== null && serialKey(local) === serialKey(snapshot.serial);
        values.serial = same ? local : snapshot.serial;
        break;
      }
      case 'model':
        values.model =
          snapshot.modelId === null
            ? null
            : (localNameOf(config.models, snapshot.modelId, preferred('model')) ?? snapshot.modelName);
        break;
      case 'status':
        values.status =
          snapshot.statusId === null
            ? null
            : (localNameOf(config.statusLabels, snapshot.statusId, preferred('status')) ??
              snapshot.statusName);
        break;
      case 'assignee':
        values.assignee = snapshot.assignedType === 'user' ? snapshot.assigneeEmail : null;
        break;
      case 'notes': {
        // Read back through Markdown, `__b__` and `**b**` look alike: the local spelling stands.
        const local = context.local.notes ?? null;
        const same =
          local !== null && snapshot.notes !== null && markdownKey(local) === markdownKey(snapshot.notes);
        values.notes = same ? local : snapshot.notes;
        break;
      }
      default: {
        const column = config.customFields[field];
        values[field] = column === undefined ? null : (snapshot.custom[column] ?? null);
      }
    }
  }
  return { remoteId: String(snapshot.id), values, updatedAt: snapshot.updatedAt };
}

/** The local name mapped to a Snipe-IT id; when several are, the preferred one (it is not a change). */
export function localNameOf(
  map: Record<string, number>,
  id: number,
  preferred: readonly (string | null | undefined)[],
): string | null {
  const names = Object.keys(map).filter((name) => map[name] === id);
  return preferred.find((name): name is string => !!name && names.includes(name)) ?? names[0] ?? null;
}

/** Local name → Snipe-IT id, exact first, then ignoring case (the setup screen may have normalised). */
export function idFor(map: Record<string, number>, name: string): number | undefined {
  if (map[name] !== undefined) return map[name];
  const lower = name.toLowerCase();
  const key = Object.keys(map).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : map[key];
}

/**
 * The Snipe-IT request fields for some sync field values. Assignee is never written (it is
 * remote-only); a missing model or status mapping is refused with what to do about it.
 */
export function payloadFor(
  changes: SyncValues,
  asset: Asset,
  config: SnipeItConfig,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes) as [SyncField, string | null][]) {
    switch (field) {
      case 'assetTag':
        payload.asset_tag = value ?? asset.serial;
        break;
      case 'serial':
        payload.serial = value;
        break;
      case 'model':
        payload.model_id = mapped(config.models, value, 'model', 'Snipe-IT model');
        break;
      case 'status':
        payload.status_id = mapped(config.statusLabels, value, 'lifecycle state', 'Snipe-IT status label');
        break;
      case 'notes':
        payload.notes = value;
        break;
      case 'assignee':
        break;
      default: {
        const column = config.customFields[field];
        if (column !== undefined) payload[column] = value;
      }
    }
  }
  return payload;
}

function mapped(map: Record<string, number>, value: string | null, what: string, target: string): number {
  if (value === null) throw new SyncError('rejected', `the asset has no ${what}; Snipe-IT requires one`);
  const id = idFor(map, value);
  if (id === undefined) {
    throw new SyncError('rejected', `no ${target} is mapped to '${value}' — map it on the Sync page`);
  }
  return id;
}

/** Snipe-IT's "App\Models\User" (flat) or "user" (transformer) as user / location / asset. */
function assignedTypeOf(type: string | null | undefined): string | null {
  if (!type) return null;
  const last = type.split('\\').pop() ?? type;
  return last.toLowerCase();
}

/** Transformer text is HTML-escaped (Laravel's e()); Depotline compares the text itself. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? whole;
  });
}

function text(value: string | null | undefined): string | null {
  return value ? decodeEntities(value) : null;
}

/**
 * Notes are shown through Parsedown's inline Markdown (safe mode, so any other '<' is escaped):
 * turn the few tags it makes back into the Markdown that made them. Best effort — `_x_` and
 * `*x*` both render as <em> — but plain notes and links come back exactly.
 */
export function notesFromHtml(html: string): string {
  const markdown = html
    .replace(/<br \/>\n?/g, '  \n')
    .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (_whole, href: string, label: string) =>
      label === href ? href : `[${label}](${href})`,
    )
    .replace(/<\/?strong>/g, '**')
    .replace(/<\/?em>/g, '*')
    .replace(/<\/?del>/g, '~~')
    .replace(/<\/?code>/g, '`');
  return decodeEntities(markdown);
}

/** Markdown spellings Parsedown renders alike: `__b__`/`**b**`, `_e_`/`*e*`, 2+ spaces before a break. */
function markdownKey(text: string): string {
  return text
    .replace(/__(?=\S)(.+?)(?<=\S)__/g, '**$1**')
    .replace(/(^|\W)_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1*$2*')
    .replace(/ {2,}\n/g, '  \n');
}

/** "YYYY-MM-DD HH:MM:SS" as a number to compare and subtract (its zone is the server's, consistently). */
export function stampOf(updatedAt: string | null): number | null {
  if (!updatedAt) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(updatedAt);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
}

/**
 * A flat answer's ISO-8601 UTC stamp in the read dialect. Reads show the server's wall clock
 * (APP_TIMEZONE, UTC unless changed); on a server in another zone the two differ by its offset,
 * which only shifts the stamp shown with a conflict — values, not stamps, decide what syncs.
 */
export function wallClock(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}
