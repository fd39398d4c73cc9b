import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDepotSigningIdentity,
  signMobileconfig,
  type SigningIdentity,
} from '../../../../../native/ios/mobileconfig/sign-mobileconfig.ts';
import { verifySignedData } from '../../../../../native/ios/mobileconfig/signed-data.ts';
import { encodePlist } from '../../../../../native/ios/wire/plist-codec.ts';

const profile = encodePlist({
  PayloadType: 'Configuration',
  PayloadIdentifier: 'com.example.depot.wifi',
  PayloadUUID: '7E1B5C8A-2F3D-4E6B-9A1C-0D2E3F4A5B6C',
  PayloadVersion: 1,
  PayloadDisplayName: 'Depot Wi-Fi',
  PayloadContent: [],
});
let identity: SigningIdentity;

beforeAll(async () => {
  identity = await createDepotSigningIdentity({
    commonName: 'Depot 7 profiles',
    organisation: 'Example Depot',
  });
});

describe('signMobileconfig', () => {
  it('embeds the profile in a SHA-256 SignedData that verifies, with the signer certificate attached', () => {
    const signed = signMobileconfig(profile, identity);
    const verified = verifySignedData(signed);
    expect(verified.content.equals(profile)).toBe(true);
    expect(verified.signerSubject).toContain('CN=Depot 7 profiles');
    expect(new X509Certificate(verified.signerCertificate).fingerprint256).toBe(
      new X509Certificate(identity.certificatePem).fingerprint256,
    );
  });

  it('signs contentType, messageDigest and signingTime', () => {
    const when = new Date('2026-11-28T12:00:00Z');
    const message = forge.pkcs7.messageFromAsn1(
      forge.asn1.fromDer(signMobileconfig(profile, identity, when).toString('binary')),
    ) as forge.pkcs7.PkcsSignedData & {
      rawCapture: { authenticatedAttributes?: forge.asn1.Asn1[]; digestAlgorithm: string };
    };
    const attributes = message.rawCapture.authenticatedAttributes!.map((attribute) => {
      const [type] = attribute.value as forge.asn1.Asn1[];
      return forge.asn1.derToOid(type!.value as string);
    });
    expect(attributes.sort()).toEqual(
      [forge.pki.oids.contentType!, forge.pki.oids.messageDigest!, forge.pki.oids.signingTime!].sort(),
    );
    expect(forge.asn1.derToOid(message.rawCapture.digestAlgorithm)).toBe(forge.pki.oids.sha256);
  });

  it('a tampered profile no longer verifies', () => {
    const signed = signMobileconfig(profile, identity);
    const at = signed.indexOf(Buffer.from('Depot Wi-Fi'));
    signed[at] = 'X'.charCodeAt(0);
    expect(() => verifySignedData(signed)).toThrow();
  });
});

describe('createDepotSigningIdentity', () => {
  it('is a self-signed RSA-2048 certificate for signing, valid five years, with a fresh serial', async () => {
    const certificate = new X509Certificate(identity.certificatePem);
    expect(certificate.subject).toBe('CN=Depot 7 profiles\nO=Example Depot');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const years =
      (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365.25 * 24 * 3600 * 1000);
    expect(Math.round(years)).toBe(5);
    const other = new X509Certificate((await createDepotSigningIdentity()).certificatePem);
    expect(other.serialNumber).not.toBe(certificate.serialNumber);
    expect(other.subject).toBe('CN=Depotline Profile Signing\nO=Depotline');
  });
});
