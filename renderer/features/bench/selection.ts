import { createContext, useContext, useSyncExternalStore } from 'react';

/** Which tiles are ticked, by adb serial. A tile listens only to its own tick. */
export interface SelectionStore {
  get: () => ReadonlySet<string>;
  subscribe: (listener: () => void) => () => void;
  toggle(serial: string): void;
  /** Replaces the selection. */
  set(serials: Iterable<string>): void;
  clear(): void;
}

export function createSelectionStore(): SelectionStore {
  let selected: ReadonlySet<string> = new Set();
  const listeners = new Set<() => void>();
  const replace = (next: ReadonlySet<string>) => {
    selected = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => selected,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toggle(serial) {
      const next = new Set(selected);
      if (!next.delete(serial)) next.add(serial);
      replace(next);
    },
    set(serials) {
      replace(new Set(serials));
    },
    clear() {
      if (selected.size > 0) replace(new Set());
    },
  };
}

export const SelectionContext = createContext<SelectionStore | undefined>(undefined);

export function useSelectionStore(): SelectionStore {
  const store = useContext(SelectionContext);
  if (!store) throw new Error('SelectionContext is missing above this component');
  return store;
}

export function useSelection(): ReadonlySet<string> {
  const store = useSelectionStore();
  return useSyncExternalStore(store.subscribe, store.get);
}

export function useIsSelected(serial: string): boolean {
  const store = useSelectionStore();
  return useSyncExternalStore(store.subscribe, () => store.get().has(serial));
}
