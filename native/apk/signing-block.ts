// The APK Signing Block (https://source.android.com/docs/security/features/apksigning/v2):
// a sequence of ID-value pairs stored between the zip entries and the central directory.
// Layout: uint64 size, pairs (uint64 length, uint32 id, value), uint64 size, "APK Sig Block 42".
import { ApkError } from './errors.ts';
import type { ZipLayout } from './zip.ts';

const MAGIC = Buffer.from('APK Sig Block 42', 'latin1');
export const V2_BLOCK_ID = 0x7109871a;
export const V3_BLOCK_ID = 0xf05368c0;

export interface SigningBlock {
  /** File offset where the block starts (its leading size field). */
  offset: number;
  pairs: Map<number, Buffer>;
}

function readUInt64(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ApkError('BAD_SIGNATURE_BLOCK', 'APK Signing Block size out of range');
  return Number(value);
}

/** Returns undefined when the APK has no signing block (v1-only or unsigned). */
export function findSigningBlock(apk: Buffer, zip: ZipLayout): SigningBlock | undefined {
  const cd = zip.centralDirectoryOffset;
  if (cd < 32 || !apk.subarray(cd - 16, cd).equals(MAGIC)) return undefined;
  const sizeInFooter = readUInt64(apk, cd - 24);
  const offset = cd - sizeInFooter - 8;
  if (sizeInFooter < 24 || offset < 0)
    throw new ApkError('BAD_SIGNATURE_BLOCK', 'APK Signing Block size is inconsistent');
  if (readUInt64(apk, offset) !== sizeInFooter)
    throw new ApkError('BAD_SIGNATURE_BLOCK', 'APK Signing Block header and footer sizes differ');
  const pairs = new Map<number, Buffer>();
  let p = offset + 8;
  const end = cd - 24;
  while (p < end) {
    if (p + 12 > end)
      throw new ApkError('BAD_SIGNATURE_BLOCK', 'truncated ID-value pair in APK Signing Block');
    const length = readUInt64(apk, p);
    if (length < 4 || p + 8 + length > end)
      throw new ApkError('BAD_SIGNATURE_BLOCK', 'ID-value pair overruns the APK Signing Block');
    pairs.set(apk.readUInt32LE(p + 8), apk.subarray(p + 12, p + 8 + length));
    p += 8 + length;
  }
  return { offset, pairs };
}

/** Reader for the uint32-length-prefixed structures inside v2/v3 signature blocks. */
export class LengthPrefixed {
  private readonly buf: Buffer;
  private pos = 0;

  constructor(buf: Buffer) {
    this.buf = buf;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  uint32(): number {
    if (this.remaining < 4) throw new ApkError('BAD_SIGNATURE_BLOCK', 'truncated signature block');
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** The next uint32-length-prefixed slice. */
  slice(): Buffer {
    const length = this.uint32();
    if (length > this.remaining)
      throw new ApkError('BAD_SIGNATURE_BLOCK', 'length prefix overruns its signature block');
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** All length-prefixed items of a length-prefixed sequence. */
  static items(sequence: Buffer): Buffer[] {
    const reader = new LengthPrefixed(sequence);
    const out: Buffer[] = [];
    while (reader.remaining > 0) out.push(reader.slice());
    return out;
  }
}
