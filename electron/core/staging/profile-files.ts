import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { StagingProfile } from '../../common/profile/profile-schema.ts';
import { readApkInfo, ApkError } from '../../../native/apk/index.ts';
import type { ProfileProblem } from '../../common/profile/parse-profile.ts';

export interface ProfileFile {
  /** The path as the profile writes it, relative to the profile's folder. */
  relativePath: string;
  absolutePath: string;
  sha256: string;
  sizeBytes: number;
}

const MAX_PAYLOAD_FILE_BYTES = 2 * 1024 ** 3;

/**
 * Resolves and checks every file a profile refers to: it must exist, be a regular file, and
 * stay inside the profile's folder even through symlinks; an APK must be a real, validly
 * signed APK of the package the step names, signed by the pinned certificate.
 */
export async function checkProfileFiles(
  profile: StagingProfile,
  folder: string,
): Promise<{ files: ProfileFile[]; problems: ProfileProblem[] }> {
  const root = await realpath(folder);
  const files: ProfileFile[] = [];
  const problems: ProfileProblem[] = [];

  for (const [index, step] of profile.steps.entries()) {
    const reference =
      step.type === 'install'
        ? { field: 'apk', path: step.apk }
        : step.type === 'pushFile'
          ? { field: 'source', path: step.source }
          : undefined;
    if (!reference) continue;
    const fieldPath = `steps.${index}.${reference.field}`;
    const fail = (message: string) =>
      problems.push({ path: fieldPath, message: `${reference.path}: ${message}` });

    let absolutePath: string;
    try {
      absolutePath = await realpath(join(root, reference.path));
    } catch {
      fail('file not found next to the profile');
      continue;
    }
    const inside = relative(root, absolutePath);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      fail('leads outside the profile’s folder (through a link)');
      continue;
    }
    const info = await stat(absolutePath);
    if (!info.isFile()) {
      fail('is not a regular file');
      continue;
    }
    if (info.size > MAX_PAYLOAD_FILE_BYTES) {
      fail('is larger than 2 GiB');
      continue;
    }

    if (step.type === 'install') {
      try {
        const apk = await readApkInfo(absolutePath);
        if (apk.packageName !== step.package) fail(`is ${apk.packageName}, not ${step.package}`);
        else if (!apk.signatureVerified)
          fail(`its signature does not verify (${apk.signatureProblems.join('; ')})`);
        else if (!apk.signingCertificatesSha256.includes(step.signerSha256)) {
          fail(
            `is signed by ${apk.signingCertificatesSha256.join(', ')}, not by the pinned certificate ${step.signerSha256}`,
          );
        } else if (step.minVersionCode !== undefined && apk.versionCode < step.minVersionCode) {
          fail(`has versionCode ${apk.versionCode}, below the profile's minimum ${step.minVersionCode}`);
        }
      } catch (error) {
        fail(
          error instanceof ApkError
            ? `not a usable APK (${error.message})`
            : `cannot be read (${String(error)})`,
        );
        continue;
      }
    }
    files.push({
      relativePath: reference.path,
      absolutePath,
      sha256: await sha256File(absolutePath),
      sizeBytes: info.size,
    });
  }
  return { files, problems };
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
