import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../documents/read-pdf.ts';
import {
  signatureFingerprint,
  verifyErasureCertificate,
} from '../../../../electron/core/certificates/verify-certificate.ts';

const SAMPLES = new URL('../../../../resources/samples/', import.meta.url);
const read = (name: string) => readFile(new URL(name, SAMPLES));

describe('the committed sample certificate (resources/samples)', () => {
  it('verifies, alone and against the sample depot CA', async () => {
    const json = await read('erasure-certificate-sample.json');
    const ca = (await read('sample-depot-ca.crt.pem')).toString('utf8');
    expect(verifyErasureCertificate(json)).toMatchObject({
      kind: 'valid',
      document: { device: { serial: 'F17XK2LMPLJM' }, sanitization: { method: 'purge' } },
    });
    expect(verifyErasureCertificate(json, { trustedCaPems: [ca] })).toMatchObject({
      kind: 'valid',
      signer: { trustedCa: 'Depotline Sample Depot CA' },
    });
  });

  it('fails after a one-byte edit anywhere in its content', async () => {
    const json = await read('erasure-certificate-sample.json');
    const serialAt = json.indexOf('F17XK2LMPLJM');
    const flipped = Buffer.from(json);
    flipped[serialAt] = 'G'.charCodeAt(0);
    expect(verifyErasureCertificate(flipped).kind).toBe('tampered');
    // Every byte inside a value of the signed body: none may change without notice.
    const body = json.toString('utf8');
    const end = body.indexOf('"signature"');
    for (let at = 0; at < end; at += 7) {
      const copy = Buffer.from(json);
      if (/\s/.test(String.fromCharCode(copy[at]!))) continue; // whitespace between tokens is not content
      copy[at] = copy[at]! ^ 0x01;
      expect(verifyErasureCertificate(copy).kind, `byte ${at}`).not.toBe('valid');
    }
  });

  it('holds certificates only, never a private key', async () => {
    for (const name of [
      'erasure-certificate-sample.json',
      'sample-depot-ca.crt.pem',
      'erasure-certificate-sample.pdf',
    ])
      expect((await read(name)).toString('latin1')).not.toMatch(/PRIVATE KEY/);
  });

  it('has a PDF naming the same device and signature, and how to verify it', async () => {
    const document = JSON.parse((await read('erasure-certificate-sample.json')).toString('utf8')) as {
      signature: { value: string };
    };
    const pdf = await readPdf(await read('erasure-certificate-sample.pdf'));
    expect(pdf.header).toMatch(/^%PDF-/);
    expect(pdf.pages).toBe(1);
    expect(pdf.text[0]).toContain('Certificate of Sanitization');
    expect(pdf.text[0]).toContain('F17XK2LMPLJM');
    expect(pdf.text[0]).toContain(signatureFingerprint(document.signature.value));
    expect(pdf.text[0]).toContain(
      'verify with: depotline verify-certificate erasure-certificate-sample.json',
    );
  });
});
