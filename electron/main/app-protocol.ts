// The renderer is served from app://depotline/ rather than file://: a file: page could
// read any file:// URL, while this scheme answers only files of dist/renderer, each with
// the CSP, and gives the page a real origin for 'self'.
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from './url-policy.ts';
import { resolveRendererFile } from './renderer-files.ts';
import { appResponseHeaders } from './content-policy.ts';

/** Must run before `app` is ready: privileges are fixed when the first session starts. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
    const resolved = resolveRendererFile(rendererDir, request.url);
    if (resolved.status !== 200)
      return plain(resolved.status, resolved.status === 400 ? 'Bad path.' : 'Not found.');
    try {
      const body = await readFile(resolved.path);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: appResponseHeaders(resolved.contentType),
      });
    } catch {
      return plain(404, 'Not found. Run `npm run build` if the console was never built.');
    }
  });
}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}
