// The renderer's response headers in Electron. The policy itself is the station's
// (electron/station/security-headers.ts), so the two front doors can never drift apart;
// only connect-src narrows to 'self', because here the contract travels over a
// MessagePort, never a WebSocket.
import { contentSecurityPolicy } from '../station/security-headers.ts';

export function appContentSecurityPolicy(): string {
  return contentSecurityPolicy('localhost')
    .split('; ')
    .map((directive) => (directive.startsWith('connect-src ') ? "connect-src 'self'" : directive))
    .join('; ');
}

export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': appContentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}
