// The Snipe-IT double's public surface (see README.md in this folder).
export { startSnipeItDouble, type SnipeItDouble, type SnipeItDoubleOptions } from './server.ts';
export type { ArmedFault, Fault, FaultKind, FaultScope, HugeStats } from './faults.ts';
export { DEFAULT_SEED, type SeedAsset, type SeedOptions } from './seed.ts';
export type { LoggedRequest, RequestFilter } from './request-log.ts';
export type { AssetEdit } from './web-ui.ts';
export type { AssetSnapshot, SnipeItSettings, StatusType } from './types.ts';
