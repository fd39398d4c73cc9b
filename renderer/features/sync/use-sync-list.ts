import { useEffect, useRef } from 'react';
import type { RequestInput, RequestOutput } from '../../../electron/common/contract/index.ts';
import { useContractQuery, type QueryState } from '../../api/use-contract-query.ts';

type ListRequest = 'sync.deadLetters.list' | 'sync.conflicts.list' | 'sync.pending.list';

/**
 * A sync list (dead letters, conflicts, a queue) that loads again whenever `signature`
 * changes: the overview's counts for it, which `sync.changed` keeps current. So the list
 * follows the core without a request per push.
 */
export function useSyncList<N extends ListRequest>(
  name: N,
  input: RequestInput<N>,
  signature: string,
): QueryState<RequestOutput<N>> {
  const query = useContractQuery(name, input);
  const { reload } = query;
  const seen = useRef(signature);
  useEffect(() => {
    if (seen.current === signature) return;
    seen.current = signature;
    reload();
  }, [signature, reload]);
  return query;
}
