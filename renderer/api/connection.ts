/** Whether the renderer can reach the core right now (station mode reconnects; Electron is always connected). */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Increments on every (re)connect, so views can reload what they show after the core comes back. */
  epoch: number;
}

export interface ConnectionStore {
  get: () => ConnectionSnapshot;
  subscribe: (listener: () => void) => () => void;
}

export interface WritableConnectionStore extends ConnectionStore {
  set: (status: ConnectionStatus) => void;
}

export function createConnectionStore(initial: ConnectionStatus): WritableConnectionStore {
  let snapshot: ConnectionSnapshot = { status: initial, epoch: initial === 'connected' ? 1 : 0 };
  const listeners = new Set<() => void>();
  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(status) {
      if (status === snapshot.status) return;
      snapshot = { status, epoch: status === 'connected' ? snapshot.epoch + 1 : snapshot.epoch };
      for (const listener of listeners) listener();
    },
  };
}
