// The iOS part's files, read once per imported profile and shared by every job of every batch:
// which profile identifier a .mobileconfig installs (and its signed bytes), which app an IPA is,
// and the certificates a `prepare` step sends. Reading and signing are not repeated per device.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readIpaInfo } from '../../../../native/ios/ipa/ipa-info.ts';
import { readMobileconfig } from '../../../../native/ios/mobileconfig/read-mobileconfig.ts';
import type { IosPayloads } from './ios-step-context.ts';

/** The depot's own keys (see keys/depot-identities.ts): signing profiles and supervising devices. */
export interface DepotIdentityAccess {
  signProfile(bytes: Buffer): Promise<Buffer>;
  supervisionCertificateDer(): Promise<Buffer>;
}

export class IosPayloadStore {
  readonly #identities: DepotIdentityAccess;
  readonly #byProfile = new Map<string, IosPayloads>();

  constructor(identities: DepotIdentityAccess) {
    this.#identities = identities;
  }

  /** One cache per imported profile (by content hash: imported files never change). */
  forProfile(contentHash: string): IosPayloads {
    let payloads = this.#byProfile.get(contentHash);
    if (!payloads) {
      payloads = createPayloads(this.#identities);
      this.#byProfile.set(contentHash, payloads);
    }
    return payloads;
  }
}

function createPayloads(identities: DepotIdentityAccess): IosPayloads {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let pending = memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      // A failed read is not remembered: the file may be fixed, or the failure passing.
      pending.catch(() => memo.delete(key));
      memo.set(key, pending);
    }
    return pending;
  };
  return {
    configurationProfile: (file, sign) =>
      once(`profile\0${file}\0${sign}`, async () => {
        const original = await readFile(file);
        const { identifier } = readMobileconfig(original);
        return { identifier, bytes: sign ? await identities.signProfile(original) : original };
      }),
    app: (file) =>
      once(`app\0${file}`, async () => {
        const info = await readIpaInfo(file);
        return { bundleId: info.bundleId, version: info.version };
      }),
    certificates: (files) =>
      Promise.all(files.map((file) => once(`cert\0${file}`, async () => derOf(await readFile(file))))),
    supervisionCertificate: () => once('supervision', () => identities.supervisionCertificateDer()),
  };
}

/** A certificate file as DER, whether it was written as PEM or DER; throws when it is neither. */
export function derOf(bytes: Buffer): Buffer {
  return new X509Certificate(bytes).raw;
}
