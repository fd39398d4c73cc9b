// readApkInfo: what an APK says about itself (package, versions, SDKs, permissions) and who
// signed it (SHA-256 of each signer certificate, as `apksigner verify --print-certs` shows).
// Staging uses it to check a pinned signing certificate before installing; the lab's package
// manager uses it to decide install outcomes.
import { readFile } from 'node:fs/promises';
import { ApkError } from './errors.ts';
import { readManifest, type ManifestInfo } from './manifest.ts';
import { readSchemeSigners, type SchemeSigner } from './signature-scheme.ts';
import { readV1SignerDigests } from './signature-v1.ts';
import { findSigningBlock, V2_BLOCK_ID, V3_BLOCK_ID } from './signing-block.ts';
import { readZipEntry, readZipLayout, type ZipLayout } from './zip.ts';

export { ApkError, type ApkErrorCode } from './errors.ts';

export type SignatureScheme = 'v1' | 'v2' | 'v3';

export interface ApkInfo extends ManifestInfo {
  /** Signer certificates of the strongest scheme present (v3, else v2, else v1); empty if unsigned. */
  signingCertificatesSha256: string[];
  /** Every scheme the APK carries a signature for. */
  signatureSchemes: SignatureScheme[];
  /**
   * True when the v3/v2 signatures verify and match the APK's content. False for unsigned,
   * tampered or v1-only APKs (v1 is not verified here); see signatureProblems.
   */
  signatureVerified: boolean;
  signatureProblems: string[];
  sizeBytes: number;
}

const RES_XML_TYPE = 0x0003;

function checkManifestEntry(apk: Buffer, zip: ZipLayout): void {
  const entry = zip.entries.find((e) => e.name === 'AndroidManifest.xml');
  if (!entry) throw new ApkError('NO_MANIFEST', 'APK has no AndroidManifest.xml');
  const data = readZipEntry(apk, entry);
  // A compiled manifest starts with a ResChunk_header of type RES_XML_TYPE; a text XML does not.
  if (data.length < 8 || data.readUInt16LE(0) !== RES_XML_TYPE)
    throw new ApkError('BAD_MANIFEST', 'AndroidManifest.xml is not compiled binary XML');
}

function readSigners(
  apk: Buffer,
  zip: ZipLayout,
): Pick<
  ApkInfo,
  'signingCertificatesSha256' | 'signatureSchemes' | 'signatureVerified' | 'signatureProblems'
> {
  const block = findSigningBlock(apk, zip);
  const v1 = readV1SignerDigests(apk, zip);
  const schemes: SignatureScheme[] = v1.length > 0 ? ['v1'] : [];
  let best: SchemeSigner[] | undefined;
  for (const [id, v3] of [
    [V2_BLOCK_ID, false],
    [V3_BLOCK_ID, true],
  ] as const) {
    const value = block?.pairs.get(id);
    if (!value || !block) continue;
    best = readSchemeSigners(apk, zip, block.offset, value, v3);
    schemes.push(v3 ? 'v3' : 'v2');
  }
  if (best) {
    return {
      signingCertificatesSha256: best.map((s) => s.certificateSha256),
      signatureSchemes: schemes,
      signatureVerified: best.every((s) => s.verified),
      signatureProblems: best.flatMap((s) => s.problems),
    };
  }
  return {
    signingCertificatesSha256: v1,
    signatureSchemes: schemes,
    signatureVerified: false,
    signatureProblems: [
      v1.length > 0 ? 'only a v1 (JAR) signature, which is not verified' : 'APK is not signed',
    ],
  };
}

export async function readApkInfo(pathOrBuffer: string | Buffer): Promise<ApkInfo> {
  let apk: Buffer;
  if (typeof pathOrBuffer === 'string') {
    try {
      apk = await readFile(pathOrBuffer);
    } catch (err) {
      throw new ApkError(
        'IO',
        `cannot read ${pathOrBuffer}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
  } else {
    apk = pathOrBuffer;
  }
  const zip = readZipLayout(apk);
  checkManifestEntry(apk, zip);
  const manifest = await readManifest(apk);
  return { ...manifest, ...readSigners(apk, zip), sizeBytes: apk.length };
}
