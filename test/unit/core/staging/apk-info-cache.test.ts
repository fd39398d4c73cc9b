// The APK readings a batch uses come from the import when the files are the ones it checked:
// verifying every APK's signature again as 64 jobs start held the core's one thread for ~0.4 s.
import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/db.ts';
import { AuditLog } from '../../../../electron/core/audit/audit-log.ts';
import { ProfileStore } from '../../../../electron/core/staging/profile-store.ts';
import { profileApkInfo } from '../../../../electron/core/staging/steps/apk-info-cache.ts';
import type * as ApkModule from '../../../../native/apk/index.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { useTestApks } from '../../../helpers/test-apks.ts';

/** Every path the real readApkInfo was asked to read (parse and verify) in this file. */
const reads = vi.hoisted(() => [] as string[]);
vi.mock('../../../../native/apk/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof ApkModule>();
  return {
    ...original,
    readApkInfo: (path: string) => {
      reads.push(path);
      return original.readApkInfo(path);
    },
  };
});

const tempDir = useTempDirs();
const who = { actor: 'Kari', station: 'Bench 1' };
const apks = useTestApks();
beforeEach(() => {
  reads.length = 0;
});

async function imported() {
  const dir = tempDir();
  mkdirSync(join(dir, 'apks'));
  copyFileSync(apks.apks.notesV2.path, join(dir, 'apks', 'notes.apk'));
  writeFileSync(
    join(dir, 'profile.yaml'),
    `schema: depotline.profile/v1
id: office
name: Office worker
version: 1
platform: android
steps:
  - type: install
    apk: apks/notes.apk
    package: org.depotline.sample.notes
    signerSha256: ${apks.keys.keyA.certSha256}
`,
  );
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const stored = await new ProfileStore(db, new AuditLog(db), dataDir).importFile(
    join(dir, 'profile.yaml'),
    who,
  );
  return { stored, source: join(dir, 'apks', 'notes.apk') };
}

describe('APK readings shared by the import and the batch', () => {
  it('a batch finds the APK the import checked already read', async () => {
    const { stored, source } = await imported();
    // The import read its own copy, never the source a technician could still change.
    expect(reads).toHaveLength(1);
    expect(reads[0]).not.toBe(source);
    const info = await profileApkInfo(join(stored.filesDir, 'apks', 'notes.apk'));
    expect(info).toMatchObject({ packageName: 'org.depotline.sample.notes', signatureVerified: true });
    expect(reads).toHaveLength(1);
  });

  it('reads a file again once it changed on disk, or when it is another file with the same bytes', async () => {
    const { stored } = await imported();
    const kept = join(stored.filesDir, 'apks', 'notes.apk');
    const copy = join(tempDir(), 'notes.apk');
    copyFileSync(kept, copy);
    await profileApkInfo(copy);
    expect(reads).toHaveLength(2);

    copyFileSync(apks.apks.notesV2OtherKey.path, kept);
    utimesSync(kept, new Date(), new Date(Date.now() + 5_000));
    const changed = await profileApkInfo(kept);
    expect(reads).toHaveLength(3);
    expect(changed.signingCertificatesSha256).toEqual([apks.keys.keyB.certSha256]);
  });
});
