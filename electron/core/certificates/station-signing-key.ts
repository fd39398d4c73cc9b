// The key this station signs erasure certificates with, and its certificate. Created on first
// use and kept in the data folder like the depot's iOS keys (keys/depot-identities.ts): a JSON
// file, mode 0600 in a 0700 folder, never in SQLite, never in a sync payload.
//
// A depot that runs its own CA puts its key and certificate next to it, as
// `<dataDir>/keys/depot-ca.key.pem` and `depot-ca.crt.pem` (or passes other paths); the station
// certificate is then issued by that CA, and every certificate carries the CA certificate in its
// chain so verifiers holding the CA can check it. Adding a CA later re-issues the station
// certificate for the same key; an expired certificate is renewed the same way.
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { publicKeyOf } from './canonical-signing.ts';
import { generateRsaKey, isIssuedBy, issueStationCertificate, type DepotCa } from './station-certificates.ts';

export const STATION_KEY_FILE = 'erasure-signing.json';
export const DEPOT_CA_KEY_FILE = 'depot-ca.key.pem';
export const DEPOT_CA_CERT_FILE = 'depot-ca.crt.pem';

const StoredKeySchema = z.strictObject({
  privateKeyPem: z.string().includes('PRIVATE KEY'),
  certificatePem: z.string().includes('BEGIN CERTIFICATE'),
  /** Issuers above the station certificate, nearest first; empty when self-issued. */
  chainPem: z.array(z.string()),
});
export type StationSigner = z.infer<typeof StoredKeySchema>;

export interface StationKeyOptions {
  dataDir: string;
  /** Named in the certificate's subject, e.g. "Bench 2". */
  stationName: string;
  /** Other places for the depot CA than `<dataDir>/keys/depot-ca.{key,crt}.pem`. */
  caPaths?: { keyPath: string; certPath: string } | undefined;
  now?: Date | undefined;
}

/** One load at a time per key file, so two first uses in one process create one key. */
const queues = new Map<string, Promise<unknown>>();

export function loadStationSigner(options: StationKeyOptions): Promise<StationSigner> {
  const path = join(options.dataDir, 'keys', STATION_KEY_FILE);
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => readOrCreate(path, options));
  queues.set(path, next);
  return next;
}

async function readOrCreate(path: string, options: StationKeyOptions): Promise<StationSigner> {
  const now = options.now ?? new Date();
  const ca = await readDepotCa(options);
  const stored = await readStored(path);
  if (stored && !needsNewCertificate(stored, ca, now)) return stored;
  const privateKeyPem = stored?.privateKeyPem ?? (await generateRsaKey()).privateKeyPem;
  const publicKeyPem = publicKeyOf(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  const signer: StationSigner = {
    privateKeyPem,
    certificatePem: issueStationCertificate({
      publicKeyPem,
      stationPrivateKeyPem: privateKeyPem,
      stationName: options.stationName,
      ca,
      now,
    }),
    chainPem: ca ? [ca.certificatePem] : [],
  };
  await writePrivate(path, signer);
  return signer;
}

async function readStored(path: string): Promise<StationSigner | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const stored = StoredKeySchema.parse(JSON.parse(text));
    // A certificate for another key would make every signature unverifiable: refuse it here.
    const certificateKey = new X509Certificate(stored.certificatePem).publicKey;
    if (!certificateKey.equals(publicKeyOf(stored.privateKeyPem)))
      throw new Error('its certificate is for another key');
    return stored;
  } catch (error) {
    // Never replace a damaged key silently: a person has to look at it.
    throw new Error(`${path} is unreadable (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}

function needsNewCertificate(stored: StationSigner, ca: DepotCa | undefined, now: Date): boolean {
  const certificate = new X509Certificate(stored.certificatePem);
  if (new Date(certificate.validTo) <= now) return true;
  return ca !== undefined && !isIssuedBy(stored.certificatePem, ca.certificatePem);
}

/** The depot CA if both of its files are there; one without the other is a mistake to report. */
export async function readDepotCa(options: StationKeyOptions): Promise<DepotCa | undefined> {
  const keyPath = options.caPaths?.keyPath ?? join(options.dataDir, 'keys', DEPOT_CA_KEY_FILE);
  const certPath = options.caPaths?.certPath ?? join(options.dataDir, 'keys', DEPOT_CA_CERT_FILE);
  const [privateKeyPem, certificatePem] = await Promise.all([readOptional(keyPath), readOptional(certPath)]);
  if (privateKeyPem === null && certificatePem === null && !options.caPaths) return undefined;
  if (privateKeyPem === null || certificatePem === null)
    throw new Error(`the depot CA needs both ${keyPath} and ${certPath}`);
  const certificate = new X509Certificate(certificatePem);
  if (!certificate.ca) throw new Error(`${certPath} is not a CA certificate`);
  if (!certificate.publicKey.equals(publicKeyOf(privateKeyPem)))
    throw new Error(`${keyPath} is not the key of ${certPath}`);
  return { privateKeyPem, certificatePem };
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Written whole under a temporary name, then renamed: a crash never leaves half a key. */
async function writePrivate(path: string, signer: StationSigner): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const partial = `${path}.partial-${process.pid}`;
  await writeFile(partial, JSON.stringify(signer), { mode: 0o600 });
  await chmod(partial, 0o600); // the mode of writeFile is masked by the umask; chmod is not
  await rename(partial, path);
}
