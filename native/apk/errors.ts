// Typed failures of reading an APK, so callers (staging, the lab's package manager) can
// map them to their own outcomes, e.g. INSTALL_PARSE_FAILED_NOT_APK.

export type ApkErrorCode =
  | 'NOT_ZIP' // not a zip archive at all (or a truncated one)
  | 'UNSUPPORTED_ZIP' // zip64 or another layout APKs never use
  | 'NO_MANIFEST' // a zip without AndroidManifest.xml
  | 'BAD_MANIFEST' // AndroidManifest.xml is not a valid binary XML manifest
  | 'BAD_SIGNATURE_BLOCK' // the APK Signing Block or a v1 signature file is malformed
  | 'IO'; // the file could not be read

export class ApkError extends Error {
  readonly code: ApkErrorCode;
  constructor(code: ApkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApkError';
    this.code = code;
  }
}
