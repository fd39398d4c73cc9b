import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseProfileText, type ProfileProblem } from '../../common/profile/parse-profile.ts';
import { StagingProfileSchema, type StagingProfile } from '../../common/profile/profile-schema.ts';
import type { Db } from '../store/db.ts';
import { profilesQueries, type ProfileRow } from '../store/profiles-queries.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { CoreError } from '../core-error.ts';
import { checkProfileFiles } from './profile-files.ts';

export interface StoredProfile {
  row: number;
  profile: StagingProfile;
  contentHash: string;
  /** Where the profile's files were copied at import: jobs read them from here, never from the source. */
  filesDir: string;
  payloadBytes: number;
  importedAt: string;
}

const MAX_PROFILE_FILE_BYTES = 256 * 1024;
const PARTIAL_IMPORT = /^import\.partial-(\d+)-/;

/**
 * Removes the folders of imports whose process is gone (killed mid-import): an import removes
 * its own when it ends, and another process sharing the data folder (a station and a CLI) may
 * be importing right now, so only a dead process's are taken.
 */
function removeAbandonedImports(profilesDir: string): void {
  let names: string[];
  try {
    names = readdirSync(profilesDir);
  } catch {
    return; // no profiles folder yet
  }
  for (const name of names) {
    const pid = Number(PARTIAL_IMPORT.exec(name)?.[1] ?? Number.NaN);
    if (Number.isInteger(pid) && !processAlive(pid))
      rmSync(join(profilesDir, name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Imported staging profiles. Importing copies every file the document refers to into the
 * data folder, validates the document and those copies, and keeps them under the profile's
 * content hash, so a job always runs exactly the bytes that were checked, whatever happens to
 * the source later.
 */
export class ProfileStore {
  readonly #db: Db;
  readonly #q: ReturnType<typeof profilesQueries>;
  readonly #audit: AuditLog;
  readonly #dataDir: string;
  readonly #parsed = new Map<number, StoredProfile>();

  constructor(db: Db, audit: AuditLog, dataDir: string) {
    this.#db = db;
    this.#q = profilesQueries(db);
    this.#audit = audit;
    this.#dataDir = dataDir;
    removeAbandonedImports(join(dataDir, 'profiles'));
  }

  async importFile(file: string, who: { actor: string; station: string }): Promise<StoredProfile> {
    const fail = (problems: ProfileProblem[]): never => {
      const summary = problems
        .map((p) => `${p.line ? `line ${p.line}: ` : ''}${p.path ? `${p.path}: ` : ''}${p.message}`)
        .join('; ');
      throw new CoreError('invalid_input', `${file} is not a valid profile: ${summary}`, {
        issues: problems.map((p) => ({
          path: p.path,
          message: p.line ? `line ${p.line}: ${p.message}` : p.message,
        })),
      });
    };
    let text: string;
    try {
      const bytes = await readFile(file);
      if (bytes.length > MAX_PROFILE_FILE_BYTES)
        return fail([{ path: '', message: 'the file is larger than 256 KiB' }]);
      text = bytes.toString('utf8');
    } catch (error) {
      return fail([
        {
          path: '',
          message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        },
      ]);
    }
    const parsed = parseProfileText(text);
    if (!parsed.ok) return fail(parsed.problems);
    // The files are copied in first and checked there (see checkProfileFiles).
    const staging = join(this.#dataDir, 'profiles', `import.partial-${process.pid}-${randomUUID()}`);
    await mkdir(staging, { recursive: true });
    try {
      return await this.#importChecked(parsed.profile, file, staging, who, fail);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  async #importChecked(
    profile: StagingProfile,
    file: string,
    staging: string,
    who: { actor: string; station: string },
    fail: (problems: ProfileProblem[]) => never,
  ): Promise<StoredProfile> {
    const { files, problems } = await checkProfileFiles(profile, dirname(file), staging);
    if (problems.length > 0) return fail(problems);

    const hash = createHash('sha256').update(canonicalJson(profile));
    for (const f of files) hash.update(`\n${f.relativePath}\0${f.sha256}`);
    const contentHash = hash.digest('hex');

    const existing = this.#q.byIdVersion.get(profile.id, profile.version);
    if (existing) {
      if (existing.content_hash === contentHash) return this.#toStored(existing);
      throw new CoreError(
        'conflict',
        `Profile ${profile.id} version ${profile.version} was already imported with other content. Raise "version" to import a changed profile.`,
      );
    }

    const filesDir = join(this.#dataDir, 'profiles', contentHash);
    await rm(filesDir, { recursive: true, force: true });
    await rename(staging, filesDir);

    const row = this.#db
      .transaction(() => {
        const id = Number(
          this.#q.insert.run({
            profile_id: profile.id,
            version: profile.version,
            name: profile.name,
            content: canonicalJson(profile),
            content_hash: contentHash,
            source_dir: filesDir,
            payload_bytes: files.reduce((sum, f) => sum + f.sizeBytes, 0),
            imported_at: new Date().toISOString(),
          }).lastInsertRowid,
        );
        this.#audit.append({
          ...who,
          action: 'profile.imported',
          subject: `profile:${profile.id}`,
          details: { version: profile.version, contentHash, from: file },
        });
        return this.#q.byRow.get(id)!;
      })
      .immediate();
    return this.#toStored(row);
  }

  get(row: number): StoredProfile {
    const found = this.#q.byRow.get(row);
    if (!found) throw new CoreError('not_found', `There is no imported profile ${row}.`);
    return this.#toStored(found);
  }

  latest(): StoredProfile[] {
    return this.#q.latest.all().map((row) => this.#toStored(row));
  }

  #toStored(row: ProfileRow): StoredProfile {
    // Imported rows never change, and every job view asks for its profile: parse each once.
    const cached = this.#parsed.get(row.id);
    if (cached) return cached;
    const profile = StagingProfileSchema.parse(JSON.parse(row.content));
    const stored: StoredProfile = {
      row: row.id,
      profile,
      contentHash: row.content_hash,
      filesDir: row.source_dir,
      payloadBytes: row.payload_bytes,
      importedAt: row.imported_at,
    };
    this.#parsed.set(row.id, stored);
    return stored;
  }
}
