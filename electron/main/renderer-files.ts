// Maps an app://depotline/ request to a file of the built renderer. Pure (node:path only) so
// the traversal rules are unit-tested; the protocol handler in app-protocol.ts only reads
// what this allows.
import { extname, join, sep } from 'node:path';
import { isAppUrl } from './url-policy.ts';
import { RENDERER_CONTENT_TYPES as CONTENT_TYPES } from '../common/content-types.ts';

export type RendererFile = { status: 200; path: string; contentType: string } | { status: 400 | 404 };

/**
 * The file for `url` inside `rendererDir`, or why not. Every decoded path segment is
 * checked (no "..", no backslashes or drive colons that Windows would honour, no NUL), and the
 * joined path must still lie inside the folder. A path without an extension is one of the
 * app's own routes and gets index.html, as in station mode.
 */
export function resolveRendererFile(rendererDir: string, url: string): RendererFile {
  if (!isAppUrl(url)) return { status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return { status: 400 };
  }
  const segments = pathname.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..' || /[\\:\0]/.test(segment))) return { status: 400 };

  const relative = segments.length === 0 || extname(segments.at(-1) ?? '') === '' ? ['index.html'] : segments;
  const path = join(rendererDir, ...relative);
  if (!path.startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep)) return { status: 400 };
  return {
    status: 200,
    path,
    contentType: CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
  };
}
