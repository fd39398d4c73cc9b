import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../helpers/temp-dir.ts';
import { readPdf } from '../documents/read-pdf.ts';
import { erasureCertificatePdf } from '../../../../electron/core/certificates/certificate-pdf.ts';
import {
  buildErasureCertificate,
  signErasureCertificate,
} from '../../../../electron/core/certificates/sign-certificate.ts';
import {
  loadStationSigner,
  type StationSigner,
} from '../../../../electron/core/certificates/station-signing-key.ts';
import { signatureFingerprint } from '../../../../electron/core/certificates/verify-certificate.ts';
import type { ErasureFacts } from '../../../../electron/common/models/erasure-certificate.ts';
import { androidFacts, CERTIFICATE_ID, ISSUED_AT } from './erasure-facts.ts';

const tempDir = useTempDirs();
let signer: StationSigner;
beforeAll(async () => {
  signer = await loadStationSigner({ dataDir: tempDir(), stationName: 'Bench 2', now: ISSUED_AT });
});
const certificate = (facts: ErasureFacts = androidFacts()) =>
  signErasureCertificate(
    buildErasureCertificate(facts, {
      id: CERTIFICATE_ID,
      issuedAt: ISSUED_AT.toISOString(),
      toolVersion: '0.1.0',
    }),
    signer,
  );

describe('erasure certificate PDF', () => {
  it('is one page with the title, every identifying field, the checks, the fingerprint and how to verify', async () => {
    const document = certificate();
    const bytes = await erasureCertificatePdf(document, 'erasure-DL-00042.json');
    const pdf = await readPdf(bytes);
    expect(pdf.header).toMatch(/^%PDF-/);
    expect(pdf.pages).toBe(1);
    const text = pdf.text[0]!;
    for (const expected of [
      'Certificate of Sanitization',
      'R58N91ABCDE',
      'DL-00042',
      '490154203237518',
      'Samsung',
      'Galaxy A55',
      'Purge',
      'cryptographic erase',
      'factory reset via cmd testharness',
      'Depotline 0.1.0',
      'accounts on device',
      'Kari Nordmann',
      'Oslo depot, room 3',
      'Reissue',
      signatureFingerprint(document.signature.value),
      'verify with: depotline verify-certificate erasure-DL-00042.json',
    ])
      expect(text).toContain(expected);
  });

  it('is the same bytes for the same document (the only date is the document’s own)', async () => {
    const document = certificate();
    const [a, b] = await Promise.all([erasureCertificatePdf(document), erasureCertificatePdf(document)]);
    expect(a.equals(b)).toBe(true);
    expect((await readPdf(a)).text[0]).toContain('verify with: depotline verify-certificate <file>.json');
  });

  it('stays on one page with the longest values, many checks and text outside Latin-1', async () => {
    const long = (n: number) => 'W'.repeat(n);
    const facts = androidFacts({
      device: {
        ...androidFacts().device,
        manufacturer: long(100),
        model: long(200),
        serial: `手机☃${long(190)}`,
        assetTag: long(64),
      },
      verification: {
        method: 'device readback',
        result: 'passed',
        checks: Array.from({ length: 50 }, (_, i) => ({
          name: `${long(110)}${i}`,
          expected: long(500),
          observed: long(500),
          passed: true,
        })),
        note: long(2000),
      },
      station: { name: long(100), location: long(200), contact: long(200) },
      technician: { name: long(200), title: long(100) },
    });
    const pdf = await readPdf(await erasureCertificatePdf(certificate(facts)));
    expect(pdf.pages).toBe(1);
    expect(pdf.text[0]).toContain('40 more checks, all listed in the JSON file');
    expect(pdf.text[0]).toContain('verify with:');
    // Glyphs the standard fonts lack are spelled out, never drawn as other characters.
    expect(pdf.text[0]).toContain('[U+624B][U+673A][U+2603]WWW');
  });
});
