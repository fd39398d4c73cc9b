// Builds the sample erasure certificate in resources/samples/: a signed JSON document, its PDF,
// and the certificate of the (made-up) depot CA that issued the sample station's certificate,
// so anyone can run the verifier on it, with and without --ca:
//
//   node scripts/make-sample-certificate.ts [OUTDIR]
//
// The facts, the id and the time of issue are fixed. The keys are made on the spot in a
// temporary folder and deleted afterwards: only certificates leave it, never a private key,
// so nobody can sign another document as the sample station. (Hence the signature differs on
// every run; run it only when the sample's format changes.)
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import type { ErasureFacts } from '../electron/common/models/erasure-certificate.ts';
import { prepareErasureCertificate } from '../electron/core/certificates/issue-certificate.ts';
import { createDepotCa } from '../electron/core/certificates/station-certificates.ts';
import { DEPOT_CA_CERT_FILE, DEPOT_CA_KEY_FILE } from '../electron/core/certificates/station-signing-key.ts';

export const SAMPLE_NAME = 'erasure-certificate-sample';
export const SAMPLE_CA_NAME = 'sample-depot-ca.crt.pem';
const SAMPLE_ID = '0e7d4c1a-5b2f-4c8e-9a6d-3f1b2e4c5d6a';
const CA_CREATED = new Date('2025-01-06T08:00:00.000Z');
const ISSUED_AT = new Date('2025-06-02T10:41:12.000Z');

/** A verified iOS erase on an iPhone: Purge by cryptographic erase. */
const SAMPLE_FACTS: ErasureFacts = {
  assetId: 1017,
  device: {
    manufacturer: 'Apple',
    model: 'iPhone 13',
    serial: 'F17XK2LMPLJM',
    imeis: ['353915112345675'],
    udid: '00008110-001A2B3C4D5E801E',
    assetTag: 'DL-01017',
    platform: 'ios',
    osVersionBefore: '17.5.1',
  },
  media: { encryption: 'iOS Data Protection', source: 'returned by holder (sample)' },
  technique: 'MCInstall EraseDevice (cryptographic erase)',
  startedAt: '2025-06-02T10:32:05.000Z',
  finishedAt: '2025-06-02T10:40:48.000Z',
  verification: {
    method: 'device readback',
    result: 'passed',
    checks: [
      { name: 'device back in Setup Assistant', expected: 'true', observed: 'true', passed: true },
      { name: 'same serial after erase', expected: 'F17XK2LMPLJM', observed: 'F17XK2LMPLJM', passed: true },
      { name: 'configuration profiles', expected: '0', observed: '0', passed: true },
      { name: 'user apps', expected: '0', observed: '0', passed: true },
    ],
    note: 'Sample certificate: made-up device, station and CA.',
  },
  station: { name: 'Sample bench', location: 'Sample depot, bench 1', contact: 'depot@depotline.invalid' },
  technician: { name: 'Sam Sample', title: 'Repair technician' },
  destination: 'reissue',
};

async function main(outDir: string): Promise<void> {
  const keys = await mkdtemp(join(tmpdir(), 'depotline-sample-keys-'));
  try {
    const ca = await createDepotCa({ commonName: 'Depotline Sample Depot CA', now: CA_CREATED });
    await mkdir(join(keys, 'keys'), { recursive: true, mode: 0o700 });
    await writeFile(join(keys, 'keys', DEPOT_CA_KEY_FILE), ca.privateKeyPem, { mode: 0o600 });
    await writeFile(join(keys, 'keys', DEPOT_CA_CERT_FILE), ca.certificatePem);
    const sample = await prepareErasureCertificate({
      keyDataDir: keys,
      facts: SAMPLE_FACTS,
      now: ISSUED_AT,
      id: SAMPLE_ID,
      jsonFileName: `${SAMPLE_NAME}.json`,
    });
    await mkdir(outDir, { recursive: true });
    // Laid out as the repository's formatter wants it; the signature covers the canonical JSON,
    // so the layout of the file does not matter to it.
    const jsonPath = join(outDir, `${SAMPLE_NAME}.json`);
    const options = (await prettier.resolveConfig(jsonPath)) ?? {};
    await writeFile(jsonPath, await prettier.format(sample.json, { ...options, parser: 'json' }));
    await writeFile(join(outDir, `${SAMPLE_NAME}.pdf`), sample.pdfBytes);
    await writeFile(join(outDir, SAMPLE_CA_NAME), ca.certificatePem);
    process.stdout.write(
      `Wrote ${SAMPLE_NAME}.json, ${SAMPLE_NAME}.pdf and ${SAMPLE_CA_NAME} to ${outDir}\n`,
    );
  } finally {
    await rm(keys, { recursive: true, force: true });
  }
}

if (import.meta.main) await main(resolve(process.argv[2] ?? 'resources/samples'));
