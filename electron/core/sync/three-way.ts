// The field-by-field decision for a state connector: given the local values, the remote's
// current values and the base both sides agreed on at the last sync, what to push, what to
// pull, what the new base is, and which fields conflict. Pure, so every case is tested here.
import type { FieldPolicy, SyncField, SyncValue, SyncValues } from '../../common/models/sync.ts';

/** Fields Depotline can write locally from a remote value (the rest are measured on the device or owned by the lifecycle). */
export const PULLABLE_FIELDS: ReadonlySet<SyncField> = new Set(['assetTag', 'notes', 'location', 'assignee']);

/**
 * When the remote changed a field since the last sync and the values now differ. The bench
 * measures identity (serial, IMEI, OS, model) and owns the lifecycle, so those default to
 * "local wins"; what people type (tag, notes, location) defaults to "ask".
 */
export const DEFAULT_POLICIES: Record<SyncField, FieldPolicy> = {
  assetTag: 'ask',
  serial: 'local',
  model: 'local',
  manufacturer: 'local',
  status: 'local',
  imei: 'local',
  osVersion: 'local',
  stagingProfile: 'local',
  assignee: 'ask',
  notes: 'ask',
  location: 'ask',
};

export interface MergeInput {
  fields: readonly SyncField[];
  remoteOnly: readonly SyncField[];
  local: SyncValues;
  /** null: the remote has no record (it will be created from `push`). */
  remote: SyncValues | null;
  /** null: never synced; the remote's values count as the base (nothing "changed remotely"). */
  base: SyncValues | null;
  policies: Partial<Record<SyncField, FieldPolicy>>;
}

export interface FieldConflict {
  field: SyncField;
  base: SyncValue;
  local: SyncValue;
  remote: SyncValue;
  /** How the policy settled it; null = waiting for a person. */
  resolution: 'local' | 'remote' | null;
}

export interface MergeResult {
  push: SyncValues;
  pull: SyncValues;
  /** The base to store after push and pull succeed; fields in open conflict keep the old base. */
  base: SyncValues;
  conflicts: FieldConflict[];
}

const value = (values: SyncValues | null, field: SyncField): SyncValue => values?.[field] ?? null;

export function mergeThreeWay(input: MergeInput): MergeResult {
  const result: MergeResult = { push: {}, pull: {}, base: {}, conflicts: [] };
  const remoteOnly = new Set(input.remoteOnly);
  for (const field of input.fields) {
    const local = value(input.local, field);
    if (input.remote === null) {
      // Nothing remote yet: create it from the local values (remote-only fields start empty).
      if (!remoteOnly.has(field) && local !== null) result.push[field] = local;
      result.base[field] = remoteOnly.has(field) ? null : local;
      continue;
    }
    const remote = value(input.remote, field);
    if (remoteOnly.has(field)) {
      if (remote !== local) result.pull[field] = remote;
      result.base[field] = remote;
      continue;
    }
    if (local === remote) {
      result.base[field] = local;
      continue;
    }
    const base = input.base === null ? remote : value(input.base, field);
    if (remote === base) {
      result.push[field] = local;
      result.base[field] = local;
      continue;
    }
    // The remote changed since the last sync and differs from us: record it, apply the policy.
    let policy = input.policies[field] ?? DEFAULT_POLICIES[field];
    if (policy === 'remote' && !PULLABLE_FIELDS.has(field)) policy = 'ask';
    const resolution = policy === 'ask' ? null : policy;
    result.conflicts.push({ field, base, local, remote, resolution });
    if (resolution === 'local') {
      result.push[field] = local;
      result.base[field] = local;
    } else if (resolution === 'remote') {
      result.pull[field] = remote;
      result.base[field] = remote;
    } else {
      result.base[field] = base;
    }
  }
  return result;
}
