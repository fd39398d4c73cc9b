// The Sync page's Snipe-IT setup: what the server has (models, status labels, custom fields)
// and a suggested mapping from Depotline's names to Snipe-IT's ids. Suggestions only match
// names that are unambiguous; anything else is left for a person to pick, never guessed.
import type { AssetState } from '../../../../common/models/asset.ts';
import type { SnipeItConfig, SyncField } from '../../../../common/models/sync.ts';
import type { SyncIo } from '../../connector.ts';
import { snipeItApi } from './snipeit-api.ts';
import { decodeEntities } from './snipeit-mapping.ts';

export interface SnipeItSetup {
  models: { id: number; name: string; manufacturer: string | null }[];
  /** type: deployable, pending, undeployable or archived. */
  statusLabels: { id: number; name: string; type: string }[];
  customFields: { id: number; name: string; dbColumn: string; format: string | null }[];
}

export async function readSnipeItSetup(
  io: SyncIo,
  config: Pick<SnipeItConfig, 'tokenSecret'>,
): Promise<SnipeItSetup> {
  const api = snipeItApi(config, io);
  const models = await api.models();
  const statusLabels = await api.statusLabels();
  const customFields = await api.customFields();
  return {
    models: models.map((model) => ({
      id: model.id,
      name: decodeEntities(model.name),
      manufacturer: model.manufacturer ? decodeEntities(model.manufacturer.name) : null,
    })),
    statusLabels: statusLabels.map((label) => ({
      id: label.id,
      name: decodeEntities(label.name),
      type: label.type,
    })),
    customFields: customFields.map((field) => ({
      id: field.id,
      name: decodeEntities(field.name),
      dbColumn: field.db_column_name,
      format: field.format ?? null,
    })),
  };
}

export type SuggestedMapping = Pick<SnipeItConfig, 'models' | 'statusLabels' | 'customFields'> & {
  /** Local names with no (or no single) match, for the page to ask about. */
  unmatched: { models: string[]; statusLabels: string[] };
};

/**
 * The status label type each lifecycle state belongs to in Snipe-IT's terms: ready to hand out
 * (deployable), on its way (pending), out of use for now (undeployable), gone for good (archived).
 * An issued phone is "deployable" too: Snipe-IT shows it as deployed by its checkout, not its label.
 */
const STATE_TYPES: Record<AssetState, string> = {
  ordered: 'pending',
  received: 'pending',
  in_stock: 'deployable',
  staging: 'pending',
  staged: 'deployable',
  issued: 'deployable',
  returned: 'pending',
  in_repair: 'undeployable',
  wiped: 'pending',
  ready_for_reissue: 'deployable',
  retired: 'archived',
  recycled: 'archived',
  lost: 'undeployable',
};

/** Words that name a state in label names people give ("Out for Repair", "Lost/Stolen"). */
const STATE_WORDS: Partial<Record<AssetState, string>> = {
  in_repair: 'repair',
  lost: 'lost',
  retired: 'retired',
  recycled: 'recycl',
  staging: 'staging',
  ordered: 'ordered',
};

/** Custom field names that mean a sync field (compared without case, spaces or punctuation). */
const FIELD_NAMES: Partial<Record<SyncField, string[]>> = {
  imei: ['imei', 'imei1', 'imeinumber', 'imei1number'],
  osVersion: ['osversion', 'os', 'operatingsystemversion', 'osbuild', 'firmwareversion'],
  stagingProfile: ['stagingprofile', 'depotlineprofile', 'profile', 'enrollmentprofile'],
  location: ['location', 'depotlocation', 'shelf', 'binlocation'],
  manufacturer: ['manufacturer', 'make', 'vendor'],
};

const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '');
const words = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();

export function suggestMapping(
  setup: SnipeItSetup,
  localModelNames: readonly string[],
  localStates: readonly AssetState[],
): SuggestedMapping {
  const result: SuggestedMapping = {
    models: {},
    statusLabels: {},
    customFields: {},
    unmatched: { models: [], statusLabels: [] },
  };

  for (const local of localModelNames) {
    const id = single(setup.models, (model) =>
      [model.name, `${model.manufacturer ?? ''} ${model.name}`].some((name) => words(name) === words(local)),
    );
    if (id === undefined) result.unmatched.models.push(local);
    else result.models[local] = id;
  }

  for (const state of localStates) {
    const word = STATE_WORDS[state];
    const id =
      single(setup.statusLabels, (label) => words(label.name) === words(state)) ??
      (word ? single(setup.statusLabels, (label) => label.name.toLowerCase().includes(word)) : undefined) ??
      single(setup.statusLabels, (label) => label.type === STATE_TYPES[state]);
    if (id === undefined) result.unmatched.statusLabels.push(state);
    else result.statusLabels[state] = id;
  }

  for (const [field, names] of Object.entries(FIELD_NAMES) as [SyncField, string[]][]) {
    const matches = setup.customFields.filter((custom) => names.includes(squash(custom.name)));
    // The first listed name that matches wins ("IMEI" over "IMEI 1"); two fields of one name: no guess.
    for (const name of names) {
      const same = matches.filter((custom) => squash(custom.name) === name);
      if (same.length > 1) break;
      if (same.length === 1 && /^_snipeit_[a-z0-9_]+$/.test(same[0]!.dbColumn)) {
        result.customFields[field] = same[0]!.dbColumn;
        break;
      }
    }
  }
  return result;
}

/** The id of the only item matching, or undefined for none or several. */
function single<T extends { id: number }>(
  items: readonly T[],
  match: (item: T) => boolean,
): number | undefined {
  const found = items.filter(match);
  return found.length === 1 ? found[0]!.id : undefined;
}
