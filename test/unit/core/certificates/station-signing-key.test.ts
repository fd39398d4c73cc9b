import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { createDepotCa } from '../../../../electron/core/certificates/station-certificates.ts';
import {
  loadStationSigner,
  STATION_KEY_FILE,
} from '../../../../electron/core/certificates/station-signing-key.ts';

const tempDir = useTempDirs();
const NOW = new Date('2025-03-04T09:22:00.000Z');
const mode = async (path: string) => (await stat(path)).mode & 0o777;

async function putCa(dataDir: string, ca: { privateKeyPem: string; certificatePem: string }) {
  await mkdir(join(dataDir, 'keys'), { recursive: true });
  await writeFile(join(dataDir, 'keys', 'depot-ca.key.pem'), ca.privateKeyPem);
  await writeFile(join(dataDir, 'keys', 'depot-ca.crt.pem'), ca.certificatePem);
}

describe('station signing key', () => {
  it('is created on first use as a 0600 file in a 0700 folder, and reused by later runs', async () => {
    const dataDir = tempDir();
    const first = await loadStationSigner({ dataDir, stationName: 'Bench 2', now: NOW });
    const file = join(dataDir, 'keys', STATION_KEY_FILE);
    if (process.platform !== 'win32') {
      expect(await mode(file)).toBe(0o600);
      expect(await mode(join(dataDir, 'keys'))).toBe(0o700);
    }
    const again = await loadStationSigner({
      dataDir,
      stationName: 'Bench 2',
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(again).toEqual(first);
    const certificate = new X509Certificate(first.certificatePem);
    expect(certificate.subject).toMatch(/CN=Depotline erasure station Bench 2/);
    expect(certificate.issuer).toBe(certificate.subject);
    expect(first.chainPem).toEqual([]);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('two first uses at once make one key', async () => {
    const dataDir = tempDir();
    const [a, b] = await Promise.all([
      loadStationSigner({ dataDir, stationName: 'Bench 2', now: NOW }),
      loadStationSigner({ dataDir, stationName: 'Bench 2', now: NOW }),
    ]);
    expect(a.privateKeyPem).toBe(b.privateKeyPem);
  });

  it('is issued by the depot CA when one is configured, with the CA in its chain', async () => {
    const dataDir = tempDir();
    const ca = await createDepotCa({ commonName: 'Oslo Depot CA', now: new Date('2025-01-01T00:00:00Z') });
    await putCa(dataDir, ca);
    const signer = await loadStationSigner({ dataDir, stationName: 'Bench 3', now: NOW });
    const certificate = new X509Certificate(signer.certificatePem);
    const caCertificate = new X509Certificate(ca.certificatePem);
    expect(certificate.checkIssued(caCertificate) && certificate.verify(caCertificate.publicKey)).toBe(true);
    expect(signer.chainPem).toEqual([ca.certificatePem]);
  });

  it('a CA added later re-issues the certificate for the same key', async () => {
    const dataDir = tempDir();
    const before = await loadStationSigner({ dataDir, stationName: 'Bench 4', now: NOW });
    await putCa(dataDir, await createDepotCa({ commonName: 'Oslo Depot CA', now: NOW }));
    const after = await loadStationSigner({ dataDir, stationName: 'Bench 4', now: NOW });
    expect(after.privateKeyPem).toBe(before.privateKeyPem);
    expect(after.certificatePem).not.toBe(before.certificatePem);
    expect(new X509Certificate(after.certificatePem).issuer).toMatch(/CN=Oslo Depot CA/);
  });

  it('an expired certificate is renewed for the same key', async () => {
    const dataDir = tempDir();
    const before = await loadStationSigner({ dataDir, stationName: 'Bench 5', now: NOW });
    const later = new Date('2031-01-01T00:00:00Z');
    const after = await loadStationSigner({ dataDir, stationName: 'Bench 5', now: later });
    expect(after.privateKeyPem).toBe(before.privateKeyPem);
    expect(new Date(new X509Certificate(after.certificatePem).validTo) > later).toBe(true);
  });

  it('a damaged key file is reported, never replaced', async () => {
    const dataDir = tempDir();
    await mkdir(join(dataDir, 'keys'), { recursive: true });
    const file = join(dataDir, 'keys', STATION_KEY_FILE);
    await writeFile(file, '{"privateKeyPem": "trunc');
    await expect(loadStationSigner({ dataDir, stationName: 'B', now: NOW })).rejects.toThrow(/unreadable/);
    expect(await readFile(file, 'utf8')).toBe('{"privateKeyPem": "trunc');
  });

  it('a key file whose certificate is for another key is refused', async () => {
    const [one, two] = [tempDir(), tempDir()];
    const a = await loadStationSigner({ dataDir: one, stationName: 'A', now: NOW });
    const b = await loadStationSigner({ dataDir: two, stationName: 'B', now: NOW });
    const mixed = { ...a, certificatePem: b.certificatePem };
    await writeFile(join(one, 'keys', STATION_KEY_FILE), JSON.stringify(mixed));
    await expect(loadStationSigner({ dataDir: one, stationName: 'A', now: NOW })).rejects.toThrow(
      /another key/,
    );
  });

  it('half a depot CA (a certificate without its key) is an error, not a silent self-issue', async () => {
    const dataDir = tempDir();
    const ca = await createDepotCa({ commonName: 'Oslo Depot CA', now: NOW });
    await mkdir(join(dataDir, 'keys'), { recursive: true });
    await writeFile(join(dataDir, 'keys', 'depot-ca.crt.pem'), ca.certificatePem);
    await expect(loadStationSigner({ dataDir, stationName: 'B', now: NOW })).rejects.toThrow(/needs both/);
  });
});
