import type { DepotlineApi } from '../../electron/common/contract/index.ts';
import { createConnectionStore, type ConnectionStore } from './connection.ts';
import { createStationApi } from './station-api.ts';
import { stationSocketUrl } from './socket-channel.ts';

interface Backend {
  api: DepotlineApi;
  connection: ConnectionStore;
}

let backend: Backend | undefined;

function pickBackend(): Backend {
  // Electron: the preload bridges to the core over a MessagePort and stays connected.
  if (window.depotline) return { api: window.depotline, connection: createConnectionStore('connected') };
  // Station mode: the page's own origin serves the contract on /ws.
  const station = createStationApi(stationSocketUrl(window.location));
  return { api: station, connection: station.connection };
}

/** The contract API of whichever front door served this page. */
export function getApi(): DepotlineApi {
  backend ??= pickBackend();
  return backend.api;
}

/** Whether that front door can reach the core right now. */
export function getConnection(): ConnectionStore {
  backend ??= pickBackend();
  return backend.connection;
}
