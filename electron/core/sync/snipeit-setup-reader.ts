// The Sync page's "Read from server" on the Snipe-IT setup screen: one paced read of the
// server's models, status labels and custom fields, with the mapping Depotline suggests.
import { ASSET_STATES } from '../../common/models/asset.ts';
import { SnipeItConfigSchema, type SnipeItSetupView } from '../../common/models/sync.ts';
import type { Db } from '../store/db.ts';
import { CoreError } from '../core-error.ts';
import { createSnipeItHttp } from './connectors/snipeit/snipeit-connector.ts';
import { readSnipeItSetup, suggestMapping } from './connectors/snipeit/snipeit-setup.ts';
import { SyncError } from './sync-error.ts';

export async function readSnipeItSetupView(
  db: Db,
  input: { baseUrl: string; tokenSecret: string; token?: string | undefined },
  storedSecret: (name: string) => string | undefined,
): Promise<SnipeItSetupView> {
  const config = SnipeItConfigSchema.parse({ baseUrl: input.baseUrl, tokenSecret: input.tokenSecret });
  const http = createSnipeItHttp(config, { timeoutMs: 15_000 });
  const secret = (name: string) =>
    name === input.tokenSecret && input.token ? input.token : storedSecret(name);
  try {
    const setup = await readSnipeItSetup(
      { http, secret, signal: AbortSignal.timeout(60_000), now: () => new Date() },
      config,
    );
    const localModels = db
      .prepare<[], { model: string }>(
        `SELECT DISTINCT model FROM asset_models WHERE model <> '' ORDER BY model`,
      )
      .all()
      .map((row) => row.model);
    return { ...setup, suggested: suggestMapping(setup, localModels, ASSET_STATES) };
  } catch (error) {
    if (error instanceof SyncError)
      throw new CoreError('unavailable', `Snipe-IT could not be read: ${error.message}`);
    throw error;
  }
}
