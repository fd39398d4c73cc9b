// The Snipe-IT state connector: keeps a Snipe-IT hardware record equal to each local asset.
// The worker decides what to push and pull; this module wires the calls (snipeit-api), the
// mapping (snipeit-mapping), reads (snipeit-read), writes (snipeit-write) and the drain's index
// (snipeit-index) together, and holds the little state that spans calls.
import type { Asset } from '../../../../common/models/asset.ts';
import type { SnipeItConfig, SyncField } from '../../../../common/models/sync.ts';
import type { StateConnector, SyncIo } from '../../connector.ts';
import { snipeItApi, type SnipeItApi } from './snipeit-api.ts';
import { SnipeItIndex } from './snipeit-index.ts';
import { localValues, mappedFields, type SnipeSnapshot } from './snipeit-mapping.ts';
import { readAsset, type SnipeItContext } from './snipeit-read.ts';
import { writeAsset } from './snipeit-write.ts';

export { createSnipeItHttp } from './snipeit-api.ts';

/**
 * The assigned user is pulled, never pushed: Snipe-IT is the register of who holds what, and a
 * checkout there is the asset team's act — it can send the user a EULA to accept, moves the
 * asset to the user's location, needs a deployable status label, and needs the person to be a
 * Snipe-IT user (an email Snipe-IT does not know would dead-letter every hand-out on the bench).
 * So Depotline's own rollout hand-outs reach Snipe-IT as the status the issued state is mapped
 * to (and as `assigned` events on the webhook connector); the holder appears in Snipe-IT when
 * the asset team checks the device out, and that checkout is pulled into Depotline.
 */
const REMOTE_ONLY: readonly SyncField[] = ['assignee'];

/** Below this many pending assets, per-asset reads are cheaper than listing Snipe-IT. */
const MIN_BATCH = 20;
/** The index belongs to a drain: dropped when prepareBatch has not been called for this long. */
const IDLE_MS = 2 * 60_000;
/** After Snipe-IT proved too large to list for a batch, do not try again for this long. */
const TOO_LARGE_MS = 10 * 60_000;
/** Snapshots kept behind returned records (raw ids for the next write), oldest dropped first. */
const RECENT_LIMIT = 5_000;

export function createSnipeItConnector(config: SnipeItConfig): StateConnector {
  const fields = mappedFields(config);
  const recent = new Map<string, SnipeSnapshot>();
  let index: SnipeItIndex | null = null;
  let lastBatchAt = 0;
  let refreshing: Promise<void> | null = null;
  let tooLarge: { pages: number; until: number } | null = null;

  const remember = (snapshot: SnipeSnapshot) => {
    const key = String(snapshot.id);
    recent.delete(key);
    recent.set(key, snapshot);
    if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
    index?.put(snapshot);
  };

  /** The index if a drain is on: dropped when idle, refreshed (once, shared) when stale. */
  const currentIndex = async (api: SnipeItApi, now: number): Promise<SnipeItIndex | null> => {
    if (index && now - lastBatchAt > IDLE_MS) index = null;
    if (index?.stale()) {
      const current = index;
      refreshing ??= current.refresh(api).finally(() => {
        refreshing = null;
      });
      await refreshing;
    }
    return index;
  };

  const contextFor = async (io: SyncIo): Promise<SnipeItContext> => {
    const api = snipeItApi(config, io);
    return {
      api,
      config,
      fields,
      remoteOnly: REMOTE_ONLY,
      index: await currentIndex(api, io.now().getTime()),
      recall: (remoteId) => recent.get(remoteId),
      remember,
    };
  };

  return {
    mode: 'state',
    fields,
    remoteOnly: REMOTE_ONLY,

    localValues: (asset: Asset) => localValues(asset, fields),

    read: async (asset, link, io) => readAsset(await contextFor(io), asset, link),

    write: async (asset, remote, changes, io) => writeAsset(await contextFor(io), asset, remote, changes),

    async prepareBatch(assets, io) {
      const now = io.now().getTime();
      const api = snipeItApi(config, io);
      if (index && now - lastBatchAt > IDLE_MS) index = null; // a new drain lists afresh
      lastBatchAt = now;
      if (index) {
        await currentIndex(api, now);
        return;
      }
      if (assets.length < MIN_BATCH) return;
      if (tooLarge && now < tooLarge.until && tooLarge.pages > assets.length) return;
      const built = await SnipeItIndex.build(api, () => io.now().getTime(), assets.length);
      if (built instanceof SnipeItIndex) {
        index = built;
        tooLarge = null;
      } else {
        tooLarge = { pages: built.pages, until: now + TOO_LARGE_MS };
      }
    },

    async check(io) {
      const total = await snipeItApi(config, io).countAssets();
      return `Snipe-IT at ${io.http.origin.host}: ${total} asset${total === 1 ? '' : 's'}`;
    },
  };
}
