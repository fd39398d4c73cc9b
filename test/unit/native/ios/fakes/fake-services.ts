// Stateful fakes of the services the driver uses, registered on a FakeLockdownd: AFC (the
// shared FakeAfc), installation_proxy (installs what AFC received, by the bundle id it is
// told), MCInstall (profiles and the cloud configuration) and diagnostics_relay.
import { plistText } from '../../../../../native/ios/transport/plist-channel.ts';
import { decodePlistDict, isPlistDict, type PlistDict } from '../../../../../native/ios/wire/plist-codec.ts';
import { FakeAfc } from '../services/fake-afc.ts';
import { readPlists, writePlist, type FakeLockdownd } from './fake-lockdownd.ts';

export interface FakeIosState {
  afc: FakeAfc;
  apps: Map<string, PlistDict>;
  profiles: Map<string, PlistDict>;
  cloudConfiguration: PlistDict | undefined;
  restarts: number;
  erased: boolean;
}

export function installFakeServices(lockdownd: FakeLockdownd, options: { ssl?: boolean } = {}): FakeIosState {
  const state: FakeIosState = {
    afc: new FakeAfc(),
    apps: new Map(),
    profiles: new Map(),
    cloudConfiguration: undefined,
    restarts: 0,
    erased: false,
  };
  const ssl = options.ssl ?? false;
  lockdownd.services.set('com.apple.afc', { ssl, serve: (stream) => state.afc.serve(stream) });

  lockdownd.services.set('com.apple.mobile.installation_proxy', {
    ssl,
    serve(stream) {
      readPlists(stream, (request) => {
        const options = isPlistDict(request.ClientOptions) ? request.ClientOptions : {};
        if (request.Command === 'Browse') {
          writePlist(stream, { Status: 'BrowsingApplications', CurrentList: [...state.apps.values()] });
          writePlist(stream, { Status: 'Complete' });
        } else if (request.Command === 'Install') {
          const path = typeof request.PackagePath === 'string' ? request.PackagePath : '';
          const bundleId = typeof options.CFBundleIdentifier === 'string' ? options.CFBundleIdentifier : '';
          if (!state.afc.files.has(path)) {
            writePlist(stream, {
              Error: 'PackageExtractionFailed',
              ErrorDescription: `no package at ${path}`,
            });
            return;
          }
          for (const [status, percent] of [
            ['CreatingStagingDirectory', 5],
            ['ExtractingPackage', 15],
            ['InstallingApplication', 80],
          ] as const)
            writePlist(stream, { Status: status, PercentComplete: percent });
          state.apps.set(bundleId, {
            CFBundleIdentifier: bundleId,
            CFBundleVersion: '1',
            CFBundleDisplayName: bundleId,
          });
          writePlist(stream, { Status: 'Complete' });
        } else if (request.Command === 'Uninstall') {
          state.apps.delete(plistText(request.ApplicationIdentifier));
          writePlist(stream, { Status: 'Complete' });
        }
      });
    },
  });

  lockdownd.services.set('com.apple.mobile.MCInstall', {
    ssl,
    serve(stream) {
      const ack = (extra: PlistDict = {}) => writePlist(stream, { Status: 'Acknowledged', ...extra });
      readPlists(stream, (request) => {
        switch (request.RequestType) {
          case 'HelloHostIdentifier':
          case 'Flush':
            return ack();
          case 'InstallProfile': {
            const profile = decodePlistDict(request.Payload as Uint8Array).value;
            state.profiles.set(plistText(profile.PayloadIdentifier), profile);
            return ack();
          }
          case 'GetProfileList': {
            const metadata: PlistDict = {};
            for (const [id, profile] of state.profiles)
              metadata[id] = {
                PayloadUUID: profile.PayloadUUID ?? '',
                PayloadVersion: profile.PayloadVersion ?? 1,
                PayloadDisplayName: profile.PayloadDisplayName ?? '',
              };
            return ack({ OrderedIdentifiers: [...state.profiles.keys()], ProfileMetadata: metadata });
          }
          case 'RemoveProfile': {
            const identifier = decodePlistDict(request.ProfileIdentifier as Uint8Array).value;
            state.profiles.delete(plistText(identifier.PayloadIdentifier));
            return ack();
          }
          case 'GetCloudConfiguration':
            return ack({ CloudConfiguration: state.cloudConfiguration ?? {} });
          case 'SetCloudConfiguration':
            if (state.cloudConfiguration)
              return writePlist(stream, {
                Status: 'Error',
                ErrorChain: [
                  { ErrorCode: 14002, LocalizedDescription: 'The cloud configuration is already present.' },
                ],
              });
            state.cloudConfiguration = request.CloudConfiguration as PlistDict;
            return ack();
          case 'EraseDevice':
            state.erased = true;
            state.cloudConfiguration = undefined;
            stream.destroy();
            return;
          default:
            return writePlist(stream, {
              Status: 'Error',
              ErrorChain: [{ ErrorCode: 1, LocalizedDescription: 'unknown' }],
            });
        }
      });
    },
  });

  lockdownd.services.set('com.apple.mobile.diagnostics_relay', {
    ssl,
    serve(stream) {
      readPlists(stream, (request) => {
        if (request.Request === 'Restart') state.restarts++;
        writePlist(stream, { Status: 'Success' });
      });
    },
  });
  return state;
}
