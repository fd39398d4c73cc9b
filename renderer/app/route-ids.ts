export const ROUTE_IDS = [
  'bench',
  'assets',
  'rollout',
  'fleet',
  'profiles',
  'sync',
  'audit',
  'settings',
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];
