import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import {
  ERASURE_CERTIFICATE_SCHEMA,
  SIGNATURE_ALGORITHM,
  type ErasureCertificate,
  type UnsignedErasureCertificate,
} from '../../../../electron/common/models/erasure-certificate.ts';
import { signDocumentBytes, signedBytes } from '../../../../electron/core/certificates/canonical-signing.ts';
import {
  buildErasureCertificate,
  certificateJson,
  signErasureCertificate,
} from '../../../../electron/core/certificates/sign-certificate.ts';
import { createDepotCa, type DepotCa } from '../../../../electron/core/certificates/station-certificates.ts';
import {
  loadStationSigner,
  type StationSigner,
} from '../../../../electron/core/certificates/station-signing-key.ts';
import { verifyErasureCertificate } from '../../../../electron/core/certificates/verify-certificate.ts';
import { androidFacts, CERTIFICATE_ID, ISSUED_AT } from './erasure-facts.ts';
import { writeFile, mkdir } from 'node:fs/promises';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'depotline-cert-'));
  dirs.push(dir);
  return dir;
}

async function withCa(ca: DepotCa): Promise<string> {
  const dir = dataDir();
  await mkdir(join(dir, 'keys'), { recursive: true });
  await writeFile(join(dir, 'keys', 'depot-ca.key.pem'), ca.privateKeyPem);
  await writeFile(join(dir, 'keys', 'depot-ca.crt.pem'), ca.certificatePem);
  return dir;
}

const issue = { id: CERTIFICATE_ID, issuedAt: ISSUED_AT.toISOString(), toolVersion: '0.1.0' };
const body = (facts = androidFacts()) => buildErasureCertificate(facts, issue);
const edit = (json: string, from: string, to: string) => {
  expect(json).toContain(from);
  return json.replace(from, to);
};

/** A document signed by any key, carrying any certificate: what a forger could produce. */
function signedWith(content: UnsignedErasureCertificate, key: StationSigner, carried: StationSigner): string {
  const document = {
    ...content,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      value: signDocumentBytes(signedBytes(content), key.privateKeyPem),
      certificate: carried.certificatePem,
      chain: carried.chainPem,
    },
  };
  return JSON.stringify(document, null, 2);
}

let station: StationSigner;
let otherStation: StationSigner;
let ca: DepotCa;
let caStation: StationSigner;
let otherCa: DepotCa;
beforeAll(async () => {
  [station, otherStation, ca, otherCa] = await Promise.all([
    loadStationSigner({ dataDir: dataDir(), stationName: 'Bench 2', now: ISSUED_AT }),
    loadStationSigner({ dataDir: dataDir(), stationName: 'Bench 9', now: ISSUED_AT }),
    createDepotCa({ commonName: 'Oslo Depot CA', now: new Date('2025-01-01T00:00:00Z') }),
    createDepotCa({ commonName: 'Some Other CA', now: new Date('2025-01-01T00:00:00Z') }),
  ]);
  caStation = await loadStationSigner({ dataDir: await withCa(ca), stationName: 'Bench 3', now: ISSUED_AT });
});

describe('erasure certificate signing and verification', () => {
  it('round trip: a signed certificate verifies, and re-indenting or reordering keys keeps it valid', () => {
    const document = signErasureCertificate(body(), station);
    const json = certificateJson(document);
    const outcome = verifyErasureCertificate(json);
    expect(outcome.kind).toBe('valid');
    if (outcome.kind !== 'valid') return;
    expect(outcome.document).toEqual(document);
    expect(outcome.signer).toMatchObject({ station: 'Depotline erasure station Bench 2', trustedCa: null });
    const { signature, ...rest } = document;
    const reordered = JSON.stringify({ signature, ...Object.fromEntries(Object.entries(rest).reverse()) });
    expect(verifyErasureCertificate(reordered).kind).toBe('valid');
    expect(verifyErasureCertificate(`\uFEFF${json}`).kind).toBe('valid');
  });

  it('one changed character of the serial → tampered', () => {
    const json = certificateJson(signErasureCertificate(body(), station));
    const outcome = verifyErasureCertificate(edit(json, '"R58N91ABCDE"', '"R58N91ABCDF"'));
    expect(outcome).toMatchObject({
      kind: 'tampered',
      message: expect.stringMatching(/changed after it was signed/),
    });
  });

  it('edits anywhere, including added fields and a claimed Purge, are tampering', () => {
    const unverified = androidFacts({
      verification: { method: 'none', result: 'not verified by device readback', checks: [], note: null },
    });
    const json = certificateJson(signErasureCertificate(body(unverified), station));
    expect(json).toContain('"method": "clear"');
    expect(verifyErasureCertificate(edit(json, '"method": "clear"', '"method": "purge"')).kind).toBe(
      'tampered',
    );
    expect(verifyErasureCertificate(edit(json, '"assetId": 42', '"assetId": 42, "extra": 1')).kind).toBe(
      'tampered',
    );
    // A key JSON.parse keeps as an own property but an object literal would treat as the prototype.
    const proto = verifyErasureCertificate(
      edit(json, '"assetId": 42', '"assetId": 42, "__proto__": {"x": 1}'),
    );
    expect(proto.kind).toBe('tampered');
  });

  it('a truncated file, an empty file and a non-object are unreadable', () => {
    const json = certificateJson(signErasureCertificate(body(), station));
    for (const text of [json.slice(0, json.length / 2), '', '[1,2]', 'null', '%PDF-1.7'])
      expect(verifyErasureCertificate(text).kind).toBe('unreadable');
  });

  it('an unknown schema version or no schema at all is named as such', () => {
    const json = certificateJson(signErasureCertificate(body(), station));
    const v2 = verifyErasureCertificate(
      edit(json, ERASURE_CERTIFICATE_SCHEMA, 'depotline.erasure-certificate/v2'),
    );
    expect(v2).toMatchObject({
      kind: 'unknown-schema',
      message: expect.stringMatching(/erasure-certificate\/v2/),
    });
    expect(verifyErasureCertificate('{"serial": "x"}').kind).toBe('unknown-schema');
  });

  it('a missing or damaged signature block is invalid content', () => {
    const document = signErasureCertificate(body(), station);
    const { signature: _signature, ...unsigned } = document;
    expect(verifyErasureCertificate(JSON.stringify(unsigned)).kind).toBe('invalid-content');
    const badPem = {
      ...document,
      signature: {
        ...document.signature,
        certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      },
    };
    expect(verifyErasureCertificate(JSON.stringify(badPem)).kind).toBe('invalid-content');
  });

  it("signed by another station's key while carrying this station's certificate → mismatch", () => {
    const outcome = verifyErasureCertificate(signedWith(body(), otherStation, station));
    expect(outcome).toMatchObject({
      kind: 'signature-mismatch',
      message: expect.stringMatching(/not made by the key of the station certificate/),
    });
  });

  it('a good signature over contradictory content is still refused (nothing recorded as wiped that was not)', () => {
    const purgeWithoutReadback: UnsignedErasureCertificate = {
      ...body(),
      sanitization: { ...body().sanitization, method: 'purge' },
      verification: { method: 'none', result: 'not verified by device readback', checks: [], note: null },
    };
    const outcome = verifyErasureCertificate(signedWith(purgeWithoutReadback, station, station));
    expect(outcome).toMatchObject({
      kind: 'invalid-content',
      message: expect.stringMatching(/must be clear/),
    });
  });

  it('a station certificate not valid at issuedAt is named, whatever the date today', () => {
    const late = buildErasureCertificate(androidFacts(), { ...issue, issuedAt: '2040-01-01T00:00:00.000Z' });
    const outcome = verifyErasureCertificate(certificateJson(signErasureCertificate(late, station)));
    expect(outcome).toMatchObject({
      kind: 'not-valid-at-issue',
      message: expect.stringMatching(/not valid on 2040/),
    });
  });

  describe('with a depot CA', () => {
    it('a station certificate the CA issued verifies against it, carrying the CA in its chain', () => {
      expect(caStation.chainPem).toEqual([ca.certificatePem]);
      const json = certificateJson(signErasureCertificate(body(), caStation));
      const outcome = verifyErasureCertificate(json, { trustedCaPems: [ca.certificatePem] });
      expect(outcome).toMatchObject({ kind: 'valid', signer: { trustedCa: 'Oslo Depot CA' } });
    });

    it('a self-issued station, or one from another CA → signed by an unknown key', () => {
      const selfIssued = certificateJson(signErasureCertificate(body(), station));
      expect(verifyErasureCertificate(selfIssued, { trustedCaPems: [ca.certificatePem] })).toMatchObject({
        kind: 'unknown-key',
        message: expect.stringMatching(/unknown key.*Bench 2/),
      });
      const fromCa = certificateJson(signErasureCertificate(body(), caStation));
      expect(verifyErasureCertificate(fromCa, { trustedCaPems: [otherCa.certificatePem] }).kind).toBe(
        'unknown-key',
      );
    });

    it('a forged chain (the real CA certificate copied into a self-issued document) does not help', () => {
      const forged = signErasureCertificate(body(), { ...station, chainPem: [ca.certificatePem] });
      const outcome = verifyErasureCertificate(certificateJson(forged), {
        trustedCaPems: [ca.certificatePem],
      });
      expect(outcome.kind).toBe('unknown-key');
    });

    it("a depot may pin one station's own certificate instead of running a CA", () => {
      const json = certificateJson(signErasureCertificate(body(), station));
      expect(verifyErasureCertificate(json, { trustedCaPems: [station.certificatePem] }).kind).toBe('valid');
    });
  });

  it('the document has every part it promises', () => {
    const document: ErasureCertificate = signErasureCertificate(body(), station);
    expect(document).toMatchObject({
      schema: ERASURE_CERTIFICATE_SCHEMA,
      id: CERTIFICATE_ID,
      sanitization: { method: 'purge', methodUsed: 'cryptographic erase', tool: { name: 'Depotline' } },
      signature: { algorithm: 'RSASSA-PKCS1-v1_5-SHA256', chain: [] },
    });
  });
});
