import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/db.ts';
import { AuditLog } from '../../../../electron/core/audit/audit-log.ts';
import { ProfileStore } from '../../../../electron/core/staging/profile-store.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { useTestApks } from '../../../helpers/test-apks.ts';

const tempDir = useTempDirs();
const who = { actor: 'Kari', station: 'Bench 1' };
const apks = useTestApks();

function profileFolder(yamlFor: (sha: { keyA: string; keyB: string }) => string) {
  const dir = tempDir();
  mkdirSync(join(dir, 'apks'));
  copyFileSync(apks.apks.notesV2.path, join(dir, 'apks', 'notes.apk'));
  copyFileSync(apks.apks.notesV2OtherKey.path, join(dir, 'apks', 'notes-rogue.apk'));
  copyFileSync(apks.notApk, join(dir, 'apks', 'broken.apk'));
  writeFileSync(
    join(dir, 'profile.yaml'),
    yamlFor({ keyA: apks.keys.keyA.certSha256, keyB: apks.keys.keyB.certSha256 }),
  );
  return dir;
}

const base = (
  apk: string,
  signer: string,
  pkg = 'org.depotline.sample.notes',
) => `schema: depotline.profile/v1
id: office
name: Office worker
version: 1
platform: android
steps:
  - type: install
    apk: ${apk}
    package: ${pkg}
    signerSha256: ${signer}
`;

function store() {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const audit = new AuditLog(db);
  return { db, audit, dataDir, profiles: new ProfileStore(db, audit, dataDir) };
}

describe('profile import', () => {
  it('stores a valid profile with its content hash and a private copy of its files', async () => {
    const dir = profileFolder((k) => base('apks/notes.apk', k.keyA));
    const { profiles, dataDir, audit } = store();
    const stored = await profiles.importFile(join(dir, 'profile.yaml'), who);
    expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.payloadBytes).toBe(apks.apks.notesV2.sizeBytes);
    expect(stored.filesDir.startsWith(join(dataDir, 'profiles'))).toBe(true);
    expect(existsSync(join(stored.filesDir, 'apks', 'notes.apk'))).toBe(true);
    expect(audit.list({ limit: 5 }).entries[0]).toMatchObject({
      action: 'profile.imported',
      subject: 'profile:office',
    });
    // Importing the same thing again is harmless and returns the same record.
    expect((await profiles.importFile(join(dir, 'profile.yaml'), who)).row).toBe(stored.row);
  });

  it('refuses changed content under the same version', async () => {
    const { profiles } = store();
    const dir = profileFolder((k) => base('apks/notes.apk', k.keyA));
    await profiles.importFile(join(dir, 'profile.yaml'), who);
    writeFileSync(
      join(dir, 'profile.yaml'),
      base('apks/notes.apk', apks.keys.keyA.certSha256).replace('Office worker', 'Office'),
    );
    await expect(profiles.importFile(join(dir, 'profile.yaml'), who)).rejects.toThrow(
      /already imported with other content/,
    );
  });

  const refused: [string, (k: { keyA: string; keyB: string }) => string, RegExp][] = [
    [
      'an APK signed by another key than the pinned one',
      (k) => base('apks/notes-rogue.apk', k.keyA),
      /not by the pinned certificate/,
    ],
    [
      'an APK of another package',
      (k) => base('apks/notes.apk', k.keyA, 'org.depotline.sample.kiosk'),
      /is org\.depotline\.sample\.notes, not org\.depotline\.sample\.kiosk/,
    ],
    ['a file that is not an APK', (k) => base('apks/broken.apk', k.keyA), /not a usable APK/],
    ['a missing APK', (k) => base('apks/missing.apk', k.keyA), /file not found/],
    ['a path outside the folder', (k) => base('../outside.apk', k.keyA), /inside the profile/],
    [
      'an unknown field',
      (k) =>
        base('apks/notes.apk', k.keyA).replace(
          'platform: android',
          'platform: android\nwipe_everything: true',
        ),
      /line 6.*unknown field: wipe_everything/,
    ],
  ];
  for (const [what, yaml, message] of refused) {
    it(`refuses ${what}, storing nothing`, async () => {
      const dir = profileFolder(yaml);
      const { profiles, dataDir, db } = store();
      await expect(profiles.importFile(join(dir, 'profile.yaml'), who)).rejects.toThrow(message);
      expect(db.prepare('SELECT count(*) FROM profiles').pluck().get()).toBe(0);
      expect(existsSync(join(dataDir, 'profiles')) ? readdirSync(join(dataDir, 'profiles')) : []).toEqual([]);
    });
  }

  it('refuses a link that leads out of the profile folder', async () => {
    const outside = tempDir();
    copyFileSync(apks.apks.notesV2.path, join(outside, 'notes.apk'));
    const dir = profileFolder((k) => base('apks/linked.apk', k.keyA));
    symlinkSync(join(outside, 'notes.apk'), join(dir, 'apks', 'linked.apk'));
    await expect(store().profiles.importFile(join(dir, 'profile.yaml'), who)).rejects.toThrow(
      /outside the profile’s folder/,
    );
  });

  it('removes, when it opens, the half-copied files of an import whose process was killed', () => {
    const dataDir = tempDir();
    // A process that has exited: its pid names an import nobody will finish.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const killed = join(dataDir, 'profiles', `import.partial-${gone}-1b2c`);
    const running = join(dataDir, 'profiles', `import.partial-${process.pid}-3d4e`);
    for (const folder of [killed, running]) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'notes.apk'), 'half an APK');
    }
    const db = openDatabase(dataDir);
    new ProfileStore(db, new AuditLog(db), dataDir);
    expect(existsSync(killed)).toBe(false);
    // This process may be importing into its own right now (a station and a CLI share the folder).
    expect(existsSync(join(running, 'notes.apk'))).toBe(true);
  });
});
