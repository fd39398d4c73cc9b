import path from 'node:path';
import { build } from 'vite';

/** The station serves dist/renderer: build it from the current sources before any test runs. */
export default async function globalSetup(): Promise<void> {
  await build({
    configFile: path.resolve(import.meta.dirname, '../../renderer/vite.config.ts'),
    logLevel: 'warn',
  });
}
