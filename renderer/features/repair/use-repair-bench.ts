import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { BenchRow } from '../../../electron/common/models/repair.ts';
import { useApi, useConnection } from '../../api/api-context.tsx';

export interface RepairBenchState {
  rows: BenchRow[] | undefined;
  error: ContractError | undefined;
  loading: boolean;
  reload: () => void;
  /** Redraws one device from an answer (most repair requests answer with its bench row). */
  upsert: (row: BenchRow) => void;
}

function merge(rows: BenchRow[], changed: readonly BenchRow[]): BenchRow[] {
  const next = [...rows];
  for (const row of changed) {
    const index = next.findIndex((r) => r.intake.id === row.intake.id);
    if (index >= 0) next[index] = row;
    else next.unshift(row);
  }
  return next;
}

/**
 * The devices on the repair bench: `repair.bench` on load and after every (re)connect, then each
 * `repair.changed` push merged in by intake. The listener is attached before the request goes out,
 * and rows pushed while it ran are merged over its answer, so a slow answer never rolls a row back.
 */
export function useRepairBench(): RepairBenchState {
  const api = useApi();
  const { epoch } = useConnection();
  const [rows, setRows] = useState<BenchRow[] | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  const pushed = useRef<BenchRow[]>([]);

  useEffect(
    () =>
      api.on('repair.changed', (changed) => {
        pushed.current = merge(pushed.current, changed);
        setRows((previous) => merge(previous ?? [], changed));
      }),
    [api],
  );

  useEffect(() => {
    let current = true;
    pushed.current = [];
    setLoading(true);
    void api.request('repair.bench', { scope: 'all' }).then((result) => {
      if (!current) return;
      setLoading(false);
      if (!result.ok) return setError(result.error);
      setError(undefined);
      setRows(merge(result.value, pushed.current));
    });
    return () => {
      current = false;
    };
  }, [api, epoch, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  const upsert = useCallback((row: BenchRow) => setRows((previous) => merge(previous ?? [], [row])), []);
  return { rows, error, loading, reload, upsert };
}
