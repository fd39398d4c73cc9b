import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../../electron/main/renderer-files.ts';

const ROOT = join('/opt', 'depotline', 'dist', 'renderer');

describe('app:// serves only files of the built renderer', () => {
  it('maps paths to files with their content type', () => {
    expect(resolveRendererFile(ROOT, 'app://depotline/index.html')).toEqual({
      status: 200,
      path: join(ROOT, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveRendererFile(ROOT, 'app://depotline/assets/index-abc.js')).toMatchObject({
      path: join(ROOT, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererFile(ROOT, 'app://depotline/assets/font.woff2?v=1#x')).toMatchObject({
      contentType: 'font/woff2',
    });
    expect(resolveRendererFile(ROOT, 'app://depotline/blob.bin')).toMatchObject({
      contentType: 'application/octet-stream',
    });
  });

  it('answers index.html for the root and for routes of the app', () => {
    expect(resolveRendererFile(ROOT, 'app://depotline/')).toMatchObject({ path: join(ROOT, 'index.html') });
    expect(resolveRendererFile(ROOT, 'app://depotline/assets')).toMatchObject({
      path: join(ROOT, 'index.html'),
    });
  });

  it.each([
    'app://depotline/..%2f..%2fetc%2fpasswd.txt',
    'app://depotline/assets/..%5c..%5csecret.txt',
    'app://depotline/C:%5cWindows%5cwin.ini',
    'app://depotline/index.html%00.js',
    'app://depotline/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(ROOT, url).status).toBe(400);
  });

  it('keeps dot segments the URL parser resolves inside the folder', () => {
    const resolved = resolveRendererFile(ROOT, 'app://depotline/%2e%2e/%2e%2e/etc/passwd.txt');
    expect(resolved).toMatchObject({ status: 200, path: join(ROOT, 'etc', 'passwd.txt') });
  });

  it('serves nothing for another host or scheme', () => {
    expect(resolveRendererFile(ROOT, 'app://other/index.html').status).toBe(404);
    expect(resolveRendererFile(ROOT, 'file:///etc/passwd').status).toBe(404);
  });
});
