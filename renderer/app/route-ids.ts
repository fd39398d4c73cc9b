export const ROUTE_IDS = ['bench', 'assets', 'profiles', 'sync', 'audit', 'settings'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];
