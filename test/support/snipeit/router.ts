// A small route table for the API: "/hardware/:id" takes one segment, "*" the rest of the
// path (Snipe-IT's bytag/{any} and byserial/{any} accept slashes). Unknown paths and wrong
// methods are told apart, because Snipe-IT answers them differently (404 vs 405).
import type { ApiRequest, ApiResponse } from './http-io.ts';
import type { SnipeStore } from './store.ts';
import type { User } from './types.ts';

export interface RouteContext {
  store: SnipeStore;
  /** The user the API token belongs to (created_by of what the API creates). */
  apiUser: User;
}

export type Handler = (ctx: RouteContext, request: ApiRequest, params: string[]) => ApiResponse;

export interface Route {
  method: string;
  pattern: RegExp;
  handle: Handler;
}

export function route(method: string, path: string, handle: Handler): Route {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '([^/]+)' : part === '*' ? '(.+)' : part.replace(/[.]/g, '\\.')))
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), handle };
}

export type Match =
  { kind: 'found'; route: Route; params: string[] } | { kind: 'wrong-method' } | { kind: 'none' };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The first route whose pattern and method match, in table order (like Laravel's). */
export function match(routes: readonly Route[], method: string, path: string): Match {
  let pathKnown = false;
  for (const candidate of routes) {
    const found = candidate.pattern.exec(path);
    if (!found) continue;
    pathKnown = true;
    if (candidate.method === method)
      return { kind: 'found', route: candidate, params: found.slice(1).map(decode) };
  }
  return pathKnown ? { kind: 'wrong-method' } : { kind: 'none' };
}
