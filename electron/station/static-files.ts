import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { RENDERER_CONTENT_TYPES as CONTENT_TYPES } from '../common/content-types.ts';

/**
 * Serves the built renderer. Paths are decoded and normalised, then must stay inside the
 * renderer folder; a route the app owns (no file extension) gets index.html.
 */
export function serveStatic(rendererDir: string, urlPath: string, response: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return sendText(response, 400, 'Bad path.');
  }
  if (decoded.includes('\0')) return sendText(response, 400, 'Bad path.');
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(rendererDir, relative);
  if (file !== rendererDir && !file.startsWith(rendererDir + sep))
    return sendText(response, 404, 'Not found.');

  let stat = statOrUndefined(file);
  if (!stat?.isFile()) {
    if (extname(relative) !== '') return sendText(response, 404, 'Not found.');
    file = join(rendererDir, 'index.html');
    stat = statOrUndefined(file);
    if (!stat?.isFile()) {
      return sendText(
        response,
        503,
        'The console is not built yet. Run `npm run build`, then start `depotline serve` again.',
      );
    }
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    // Vite fingerprints asset names; index.html must always be fetched fresh.
    'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}
