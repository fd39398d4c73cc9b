import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/db.ts';
import { AuditLog } from '../../../../electron/core/audit/audit-log.ts';
import { ProfileStore } from '../../../../electron/core/staging/profile-store.ts';
import { partFor, platformsOf } from '../../../../electron/common/profile/profile-schema.ts';
import { parseProfileText } from '../../../../electron/common/profile/parse-profile.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const who = { actor: 'Kari', station: 'Bench 1' };
const SAMPLES = resolve(import.meta.dirname, '../../../../resources/profiles');

/** A profile folder holding the sample iOS files (and a file that is no IPA), with this YAML. */
function iosFolder(yaml: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'ios'));
  for (const file of ['field-notes.ipa', 'wifi.mobileconfig'])
    copyFileSync(join(SAMPLES, 'ios', file), join(dir, 'ios', file));
  writeFileSync(join(dir, 'ios', 'broken.ipa'), 'not a zip at all');
  writeFileSync(join(dir, 'ios', 'broken.mobileconfig'), '<plist><dict><key>Payload');
  writeFileSync(join(dir, 'profile.yaml'), yaml);
  return dir;
}

const iosProfile = (steps: string) => `schema: depotline.profile/v2
id: iphones
name: iPhones
version: 1
ios:
  steps:
${steps}`;

function store() {
  const db = openDatabase(tempDir());
  return new ProfileStore(db, new AuditLog(db), tempDir());
}

describe('profiles with an iOS part', () => {
  it('imports the mixed sample with both parts and its iOS files', async () => {
    const stored = await store().importFile(join(SAMPLES, 'mixed-office.yaml'), who);
    expect(platformsOf(stored.profile)).toEqual(['android', 'ios']);
    expect(partFor(stored.profile, 'ios')!.steps.map((s) => s.type)).toEqual([
      'prepare',
      'configurationProfile',
      'app',
      'deviceName',
    ]);
    expect(partFor(stored.profile, 'android')!.steps).toHaveLength(3);
  });

  it.each([
    [
      'an IPA of another app',
      '    - { type: app, ipa: ios/field-notes.ipa, bundleId: org.example.other }\n',
      /ios\.steps\.0\.ipa: ios\/field-notes\.ipa: is org\.depotline\.field-notes, not org\.example\.other/,
    ],
    [
      'a file that is not an IPA',
      '    - { type: app, ipa: ios/broken.ipa, bundleId: org.depotline.field-notes }\n',
      /ios\/broken\.ipa: not a usable IPA/,
    ],
    [
      'a configuration profile that is not a plist',
      '    - { type: configurationProfile, file: ios/broken.mobileconfig }\n',
      /ios\/broken\.mobileconfig: not a usable configuration profile/,
    ],
    [
      'a missing file',
      '    - { type: configurationProfile, file: ios/absent.mobileconfig }\n',
      /ios\/absent\.mobileconfig: file not found/,
    ],
  ])('refuses %s at import, storing nothing', async (_what, steps, message) => {
    const profiles = store();
    await expect(
      profiles.importFile(join(iosFolder(iosProfile(steps)), 'profile.yaml'), who),
    ).rejects.toThrow(message);
    expect(profiles.latest()).toEqual([]);
  });

  it('points schema problems in the iOS part at their line and field', () => {
    const result = parseProfileText(
      iosProfile(
        '    - { type: deviceName, name: "DL-${nope}" }\n    - { type: app, ipa: ../x.ipa, bundleId: org.a.b }\n    - { type: teleport }\n',
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'ios.steps.0.name',
          line: 7,
          message: expect.stringMatching(/\$\{nope\}/),
        }),
        expect.objectContaining({ path: 'ios.steps.1.ipa', line: 8, message: expect.stringMatching(/\.\./) }),
        expect.objectContaining({ path: 'ios.steps.2.type', line: 9 }),
      ]),
    );
  });

  it('refuses a v2 profile with neither part, and a shell step without allowShell in the Android part', () => {
    const empty = parseProfileText('schema: depotline.profile/v2\nid: nothing\nname: N\nversion: 1\n');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.problems[0]?.message).toMatch(/"android" or an "ios" part/);
    const shell = parseProfileText(
      'schema: depotline.profile/v2\nid: sh\nname: S\nversion: 1\nandroid:\n  steps:\n    - { type: shell, command: id }\n',
    );
    expect(shell.ok).toBe(false);
    if (!shell.ok)
      expect(shell.problems).toEqual([expect.objectContaining({ path: 'android.steps.0', line: 7 })]);
  });
});
