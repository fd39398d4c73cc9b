// What a returned iPhone may carry that the repair bench has to find: the cloud configuration
// another organisation's preparation (Apple Configurator or Automated Device Enrollment) left,
// which makes it supervised by them, and the photos and files a user left on the media
// partition. The control API puts them on a device; an erase takes both away.
import type { PlistDict } from '../../../ios/wire/plist-codec.ts';
import type { LabIosFileEntry } from '../services/service-api.ts';
import { SeededRandom } from '../../adb/device/prng.ts';

/** The media folders a user's files land in (photos, downloads, books, voice memos). */
export const USER_MEDIA_FOLDERS = ['/DCIM', '/Downloads', '/Books', '/Recordings'] as const;

export interface OrganisationPreparation {
  organisation: string;
  supervised: boolean;
  /** The MDM server it enrolled in, when the preparation named one. */
  mdmServer?: string | undefined;
}

/**
 * The dictionary MCInstall's GetCloudConfiguration answers on a device an organisation
 * prepared: its name and supervision, plus the keys Setup Assistant leaves set.
 */
export function organisationCloudConfiguration(
  preparation: OrganisationPreparation,
  udid: string,
): PlistDict {
  const magic = new SeededRandom('organisation-magic', preparation.organisation, udid).chars(
    '0123456789ABCDEF',
    32,
  );
  const configuration: PlistDict = {
    AllowPairing: true,
    CloudConfigurationUIComplete: true,
    ConfigurationSource: 2,
    ConfigurationWasApplied: true,
    IsMandatory: true,
    IsMDMUnremovable: preparation.mdmServer !== undefined,
    IsMultiUser: false,
    IsSupervised: preparation.supervised,
    OrganizationMagic: `${magic.slice(0, 8)}-${magic.slice(8, 12)}-${magic.slice(12, 16)}-${magic.slice(16, 20)}-${magic.slice(20)}`,
    OrganizationName: preparation.organisation,
    PostSetupProfileWasInstalled: true,
    SkipSetup: [],
  };
  if (preparation.mdmServer !== undefined) configuration.ConfigurationURL = preparation.mdmServer;
  return configuration;
}

/** Writes files (paths relative to the media root, e.g. DCIM/100APPLE/IMG_0001.HEIC), with their folders. */
export function addMediaFiles(
  files: Map<string, LabIosFileEntry>,
  added: readonly { path: string; bytes: number }[],
  now = Date.now(),
): void {
  for (const { path, bytes } of added) {
    const parts = path.split('/');
    if (parts.some((part) => part === '' || part === '.' || part === '..'))
      throw new Error(`"${path}" is not a plain path under the media root`);
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = `/${parts.slice(0, depth).join('/')}`;
      const existing = files.get(folder);
      if (existing?.kind === 'file') throw new Error(`${folder} is a file, not a folder`);
      if (!existing) files.set(folder, { kind: 'directory', data: Buffer.alloc(0), modifiedMs: now });
    }
    const full = `/${path}`;
    if (files.get(full)?.kind === 'directory') throw new Error(`${full} is a folder`);
    files.set(full, { kind: 'file', data: Buffer.alloc(bytes), modifiedMs: now });
  }
}

/** Regular files under the user media folders. */
export function countUserMedia(files: ReadonlyMap<string, LabIosFileEntry>): number {
  let count = 0;
  for (const [path, entry] of files)
    if (entry.kind === 'file' && USER_MEDIA_FOLDERS.some((folder) => path.startsWith(`${folder}/`))) count++;
  return count;
}
