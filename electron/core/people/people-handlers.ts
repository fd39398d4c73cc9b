import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import { CoreError } from '../core-error.ts';

// TEMPORARY scaffold while people, rollout and the fleet overview are written (issue #5); replaced in this change.
const notYet = (): never => {
  throw new CoreError('unavailable', 'People and rollout are not built yet.');
};

export function setupPeople(
  _context: CoreContext,
): Pick<
  HandlerTable,
  | 'people.list'
  | 'people.get'
  | 'people.upsert'
  | 'rollout.assign'
  | 'rollout.undo'
  | 'rollout.return'
  | 'rollout.setRoster'
  | 'rollout.board'
  | 'fleet.overview'
> {
  return {
    'people.list': notYet,
    'people.get': notYet,
    'people.upsert': notYet,
    'rollout.assign': notYet,
    'rollout.undo': notYet,
    'rollout.return': notYet,
    'rollout.setRoster': notYet,
    'rollout.board': notYet,
    'fleet.overview': notYet,
  };
}
