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

  // A connector's state also changes by time alone (a backoff ends: offline → failing or idle)
  // and the core pushes no event for that; ask again shortly after the next attempt is due.
  const nextDue = nextAttemptDue(overview);
  useEffect(() => {
    if (nextDue === undefined) return;
    const delay = Math.min(Math.max(nextDue - Date.now() + 500, 1_000), 120_000);
    const timer = setTimeout(reload, delay);
    return () => clearTimeout(timer);
  }, [nextDue, reload]);

  return { overview, error, loading, reload };
}

function nextAttemptDue(overview: SyncOverview | undefined): number | undefined {
  const times = (overview?.connectors ?? [])
    .map((connector) => (connector.nextAttemptAt ? Date.parse(connector.nextAttemptAt) : NaN))
    .filter((time) => !Number.isNaN(time));
  return times.length > 0 ? Math.min(...times) : undefined;
}
