import type { ServerResponse } from 'node:http';

/**
 * The renderer's Content-Security-Policy in station mode (the Electron shell sets the same
 * policy). Styles allow 'unsafe-inline' only because Fluent UI's Griffel injects style
 * elements at run time; scripts come from this origin alone, and nothing may embed the page.
 */
export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${host} wss://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function setSecurityHeaders(response: ServerResponse, host: string): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy(host));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
