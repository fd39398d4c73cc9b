// The Electron preload exposes the contract API here; in station mode (a browser) it is absent.
import type { DepotlineApi } from '../electron/common/contract/index.ts';

declare global {
  interface Window {
    depotline?: DepotlineApi;
  }
}

export {};
