import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';

type SyncRequest = Extract<keyof HandlerTable, `sync.${string}`>;

/** The Sync page's requests: connectors, queues, dead letters and conflicts. */
export function setupSync({ sync, settings }: CoreContext): Pick<HandlerTable, SyncRequest> {
  return {
    'sync.overview': () => sync.overview(),
    'sync.connectors.get': ({ id }) => sync.get(id),
    'sync.connectors.save': (input) => sync.save(input, settings.who()),
    'sync.connectors.remove': async ({ id }) => ({ dropped: await sync.remove(id, settings.who()) }),
    'sync.connectors.pause': ({ id }) => sync.setPaused(id, true, settings.who()),
    'sync.connectors.resume': ({ id }) => sync.setPaused(id, false, settings.who()),
    'sync.connectors.check': ({ id }) => sync.check(id),
    'sync.snipeit.setup': (input) => sync.snipeItSetup(input),
    'sync.pending.list': ({ id, limit }) => sync.decisions.pending(id, limit),
    'sync.deadLetters.list': ({ id, limit }) => sync.decisions.deadLetters(id ?? null, limit),
    'sync.deadLetters.retry': ({ ids }) => ({ retried: sync.retryDead(ids, settings.who()) }),
    'sync.deadLetters.discard': ({ ids, reason }) => ({
      discarded: sync.decisions.discardDead(ids, reason, settings.who()),
    }),
    'sync.conflicts.list': ({ id, limit }) => sync.decisions.conflicts(id ?? null, limit),
    'sync.conflicts.resolve': ({ id, keep }) => sync.decisions.resolve(id, keep, settings.who()),
  };
}
