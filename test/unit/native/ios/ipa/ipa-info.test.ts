import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../helpers/temp-dir.ts';
import { IpaError, readIpaInfo, type IpaErrorCode } from '../../../../../native/ios/ipa/ipa-info.ts';
import { encodePlist } from '../../../../../native/ios/wire/plist-codec.ts';
import {
  buildIpa,
  DEFAULT_IPA_FIXTURE_DIR,
  infoPlistOf,
  IPA_RECIPES,
  makeTestIpas,
  storedZipArchive,
  type IpaFixtureId,
} from '../../../../../scripts/make-test-ipas.ts';

const run = promisify(execFile);
const set = await makeTestIpas(DEFAULT_IPA_FIXTURE_DIR);
const ids = Object.keys(set.ipas) as IpaFixtureId[];
const small = { ...IPA_RECIPES.fieldNotesUpgrade, sizeBytes: 100_000 };

async function ipaError(input: string | Buffer): Promise<IpaError> {
  try {
    await readIpaInfo(input);
  } catch (err) {
    if (err instanceof IpaError) return err;
    throw err;
  }
  throw new Error('expected readIpaInfo to fail');
}

async function expectCode(input: string | Buffer, code: IpaErrorCode, message?: RegExp): Promise<void> {
  const err = await ipaError(input);
  expect(err.code).toBe(code);
  if (message) expect(err.message).toMatch(message);
}

const tempDir = useTempDirs();

describe('readIpaInfo reads the fixtures', () => {
  it.each(ids)('%s: identity from Payload/<Name>.app/Info.plist, from a path and from bytes', async (id) => {
    const recipe = set.ipas[id];
    const expected = {
      bundleId: recipe.bundleId,
      version: recipe.version,
      shortVersion: recipe.shortVersion,
      name: recipe.name,
      minimumOsVersion: recipe.minimumOsVersion,
      executable: recipe.executable,
      appDirectory: `Payload/${recipe.executable}.app/`,
      sizeBytes: recipe.sizeBytes,
    };
    expect(await readIpaInfo(recipe.path)).toMatchObject(expected);
    const fromBytes = await readIpaInfo(await readFile(recipe.path));
    expect(fromBytes).toMatchObject(expected);
    expect(fromBytes.infoPlist).toEqual(infoPlistOf(recipe));
  });

  it('builds the fixtures at the sizes asked, byte for byte the same every time', async () => {
    for (const id of ids) expect((await readFile(set.ipas[id].path)).length).toBe(IPA_RECIPES[id].sizeBytes);
    expect(buildIpa(small).equals(buildIpa(small))).toBe(true);
  });

  it('agrees with Info-ZIP: `unzip -t` passes and `unzip -p` gives the same Info.plist', async () => {
    const path = set.ipas.timesheet.path;
    const { stdout } = await run('unzip', ['-t', path]);
    expect(stdout).toMatch(/No errors detected/);
    const plist = await run('unzip', ['-p', path, 'Payload/Timesheet.app/Info.plist'], {
      encoding: 'buffer',
    });
    expect(plist.stdout.equals(encodePlist(infoPlistOf(IPA_RECIPES.timesheet), 'binary'))).toBe(true);
  });

  it('reads an XML Info.plist', async () => {
    const ipa = buildIpa(small, { infoPlist: encodePlist(infoPlistOf(small), 'xml') });
    expect((await readIpaInfo(ipa)).bundleId).toBe('org.depotline.field-notes');
  });

  it('reads an IPA zipped by Info-ZIP (deflated entries, extra fields)', async () => {
    const dir = tempDir();
    const app = join(dir, 'Payload', 'Zipped.app');
    await mkdir(app, { recursive: true });
    await writeFile(
      join(app, 'Info.plist'),
      encodePlist({
        ...infoPlistOf(small),
        CFBundleDisplayName: 'Zipped',
        CFBundleIdentifier: 'org.example.zipped',
      }),
    );
    await writeFile(join(app, 'Zipped'), Buffer.alloc(50_000, 7));
    await run('zip', ['-r', '-9', 'zipped.ipa', 'Payload'], { cwd: dir });
    const info = await readIpaInfo(join(dir, 'zipped.ipa'));
    expect(info).toMatchObject({
      bundleId: 'org.example.zipped',
      name: 'Zipped',
      appDirectory: 'Payload/Zipped.app/',
    });
  });

  it('falls back from CFBundleDisplayName to CFBundleName, then to the .app name', async () => {
    const { CFBundleDisplayName: _, ...noDisplay } = infoPlistOf(small);
    expect((await readIpaInfo(buildIpa(small, { infoPlist: encodePlist(noDisplay) }))).name).toBe(
      'FieldNotes',
    );
    const { CFBundleName: __, ...noName } = noDisplay;
    const renamed = { ...small, executable: 'Notes' };
    expect((await readIpaInfo(buildIpa(renamed, { infoPlist: encodePlist(noName) }))).name).toBe('Notes');
  });
});

describe('readIpaInfo says what is wrong', () => {
  it('NOT_ZIP for the text fixture, an empty buffer and a truncated IPA', async () => {
    await expectCode(set.notZip, 'NOT_ZIP', /not a zip archive/);
    await expectCode(Buffer.alloc(0), 'NOT_ZIP');
    const ipa = await readFile(set.ipas.fieldNotesUpgrade.path);
    await expectCode(ipa.subarray(0, ipa.length - 10), 'NOT_ZIP');
  });

  it('NO_INFO_PLIST for an app without Info.plist, naming the file it looked for', async () => {
    await expectCode(set.noInfoPlist, 'NO_INFO_PLIST', /Payload\/Broken\.app\/Info\.plist is missing/);
  });

  it('NO_INFO_PLIST for a zip that holds no Payload/<Name>.app at all', async () => {
    const zip = storedZipArchive([{ name: 'README.txt', data: Buffer.from('hi') }]);
    await expectCode(zip, 'NO_INFO_PLIST', /holds no app/);
    // An Info.plist nested deeper (a plug-in's) is not the app's.
    const nested = storedZipArchive([
      { name: 'Payload/App.app/PlugIns/Ext.appex/Info.plist', data: encodePlist(infoPlistOf(small)) },
    ]);
    await expectCode(nested, 'NO_INFO_PLIST', /Payload\/App\.app\/Info\.plist is missing/);
  });

  it('NO_BUNDLE_ID for an Info.plist without CFBundleIdentifier', async () => {
    const { CFBundleIdentifier: _, ...rest } = infoPlistOf(small);
    await expectCode(
      buildIpa(small, { infoPlist: encodePlist(rest) }),
      'NO_BUNDLE_ID',
      /no CFBundleIdentifier/,
    );
  });

  it('BAD_INFO_PLIST for an Info.plist that is not a plist dictionary', async () => {
    await expectCode(
      buildIpa(small, { infoPlist: Buffer.from('garbage') }),
      'BAD_INFO_PLIST',
      /cannot be read/,
    );
    await expectCode(buildIpa(small, { infoPlist: encodePlist(['x'], 'binary') }), 'BAD_INFO_PLIST');
  });

  it('IO for a path that does not exist', async () => {
    await expectCode('/nonexistent/app.ipa', 'IO', /cannot read \/nonexistent\/app\.ipa/);
  });
});
