// readMobileconfig: what a configuration profile (.mobileconfig) is — identifier, UUID,
// name, how many payloads — from any of the forms it travels in: an XML or binary
// property list, or that plist wrapped in PKCS#7 SignedData (DER, or PEM-armoured).
// A signed profile's signature is verified here (signed-data.ts): a profile changed after
// signing is refused, as iOS refuses it. Staging reads profiles with it before sending
// them; the lab's MCInstall reads what InstallProfile carries.
import { decodePlistDict, PlistError, type PlistDict } from '../wire/plist-codec.ts';
import { MobileconfigError } from './mobileconfig-error.ts';
import { verifySignedData } from './signed-data.ts';

export { MobileconfigError, type MobileconfigErrorCode } from './mobileconfig-error.ts';

export interface MobileconfigInfo {
  /** PayloadIdentifier (what RemoveProfile takes) */
  identifier: string;
  /** PayloadUUID */
  uuid: string;
  /** PayloadDisplayName, else the identifier */
  displayName: string;
  payloadType: 'Configuration';
  /** PayloadVersion (1 for every profile Apple documents) */
  payloadVersion: number;
  /** How many payloads PayloadContent holds (Wi-Fi, restrictions, certificates, …) */
  payloadCount: number;
  /** The PayloadType of each payload, in order */
  payloadTypes: string[];
  organization: string | undefined;
  description: string | undefined;
  removalDisallowed: boolean;
  signed: boolean;
  /** The signer's subject when signed, e.g. "CN=Depotline Profiles, O=Depotline" */
  signerSubject: string | undefined;
  /** The signer's certificate (DER) when signed */
  signerCertificate: Buffer | undefined;
  /** The profile's plist dictionary (for a signed profile, the signed content) */
  content: PlistDict;
}

const BINARY_PLIST = Buffer.from('bplist00', 'latin1');
const PEM_PKCS7 = /-----BEGIN (?:PKCS7|CMS)-----([\s\S]*?)-----END (?:PKCS7|CMS)-----/;
const DER_SEQUENCE = 0x30;

type Form = 'plist' | 'der' | 'pem';

function formOf(bytes: Buffer): Form | undefined {
  if (bytes.subarray(0, 8).equals(BINARY_PLIST)) return 'plist';
  if (bytes[0] === DER_SEQUENCE) return 'der';
  // XML may start with a byte-order mark and whitespace before "<?xml" or "<plist".
  const head = bytes
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<')) return 'plist';
  if (head.startsWith('-----BEGIN')) return 'pem';
  return undefined;
}

function readPlist(bytes: Buffer): PlistDict {
  try {
    if (bytes.subarray(0, 8).equals(BINARY_PLIST)) return decodePlistDict(bytes).value;
    // Editors leave a byte-order mark or a blank line before "<?xml"; the XML parser does not.
    return decodePlistDict(
      Buffer.from(
        bytes
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .trimStart(),
        'utf8',
      ),
    ).value;
  } catch (err) {
    const detail = err instanceof PlistError ? err.message : String(err);
    throw new MobileconfigError('BAD_PLIST', `the profile cannot be read: ${detail}`, { cause: err });
  }
}

function requiredString(dict: PlistDict, key: string): string {
  const value = dict[key];
  if (typeof value !== 'string' || value.length === 0)
    throw new MobileconfigError('MISSING_KEY', `the profile has no ${key}`);
  return value;
}

function optionalString(dict: PlistDict, key: string): string | undefined {
  const value = dict[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function describe(
  content: PlistDict,
  signature: { subject: string; certificate: Buffer } | undefined,
): MobileconfigInfo {
  const payloadType = content.PayloadType;
  if (payloadType !== 'Configuration')
    throw new MobileconfigError(
      'NOT_CONFIGURATION',
      `the profile's PayloadType is ${typeof payloadType === 'string' ? `"${payloadType}"` : 'missing'}, not "Configuration"`,
    );
  const identifier = requiredString(content, 'PayloadIdentifier');
  const uuid = requiredString(content, 'PayloadUUID');
  const version = content.PayloadVersion;
  if (typeof version !== 'number')
    throw new MobileconfigError('MISSING_KEY', 'the profile has no PayloadVersion');
  const payloads = content.PayloadContent;
  if (payloads !== undefined && !Array.isArray(payloads))
    throw new MobileconfigError('BAD_PLIST', "the profile's PayloadContent is not an array");
  const payloadTypes = (payloads ?? []).map((payload, index) => {
    const type =
      typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload : undefined;
    const name = type && 'PayloadType' in type ? type.PayloadType : undefined;
    if (typeof name !== 'string')
      throw new MobileconfigError('MISSING_KEY', `payload ${index + 1} has no PayloadType`);
    return name;
  });
  return {
    identifier,
    uuid,
    displayName: optionalString(content, 'PayloadDisplayName') ?? identifier,
    payloadType: 'Configuration',
    payloadVersion: version,
    payloadCount: payloadTypes.length,
    payloadTypes,
    organization: optionalString(content, 'PayloadOrganization'),
    description: optionalString(content, 'PayloadDescription'),
    removalDisallowed: content.PayloadRemovalDisallowed === true,
    signed: signature !== undefined,
    signerSubject: signature?.subject,
    signerCertificate: signature?.certificate,
    content,
  };
}

/** Reads (and, when signed, verifies) a profile; throws MobileconfigError saying what is wrong. */
export function readMobileconfig(bytes: Uint8Array): MobileconfigInfo {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const form = formOf(buffer);
  if (form === 'plist') return describe(readPlist(buffer), undefined);
  if (form === undefined)
    throw new MobileconfigError(
      'NOT_A_PROFILE',
      'not a configuration profile: neither a property list nor PKCS#7',
    );
  let der = buffer;
  if (form === 'pem') {
    const body = PEM_PKCS7.exec(buffer.toString('latin1'))?.[1];
    if (body === undefined)
      throw new MobileconfigError('NOT_A_PROFILE', 'a PEM file that holds no PKCS#7 message');
    der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  }
  const signed = verifySignedData(der);
  if (formOf(signed.content) !== 'plist')
    throw new MobileconfigError('BAD_PLIST', 'the signed content is not a property list');
  return describe(readPlist(signed.content), {
    subject: signed.signerSubject,
    certificate: signed.signerCertificate,
  });
}
