// The depot's own keys, created on first use and kept in the data folder (mode 0600, never
// in SQLite): the host identity iOS devices pair with, the identity that signs configuration
// profiles, and the supervision identity prepared devices trust. One per Depotline install.
import { generateKeyPair, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { z } from 'zod';
import { createHostIdentity, type HostIdentity } from '../../../native/ios/pairing/host-identity.ts';
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
      selfSigned(`Depotline profile signing (${this.#station()})`),
    );
  }

  supervisionIdentity(): Promise<Signer> {
    return this.#load('supervision.json', SignerSchema, () =>
      selfSigned(`Depotline supervision (${this.#station()})`),
    );
  }

  async signProfile(bytes: Buffer): Promise<Buffer> {
    const signer = await this.profileSigner();
    const { signMobileconfig } = await import('../../../native/ios/mobileconfig/sign-mobileconfig.ts');
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
        throw new Error(`${path} is unreadable: ${String(error)}`);
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

/** A self-signed RSA-2048 identity (ten years) whose subject names the depot and station. */
async function selfSigned(commonName: string): Promise<Signer> {
  const { publicKey, privateKey } = await new Promise<{ publicKey: string; privateKey: string }>(
    (resolve, reject) =>
      generateKeyPair(
        'rsa',
        {
          modulusLength: 2048,
          publicKeyEncoding: { type: 'spki', format: 'pem' },
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        },
        (error, pub, priv) => (error ? reject(error) : resolve({ publicKey: pub, privateKey: priv })),
      ),
  );
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey);
  certificate.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  certificate.validity.notBefore = new Date();
  certificate.validity.notAfter = new Date(Date.now() + 10 * 365.25 * 24 * 3600 * 1000);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Depotline' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: privateKey };
}
