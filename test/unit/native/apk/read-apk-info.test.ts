import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ApkError, readApkInfo } from '../../../../native/apk/index.ts';
import { readZipLayout } from '../../../../native/apk/zip.ts';
import { DEFAULT_APK_FIXTURE_DIR, makeTestApks, type FixtureId } from '../../../../scripts/make-test-apks.ts';
import { storedZip } from './zip-fixture.ts';

const run = promisify(execFile);
const set = await makeTestApks(DEFAULT_APK_FIXTURE_DIR);
const ids = Object.keys(set.apks) as FixtureId[];

async function apkError(input: string | Buffer): Promise<ApkError> {
  try {
    await readApkInfo(input);
  } catch (err) {
    if (err instanceof ApkError) return err;
    throw err;
  }
  throw new Error('expected readApkInfo to fail');
}

describe('readApkInfo agrees with the Android SDK tools', () => {
  it.each(ids)(
    '%s: package, versions, SDKs and permissions as `aapt dump badging` reports them',
    async (id) => {
      const { stdout } = await run('aapt', ['dump', 'badging', set.apks[id].path]);
      const info = await readApkInfo(set.apks[id].path);
      const pkg = /^package: name='([^']+)' versionCode='(\d+)' versionName='([^']*)'/m.exec(stdout);
      expect(info.packageName).toBe(pkg?.[1]);
      expect(info.versionCode).toBe(Number(pkg?.[2]));
      expect(info.versionName).toBe(pkg?.[3]);
      expect(info.minSdkVersion).toBe(Number(/^sdkVersion:'(\d+)'/m.exec(stdout)?.[1]));
      expect(info.targetSdkVersion).toBe(Number(/^targetSdkVersion:'(\d+)'/m.exec(stdout)?.[1]));
      const perms = [...stdout.matchAll(/^uses-permission: name='([^']+)'/gm)].map((m) => m[1]);
      expect(info.usesPermissions).toEqual(perms);
      const launchable = [...stdout.matchAll(/^launchable-activity: name='([^']+)'/gm)].map((m) => m[1]);
      expect(info.launcherActivities).toEqual(launchable);
    },
  );

  it.each(ids)(
    '%s: signer certificate digest as `apksigner verify --print-certs` shows it',
    async (id) => {
      const { stdout } = await run('apksigner', ['verify', '--print-certs', set.apks[id].path]);
      const digests = [...stdout.matchAll(/^Signer #\d+ certificate SHA-256 digest: ([0-9a-f]{64})$/gm)].map(
        (m) => m[1],
      );
      const info = await readApkInfo(await readFile(set.apks[id].path));
      expect(digests.length).toBeGreaterThan(0);
      expect(info.signingCertificatesSha256).toEqual(digests);
      expect(info.signingCertificatesSha256).toEqual([set.apks[id].certSha256]);
      expect(info.signatureVerified).toBe(true);
      expect(info.signatureProblems).toEqual([]);
      expect(info.signatureSchemes).toEqual(['v1', 'v2', 'v3']);
    },
    20_000,
  );
});

describe('readApkInfo details', () => {
  it('finds the device-admin receiver of the DPC and tells the two keys apart', async () => {
    const dpc = await readApkInfo(set.apks.dpc.path);
    expect(dpc.deviceAdminReceivers).toEqual(['org.depotline.sample.dpc.AdminReceiver']);
    expect(dpc.receiverActions['org.depotline.sample.dpc.action.WIPE_DATA']).toBe(
      'org.depotline.sample.dpc.CommandReceiver',
    );
    expect((await readApkInfo(set.apks.notesV1.path)).deviceAdminReceivers).toEqual([]);
    expect(set.keys.keyA.certSha256).not.toBe(set.keys.keyB.certSha256);
    expect((await readApkInfo(set.apks.notesV2OtherKey.path)).signingCertificatesSha256).toEqual([
      set.keys.keyB.certSha256,
    ]);
  });

  it('reports a kiosk launcher as a HOME activity', async () => {
    expect((await readApkInfo(set.apks.kiosk.path)).homeActivities).toEqual([
      'org.depotline.sample.kiosk.KioskActivity',
    ]);
  });

  it('keeps the signer but marks the signature unverified when the APK was modified after signing', async () => {
    const apk = Buffer.from(await readFile(set.apks.bulky.path));
    const payload = readZipLayout(apk).entries.find((e) => e.name === 'assets/payload.bin');
    if (!payload || payload.method !== 0)
      throw new Error('fixture should store assets/payload.bin uncompressed');
    const dataStart =
      payload.localHeaderOffset +
      30 +
      apk.readUInt16LE(payload.localHeaderOffset + 26) +
      apk.readUInt16LE(payload.localHeaderOffset + 28);
    apk[dataStart + 1000] = (apk[dataStart + 1000] ?? 0) ^ 0xff;
    const info = await readApkInfo(apk);
    expect(info.packageName).toBe('org.depotline.sample.bulky');
    expect(info.signingCertificatesSha256).toEqual([set.keys.keyA.certSha256]);
    expect(info.signatureVerified).toBe(false);
    expect(info.signatureProblems.join('\n')).toContain('content digest mismatch');
  });
});

describe('readApkInfo errors', () => {
  it('says NOT_ZIP for a text file and for a truncated APK', async () => {
    expect((await apkError(set.notApk)).code).toBe('NOT_ZIP');
    const apk = await readFile(set.apks.notesV1.path);
    expect((await apkError(apk.subarray(0, apk.length - 100))).code).toBe('NOT_ZIP');
  });

  it('says NO_MANIFEST for a zip without AndroidManifest.xml', async () => {
    expect((await apkError(storedZip({ 'hello.txt': Buffer.from('hi') }))).code).toBe('NO_MANIFEST');
  });

  it('says BAD_MANIFEST when AndroidManifest.xml is plain text XML', async () => {
    const zip = storedZip({ 'AndroidManifest.xml': Buffer.from('<manifest package="x.y"/>') });
    expect((await apkError(zip)).code).toBe('BAD_MANIFEST');
  });

  it('says IO for a path that cannot be read', async () => {
    const err = await apkError('/nonexistent/depotline.apk');
    expect(err.code).toBe('IO');
    expect(err).toBeInstanceOf(Error);
  });

  it('reads an unsigned APK with no signers rather than failing', async () => {
    const unsigned = storedZip({
      'AndroidManifest.xml': readManifestOf(await readFile(set.apks.notesV1.path)),
    });
    const info = await readApkInfo(unsigned);
    expect(info.packageName).toBe('org.depotline.sample.notes');
    expect(info.signingCertificatesSha256).toEqual([]);
    expect(info.signatureSchemes).toEqual([]);
    expect(info.signatureVerified).toBe(false);
  });
});

function readManifestOf(apk: Buffer): Buffer {
  const entry = readZipLayout(apk).entries.find((e) => e.name === 'AndroidManifest.xml');
  if (!entry) throw new Error('no manifest');
  const start =
    entry.localHeaderOffset +
    30 +
    apk.readUInt16LE(entry.localHeaderOffset + 26) +
    apk.readUInt16LE(entry.localHeaderOffset + 28);
  const raw = apk.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? raw : inflateRawSync(raw);
}
