import { useState } from 'react';
import { useBenchConnection, BenchStoreContext } from './use-bench.ts';
import { createSelectionStore, SelectionContext } from './selection.ts';
import { BenchWorkspace } from './BenchWorkspace.tsx';

/** The phones on this station's hubs, live, and what is being done to them. */
export function BenchPage() {
  const { store, error, reload } = useBenchConnection();
  const [selection] = useState(createSelectionStore);
  return (
    <BenchStoreContext.Provider value={store}>
      <SelectionContext.Provider value={selection}>
        <BenchWorkspace error={error} onRetry={reload} />
      </SelectionContext.Provider>
    </BenchStoreContext.Provider>
  );
}
