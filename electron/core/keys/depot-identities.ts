// The depot's own keys, created on first use and kept in the data folder (mode 0600, never
// in SQLite): the host identity iOS devices pair with, the identity that signs configuration
// profiles, and the supervision identity prepared devices trust. One per Depotline install.
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createHostIdentity, type HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
import {
  createDepotSigningIdentity,
  signMobileconfig,
} from '../../../native/ios/mobileconfig/sign-mobileconfig.ts';
import type { DepotIdentityAccess } from '../staging/ios/ios-payloads.ts';

const SignerSchema = z.strictObject({ certificatePem: z.string(), privateKeyPem: z.string() });
export type Signer = z.infer<typeof SignerSchema>;
const HostIdentitySchema = z.strictObject({
  hostId: z.string(),
  rootCertificatePem: z.string(),
  rootPrivateKeyPem: z.string(),
  hostCertificatePem: z.string(),
  hostPrivateKeyPem: z.string(),
  systemBuid: z.string().optional(),
});

export class DepotIdentities implements DepotIdentityAccess {
  readonly #dir: string;
  readonly #station: () => string;
  readonly #loaded = new Map<string, Promise<unknown>>();

  constructor(dataDir: string, station: () => string) {
    this.#dir = join(dataDir, 'keys');
    this.#station = station;
  }

  hostIdentity(): Promise<HostIdentity> {
    return this.#load('ios-host.json', HostIdentitySchema, () => createHostIdentity());
  }

  profileSigner(): Promise<Signer> {
    return this.#load('profile-signing.json', SignerSchema, () =>
      createDepotSigningIdentity({ commonName: `Depotline profile signing (${this.#station()})` }),
    );
  }

  supervisionIdentity(): Promise<Signer> {
    return this.#load('supervision.json', SignerSchema, () =>
      createDepotSigningIdentity({ commonName: `Depotline supervision (${this.#station()})` }),
    );
  }

  async signProfile(bytes: Buffer): Promise<Buffer> {
    const signer = await this.profileSigner();
    return signMobileconfig(bytes, signer);
  }

  async supervisionCertificateDer(): Promise<Buffer> {
    return new X509Certificate((await this.supervisionIdentity()).certificatePem).raw;
  }

  /** Reads a key file, or creates it once (concurrent callers share the one creation). */
  #load<T>(file: string, schema: z.ZodType<T>, create: () => Promise<T>): Promise<T> {
    let pending = this.#loaded.get(file) as Promise<T> | undefined;
    if (!pending) {
      pending = this.#readOrCreate(join(this.#dir, file), schema, create);
      pending.catch(() => this.#loaded.delete(file));
      this.#loaded.set(file, pending);
    }
    return pending;
  }

  async #readOrCreate<T>(path: string, schema: z.ZodType<T>, create: () => Promise<T>): Promise<T> {
    try {
      return schema.parse(JSON.parse(await readFile(path, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new Error(`${path} is unreadable: ${String(error)}`, { cause: error });
    }
    const value = await create();
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const partial = `${path}.partial-${process.pid}`;
    await writeFile(partial, JSON.stringify(value), { mode: 0o600 });
    await chmod(partial, 0o600);
    await rename(partial, path);
    return value;
  }
}
