import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';

/** The asset registry's requests: the table, one asset, edits, lifecycle, saved filters, custom fields. */
export function setupAssets({
  assets,
  settings,
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
    'assets.list': ({ offset, limit, ...query }) => assets.list(query, offset, limit),
    'assets.get': ({ id }) => assets.get(id),
    'assets.lookup': ({ code }) => ({ matches: assets.lookup(code) }),
    'assets.timeline': ({ id }) => assets.timeline(id),
    'assets.create': (input) => assets.create(input, settings.who()),
    'assets.update': ({ id, changes, expectedUpdatedAt }) =>
      assets.update(id, changes, settings.who(), expectedUpdatedAt),
    'assets.transition': ({ id, to, reason }) => assets.transition(id, to, settings.who(), reason),
    'assets.addNote': ({ id, text }) => assets.addNote(id, text, settings.who()),
    'assets.merge': ({ keepId, mergeId }) => assets.merge(keepId, mergeId, settings.who()),
    'savedFilters.list': () => assets.savedFilters.list(),
    'savedFilters.save': ({ name, query }) => assets.savedFilters.save(name, query, settings.who()),
    'savedFilters.delete': ({ id }) => ({ deleted: assets.savedFilters.delete(id) }),
    'customFields.list': () => assets.customFields.list(),
    'customFields.define': (definition) => assets.customFields.define(definition, settings.who()),
  };
}
