// Typed failures of reading a configuration profile (.mobileconfig), so callers can tell a
// file that is not a profile from a profile whose signature does not hold (the lab's
// MCInstall reports each as the device would; staging refuses both before touching a phone).

export type MobileconfigErrorCode =
  | 'NOT_A_PROFILE' // neither a property list nor a PKCS#7 message
  | 'BAD_PLIST' // looks like a plist but cannot be read, or is not a dictionary
  | 'NOT_CONFIGURATION' // a plist whose PayloadType is not "Configuration"
  | 'MISSING_KEY' // PayloadIdentifier, PayloadUUID or another required key is absent
  | 'BAD_PKCS7' // a PKCS#7 wrapper that is malformed, not SignedData, or carries no content
  | 'BAD_SIGNATURE'; // signed, but the signature does not match the content or the signer

export class MobileconfigError extends Error {
  readonly code: MobileconfigErrorCode;
  constructor(code: MobileconfigErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MobileconfigError';
    this.code = code;
  }
}
