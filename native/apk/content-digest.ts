// The v2/v3 content digest: the APK minus its signing block, split into 1 MiB chunks, each
// hashed as H(0xa5 | len | chunk), the result H(0x5a | count | chunk digests). The end of
// central directory record is hashed with its CD offset pointing at the signing block.
import { createHash } from 'node:crypto';
import type { ZipLayout } from './zip.ts';

const CHUNK = 1024 * 1024;

export type DigestAlgorithm = 'sha256' | 'sha512';

export function computeContentDigest(
  apk: Buffer,
  zip: ZipLayout,
  signingBlockOffset: number,
  algorithm: DigestAlgorithm,
): Buffer {
  const eocd = Buffer.from(apk.subarray(zip.eocdOffset));
  eocd.writeUInt32LE(signingBlockOffset, 16);
  const sections = [
    apk.subarray(0, signingBlockOffset),
    apk.subarray(zip.centralDirectoryOffset, zip.eocdOffset),
    eocd,
  ];
  const chunkDigests: Buffer[] = [];
  for (const section of sections) {
    for (let at = 0; at < section.length; at += CHUNK) {
      const chunk = section.subarray(at, at + CHUNK);
      const prefix = Buffer.alloc(5);
      prefix[0] = 0xa5;
      prefix.writeUInt32LE(chunk.length, 1);
      chunkDigests.push(createHash(algorithm).update(prefix).update(chunk).digest());
    }
  }
  const head = Buffer.alloc(5);
  head[0] = 0x5a;
  head.writeUInt32LE(chunkDigests.length, 1);
  const top = createHash(algorithm).update(head);
  for (const d of chunkDigests) top.update(d);
  return top.digest();
}
