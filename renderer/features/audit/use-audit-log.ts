import { useCallback, useEffect, useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { AuditEntry } from '../../../electron/common/models/audit.ts';
import { useApi, useConnection } from '../../api/api-context.tsx';

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, one entry per sequence number, whatever order pages and pushes arrived in. */
function merge(current: readonly AuditEntry[], incoming: readonly AuditEntry[]): AuditEntry[] {
  const bySeq = new Map<number, AuditEntry>();
  for (const entry of [...current, ...incoming]) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}

/**
 * The audit log, newest first: the first page on load (and after a reconnect), older pages on
 * request, and entries the core appends (`audit.appended`) as they happen.
 */
export function useAuditLog() {
  const api = useApi();
  const { epoch } = useConnection();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  // The core's count and newest seq at its last answer; entries pushed since then add to it.
  const [server, setServer] = useState({ total: 0, headSeq: 0 });
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    void api.request('audit.list', { limit: AUDIT_PAGE_SIZE }).then((result) => {
      if (!current) return;
      setLoading(false);
      if (!result.ok) return setError(result.error);
      setError(undefined);
      setLoaded(true);
      const headSeq = result.value.entries[0]?.seq ?? 0;
      setEntries((previous) =>
        merge(
          previous.filter((entry) => entry.seq > headSeq),
          result.value.entries,
        ),
      );
      setServer({ total: result.value.total, headSeq });
    });
    return () => {
      current = false;
    };
  }, [api, epoch, reloads]);

  useEffect(
    () =>
      api.on('audit.appended', (entry) => {
        setEntries((previous) => merge(previous, [entry]));
      }),
    [api],
  );

  const oldest = entries.at(-1)?.seq;
  const loadOlder = useCallback(async () => {
    if (oldest === undefined) return;
    setLoadingOlder(true);
    const result = await api.request('audit.list', { limit: AUDIT_PAGE_SIZE, beforeSeq: oldest });
    setLoadingOlder(false);
    if (!result.ok) return setError(result.error);
    setEntries((previous) => merge(previous, result.value.entries));
  }, [api, oldest]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  const total = server.total + entries.filter((entry) => entry.seq > server.headSeq).length;
  return {
    entries,
    total,
    loaded,
    loading,
    loadingOlder,
    error,
    reload,
    loadOlder,
    hasOlder: entries.length < total,
  };
}
