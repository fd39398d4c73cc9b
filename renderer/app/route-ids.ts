export const ROUTE_IDS = [
  'bench',
  'assets',
  'rollout',
  'repair',
  'fleet',
  'profiles',
  'sync',
  'audit',
  'settings',
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];
