import { useSyncExternalStore } from 'react';
import { ROUTE_IDS, type RouteId } from './route-ids.ts';

export const DEFAULT_ROUTE: RouteId = 'bench';

/** `#/assets` → 'assets'; anything unknown → the default page. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTE_IDS as readonly string[]).includes(id) ? (id as RouteId) : DEFAULT_ROUTE;
}

export function hrefFor(route: RouteId): string {
  return `#/${route}`;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/**
 * The page named by the URL fragment. Hash routing works the same from the station's `/`
 * and from Electron's file URL, and needs no server-side routes.
 */
export function useHashRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
