import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import { CoreError } from '../core-error.ts';

// TEMPORARY scaffold while the registry service is written (issue #5); replaced in this change.
const notYet = (): never => {
  throw new CoreError('unavailable', 'The asset registry is being rebuilt.');
};

export function setupAssets({
  assets,
}: CoreContext): Pick<
  HandlerTable,
  | 'assets.list'
  | 'assets.get'
  | 'assets.lookup'
  | 'assets.timeline'
  | 'assets.create'
  | 'assets.update'
  | 'assets.transition'
  | 'assets.addNote'
  | 'assets.merge'
  | 'savedFilters.list'
  | 'savedFilters.save'
  | 'savedFilters.delete'
  | 'customFields.list'
  | 'customFields.define'
> {
  return {
    'assets.list': notYet,
    'assets.get': ({ id }) => assets.get(id),
    'assets.lookup': notYet,
    'assets.timeline': notYet,
    'assets.create': notYet,
    'assets.update': notYet,
    'assets.transition': notYet,
    'assets.addNote': notYet,
    'assets.merge': notYet,
    'savedFilters.list': notYet,
    'savedFilters.save': notYet,
    'savedFilters.delete': notYet,
    'customFields.list': notYet,
    'customFields.define': notYet,
  };
}
