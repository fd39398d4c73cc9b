import { useCallback, useState } from 'react';
import type { Asset } from '../../../electron/common/models/asset.ts';

/** The contract prints labels for at most this many assets at once. */
export const MAX_SELECTION = 5000;

/** Rows ticked for label printing, by asset id (kept across searches, so a sheet can be gathered from several). */
export function useSelection() {
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  const toggle = useCallback((asset: Asset) => {
    setIds((current) => {
      const next = new Set(current);
      if (next.has(asset.id)) next.delete(asset.id);
      else if (next.size < MAX_SELECTION) next.add(asset.id);
      return next;
    });
  }, []);
  return { ids, toggle, clear: () => setIds(new Set()) };
}
