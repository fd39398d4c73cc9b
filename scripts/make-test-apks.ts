// Builds small, real, signed test APKs for the lab and the APK reader's tests: several
// packages and versions, two signing keys (RSA and EC, generated here, never downloaded),
// a device-admin app, a kiosk launcher, an app asking for runtime permissions and a file
// that is not an APK. Uses Debian's aapt, zipalign and apksigner; caches by recipe hash.
//
//   node scripts/make-test-apks.ts OUTDIR
//
// makeApkSet(dir, recipes) builds another set the same way (benchmarks use it for large APKs
// that the tests' set should not carry).
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export { RECIPES, type FixtureId, type KeyName, type Recipe } from './test-apk-recipes.ts';
import { RECIPES, type FixtureId, type KeyName, type Recipe } from './test-apk-recipes.ts';

export interface TestApk<Id extends string = FixtureId> {
  id: Id;
  path: string;
  packageName: string;
  versionCode: number;
  versionName: string;
  minSdk: number;
  targetSdk: number;
  permissions: string[];
  signer: KeyName;
  /** Lowercase hex SHA-256 of the signer's DER certificate. */
  certSha256: string;
  sizeBytes: number;
}

/** A built set of APKs; `Id` names its recipes. */
export interface ApkSet<Id extends string = FixtureId> {
  dir: string;
  recipeHash: string;
  keys: Record<KeyName, { certPath: string; certSha256: string; algorithm: 'RSA' | 'EC' }>;
  apks: Record<Id, TestApk<Id>>;
  /** A file named like an APK that is not one (plain text). */
  notApk: string;
}

export type TestApkSet = ApkSet<FixtureId>;

const SCRIPT_VERSION = 2;
/** The cache key of a set of recipes (for RECIPES, the same value as before makeApkSet existed). */
function hashRecipes(recipes: Record<string, Recipe>): string {
  return createHash('sha256')
    .update(JSON.stringify({ SCRIPT_VERSION, RECIPES: recipes }))
    .digest('hex')
    .slice(0, 16);
}
const INDEX_FILE = 'fixtures.json';
const KEYS: Record<KeyName, { algorithm: 'RSA' | 'EC'; subject: string }> = {
  keyA: { algorithm: 'RSA', subject: '/CN=Depotline Test Key A/O=Depotline Lab/C=NL' },
  keyB: { algorithm: 'EC', subject: '/CN=Depotline Test Key B/O=Depotline Lab/C=NL' },
};

export function findFrameworkRes(): string {
  const candidates = [
    process.env.ANDROID_FRAMEWORK_RES,
    '/usr/share/android-framework-res/framework-res.apk',
    '/usr/lib/android-sdk/platforms/android-23/android.jar',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found)
    throw new Error(
      'framework-res.apk not found: apt-get install android-framework-res (or set ANDROID_FRAMEWORK_RES)',
    );
  return found;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function manifestXml(r: Recipe): string {
  const comps = r.components.map((c) => {
    const attrs = `android:name="${xmlEscape(c.name)}" android:exported="true"${c.permission ? ` android:permission="${c.permission}"` : ''}`;
    const meta = c.deviceAdmin
      ? '\n      <meta-data android:name="android.app.device_admin" android:resource="@xml/device_admin"/>'
      : '';
    const filter = `\n      <intent-filter>${c.actions.map((a) => `<action android:name="${a}"/>`).join('')}${(c.categories ?? []).map((k) => `<category android:name="${k}"/>`).join('')}</intent-filter>`;
    return `    <${c.kind} ${attrs}>${meta}${filter}\n    </${c.kind}>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="${r.packageName}" android:versionCode="${r.versionCode}" android:versionName="${xmlEscape(r.versionName)}">
  <uses-sdk android:minSdkVersion="${r.minSdk}" android:targetSdkVersion="${r.targetSdk}"/>
${r.permissions.map((p) => `  <uses-permission android:name="${p}"/>`).join('\n')}
  <application android:label="${r.packageName.split('.').pop()}" android:hasCode="false">
${comps.join('\n')}
  </application>
</manifest>
`;
}

async function makeKey(
  dir: string,
  name: KeyName,
): Promise<{ certPath: string; keyPath: string; certSha256: string }> {
  const pem = join(dir, `${name}.key.pem`);
  const keyPath = join(dir, `${name}.pk8`);
  const certPath = join(dir, `${name}.cert.pem`);
  const spec = KEYS[name];
  const genArgs =
    spec.algorithm === 'RSA'
      ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']
      : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  await run('openssl', ['genpkey', ...genArgs, '-out', pem]);
  await run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', pem, '-outform', 'DER', '-out', keyPath]);
  await run('openssl', [
    'req',
    '-x509',
    '-new',
    '-key',
    pem,
    '-days',
    '10950',
    '-sha256',
    '-subj',
    spec.subject,
    '-out',
    certPath,
  ]);
  const certSha256 = createHash('sha256')
    .update(new X509Certificate(await readFile(certPath)).raw)
    .digest('hex');
  return { certPath, keyPath, certSha256 };
}

/** Deterministic incompressible bytes (SHA-256 in counter mode). */
function pseudoRandomBytes(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  for (let off = 0, i = 0; off < size; off += 32, i++)
    createHash('sha256').update(`${seed}:${i}`).digest().copy(out, off);
  return out;
}

async function buildApk(
  work: string,
  id: string,
  r: Recipe,
  key: { keyPath: string; certPath: string },
  frameworkRes: string,
  outPath: string,
): Promise<void> {
  const dir = join(work, id);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'AndroidManifest.xml'), manifestXml(r));
  const args = [
    'package',
    '-f',
    '-M',
    join(dir, 'AndroidManifest.xml'),
    '-I',
    frameworkRes,
    '-F',
    join(dir, 'unaligned.apk'),
  ];
  if (r.components.some((c) => c.deviceAdmin)) {
    await mkdir(join(dir, 'res', 'xml'), { recursive: true });
    await writeFile(
      join(dir, 'res', 'xml', 'device_admin.xml'),
      '<device-admin xmlns:android="http://schemas.android.com/apk/res/android">\n  <uses-policies><wipe-data/><force-lock/><reset-password/></uses-policies>\n</device-admin>\n',
    );
    args.push('-S', join(dir, 'res'));
  }
  if (r.assetBytes) {
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'assets', 'payload.bin'), pseudoRandomBytes(r.assetBytes, r.packageName));
    args.push('-A', join(dir, 'assets'), '-0', 'bin');
  }
  await run('aapt', args);
  await run('zipalign', ['-f', '-p', '4', join(dir, 'unaligned.apk'), join(dir, 'aligned.apk')]);
  await run('apksigner', [
    'sign',
    '--key',
    key.keyPath,
    '--cert',
    key.certPath,
    '--v1-signing-enabled',
    'true',
    '--v2-signing-enabled',
    'true',
    '--v3-signing-enabled',
    'true',
    '--v4-signing-enabled',
    'false',
    '--v1-signer-name',
    'CERT',
    '--out',
    outPath,
    join(dir, 'aligned.apk'),
  ]);
}

/** Runs tasks with at most `limit` in flight: the machine is shared, two cores. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

async function readCached<Id extends string>(
  outDir: string,
  recipeHash: string,
): Promise<ApkSet<Id> | undefined> {
  try {
    const set = JSON.parse(await readFile(join(outDir, INDEX_FILE), 'utf8')) as ApkSet<Id>;
    if (set.recipeHash !== recipeHash) return undefined;
    const files = [
      set.notApk,
      ...Object.values<TestApk<Id>>(set.apks).map((a) => a.path),
      ...Object.values(set.keys).map((k) => k.certPath),
    ];
    for (const f of files) await stat(f);
    return set;
  } catch {
    return undefined;
  }
}

async function build<Id extends string>(
  target: string,
  recipes: Record<Id, Recipe>,
  recipeHash: string,
): Promise<ApkSet<Id>> {
  const frameworkRes = findFrameworkRes();
  const dir = await mkdtemp(`${target}.tmp-`);
  const work = join(dir, 'work');
  await mkdir(work);
  const keyNames = Object.keys(KEYS) as KeyName[];
  const made = await Promise.all(keyNames.map((k) => makeKey(dir, k)));
  const keys = Object.fromEntries(keyNames.map((k, i) => [k, made[i]])) as Record<
    KeyName,
    Awaited<ReturnType<typeof makeKey>>
  >;
  const ids = Object.keys(recipes) as Id[];
  await pool(
    ids.map(
      (id) => () =>
        buildApk(work, id, recipes[id], keys[recipes[id].signer], frameworkRes, join(dir, `${id}.apk`)),
    ),
    2,
  );
  await rm(work, { recursive: true, force: true });
  await writeFile(join(dir, 'not-an-apk.apk'), 'This is a text file that merely has an .apk name.\n');

  const apks = {} as Record<Id, TestApk<Id>>;
  for (const id of ids) {
    const r: Recipe = recipes[id];
    apks[id] = {
      id,
      path: join(target, `${id}.apk`),
      packageName: r.packageName,
      versionCode: r.versionCode,
      versionName: r.versionName,
      minSdk: r.minSdk,
      targetSdk: r.targetSdk,
      permissions: r.permissions,
      signer: r.signer,
      certSha256: keys[r.signer].certSha256,
      sizeBytes: (await stat(join(dir, `${id}.apk`))).size,
    };
  }
  const set: ApkSet<Id> = {
    dir: target,
    recipeHash,
    keys: Object.fromEntries(
      keyNames.map((k) => [
        k,
        {
          certPath: join(target, `${k}.cert.pem`),
          certSha256: keys[k].certSha256,
          algorithm: KEYS[k].algorithm,
        },
      ]),
    ) as ApkSet<Id>['keys'],
    apks,
    notApk: join(target, 'not-an-apk.apk'),
  };
  await writeFile(join(dir, INDEX_FILE), JSON.stringify(set, null, 2) + '\n');
  return publish(dir, target, set);
}

/** Moves a finished build into place; if a parallel run got there first with the same recipe, use theirs. */
async function publish<Id extends string>(tmp: string, target: string, set: ApkSet<Id>): Promise<ApkSet<Id>> {
  const existing = await readCached<Id>(target, set.recipeHash);
  if (existing) {
    await rm(tmp, { recursive: true, force: true });
    return existing;
  }
  await rm(target, { recursive: true, force: true });
  try {
    await rename(tmp, target);
    return set;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    const winner = await readCached<Id>(target, set.recipeHash);
    if (winner) return winner;
    throw err;
  }
}

export async function makeTestApks(outDir: string): Promise<TestApkSet> {
  return makeApkSet(outDir, RECIPES);
}

/** Builds (or finds cached) a set of APKs from other recipes, with its own two keys. */
export async function makeApkSet<Id extends string>(
  outDir: string,
  recipes: Record<Id, Recipe>,
): Promise<ApkSet<Id>> {
  const target = resolve(outDir);
  const recipeHash = hashRecipes(recipes);
  const cached = await readCached<Id>(target, recipeHash);
  if (cached) return cached;
  await mkdir(dirname(target), { recursive: true });
  return build(target, recipes, recipeHash);
}

/** Default cache location for tests (dist/ is git-ignored). */
export const DEFAULT_APK_FIXTURE_DIR = resolve(import.meta.dirname, '..', 'dist', 'fixtures', 'apks');

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const out = process.argv[2] ?? DEFAULT_APK_FIXTURE_DIR;
  const started = Date.now();
  const set = await makeTestApks(out);
  for (const apk of Object.values(set.apks)) {
    console.log(
      `${apk.id.padEnd(16)} ${apk.packageName} v${apk.versionCode} (${apk.signer}) ${apk.sizeBytes} B ${apk.certSha256}`,
    );
  }
  console.log(`${set.dir} ready in ${Date.now() - started} ms`);
}
