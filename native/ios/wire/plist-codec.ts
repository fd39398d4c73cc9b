// Property lists as iOS peers send them. libimobiledevice speaks XML, appium-ios-device and
// Apple's own hosts speak binary (bplist00); a peer answers in the format it was asked in.
import { build, buildBinary, parse, type PlistValue } from 'plist';

export type { PlistValue };
export type PlistDict = { [key: string]: PlistValue };
export type PlistFormat = 'xml' | 'binary';

const BINARY_MAGIC = Buffer.from('bplist00', 'latin1');

/** A plist that cannot be read; `message` says what is wrong with it, never echoes it whole. */
export class PlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlistError';
  }
}

export function plistFormatOf(bytes: Uint8Array): PlistFormat {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(8, bytes.byteLength)).equals(BINARY_MAGIC)
    ? 'binary'
    : 'xml';
}

export function encodePlist(value: PlistValue, format: PlistFormat = 'xml'): Buffer {
  if (format === 'binary') {
    const bytes = buildBinary(value);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return Buffer.from(build(value, { pretty: false }), 'utf8');
}

/** Decodes either format; throws PlistError for anything that is not a well-formed plist. */
export function decodePlist(bytes: Uint8Array): { value: PlistValue; format: PlistFormat } {
  const format = plistFormatOf(bytes);
  try {
    const input = format === 'binary' ? bytes : Buffer.from(bytes).toString('utf8');
    const value = parse(input);
    if (value === undefined) throw new Error('empty document');
    return { value, format };
  } catch (error) {
    throw new PlistError(
      `not a valid ${format === 'binary' ? 'binary' : 'XML'} property list (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Decodes a plist that must be a dictionary (every usbmuxd and lockdownd message is one). */
export function decodePlistDict(bytes: Uint8Array): { value: PlistDict; format: PlistFormat } {
  const { value, format } = decodePlist(bytes);
  if (!isPlistDict(value)) throw new PlistError('the property list is not a dictionary');
  return { value, format };
}

export function isPlistDict(value: PlistValue | undefined): value is PlistDict {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}
