import { useCallback, useRef, useState } from 'react';
import type { ContractError, Result } from '../../../electron/common/contract/index.ts';

export interface RepairAction {
  /** Which action is running, by the name the caller gave it. */
  busy: string | undefined;
  error: ContractError | undefined;
  clearError: () => void;
  /** Runs one request; its value goes to onDone, its error stays shown until the next run. */
  run: <T>(name: string, request: () => Promise<Result<T>>, onDone?: (value: T) => void) => Promise<boolean>;
}

/** One action at a time per device card, with its spinner and its contract error. */
export function useRepairAction(): RepairAction {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const running = useRef(false);

  const run = useCallback(
    async <T>(name: string, request: () => Promise<Result<T>>, onDone?: (value: T) => void) => {
      if (running.current) return false;
      running.current = true;
      setBusy(name);
      setError(undefined);
      const result = await request();
      running.current = false;
      setBusy(undefined);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      onDone?.(result.value);
      return true;
    },
    [],
  );
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, clearError, run };
}
