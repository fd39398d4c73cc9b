import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { DepotlineApi } from '../../electron/common/contract/index.ts';
import type { ConnectionSnapshot, ConnectionStore } from './connection.ts';

interface ApiContextValue {
  api: DepotlineApi;
  connection: ConnectionStore;
}

const ApiContext = createContext<ApiContextValue | undefined>(undefined);

export function ApiProvider({ api, connection, children }: ApiContextValue & { children: ReactNode }) {
  return <ApiContext.Provider value={{ api, connection }}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('ApiProvider is missing above this component');
  return value;
}

export function useApi(): DepotlineApi {
  return useApiContext().api;
}

export function useConnection(): ConnectionSnapshot {
  const { connection } = useApiContext();
  return useSyncExternalStore(connection.subscribe, connection.get);
}
