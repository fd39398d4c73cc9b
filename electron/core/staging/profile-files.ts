import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { partFor, type StagingProfile } from '../../common/profile/profile-schema.ts';
import type { ProfileProblem } from '../../common/profile/parse-profile.ts';
import { checkPayloadContent, type PayloadKind } from './payload-checks.ts';

export interface ProfileFile {
  /** The path as the profile writes it, relative to the profile's folder. */
  relativePath: string;
  /** The copy in `copyTo`: what was checked and hashed, byte for byte. */
  absolutePath: string;
  sha256: string;
  sizeBytes: number;
}

interface FileReference {
  /** Dotted path of the field that names the file, e.g. "ios.steps.2.ipa". */
  field: string;
  path: string;
  kind: PayloadKind;
  /** What the step expects of the file (the package or bundle it must be, …). */
  step: Record<string, unknown>;
}

const MAX_PAYLOAD_FILE_BYTES = 2 * 1024 ** 3;

/** Every file the profile's parts name, with the field that names it (as written: v1 or v2). */
function fileReferences(profile: StagingProfile): FileReference[] {
  const references: FileReference[] = [];
  const androidBase = profile.schema === 'depotline.profile/v1' ? 'steps' : 'android.steps';
  for (const [index, step] of (partFor(profile, 'android')?.steps ?? []).entries()) {
    if (step.type === 'install')
      references.push({ field: `${androidBase}.${index}.apk`, path: step.apk, kind: 'apk', step });
    if (step.type === 'pushFile')
      references.push({ field: `${androidBase}.${index}.source`, path: step.source, kind: 'file', step });
  }
  for (const [index, step] of (partFor(profile, 'ios')?.steps ?? []).entries()) {
    const field = `ios.steps.${index}`;
    if (step.type === 'app') references.push({ field: `${field}.ipa`, path: step.ipa, kind: 'ipa', step });
    if (step.type === 'configurationProfile')
      references.push({ field: `${field}.file`, path: step.file, kind: 'mobileconfig', step });
    if (step.type === 'prepare') {
      for (const [n, path] of (step.mdm?.anchorCertificates ?? []).entries())
        references.push({ field: `${field}.mdm.anchorCertificates.${n}`, path, kind: 'certificate', step });
    }
  }
  return references;
}

/**
 * Resolves, copies and checks every file a profile refers to: it must exist, be a regular file,
 * and stay inside the profile's folder even through symlinks; an APK must be a real, validly
 * signed APK of the package the step names, signed by the pinned certificate; an IPA must be
 * the app the step names; a .mobileconfig must be a readable (and, if signed, intact) profile.
 *
 * Each file is copied into `copyTo` (at its path as written) first, and the copy is what is
 * checked and hashed: a source changed while it is imported cannot slip past the checks, and
 * the APK checks' readings are those of the very file a batch will install (apk-info-cache.ts
 * then has them, so a batch does not verify every APK again while its jobs start).
 */
export async function checkProfileFiles(
  profile: StagingProfile,
  folder: string,
  copyTo: string,
): Promise<{ files: ProfileFile[]; problems: ProfileProblem[] }> {
  const root = await realpath(folder);
  const files: ProfileFile[] = [];
  const problems: ProfileProblem[] = [];

  for (const reference of fileReferences(profile)) {
    const fail = (message: string) =>
      problems.push({ path: reference.field, message: `${reference.path}: ${message}` });

    let sourcePath: string;
    try {
      sourcePath = await realpath(join(root, reference.path));
    } catch {
      fail('file not found next to the profile');
      continue;
    }
    const inside = relative(root, sourcePath);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      fail('leads outside the profile’s folder (through a link)');
      continue;
    }
    const info = await stat(sourcePath);
    if (!info.isFile()) {
      fail('is not a regular file');
      continue;
    }
    if (info.size > MAX_PAYLOAD_FILE_BYTES) {
      fail('is larger than 2 GiB');
      continue;
    }
    const absolutePath = join(copyTo, reference.path);
    await mkdir(dirname(absolutePath), { recursive: true });
    await copyFile(sourcePath, absolutePath);
    const problem = await checkPayloadContent(reference.kind, absolutePath, reference.step, () =>
      readFile(absolutePath),
    );
    if (problem) {
      fail(problem);
      continue;
    }
    files.push({
      relativePath: reference.path,
      absolutePath,
      sha256: await sha256File(absolutePath),
      sizeBytes: (await stat(absolutePath)).size,
    });
  }
  return { files, problems };
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
