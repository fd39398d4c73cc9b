import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MobileconfigError,
  readMobileconfig,
  type MobileconfigErrorCode,
} from '../../../../../native/ios/mobileconfig/read-mobileconfig.ts';
import { encodePlist, type PlistDict } from '../../../../../native/ios/wire/plist-codec.ts';
import {
  DEFAULT_IPA_FIXTURE_DIR,
  makeTestIpas,
  PROFILE_RECIPES,
} from '../../../../../scripts/make-test-ipas.ts';
import { makeSigner, signWithForge, signWithOpenssl, type TestSigner } from './signing.ts';

const set = await makeTestIpas(DEFAULT_IPA_FIXTURE_DIR);
const wifiXml = await readFile(set.profiles.wifi.path);

function failure(bytes: Uint8Array): MobileconfigError {
  try {
    readMobileconfig(bytes);
  } catch (err) {
    if (err instanceof MobileconfigError) return err;
    throw err;
  }
  throw new Error('expected readMobileconfig to fail');
}

function expectCode(bytes: Uint8Array, code: MobileconfigErrorCode, message?: RegExp): void {
  const err = failure(bytes);
  expect(err.code).toBe(code);
  if (message) expect(err.message).toMatch(message);
}

describe('readMobileconfig: unsigned profiles', () => {
  it.each(['wifi', 'restrictions'] as const)('reads the %s fixture (XML)', async (id) => {
    const info = readMobileconfig(await readFile(set.profiles[id].path));
    expect(info).toMatchObject({
      identifier: set.profiles[id].identifier,
      uuid: set.profiles[id].uuid,
      displayName: set.profiles[id].displayName,
      payloadType: 'Configuration',
      payloadVersion: 1,
      payloadCount: 1,
      payloadTypes: set.profiles[id].payloadTypes,
      organization: 'Depotline',
      removalDisallowed: false,
      signed: false,
      signerSubject: undefined,
    });
    expect(info.content).toEqual(PROFILE_RECIPES[id]);
  });

  it('reads a binary plist profile, and XML with a byte-order mark and leading whitespace', () => {
    expect(readMobileconfig(encodePlist(PROFILE_RECIPES.restrictions, 'binary')).identifier).toBe(
      'org.depotline.profile.restrictions',
    );
    const bom = Buffer.concat([Buffer.from('\uFEFF\n  ', 'utf8'), wifiXml]);
    expect(readMobileconfig(bom).identifier).toBe('org.depotline.profile.wifi');
  });

  it('names the display name after the identifier when PayloadDisplayName is absent', () => {
    const { PayloadDisplayName: _, ...rest } = PROFILE_RECIPES.wifi;
    expect(readMobileconfig(encodePlist(rest)).displayName).toBe('org.depotline.profile.wifi');
  });

  it('counts every payload and lists their types', () => {
    const both: PlistDict = {
      ...PROFILE_RECIPES.wifi,
      PayloadContent: [
        ...(PROFILE_RECIPES.wifi.PayloadContent as PlistDict[]),
        ...(PROFILE_RECIPES.restrictions.PayloadContent as PlistDict[]),
      ],
    };
    const info = readMobileconfig(encodePlist(both));
    expect(info.payloadCount).toBe(2);
    expect(info.payloadTypes).toEqual(['com.apple.wifi.managed', 'com.apple.applicationaccess']);
  });
});

describe('readMobileconfig: what is not a profile', () => {
  it('says NOT_A_PROFILE for text, an empty file and an IPA', async () => {
    expectCode(
      Buffer.from('hello, I am not a profile'),
      'NOT_A_PROFILE',
      /neither a property list nor PKCS#7/,
    );
    expectCode(Buffer.alloc(0), 'NOT_A_PROFILE');
    expectCode((await readFile(set.ipas.fieldNotesUpgrade.path)).subarray(0, 4096), 'NOT_A_PROFILE');
  });

  it('says BAD_PLIST for broken XML and for a plist that is not a dictionary', () => {
    expectCode(wifiXml.subarray(0, wifiXml.length - 40), 'BAD_PLIST', /not a valid XML property list/);
    expectCode(encodePlist(['a', 'b']), 'BAD_PLIST', /not a dictionary/);
  });

  it('says NOT_CONFIGURATION for a payload dictionary that is not a profile', () => {
    const payload = (PROFILE_RECIPES.wifi.PayloadContent as PlistDict[])[0]!;
    expectCode(encodePlist(payload), 'NOT_CONFIGURATION', /"com.apple.wifi.managed", not "Configuration"/);
  });

  it.each(['PayloadIdentifier', 'PayloadUUID', 'PayloadVersion'])('says MISSING_KEY without %s', (key) => {
    const profile: PlistDict = { ...PROFILE_RECIPES.wifi };
    delete profile[key];
    expectCode(encodePlist(profile), 'MISSING_KEY', new RegExp(key));
  });
});

describe('readMobileconfig: signed profiles', () => {
  let rsa: TestSigner;
  let ec: TestSigner;
  beforeAll(async () => {
    [rsa, ec] = await Promise.all([
      makeSigner('/CN=Depotline Profiles/O=Depotline Lab/C=NL'),
      makeSigner('/CN=Depotline EC Signer/O=Depotline Lab/C=NL', 'ec'),
    ]);
  });

  it('verifies a profile signed by openssl smime (RSA, signed attributes)', async () => {
    const info = readMobileconfig(await signWithOpenssl(rsa, wifiXml));
    expect(info.signed).toBe(true);
    expect(info.signerSubject).toBe('CN=Depotline Profiles, O=Depotline Lab, C=NL');
    expect(info.signerCertificate).toEqual(rsa.certDer);
    expect(info.identifier).toBe('org.depotline.profile.wifi');
    expect(info.content).toEqual(PROFILE_RECIPES.wifi);
  });

  it('verifies an ECDSA signature and a signature without signed attributes', async () => {
    expect(readMobileconfig(await signWithOpenssl(ec, wifiXml)).signerSubject).toMatch(
      /^CN=Depotline EC Signer/,
    );
    expect(readMobileconfig(await signWithOpenssl(rsa, wifiXml, { noAttributes: true })).signed).toBe(true);
  });

  it('verifies a profile signed by node-forge, and a PEM-armoured one', () => {
    const der = signWithForge(rsa, encodePlist(PROFILE_RECIPES.restrictions, 'binary'));
    expect(readMobileconfig(der).identifier).toBe('org.depotline.profile.restrictions');
    const pem = `-----BEGIN PKCS7-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PKCS7-----\n`;
    expect(readMobileconfig(Buffer.from(pem)).signed).toBe(true);
  });

  it('refuses a profile changed after signing (messageDigest differs)', async () => {
    const signed = await signWithOpenssl(rsa, wifiXml);
    const at = signed.indexOf(Buffer.from('Depot-Floor'));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(signed);
    tampered.write('Depot-Roof!', at, 'latin1');
    expectCode(tampered, 'BAD_SIGNATURE', /changed after signing/);
  });

  it('refuses a profile changed after signing when nothing but the signature covers it', async () => {
    const signed = await signWithOpenssl(rsa, wifiXml, { noAttributes: true });
    const tampered = Buffer.from(signed);
    tampered.write('Depot-Roof!', signed.indexOf(Buffer.from('Depot-Floor')), 'latin1');
    expectCode(tampered, 'BAD_SIGNATURE', /does not verify/);
  });

  it('refuses a forged signature (last byte of the signature flipped)', () => {
    const signed = signWithForge(rsa, wifiXml);
    // forge puts the signature last: the final SignerInfo field.
    signed[signed.length - 1]! ^= 0x01;
    expectCode(signed, 'BAD_SIGNATURE', /does not verify/);
  });

  it('says BAD_PKCS7 for a detached signature and for truncated DER', async () => {
    expectCode(await signWithOpenssl(rsa, wifiXml, { detached: true }), 'BAD_PKCS7', /detached/);
    const signed = await signWithOpenssl(rsa, wifiXml);
    expectCode(signed.subarray(0, signed.length - 50), 'BAD_PKCS7', /malformed PKCS#7/);
  });

  it('says BAD_PLIST when the signed content is not a profile plist', async () => {
    expectCode(await signWithOpenssl(rsa, Buffer.from('<not a plist')), 'BAD_PLIST');
  });
});
