import type { AssetState } from './asset.ts';

/**
 * The asset lifecycle, written once: for each state, the states it may move to. The core
 * refuses any other move (naming these), the UI offers only these, and staging and rollout
 * drive their part of it through the same check.
 */
export const LIFECYCLE: Readonly<Record<AssetState, readonly AssetState[]>> = {
  ordered: ['received', 'lost'],
  received: ['in_stock', 'staging', 'lost'],
  in_stock: ['staging', 'issued', 'in_repair', 'retired', 'recycled', 'lost'],
  staging: ['staged', 'in_stock', 'in_repair', 'lost'],
  // Restaging a staged phone (a new profile version) goes back through staging.
  staged: ['issued', 'staging', 'in_stock', 'in_repair', 'lost'],
  issued: ['returned', 'lost'],
  returned: ['in_repair', 'wiped', 'retired', 'recycled', 'lost'],
  in_repair: ['wiped', 'retired', 'recycled', 'lost'],
  wiped: ['ready_for_reissue', 'staging', 'in_repair', 'retired', 'recycled', 'lost'],
  ready_for_reissue: ['staging', 'issued', 'in_repair', 'retired', 'recycled', 'lost'],
  retired: ['recycled'],
  recycled: [],
  // A lost phone that turns up is returned to the depot and checked like any other return.
  lost: ['returned'],
};

export function allowedTransitions(from: AssetState): readonly AssetState[] {
  return LIFECYCLE[from];
}

export function canTransition(from: AssetState, to: AssetState): boolean {
  return LIFECYCLE[from].includes(to);
}
