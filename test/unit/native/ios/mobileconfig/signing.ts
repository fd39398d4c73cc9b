// Signs test profiles and challenges two ways: with Debian's openssl (`smime -sign`, the
// reference), and with node-forge (how a Node host would sign). Keys and self-signed
// certificates are made here by openssl, never downloaded.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

const run = promisify(execFile);

export interface TestSigner {
  certPem: string;
  keyPem: string;
  certDer: Buffer;
}

export async function makeSigner(subject: string, keyType: 'rsa' | 'ec' = 'rsa'): Promise<TestSigner> {
  // The files live only as long as openssl needs them: hundreds of signers are made per run.
  const dir = await mkdtemp(join(tmpdir(), 'depotline-signer-'));
  try {
    return await makeSignerIn(dir, subject, keyType);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function makeSignerIn(dir: string, subject: string, keyType: 'rsa' | 'ec'): Promise<TestSigner> {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const newkey =
    keyType === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  await run('openssl', [
    'req',
    '-x509',
    ...newkey,
    '-nodes',
    '-subj',
    subject,
    '-days',
    '2',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  const certPem = await readFile(certPath, 'utf8');
  const der = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(certPem)?.[1] ?? '';
  return {
    certPem,
    keyPem: await readFile(keyPath, 'utf8'),
    certDer: Buffer.from(der, 'base64'),
  };
}

/** PKCS#7 SignedData (DER; content attached unless `detached`) made by `openssl smime -sign`. */
export async function signWithOpenssl(
  signer: TestSigner,
  content: Buffer,
  options: { noAttributes?: boolean; detached?: boolean } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'depotline-sign-'));
  try {
    return await signIn(dir, signer, content, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function signIn(
  dir: string,
  signer: TestSigner,
  content: Buffer,
  options: { noAttributes?: boolean; detached?: boolean },
): Promise<Buffer> {
  const input = join(dir, 'in');
  const output = join(dir, 'out.p7s');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await writeFile(input, content);
  await writeFile(certPath, signer.certPem);
  await writeFile(keyPath, signer.keyPem, { mode: 0o600 });
  await run('openssl', [
    'smime',
    '-sign',
    '-binary',
    ...(options.detached ? [] : ['-nodetach']),
    '-outform',
    'DER',
    '-md',
    'sha256',
    ...(options.noAttributes ? ['-noattr'] : []),
    '-signer',
    certPath,
    '-inkey',
    keyPath,
    '-in',
    input,
    '-out',
    output,
  ]);
  return readFile(output);
}

/** PKCS#7 SignedData (DER) made by node-forge, with contentType/messageDigest/signingTime attributes. */
export function signWithForge(signer: TestSigner, content: Buffer): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  const certificate = forge.pki.certificateFromPem(signer.certPem);
  p7.addCertificate(certificate);
  p7.addSigner({
    key: forge.pki.privateKeyFromPem(signer.keyPem),
    certificate,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: forge.pki.oids.messageDigest! },
      { type: forge.pki.oids.signingTime! },
    ],
  });
  p7.sign();
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}
