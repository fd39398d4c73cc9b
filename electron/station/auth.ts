import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'depotline_token';

/** 256 random bits, new at every start, so a URL seen yesterday opens nothing today. */
export function newStationToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(expected: string, candidate: string | undefined | null): boolean {
  if (!candidate) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(candidate);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** A browser carries the token in its HttpOnly cookie; a script may send a Bearer header. */
export function requestToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return cookieValue(request, TOKEN_COOKIE);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * The Host names this server answers to. Checking Host defeats DNS rebinding: a hostile
 * page that points its own name at 127.0.0.1 still sends its own name as Host.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> | 'any' {
  if (boundHost === '0.0.0.0' || boundHost === '::') return 'any'; // the technician chose to expose it
  const names = new Set([boundHost, '127.0.0.1', 'localhost', '[::1]']);
  return new Set(
    [...names].map((name) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`),
  );
}

export function hostAllowed(request: IncomingMessage, allowed: Set<string> | 'any'): boolean {
  return allowed === 'any' || allowed.has((request.headers.host ?? '').toLowerCase());
}

/** A browser's Origin must be this server itself; clients that send none (scripts) pass. */
export function originAllowed(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.host === (request.headers.host ?? '').toLowerCase()
    );
  } catch {
    return false;
  }
}
