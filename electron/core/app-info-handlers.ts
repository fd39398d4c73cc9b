import type { CoreContext } from './core-context.ts';
import type { HandlerTable } from './contract-server/dispatcher.ts';
import { readPackageVersion } from './app-version.ts';
import { schemaVersion } from './store/db.ts';

export function setupAppInfo({
  db,
  dataDir,
  frontDoor,
  startedAt,
}: CoreContext): Pick<HandlerTable, 'app.info'> {
  return {
    'app.info': () => ({
      name: 'Depotline',
      version: readPackageVersion(),
      dataDir,
      schemaVersion: schemaVersion(db),
      uptimeSeconds: (Date.now() - startedAt) / 1000,
      frontDoor,
      nodeVersion: process.versions.node,
    }),
  };
}
