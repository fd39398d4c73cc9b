import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createCore, type Core } from '../../../../electron/core/core.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../../../electron/common/contract/index.ts';
import type { ImportKind } from '../../../../electron/common/models/asset-import.ts';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/csv');

/** A core on a fresh data folder, asked through the contract as the window and station ask it. */
export function openCore(dataDir: string) {
  const core: Core = createCore({ dataDir, frontDoor: 'cli', log: () => {} });
  async function ask<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as RequestOutput<N>;
  }
  /** Uploads a file's bytes as the window does (base64) and returns its import id. */
  async function upload(kind: ImportKind, content: Buffer | string, fileName = 'upload.csv') {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const { importId } = await ask('imports.upload', {
      kind,
      fileName,
      contentBase64: bytes.toString('base64'),
    });
    return importId;
  }
  async function uploadFixture(kind: ImportKind, name: string) {
    return upload(kind, readFileSync(join(FIXTURES, name)), basename(name));
  }
  const assetCount = () =>
    core.context.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM assets').get()!.n;
  const peopleCount = () =>
    core.context.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people').get()!.n;
  return { core, ask, upload, uploadFixture, assetCount, peopleCount };
}
