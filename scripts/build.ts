// `npm run build`: the Electron bundles (scripts/build-electron.ts) and the renderer
// (Vite, renderer/vite.config.ts → dist/renderer). With --renderer-if-missing the renderer
// is built only when dist/renderer/index.html does not exist yet (`npm run serve`, tests).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RENDERER_INDEX = join(ROOT, 'dist', 'renderer', 'index.html');

/** Runs `vite build` for the renderer in a child process; throws when it fails. */
export function buildRenderer(): void {
  const config = join(ROOT, 'renderer', 'vite.config.ts');
  if (!existsSync(config)) throw new Error(`Cannot build the renderer: ${config} does not exist.`);
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', config], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal}).`);
}

export async function buildAll(options: { rendererIfMissing?: boolean } = {}): Promise<void> {
  await buildElectron();
  if (options.rendererIfMissing && existsSync(RENDERER_INDEX)) return;
  buildRenderer();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await buildAll({ rendererIfMissing: process.argv.includes('--renderer-if-missing') });
  } catch (error) {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
