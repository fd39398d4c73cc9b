import { useCallback, useEffect, useState } from 'react';
import type {
  ContractError,
  RequestInput,
  RequestName,
  RequestOutput,
} from '../../electron/common/contract/index.ts';
import { useApi, useConnection } from './api-context.tsx';
import { callRequest } from './call.ts';

export interface QueryState<T> {
  /** The last good answer; kept while a reload runs so a table does not blank out. */
  value: T | undefined;
  error: ContractError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a contract request whenever its input changes or the core reconnects, and tracks
 * loading and the contract error. Answers to superseded requests are dropped.
 */
export function useContractQuery<N extends RequestName>(
  name: N,
  input: RequestInput<N>,
): QueryState<RequestOutput<N>> {
  const api = useApi();
  const { epoch } = useConnection();
  const inputKey = JSON.stringify(input);
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<Omit<QueryState<RequestOutput<N>>, 'reload'>>({
    value: undefined,
    error: undefined,
    loading: true,
  });

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    void callRequest(api, name, JSON.parse(inputKey) as RequestInput<N>).then((result) => {
      if (!current) return;
      setState((previous) =>
        result.ok
          ? { value: result.value, error: undefined, loading: false }
          : { value: previous.value, error: result.error, loading: false },
      );
    });
    return () => {
      current = false;
    };
  }, [api, name, inputKey, epoch, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { ...state, reload };
}
