// What a profile's payload file must be before the profile is accepted: checked at import, so
// a wrong or broken file is refused with a clear message before any device is touched.
import { ApkError } from '../../../native/apk/index.ts';
import { IpaError, readIpaInfo } from '../../../native/ios/ipa/ipa-info.ts';
import { MobileconfigError, readMobileconfig } from '../../../native/ios/mobileconfig/read-mobileconfig.ts';
import { derOf } from './ios/ios-payloads.ts';
import { profileApkInfo } from './steps/apk-info-cache.ts';

export type PayloadKind = 'apk' | 'file' | 'ipa' | 'mobileconfig' | 'certificate';

/** Undefined when the file is what the step expects; else what is wrong, in a sentence. */
export async function checkPayloadContent(
  kind: PayloadKind,
  absolutePath: string,
  step: Record<string, unknown>,
  read: () => Promise<Buffer>,
): Promise<string | undefined> {
  try {
    if (kind === 'apk') return await checkApk(absolutePath, step);
    if (kind === 'ipa') {
      const ipa = await readIpaInfo(absolutePath);
      if (ipa.bundleId !== step.bundleId) return `is ${ipa.bundleId}, not ${String(step.bundleId)}`;
      return undefined;
    }
    if (kind === 'mobileconfig') {
      readMobileconfig(await read());
      return undefined;
    }
    if (kind === 'certificate') {
      derOf(await read());
      return undefined;
    }
    return undefined;
  } catch (error) {
    if (error instanceof ApkError) return `not a usable APK (${error.message})`;
    if (error instanceof IpaError) return `not a usable IPA (${error.message})`;
    if (error instanceof MobileconfigError) return `not a usable configuration profile (${error.message})`;
    if (kind === 'certificate') return 'is not an X.509 certificate (PEM or DER)';
    return `cannot be read (${String(error)})`;
  }
}

async function checkApk(absolutePath: string, step: Record<string, unknown>): Promise<string | undefined> {
  // Through the staging cache: a batch started after the import then finds this version of the
  // file verified, instead of hashing every APK again (~0.4 s of the core's one thread for the
  // bench's 49 MB) while its jobs are reaching their phones.
  const apk = await profileApkInfo(absolutePath);
  const pinned = String(step.signerSha256);
  if (apk.packageName !== step.package) return `is ${apk.packageName}, not ${String(step.package)}`;
  if (!apk.signatureVerified) return `its signature does not verify (${apk.signatureProblems.join('; ')})`;
  if (!apk.signingCertificatesSha256.includes(pinned))
    return `is signed by ${apk.signingCertificatesSha256.join(', ')}, not by the pinned certificate ${pinned}`;
  const minVersionCode = step.minVersionCode as number | undefined;
  if (minVersionCode !== undefined && apk.versionCode < minVersionCode)
    return `has versionCode ${apk.versionCode}, below the profile's minimum ${minVersionCode}`;
  return undefined;
}
