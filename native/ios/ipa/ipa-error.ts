// Typed failures of reading an IPA, so callers (staging's preflight, the lab's
// installation_proxy) can map them to their own outcomes, e.g. PackageInspectionFailed.

export type IpaErrorCode =
  | 'NOT_ZIP' // not a zip archive at all (or a truncated one)
  | 'UNSUPPORTED_ZIP' // zip64 or a compression method IPAs never use
  | 'NO_INFO_PLIST' // a zip without Payload/<Name>.app/Info.plist
  | 'BAD_INFO_PLIST' // Info.plist is not a readable property list dictionary
  | 'NO_BUNDLE_ID' // Info.plist without CFBundleIdentifier
  | 'IO'; // the file could not be read

export class IpaError extends Error {
  readonly code: IpaErrorCode;
  constructor(code: IpaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IpaError';
    this.code = code;
  }
}
