import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ContractError, RequestInput, Result } from '../../electron/common/contract/index.ts';
import type { Settings } from '../../electron/common/models/settings.ts';
import { useApi } from '../api/api-context.tsx';
import { useContractQuery } from '../api/use-contract-query.ts';

export type SettingsPatch = RequestInput<'settings.set'>;

interface SettingsContextValue {
  /** Undefined until the core has answered once. */
  settings: Settings | undefined;
  error: ContractError | undefined;
  loading: boolean;
  reload: () => void;
  save: (patch: SettingsPatch) => Promise<Result<Settings>>;
}

const SettingsContext = createContext<SettingsContextValue | undefined>(undefined);

/**
 * The station settings, loaded once and then kept current by the core's `settings.changed`
 * event, so a change saved in any window (or the CLI) shows everywhere.
 */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const query = useContractQuery('settings.get', {});
  const [pushed, setPushed] = useState<Settings | undefined>(undefined);

  useEffect(() => api.on('settings.changed', setPushed), [api]);
  // A fresh answer from the core (first load, reconnect) supersedes any earlier push.
  useEffect(() => setPushed(undefined), [query.value]);

  const save = useCallback(
    async (patch: SettingsPatch) => {
      const result = await api.request('settings.set', patch);
      if (result.ok) setPushed(result.value);
      return result;
    },
    [api],
  );

  const value = useMemo<SettingsContextValue>(
    () => ({
      settings: pushed ?? query.value,
      error: query.error,
      loading: query.loading,
      reload: query.reload,
      save,
    }),
    [pushed, query.value, query.error, query.loading, query.reload, save],
  );
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('SettingsProvider is missing above this component');
  return value;
}
