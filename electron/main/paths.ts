// Where the built pieces sit relative to the bundled main (dist/electron/main.cjs), in a
// checkout and inside app.asar alike.
import { join } from 'node:path';

const electronDir = __dirname;

export const PRELOAD_PATH = join(electronDir, 'preload.cjs');
export const CORE_HOST_PATH = join(electronDir, 'core-host.cjs');
export const RENDERER_DIR = join(electronDir, '..', 'renderer');
