import { beforeAll, describe, expect, it } from 'vitest';
import { encodePlist, type PlistDict } from '../../../../native/ios/wire/plist-codec.ts';
import { McInstallService } from '../../../../native/lab/ios/services/mcinstall.ts';
import { PROFILE_RECIPES } from '../../../../scripts/make-test-ipas.ts';
import {
  makeSigner,
  signWithForge,
  signWithOpenssl,
  type TestSigner,
} from '../../../unit/native/ios/mobileconfig/signing.ts';
import { PlistClient } from './clients.ts';
import { FakeIosDevice } from './fake-ios-device.ts';

const service = new McInstallService();
const wifi = encodePlist(PROFILE_RECIPES.wifi, 'xml');
const restrictions = encodePlist(PROFILE_RECIPES.restrictions, 'xml');
const ACK = { Status: 'Acknowledged' };

function setup() {
  const device = new FakeIosDevice();
  return { device, client: new PlistClient(service, device) };
}

function errorOf(reply: PlistDict): { ErrorCode: number; ErrorDomain: string; LocalizedDescription: string } {
  expect(reply.Status).toBe('Error');
  return (reply.ErrorChain as PlistDict[])[0] as never;
}

/** RemoveProfile as pymobiledevice3 and appium-ios-device send it: a plist naming the profile. */
function removal(identifier: string, uuid: string): PlistDict {
  return {
    RequestType: 'RemoveProfile',
    ProfileIdentifier: encodePlist(
      { PayloadType: 'Configuration', PayloadIdentifier: identifier, PayloadUUID: uuid, PayloadVersion: 1 },
      'binary',
    ),
  };
}

describe('MCInstall: profiles', () => {
  it('HelloHostIdentifier, InstallProfile ×2, GetProfileList in the shape a device answers', async () => {
    const { device, client } = setup();
    expect(await client.request({ RequestType: 'HelloHostIdentifier' })).toEqual(ACK);
    expect(await client.request({ RequestType: 'InstallProfile', Payload: wifi })).toEqual(ACK);
    expect(await client.request({ RequestType: 'InstallProfile', Payload: restrictions })).toEqual(ACK);
    expect(await client.request({ RequestType: 'GetProfileList' })).toEqual({
      OrderedIdentifiers: ['org.depotline.profile.wifi', 'org.depotline.profile.restrictions'],
      ProfileManifest: {
        'org.depotline.profile.wifi': { Description: 'Depot Wi-Fi', IsActive: true },
        'org.depotline.profile.restrictions': { Description: 'Field Restrictions', IsActive: true },
      },
      ProfileMetadata: {
        'org.depotline.profile.wifi': {
          PayloadDisplayName: 'Depot Wi-Fi',
          PayloadOrganization: 'Depotline',
          PayloadRemovalDisallowed: false,
          PayloadUUID: '0D6C1E52-3B7A-4F08-A9E4-6F2B8C1D0E11',
          PayloadVersion: 1,
        },
        'org.depotline.profile.restrictions': {
          PayloadDescription: 'Locks down a field device',
          PayloadDisplayName: 'Field Restrictions',
          PayloadOrganization: 'Depotline',
          PayloadRemovalDisallowed: false,
          PayloadUUID: '7A3C9D10-2E4B-4C6D-8E0F-1A2B3C4D5E73',
          PayloadVersion: 1,
        },
      },
      Status: 'Acknowledged',
    });
    expect(device.profiles.get('org.depotline.profile.wifi')).toMatchObject({
      uuid: '0D6C1E52-3B7A-4F08-A9E4-6F2B8C1D0E11',
      signed: false,
      payload: PROFILE_RECIPES.wifi,
    });
    expect(device.delays.filter((d) => d.kind === 'profile')).toHaveLength(2);
  });

  it('RemoveProfile by a plist naming it (as hosts send it) and by plain identifier', async () => {
    const { device, client } = setup();
    await client.request({ RequestType: 'InstallProfile', Payload: wifi });
    await client.request({ RequestType: 'InstallProfile', Payload: restrictions });
    expect(
      await client.request(removal('org.depotline.profile.wifi', '0D6C1E52-3B7A-4F08-A9E4-6F2B8C1D0E11')),
    ).toEqual(ACK);
    expect(
      await client.request({
        RequestType: 'RemoveProfile',
        ProfileIdentifier: 'org.depotline.profile.restrictions',
      }),
    ).toEqual(ACK);
    expect(device.profiles.size).toBe(0);
    const missing = errorOf(await client.request(removal('org.depotline.profile.wifi', 'x')));
    expect(missing).toMatchObject({ ErrorDomain: 'MCProfileErrorDomain', ErrorCode: 1003 });
    expect(missing.LocalizedDescription).toBe('The profile org.depotline.profile.wifi is not installed');
  });

  it('refuses a payload that is not a profile, with a description that says why', async () => {
    const { device, client } = setup();
    const chain = errorOf(
      await client.request({ RequestType: 'InstallProfile', Payload: Buffer.from('hello') }),
    );
    expect(chain).toMatchObject({ ErrorDomain: 'MCProfileErrorDomain', ErrorCode: 1000 });
    expect(chain.LocalizedDescription).toMatch(/The profile is not valid: not a configuration profile/);
    expect(errorOf(await client.request({ RequestType: 'InstallProfile' })).LocalizedDescription).toMatch(
      /no profile/,
    );
    expect(device.profiles.size).toBe(0);
  });

  it('installs a signed profile and refuses one changed after signing', async () => {
    const { device, client } = setup();
    const signer = await makeSigner('/CN=Depotline Profiles/O=Depotline Lab');
    const signed = await signWithOpenssl(signer, wifi);
    expect(await client.request({ RequestType: 'InstallProfile', Payload: signed })).toEqual(ACK);
    expect(device.profiles.get('org.depotline.profile.wifi')?.signed).toBe(true);
    const tampered = Buffer.from(signed);
    tampered.write('Depot-Roof!', signed.indexOf(Buffer.from('Depot-Floor')), 'latin1');
    const chain = errorOf(await client.request({ RequestType: 'InstallProfile', Payload: tampered }));
    expect(chain).toMatchObject({ ErrorCode: 1012 });
    expect(chain.LocalizedDescription).toMatch(/signature is not valid: .*changed after signing/);
  });

  it('answers an unknown request with an ErrorChain', async () => {
    const { client } = setup();
    expect(errorOf(await client.request({ RequestType: 'MakeCoffee' })).LocalizedDescription).toBe(
      'Unknown request type MakeCoffee',
    );
  });
});

describe('MCInstall: cloud configuration and erase', () => {
  const configuration: PlistDict = {
    AllowPairing: true,
    IsSupervised: true,
    OrganizationName: 'Depotline Field Ops',
    SkipSetup: ['Location', 'Restore'],
  };

  it('sets it only in Setup Assistant, once (14002 after), and GetCloudConfiguration returns it', async () => {
    const { device, client } = setup();
    expect(await client.request({ RequestType: 'GetCloudConfiguration' })).toEqual(ACK);
    expect(
      await client.request({ RequestType: 'SetCloudConfiguration', CloudConfiguration: configuration }),
    ).toEqual(ACK);
    expect(device.cloudConfiguration).toEqual(configuration);
    expect(await client.request({ RequestType: 'GetCloudConfiguration' })).toEqual({
      ...ACK,
      CloudConfiguration: configuration,
    });
    const again = errorOf(
      await client.request({ RequestType: 'SetCloudConfiguration', CloudConfiguration: configuration }),
    );
    expect(again).toMatchObject({ ErrorCode: 14002, ErrorDomain: 'MCCloudConfigErrorDomain' });
  });

  it('refuses outside Setup Assistant, and an invalid configuration (33002)', async () => {
    const { device, client } = setup();
    device.inSetupAssistant = false;
    const outside = errorOf(
      await client.request({ RequestType: 'SetCloudConfiguration', CloudConfiguration: configuration }),
    );
    expect(outside.LocalizedDescription).toMatch(/not in Setup Assistant/);
    expect(
      errorOf(await client.request({ RequestType: 'SetCloudConfiguration', CloudConfiguration: 'x' }))
        .ErrorCode,
    ).toBe(33002);
    expect(device.cloudConfiguration).toBeUndefined();
  });

  it('EraseDevice acknowledges, then erases the device and closes', async () => {
    const { device, client } = setup();
    expect(
      await client.request({
        RequestType: 'EraseDevice',
        PreserveDataPlan: true,
        DisallowProximitySetup: false,
      }),
    ).toEqual(ACK);
    await client.closed;
    expect(device.erasures).toBe(1);
  });
});

describe('MCInstall: Escalate (a supervisor proves it holds the supervision identity)', () => {
  let supervisor: TestSigner;
  let stranger: TestSigner;
  beforeAll(async () => {
    [supervisor, stranger] = await Promise.all([
      makeSigner('/CN=Depotline Supervisor/O=Depotline Lab'),
      makeSigner('/CN=Someone Else'),
    ]);
  });

  function supervised() {
    const { device, client } = setup();
    device.supervised = true;
    device.inSetupAssistant = false;
    device.cloudConfiguration = { IsSupervised: true, SupervisorHostCertificates: [supervisor.certDer] };
    return { device, client };
  }

  it('Escalate → Challenge; EscalateResponse with the signed challenge → granted; InstallProfileSilent works', async () => {
    const { device, client } = supervised();
    expect(
      errorOf(await client.request({ RequestType: 'InstallProfileSilent', Payload: wifi }))
        .LocalizedDescription,
    ).toMatch(/needs an Escalate/);
    const escalate = await client.request({
      RequestType: 'Escalate',
      SupervisorCertificate: supervisor.certDer,
    });
    expect(escalate.Status).toBe('Acknowledged');
    const challenge = Buffer.from(escalate.Challenge as Uint8Array);
    expect(challenge.length).toBe(32);
    expect(
      await client.request({
        RequestType: 'EscalateResponse',
        SignedRequest: signWithForge(supervisor, challenge),
      }),
    ).toEqual(ACK);
    expect(await client.request({ RequestType: 'ProceedWithKeybagMigration' })).toEqual(ACK);
    expect(await client.request({ RequestType: 'InstallProfileSilent', Payload: wifi })).toEqual(ACK);
    expect(device.profiles.has('org.depotline.profile.wifi')).toBe(true);
  });

  it('refuses a stranger, a challenge signed by another key, a wrong challenge, and an unsupervised device', async () => {
    const { client } = supervised();
    expect(
      errorOf(await client.request({ RequestType: 'Escalate', SupervisorCertificate: stranger.certDer }))
        .LocalizedDescription,
    ).toMatch(/not one of this device's supervisors/);
    const { Challenge } = await client.request({
      RequestType: 'Escalate',
      SupervisorCertificate: supervisor.certDer,
    });
    const byStranger = signWithForge(stranger, Buffer.from(Challenge as Uint8Array));
    expect(
      errorOf(await client.request({ RequestType: 'EscalateResponse', SignedRequest: byStranger }))
        .LocalizedDescription,
    ).toMatch(/signed by another certificate/);
    await client.request({ RequestType: 'Escalate', SupervisorCertificate: supervisor.certDer });
    const wrong = signWithForge(supervisor, Buffer.alloc(32));
    expect(
      errorOf(await client.request({ RequestType: 'EscalateResponse', SignedRequest: wrong }))
        .LocalizedDescription,
    ).toMatch(/not the challenge/);
    const plain = setup();
    expect(
      errorOf(
        await plain.client.request({ RequestType: 'Escalate', SupervisorCertificate: supervisor.certDer }),
      ).ErrorCode,
    ).toBe(4017);
  });

  it('a removal-disallowed profile on a supervised device needs the supervisor', async () => {
    const { device, client } = supervised();
    const locked = encodePlist({ ...PROFILE_RECIPES.restrictions, PayloadRemovalDisallowed: true });
    expect(await client.request({ RequestType: 'InstallProfile', Payload: locked })).toEqual(ACK);
    const id = 'org.depotline.profile.restrictions';
    expect(
      errorOf(await client.request({ RequestType: 'RemoveProfile', ProfileIdentifier: id })).ErrorCode,
    ).toBe(4005);
    const { Challenge } = await client.request({
      RequestType: 'Escalate',
      SupervisorCertificate: supervisor.certDer,
    });
    await client.request({
      RequestType: 'EscalateResponse',
      SignedRequest: signWithForge(supervisor, Buffer.from(Challenge as Uint8Array)),
    });
    expect(await client.request({ RequestType: 'RemoveProfile', ProfileIdentifier: id })).toEqual(ACK);
    expect(device.profiles.size).toBe(0);
  });
});
