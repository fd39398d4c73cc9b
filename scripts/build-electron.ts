// Bundles the Electron side with esbuild: the shell (main.cjs), the sandboxed preload
// (preload.cjs) and the core host the shell runs in a utilityProcess (core-host.cjs).
// All CommonJS: a sandboxed preload must be, and CJS loads from app.asar with no surprises.
// better-sqlite3 stays external (a native addon, unpacked from the asar); electron is
// provided by the runtime. Everything else is inlined, so the package needs few modules.
import { build, type BuildOptions } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BuildElectronOptions {
  /** Output folder; dist/electron by default. */
  outDir?: string;
}

export interface BuildElectronResult {
  outDir: string;
  main: string;
  preload: string;
  coreHost: string;
}

// The core reads package.json relative to import.meta.url (app-version.ts); CJS has no
// import.meta, so give it the bundle's own URL, which sits at the same depth as the source.
const importMetaShim: Pick<BuildOptions, 'define' | 'banner'> = {
  define: { 'import.meta.url': '__depotlineImportMetaUrl' },
  banner: { js: "const __depotlineImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

export async function buildElectron(options: BuildElectronOptions = {}): Promise<BuildElectronResult> {
  const outDir = options.outDir ?? join(ROOT, 'dist', 'electron');
  const result: BuildElectronResult = {
    outDir,
    main: join(outDir, 'main.cjs'),
    preload: join(outDir, 'preload.cjs'),
    coreHost: join(outDir, 'core-host.cjs'),
  };
  await rm(outDir, { recursive: true, force: true });
  const common: BuildOptions = {
    absWorkingDir: ROOT,
    bundle: true,
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'warning',
    // Readable stack traces in the core's log matter more than a few kilobytes.
    minify: false,
  };
  await Promise.all([
    build({
      ...common,
      ...importMetaShim,
      entryPoints: [join(ROOT, 'electron/main/main.ts')],
      outfile: result.main,
      platform: 'node',
      target: 'node22',
      external: ['electron', 'better-sqlite3'],
    }),
    build({
      ...common,
      entryPoints: [join(ROOT, 'electron/preload/preload.ts')],
      outfile: result.preload,
      // A sandboxed preload is a browser context whose require() knows only 'electron'.
      platform: 'browser',
      target: 'chrome140',
      external: ['electron'],
    }),
    build({
      ...common,
      ...importMetaShim,
      entryPoints: [join(ROOT, 'electron/core/utility-host.ts')],
      outfile: result.coreHost,
      platform: 'node',
      target: 'node22',
      // pdfkit loads its standard fonts through its package's import map at run time, which a
      // bundle breaks; it ships as a production dependency beside the bundle instead.
      external: ['better-sqlite3', 'pdfkit'],
    }),
  ]);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outDir } = await buildElectron();
  process.stdout.write(`Electron bundles written to ${outDir}\n`);
}
