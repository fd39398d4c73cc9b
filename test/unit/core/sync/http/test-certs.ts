// Certificates for the TLS tests, made here: a private CA and leaves that are wrong in exactly
// one way each (expired, another host name), plus a self-signed one. node-forge writes the
// certificates (it can back-date them); node:crypto makes the keys and signatures, because
// forge's pure-JavaScript RSA takes seconds on a busy CI machine.
import { generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

export interface TestCerts {
  caPem: string;
  key: string;
  valid: string;
  expired: string;
  otherHost: string;
  selfSigned: string;
}

const DAY = 24 * 60 * 60 * 1000;

interface Key {
  pem: string;
  key: KeyObject;
  publicKey: forge.pki.PublicKey;
}

async function rsaKey(): Promise<Key> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return {
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    key: privateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

// Exported by node-forge (cert.sign uses it) but missing from @types/node-forge.
const tbsCertificate = (
  forge.pki as unknown as { getTBSCertificate: (cert: forge.pki.Certificate) => forge.asn1.Asn1 }
).getTBSCertificate;

let serial = 1;

function certificate(options: {
  subject: string;
  publicKey: forge.pki.PublicKey;
  issuer: { name: string; key: KeyObject };
  from: Date;
  to: Date;
  ca?: boolean;
  altNames?: ({ type: 2; value: string } | { type: 7; ip: string })[];
}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.publicKey;
  cert.serialNumber = (serial++).toString(16).padStart(2, '0');
  cert.validity.notBefore = options.from;
  cert.validity.notAfter = options.to;
  cert.setSubject([{ name: 'commonName', value: options.subject }]);
  cert.setIssuer([{ name: 'commonName', value: options.issuer.name }]);
  cert.setExtensions([
    { name: 'basicConstraints', cA: options.ca === true, critical: true },
    options.ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    ...(options.ca ? [] : [{ name: 'extKeyUsage', serverAuth: true }]),
    ...(options.altNames ? [{ name: 'subjectAltName', altNames: options.altNames }] : []),
  ]);
  // What cert.sign() does, with the RSA signature computed natively.
  cert.siginfo.algorithmOid = forge.pki.oids['sha256WithRSAEncryption']!;
  cert.signatureOid = cert.siginfo.algorithmOid;
  const tbs = Buffer.from(forge.asn1.toDer(tbsCertificate(cert)).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, options.issuer.key).toString('binary');
  return forge.pki.certificateToPem(cert);
}

export async function makeTestCerts(): Promise<TestCerts> {
  const now = Date.now();
  const [ca, leaf] = await Promise.all([rsaKey(), rsaKey()]);
  const issuer = { name: 'Depotline Test CA', key: ca.key };
  const localhost = [{ type: 7 as const, ip: '127.0.0.1' }];
  const current = { from: new Date(now - DAY), to: new Date(now + 30 * DAY) };
  return {
    caPem: certificate({ subject: issuer.name, publicKey: ca.publicKey, issuer, ...current, ca: true }),
    key: leaf.pem,
    valid: certificate({
      subject: '127.0.0.1',
      publicKey: leaf.publicKey,
      issuer,
      ...current,
      altNames: localhost,
    }),
    // Expired yesterday, otherwise perfect: right host, issued by the trusted CA.
    expired: certificate({
      subject: '127.0.0.1',
      publicKey: leaf.publicKey,
      issuer,
      from: new Date(now - 30 * DAY),
      to: new Date(now - DAY),
      altNames: localhost,
    }),
    otherHost: certificate({
      subject: 'snipe.other.example',
      publicKey: leaf.publicKey,
      issuer,
      ...current,
      altNames: [{ type: 2, value: 'snipe.other.example' }],
    }),
    selfSigned: certificate({
      subject: '127.0.0.1',
      publicKey: leaf.publicKey,
      issuer: { name: '127.0.0.1', key: leaf.key },
      ...current,
      altNames: localhost,
    }),
  };
}
