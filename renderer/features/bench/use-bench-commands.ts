import { useCallback, useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import type { BenchCommand } from './StagingActions.tsx';
import { useSelectionStore } from './selection.ts';

export interface Notice {
  intent: 'success' | 'info';
  text: string;
}

/**
 * Retry, cancel and locate as the toolbar and tiles call them; one runs at a time, and the
 * last error stays until the next command.
 */
export function useBenchCommands(notify: (notice: Notice) => void) {
  const api = useApi();
  const { t } = useTranslation();
  const selection = useSelectionStore();
  const [busy, setBusy] = useState<BenchCommand | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);

  const retry = useCallback(
    async (jobIds: number[]) => {
      setBusy('retry');
      setError(undefined);
      const result = await api.request('staging.retry', { jobIds });
      setBusy(undefined);
      if (!result.ok) return setError(result.error);
      selection.clear(); // done with those; the next pick starts fresh
      notify({ intent: 'success', text: t('bench.notices.retried', { count: result.value.jobIds.length }) });
    },
    [api, notify, t, selection],
  );

  const cancel = useCallback(
    async (jobIds: number[]) => {
      setBusy('cancel');
      setError(undefined);
      const result = await api.request('staging.cancel', { jobIds });
      setBusy(undefined);
      if (!result.ok) return setError(result.error);
      selection.clear();
      notify({ intent: 'info', text: t('bench.notices.cancelled', { count: result.value.cancelled }) });
    },
    [api, notify, t, selection],
  );

  const locate = useCallback(
    async (serial: string) => {
      setError(undefined);
      const result = await api.request('devices.locate', { serial });
      if (result.ok)
        notify({ intent: 'success', text: t('bench.notices.located', { slot: result.value.slotName }) });
      else setError(result.error);
    },
    [api, notify, t],
  );

  return { busy, error, clearError: () => setError(undefined), retry, cancel, locate };
}
