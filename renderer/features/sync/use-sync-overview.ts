import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { SyncOverview } from '../../../electron/common/models/sync.ts';
import { useApi, useConnection } from '../../api/api-context.tsx';

export interface SyncOverviewState {
  overview: SyncOverview | undefined;
  error: ContractError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Every connector and its counts: `sync.overview` on load and after every (re)connect, then
 * each `sync.changed` the core pushes (a whole overview each time). The listener is attached
 * before the request goes out, and an answer that arrives after a newer push is dropped, so a
 * slow answer never rolls the page back.
 */
export function useSyncOverview(): SyncOverviewState {
  const api = useApi();
  const { epoch } = useConnection();
  const [overview, setOverview] = useState<SyncOverview | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  const pushes = useRef(0);

  useEffect(
    () =>
      api.on('sync.changed', (next) => {
        pushes.current += 1;
        setOverview(next);
        setError(undefined);
      }),
    [api],
  );

  useEffect(() => {
    let current = true;
    const pushesBefore = pushes.current;
    setLoading(true);
    void api.request('sync.overview').then((result) => {
      if (!current) return;
      setLoading(false);
      if (!result.ok) return setError(result.error);
      setError(undefined);
      if (pushes.current === pushesBefore) setOverview(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, epoch, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { overview, error, loading, reload };
}
