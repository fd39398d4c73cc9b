// installation_proxy, MCInstall and diagnostics_relay against recorded exchanges: each fake
// answers a request with the replies a device sent (trimmed to the keys the client reads).
import { duplexPair, type Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  DeviceCommandError,
  DeviceGoneError,
  DeviceUnreadableError,
} from '../../../../../native/device-errors.ts';
import { DiagnosticsRelayClient } from '../../../../../native/ios/services/diagnostics-relay.ts';
import {
  InstallationProxyClient,
  InstallationProxyError,
} from '../../../../../native/ios/services/installation-proxy.ts';
import {
  CLOUD_CONFIGURATION_ALREADY_PRESENT,
  McInstallClient,
  McInstallError,
} from '../../../../../native/ios/services/mcinstall.ts';
import { decodePlistDict, type PlistDict } from '../../../../../native/ios/wire/plist-codec.ts';
import { readPlists, writePlist } from '../fakes/fake-lockdownd.ts';

/** A device side that answers each request with `script(request)`'s replies (or hangs up on null). */
function device(script: (request: PlistDict) => object[] | null): {
  stream: Duplex;
  requests: PlistDict[];
} {
  const [client, side] = duplexPair();
  const requests: PlistDict[] = [];
  readPlists(side, (request) => {
    requests.push(request);
    const replies = script(request);
    if (replies === null) side.destroy();
    else for (const reply of replies) writePlist(side, reply as PlistDict);
  });
  return { stream: client, requests };
}

describe('installation_proxy', () => {
  it('Browse gathers every CurrentList until Complete', async () => {
    const fake = device(() => [
      {
        Status: 'BrowsingApplications',
        CurrentList: [{ CFBundleIdentifier: 'com.example.a', CFBundleVersion: '1' }],
        CurrentAmount: 1,
      },
      {
        Status: 'BrowsingApplications',
        CurrentList: [{ CFBundleIdentifier: 'com.example.b', CFBundleVersion: '7' }],
        CurrentAmount: 1,
      },
      { Status: 'Complete' },
    ]);
    const proxy = new InstallationProxyClient(fake.stream, 'UDID-1');
    const apps = await proxy.browse('User', ['CFBundleIdentifier', 'CFBundleVersion']);
    expect(apps.map((app) => app.CFBundleIdentifier)).toEqual(['com.example.a', 'com.example.b']);
    expect(fake.requests[0]).toEqual({
      Command: 'Browse',
      ClientOptions: { ApplicationType: 'User', ReturnAttributes: ['CFBundleIdentifier', 'CFBundleVersion'] },
    });
  });

  it('Install reports PercentComplete until Complete, and Lookup finds apps by id', async () => {
    const fake = device((request) =>
      request.Command === 'Install'
        ? [
            { Status: 'CreatingStagingDirectory', PercentComplete: 5 },
            { Status: 'ExtractingPackage', PercentComplete: 15 },
            { Status: 'VerifyingApplication', PercentComplete: 60 },
            { Status: 'Complete' },
          ]
        : [{ LookupResult: { 'com.example.a': { CFBundleVersion: '2' } }, Status: 'Complete' }],
    );
    const proxy = new InstallationProxyClient(fake.stream, 'UDID-1');
    const progress: string[] = [];
    await proxy.install('/PublicStaging/a.ipa', {
      bundleId: 'com.example.a',
      onProgress: (percent, status) => progress.push(`${status} ${percent}`),
    });
    expect(progress).toEqual([
      'CreatingStagingDirectory 5',
      'ExtractingPackage 15',
      'VerifyingApplication 60',
      'Complete 100',
    ]);
    expect(fake.requests[0]).toEqual({
      Command: 'Install',
      PackagePath: '/PublicStaging/a.ipa',
      ClientOptions: { CFBundleIdentifier: 'com.example.a' },
    });
    expect(await proxy.lookup(['com.example.a'])).toEqual({ 'com.example.a': { CFBundleVersion: '2' } });
  });

  it("an Error reply is a refusal in the device's words", async () => {
    const fake = device(() => [
      { Status: 'CreatingStagingDirectory', PercentComplete: 5 },
      {
        Error: 'ApplicationVerificationFailed',
        ErrorDescription: 'Failed to verify code signature of /private/var/installd/…/Field Notes.app',
        ErrorDetail: -402620395,
      },
    ]);
    const proxy = new InstallationProxyClient(fake.stream, 'UDID-1');
    const install = proxy.install('/PublicStaging/a.ipa');
    await expect(install).rejects.toBeInstanceOf(InstallationProxyError);
    await expect(install).rejects.toThrow(
      'Install failed: ApplicationVerificationFailed (Failed to verify code signature of /private/var/installd/…/Field Notes.app)',
    );
    await expect(install).rejects.toMatchObject({ code: 'ApplicationVerificationFailed', transient: false });
  });

  it('Uninstall; a device that hangs up mid-command is gone', async () => {
    const fake = device((request) =>
      request.Command === 'Uninstall'
        ? [{ Status: 'RemovingApplication', PercentComplete: 50 }, { Status: 'Complete' }]
        : null,
    );
    const proxy = new InstallationProxyClient(fake.stream, 'UDID-1');
    await proxy.uninstall('com.example.a');
    expect(fake.requests[0]).toEqual({
      Command: 'Uninstall',
      ApplicationIdentifier: 'com.example.a',
      ClientOptions: {},
    });
    await expect(proxy.browse()).rejects.toBeInstanceOf(DeviceGoneError);
  });
});

const ACK = { Status: 'Acknowledged' };

describe('MCInstall', () => {
  it('lists profiles in order with their metadata, and removes one by its identifier, UUID and version', async () => {
    const fake = device((request) =>
      request.RequestType === 'GetProfileList'
        ? [
            {
              Status: 'Acknowledged',
              OrderedIdentifiers: ['com.example.wifi', 'com.example.vpn'],
              ProfileManifest: {
                'com.example.wifi': { IsActive: true },
                'com.example.vpn': { IsActive: true },
              },
              ProfileMetadata: {
                'com.example.wifi': {
                  PayloadDisplayName: 'Depot Wi-Fi',
                  PayloadUUID: 'UUID-W',
                  PayloadVersion: 1,
                },
                'com.example.vpn': { PayloadDisplayName: 'VPN', PayloadUUID: 'UUID-V', PayloadVersion: 3 },
              },
            },
          ]
        : [ACK],
    );
    const client = new McInstallClient(fake.stream, 'UDID-1');
    expect((await client.profiles()).map((p) => [p.identifier, p.uuid, p.version, p.displayName])).toEqual([
      ['com.example.wifi', 'UUID-W', 1, 'Depot Wi-Fi'],
      ['com.example.vpn', 'UUID-V', 3, 'VPN'],
    ]);
    await client.removeProfile('com.example.vpn');
    const removal = fake.requests.at(-1)!;
    expect(removal.RequestType).toBe('RemoveProfile');
    expect(decodePlistDict(removal.ProfileIdentifier as Uint8Array)).toEqual({
      format: 'binary',
      value: {
        PayloadType: 'Configuration',
        PayloadIdentifier: 'com.example.vpn',
        PayloadUUID: 'UUID-V',
        PayloadVersion: 3,
      },
    });
    await expect(client.removeProfile('com.example.none')).rejects.toThrow(
      'no profile with identifier com.example.none is installed',
    );
  });

  it('InstallProfile sends the bytes as given; an ErrorChain is refused in its LocalizedDescription', async () => {
    const fake = device(() => [
      {
        Status: 'Error',
        ErrorChain: [
          {
            ErrorCode: 4001,
            ErrorDomain: 'MCProfileErrorDomain',
            LocalizedDescription: 'The profile “Depot Wi-Fi” could not be installed.',
          },
          {
            ErrorCode: 2003,
            ErrorDomain: 'MCPayloadErrorDomain',
            USEnglishDescription: 'The Wi-Fi password is missing.',
          },
        ],
      },
    ]);
    const client = new McInstallClient(fake.stream, 'UDID-1');
    const install = client.installProfile(Buffer.from('<plist/>'));
    await expect(install).rejects.toBeInstanceOf(McInstallError);
    await expect(install).rejects.toThrow(
      'The profile “Depot Wi-Fi” could not be installed. The Wi-Fi password is missing.',
    );
    await expect(install).rejects.toMatchObject({ code: 4001, domain: 'MCProfileErrorDomain' });
    expect(Buffer.from(fake.requests[0]!.Payload as Uint8Array).toString()).toBe('<plist/>');
  });

  it('SetCloudConfiguration on a configured device: 14002', async () => {
    const fake = device((request) =>
      request.RequestType === 'GetCloudConfiguration'
        ? [
            {
              Status: 'Acknowledged',
              CloudConfiguration: { IsSupervised: true, OrganizationName: 'Example Depot' },
            },
          ]
        : [
            {
              Status: 'Error',
              ErrorChain: [
                {
                  ErrorCode: CLOUD_CONFIGURATION_ALREADY_PRESENT,
                  ErrorDomain: 'MCCloudConfigurationErrorDomain',
                  LocalizedDescription: 'The cloud configuration is already present.',
                },
              ],
            },
          ],
    );
    const client = new McInstallClient(fake.stream, 'UDID-1');
    await expect(client.setCloudConfiguration({ IsSupervised: true })).rejects.toMatchObject({
      code: CLOUD_CONFIGURATION_ALREADY_PRESENT,
      message: 'The cloud configuration is already present.',
    });
    expect(await client.cloudConfiguration()).toEqual({
      IsSupervised: true,
      OrganizationName: 'Example Depot',
    });
  });

  it('no cloud configuration reads as undefined; EraseDevice counts a hang-up as done', async () => {
    const fake = device((request) =>
      request.RequestType === 'EraseDevice' ? null : [{ ...ACK, CloudConfiguration: {} }],
    );
    const client = new McInstallClient(fake.stream, 'UDID-1');
    await client.hello();
    expect(await client.cloudConfiguration()).toBeUndefined();
    await client.eraseDevice();
    expect(fake.requests.at(-1)).toEqual({
      RequestType: 'EraseDevice',
      PreserveDataPlan: false,
      DisallowProximitySetup: false,
    });
  });

  it('a Status that is neither Acknowledged nor an ErrorChain is still a refusal', async () => {
    const fake = device(() => [{ Status: 'Pending' }]);
    const client = new McInstallClient(fake.stream, 'UDID-1');
    await expect(client.flush()).rejects.toThrow('Flush failed (Status Pending)');
    await expect(client.flush()).rejects.toBeInstanceOf(DeviceCommandError);
  });
});

describe('diagnostics_relay', () => {
  it('Restart waits for disconnect; Goodbye closes; IORegistry reads the battery gauge', async () => {
    const fake = device((request) =>
      request.Request === 'IORegistry'
        ? [
            {
              Status: 'Success',
              Diagnostics: { IORegistry: { CurrentCapacity: 87, IsCharging: true, CycleCount: 112 } },
            },
          ]
        : [{ Status: 'Success' }],
    );
    const relay = new DiagnosticsRelayClient(fake.stream, 'UDID-1');
    expect(await relay.ioRegistry()).toEqual({ CurrentCapacity: 87, IsCharging: true, CycleCount: 112 });
    await relay.restart();
    await relay.goodbye();
    expect(fake.requests.map((request) => request.Request)).toEqual(['IORegistry', 'Restart', 'Goodbye']);
    expect(fake.requests[1]).toEqual({
      Request: 'Restart',
      WaitForDisconnect: true,
      DisplayPass: false,
      DisplayFail: false,
    });
  });

  it('refusals and a missing registry', async () => {
    const fake = device((request) => [
      request.Request === 'Shutdown' ? { Status: 'Failure' } : { Status: 'Success' },
    ]);
    const relay = new DiagnosticsRelayClient(fake.stream, 'UDID-1');
    await expect(relay.shutdown()).rejects.toThrow('diagnostics_relay refused Shutdown (Failure)');
    await expect(relay.ioRegistry()).rejects.toBeInstanceOf(DeviceUnreadableError);
  });
});
