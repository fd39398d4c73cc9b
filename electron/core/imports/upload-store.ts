import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ImportKindSchema, type ImportKind } from '../../common/models/asset-import.ts';
import { CoreError } from '../core-error.ts';

/** Uploads nobody committed are removed when a new one arrives after this long. */
const KEEP_MS = 24 * 60 * 60 * 1000;

const UploadMetaSchema = z.strictObject({ kind: ImportKindSchema, fileName: z.string() });

export interface Upload {
  importId: string;
  kind: ImportKind;
  /** As the user named it: shown in reports and the audit log, never used as a path. */
  fileName: string;
  path: string;
}

/**
 * Uploaded files in <dataDir>/imports, named by a generated id: the user's file name is
 * metadata, so "../../depotline.sqlite" names nothing on disk.
 */
export class UploadStore {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'imports');
  }

  save(kind: ImportKind, fileName: string, content: Buffer): Upload {
    mkdirSync(this.#dir, { recursive: true });
    this.#removeStale();
    const importId = randomUUID();
    writeFileSync(this.#metaPath(importId), JSON.stringify({ kind, fileName }));
    writeFileSync(this.#csvPath(importId), content);
    return { importId, kind, fileName, path: this.#csvPath(importId) };
  }

  get(importId: string): Upload {
    if (!z.uuid().safeParse(importId).success)
      throw new CoreError('not_found', `There is no upload "${importId}".`);
    let meta: z.infer<typeof UploadMetaSchema>;
    try {
      meta = UploadMetaSchema.parse(JSON.parse(readFileSync(this.#metaPath(importId), 'utf8')));
    } catch {
      throw new CoreError(
        'not_found',
        `There is no upload "${importId}" (committed, or removed after a day).`,
      );
    }
    return { importId, ...meta, path: this.#csvPath(importId) };
  }

  /** A committed file is done with; a second commit of it is refused as not found. */
  remove(importId: string): void {
    rmSync(this.#metaPath(importId), { force: true });
    rmSync(this.#csvPath(importId), { force: true });
  }

  #removeStale(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const name of readdirSync(this.#dir)) {
      const path = join(this.#dir, name);
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    }
  }

  #metaPath(importId: string): string {
    return join(this.#dir, `${importId}.json`);
  }

  #csvPath(importId: string): string {
    return join(this.#dir, `${importId}.csv`);
  }
}
