// Builds the iOS test fixtures, deterministically and without any Apple tool: IPAs (a zip
// holding Payload/<Name>.app/ with a binary Info.plist, an executable stub and padding up
// to a chosen size), a file named .ipa that is not a zip, an IPA whose app has no
// Info.plist, and two unsigned configuration profiles (Wi-Fi; restrictions).
//
//   node scripts/make-test-ipas.ts OUTDIR
//
// Entries are stored (uncompressed), as the padding would not compress anyway; the same
// recipe gives the same bytes every time, and a file already there is rewritten only when
// its recipe changed (the index records a hash per file).
import { createCipheriv, createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { encodePlist, type PlistDict } from '../native/ios/wire/plist-codec.ts';

export interface IpaRecipe {
  bundleId: string;
  /** CFBundleVersion */
  version: string;
  /** CFBundleShortVersionString */
  shortVersion: string;
  /** CFBundleDisplayName */
  name: string;
  /** The .app directory's name and CFBundleExecutable */
  executable: string;
  minimumOsVersion: string;
  /** The archive's size; padding makes up the difference. */
  sizeBytes: number;
}

const MB = 1024 * 1024;

export const IPA_RECIPES = {
  fieldNotes: {
    bundleId: 'org.depotline.field-notes',
    version: '14',
    shortVersion: '1.4',
    name: 'Field Notes',
    executable: 'FieldNotes',
    minimumOsVersion: '15.0',
    sizeBytes: 12 * MB,
  },
  fieldNotesUpgrade: {
    bundleId: 'org.depotline.field-notes',
    version: '15',
    shortVersion: '1.5',
    name: 'Field Notes',
    executable: 'FieldNotes',
    minimumOsVersion: '15.0',
    sizeBytes: 2 * MB,
  },
  timesheet: {
    bundleId: 'org.depotline.timesheet',
    version: '200',
    shortVersion: '2.0',
    name: 'Timesheet',
    executable: 'Timesheet',
    minimumOsVersion: '16.0',
    sizeBytes: 20 * MB,
  },
} as const satisfies Record<string, IpaRecipe>;

export type IpaFixtureId = keyof typeof IPA_RECIPES;

export interface TestIpa extends IpaRecipe {
  id: IpaFixtureId;
  path: string;
}

export interface TestProfile {
  path: string;
  identifier: string;
  uuid: string;
  displayName: string;
  payloadTypes: string[];
}

export interface TestIpaSet {
  dir: string;
  ipas: Record<IpaFixtureId, TestIpa>;
  /** Named .ipa, plain text: not a zip. */
  notZip: string;
  /** A zip with Payload/Broken.app/ and its executable, but no Info.plist. */
  noInfoPlist: string;
  profiles: { wifi: TestProfile; restrictions: TestProfile };
}

// --- a stored-entries zip writer (what the fixtures need of the format, nothing more) ---

export interface ZipInput {
  /** Directories end with "/" and carry no data. */
  name: string;
  data?: Buffer;
}

/** DOS date/time of 2026-01-01 00:00: fixed, so archives are byte-for-byte reproducible. */
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;

export function storedZipArchive(inputs: ZipInput[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, 'utf8');
    const data = input.data ?? Buffer.alloc(0);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 (so the mode below is read)
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    const directory = input.name.endsWith('/');
    const mode = directory ? 0o40755 : 0o100755;
    entry.writeUInt32LE(((mode << 16) | (directory ? 0x10 : 0)) >>> 0, 38);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** Deterministic incompressible bytes (an AES-CTR keystream keyed by the seed), like a real app's assets. */
export function padding(seed: string, length: number): Buffer {
  const key = createHash('sha256').update(seed).digest();
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(length));
}

/** A Mach-O arm64 executable header and a little code-shaped filler: enough to look the part. */
function executableStub(recipe: IpaRecipe): Buffer {
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0); // MH_MAGIC_64
  header.writeUInt32LE(0x0100000c, 4); // CPU_TYPE_ARM64
  header.writeUInt32LE(2, 12); // MH_EXECUTE
  return Buffer.concat([header, padding(`${recipe.bundleId}/${recipe.version}/exec`, 64 * 1024)]);
}

export function infoPlistOf(recipe: IpaRecipe): PlistDict {
  return {
    CFBundleDevelopmentRegion: 'en',
    CFBundleDisplayName: recipe.name,
    CFBundleExecutable: recipe.executable,
    CFBundleIdentifier: recipe.bundleId,
    CFBundleInfoDictionaryVersion: '6.0',
    CFBundleName: recipe.executable,
    CFBundlePackageType: 'APPL',
    CFBundleShortVersionString: recipe.shortVersion,
    CFBundleSupportedPlatforms: ['iPhoneOS'],
    CFBundleVersion: recipe.version,
    DTPlatformName: 'iphoneos',
    LSRequiresIPhoneOS: true,
    MinimumOSVersion: recipe.minimumOsVersion,
    UIDeviceFamily: [1, 2],
    UIRequiredDeviceCapabilities: ['arm64'],
  };
}

/** An IPA of exactly recipe.sizeBytes (when that leaves room for its other entries). */
export function buildIpa(recipe: IpaRecipe, options: { infoPlist?: Buffer | null } = {}): Buffer {
  const app = `Payload/${recipe.executable}.app/`;
  const entries: ZipInput[] = [
    { name: 'Payload/' },
    { name: app },
    { name: `${app}${recipe.executable}`, data: executableStub(recipe) },
  ];
  if (options.infoPlist !== null)
    entries.push({
      name: `${app}Info.plist`,
      data: options.infoPlist ?? encodePlist(infoPlistOf(recipe), 'binary'),
    });
  const assets = `${app}Assets.car`;
  const without = storedZipArchive([...entries, { name: assets, data: Buffer.alloc(0) }]).length;
  const fill = Math.max(0, recipe.sizeBytes - without);
  entries.push({ name: assets, data: padding(`${recipe.bundleId}/${recipe.version}/assets`, fill) });
  return storedZipArchive(entries);
}

// --- configuration profiles ---

const WIFI_PROFILE: PlistDict = {
  PayloadContent: [
    {
      AutoJoin: true,
      EncryptionType: 'WPA2',
      HIDDEN_NETWORK: false,
      Password: 'depot-floor-2026',
      PayloadDescription: 'Joins the depot floor network',
      PayloadDisplayName: 'Wi-Fi (Depot-Floor)',
      PayloadIdentifier: 'org.depotline.profile.wifi.depot-floor.payload',
      PayloadType: 'com.apple.wifi.managed',
      PayloadUUID: '5B2E6F0A-8C1D-4E3F-9A7B-1C2D3E4F5A61',
      PayloadVersion: 1,
      ProxyType: 'None',
      SSID_STR: 'Depot-Floor',
    },
  ],
  PayloadDisplayName: 'Depot Wi-Fi',
  PayloadIdentifier: 'org.depotline.profile.wifi',
  PayloadOrganization: 'Depotline',
  PayloadRemovalDisallowed: false,
  PayloadType: 'Configuration',
  PayloadUUID: '0D6C1E52-3B7A-4F08-A9E4-6F2B8C1D0E11',
  PayloadVersion: 1,
};

const RESTRICTIONS_PROFILE: PlistDict = {
  PayloadContent: [
    {
      PayloadDisplayName: 'Restrictions',
      PayloadIdentifier: 'org.depotline.profile.restrictions.payload',
      PayloadType: 'com.apple.applicationaccess',
      PayloadUUID: '9E1F2A3B-4C5D-4E6F-8A9B-0C1D2E3F4A52',
      PayloadVersion: 1,
      allowAppRemoval: false,
      allowCamera: true,
      allowGameCenter: false,
      allowInAppPurchases: false,
      allowUIConfigurationProfileInstallation: false,
    },
  ],
  PayloadDescription: 'Locks down a field device',
  PayloadDisplayName: 'Field Restrictions',
  PayloadIdentifier: 'org.depotline.profile.restrictions',
  PayloadOrganization: 'Depotline',
  PayloadRemovalDisallowed: false,
  PayloadType: 'Configuration',
  PayloadUUID: '7A3C9D10-2E4B-4C6D-8E0F-1A2B3C4D5E73',
  PayloadVersion: 1,
};

export const PROFILE_RECIPES = { wifi: WIFI_PROFILE, restrictions: RESTRICTIONS_PROFILE } as const;

// --- writing the set ---

const SCRIPT_VERSION = 1;
const INDEX_FILE = 'fixtures.json';

async function writeIfChanged(path: string, hash: string, index: Record<string, string>, make: () => Buffer) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (index[name] === hash) {
    try {
      await access(path);
      return;
    } catch {
      // missing: write it below
    }
  }
  // Write beside, then rename: test files running in parallel never see half a fixture.
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, make());
  await rename(temp, path);
  index[name] = hash;
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify({ SCRIPT_VERSION, value })).digest('hex').slice(0, 16);
}

export async function makeTestIpas(outDir: string): Promise<TestIpaSet> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const indexPath = join(dir, INDEX_FILE);
  const index = await readFile(indexPath, 'utf8')
    .then((text) => JSON.parse(text) as Record<string, string>)
    .catch(() => ({}));

  const ipas = {} as Record<IpaFixtureId, TestIpa>;
  for (const [id, recipe] of Object.entries(IPA_RECIPES) as [IpaFixtureId, IpaRecipe][]) {
    const path = join(dir, `${recipe.bundleId}-${recipe.shortVersion}.ipa`);
    await writeIfChanged(path, hashOf(recipe), index, () => buildIpa(recipe));
    ipas[id] = { ...recipe, id, path };
  }
  const notZip = join(dir, 'not-a-zip.ipa');
  await writeIfChanged(notZip, hashOf('not-a-zip'), index, () =>
    Buffer.from('This file is named .ipa but it is plain text, not a zip archive.\n'),
  );
  const broken: IpaRecipe = { ...IPA_RECIPES.fieldNotesUpgrade, executable: 'Broken', sizeBytes: 256 * 1024 };
  const noInfoPlist = join(dir, 'no-info-plist.ipa');
  await writeIfChanged(noInfoPlist, hashOf({ broken }), index, () => buildIpa(broken, { infoPlist: null }));

  const profiles = {} as TestIpaSet['profiles'];
  for (const [id, content] of Object.entries(PROFILE_RECIPES) as [
    keyof typeof PROFILE_RECIPES,
    PlistDict,
  ][]) {
    const path = join(dir, `${id}.mobileconfig`);
    await writeIfChanged(path, hashOf(content), index, () => encodePlist(content, 'xml'));
    const payloads = content.PayloadContent as PlistDict[];
    profiles[id] = {
      path,
      identifier: content.PayloadIdentifier as string,
      uuid: content.PayloadUUID as string,
      displayName: content.PayloadDisplayName as string,
      payloadTypes: payloads.map((p) => p.PayloadType as string),
    };
  }
  const temp = `${indexPath}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(index, null, 2)}\n`);
  await rename(temp, indexPath);
  return { dir, ipas, notZip, noInfoPlist, profiles };
}

export const DEFAULT_IPA_FIXTURE_DIR = resolve(import.meta.dirname, '..', 'dist', 'fixtures', 'ipas');

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const out = process.argv[2] ?? DEFAULT_IPA_FIXTURE_DIR;
  const set = await makeTestIpas(out);
  for (const ipa of Object.values(set.ipas)) console.log(`${ipa.path}  ${ipa.bundleId} ${ipa.shortVersion}`);
  console.log(set.notZip);
  console.log(set.noInfoPlist);
  for (const profile of Object.values(set.profiles)) console.log(`${profile.path}  ${profile.identifier}`);
}
