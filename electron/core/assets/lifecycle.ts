import type { AssetState } from '../../common/models/asset.ts';
import { allowedTransitions, canTransition } from '../../common/models/lifecycle.ts';
import { CoreError } from '../core-error.ts';

const label = (state: AssetState) => state.replaceAll('_', ' ');

/** Refuses a move LIFECYCLE does not allow, naming the moves it does allow from here. */
export function assertTransition(from: AssetState, to: AssetState, what = 'This asset'): void {
  if (canTransition(from, to)) return;
  const allowed = allowedTransitions(from);
  throw new CoreError(
    'conflict',
    `${what} is ${label(from)} and cannot become ${label(to)}; from ${label(from)} it can become ` +
      (allowed.length === 0 ? 'nothing else (it is final).' : `${allowed.map(label).join(', ')}.`),
    { from, to, allowed: [...allowed] },
  );
}
