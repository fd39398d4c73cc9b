import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { DeviceView } from '../../../electron/common/models/device.ts';
import type { JobView } from '../../../electron/common/models/staging.ts';
import { useApi, useConnection } from '../../api/api-context.tsx';
import { createBenchStore, type BenchSnapshot, type BenchStore } from './bench-store.ts';

export const BenchStoreContext = createContext<BenchStore | undefined>(undefined);

/**
 * The bench store of this page: follows `devices.changed` and `staging.progress`, and loads the
 * whole bench again on every (re)connect. Events are subscribed before the load is asked for,
 * so nothing that happens in between is lost.
 */
export function useBenchConnection(): {
  store: BenchStore;
  error: ContractError | undefined;
  reload: () => void;
} {
  const api = useApi();
  const { epoch } = useConnection();
  const [store] = useState(() => createBenchStore());
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [reloads, setReloads] = useState(0);

  useEffect(() => () => store.dispose(), [store]);
  useEffect(() => {
    const offDevices = api.on('devices.changed', (devices) => store.setDevices(devices));
    const offJobs = api.on('staging.progress', (jobs) => store.applyJobs(jobs));
    let current = true;
    void Promise.all([api.request('staging.jobs', {}), api.request('devices.list')]).then(
      ([jobs, devices]) => {
        if (!current) return;
        if (jobs.ok) store.applyJobs(jobs.value, true);
        if (devices.ok) store.setDevices(devices.value);
        setError(!devices.ok ? devices.error : !jobs.ok ? jobs.error : undefined);
      },
    );
    return () => {
      current = false;
      offDevices();
      offJobs();
    };
  }, [api, store, epoch, reloads]);

  return { store, error, reload: () => setReloads((count) => count + 1) };
}

export function useBenchStore(): BenchStore {
  const store = useContext(BenchStoreContext);
  if (!store) throw new Error('BenchStoreContext is missing above this component');
  return store;
}

/** The whole bench; for the few components that summarise it (toolbar, summary). */
export function useBenchSnapshot(): BenchSnapshot {
  const store = useBenchStore();
  return useSyncExternalStore(store.subscribe, store.get);
}

export function useBenchOrder(): readonly string[] {
  const store = useBenchStore();
  return useSyncExternalStore(store.subscribe, () => store.get().order);
}

/** One tile's device: the same object until that device changes. */
export function useDevice(serial: string): DeviceView | undefined {
  const store = useBenchStore();
  return useSyncExternalStore(store.subscribe, () => store.get().devices.get(serial));
}

export function useLatestJob(serial: string): JobView | undefined {
  const store = useBenchStore();
  return useSyncExternalStore(store.subscribe, () => store.get().jobs.get(serial));
}
