// The real IosDeviceDriver: one iPhone or iPad behind usbmuxd, through Depotline's own
// usbmuxd, lockdownd and service clients. Each call opens a lockdownd session, starts the
// services it needs, closes the session and then talks to the services.
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { DeviceSession, type OpenSession } from './device-session.ts';
import { buildIdentity, IDENTITY_DOMAINS } from './identity.ts';
import type {
  CloudConfiguration,
  InstalledConfigurationProfile,
  InstalledIosApp,
  IosDeviceDriver,
} from './ios-driver.ts';
import { readIpaInfo } from './ipa/ipa-info.ts';
import { LockdownError } from './lockdown/lockdown-client.ts';
import type { PairOutcome } from './pairing/pair.ts';
import type { HostIdentity } from './pairing/host-identity.ts';
import type { PairRecord } from './pairing/pair-record.ts';
import { AFC_SERVICE, AfcClient, PUBLIC_STAGING } from './services/afc/afc-client.ts';
import { DIAGNOSTICS_RELAY_SERVICE, DiagnosticsRelayClient } from './services/diagnostics-relay.ts';
import { INSTALLATION_PROXY_SERVICE, InstallationProxyClient } from './services/installation-proxy.ts';
import { MCINSTALL_SERVICE, McInstallClient } from './services/mcinstall.ts';
import { defaultUsbmuxAddress, type UsbmuxAddress } from './usbmux/usbmux-address.ts';
import { isPlistDict, type PlistDict, type PlistValue } from './wire/plist-codec.ts';

export interface IosDriverOptions {
  udid: string;
  /** Where usbmuxd listens; USBMUXD_SOCKET_ADDRESS or the platform default when omitted. */
  usbmuxAddress?: UsbmuxAddress;
  /** A pair record the caller holds; usbmuxd's stored one otherwise. */
  pairRecord?: PairRecord;
  /** This install's host identity: the driver pairs an unpaired (or forgotten) device with it. */
  hostIdentity?: HostIdentity;
}

/** The driver, plus pairing on demand for the bench ("Tap Trust on the phone"). */
export interface UsbmuxIosDriver extends IosDeviceDriver {
  pair(): Promise<PairOutcome>;
}

/** Upload is this share of installApp's progress; installation_proxy's percentages fill the rest. */
const UPLOAD_SHARE = 50;

export function createIosDriver(options: IosDriverOptions): UsbmuxIosDriver {
  const session = new DeviceSession({
    udid: options.udid,
    address: options.usbmuxAddress ?? defaultUsbmuxAddress(),
    pairRecord: options.pairRecord,
    hostIdentity: options.hostIdentity,
  });
  const { udid } = options;

  /** Opens the services inside one session; the session closes before they are used. */
  async function services<T>(open: (session: OpenSession) => Promise<T>): Promise<T> {
    return session.withSession(open);
  }
  const mcinstall = () =>
    services(async (s) => new McInstallClient(await s.openService(MCINSTALL_SERVICE), udid));
  const installationProxy = () =>
    services(async (s) => new InstallationProxyClient(await s.openService(INSTALLATION_PROXY_SERVICE), udid));
  async function using<C extends { close(): void }, T>(
    client: C,
    work: (client: C) => Promise<T>,
  ): Promise<T> {
    try {
      return await work(client);
    } finally {
      client.close();
    }
  }

  return {
    udid,

    pair: () => session.pair(),

    async identity() {
      return session.withSession(async (s) => {
        const values = await s.lockdown.getValue();
        const domain = async (name: string) =>
          dictOrUndefined(await tolerant(() => s.lockdown.getValue(undefined, name)));
        const battery = await domain(IDENTITY_DOMAINS.battery);
        const diskUsage = await domain(IDENTITY_DOMAINS.diskUsage);
        const findMy = await domain(IDENTITY_DOMAINS.findMy);
        const setupAssistant = await domain(IDENTITY_DOMAINS.setupAssistant);
        const supervision = await domain(IDENTITY_DOMAINS.supervision);
        const stream = await tolerant(() => s.openService(MCINSTALL_SERVICE));
        const cloudConfiguration = stream
          ? await using(new McInstallClient(stream, udid), (client) => client.cloudConfiguration())
          : undefined;
        return buildIdentity({
          values: isPlistDict(values) ? values : {},
          battery,
          diskUsage,
          findMy,
          setupAssistant,
          supervision,
          cloudConfiguration,
        });
      });
    },

    async installedApps() {
      return using(await installationProxy(), async (proxy) =>
        (await proxy.browse('User')).map(appFromBrowse),
      );
    },

    async installApp(ipaPath, onProgress) {
      const info = await readIpaInfo(ipaPath);
      const [afcStream, proxyStream] = await services(async (s): Promise<[Duplex, Duplex]> => [
        await s.openService(AFC_SERVICE),
        await s.openService(INSTALLATION_PROXY_SERVICE),
      ]);
      const afc = new AfcClient(afcStream, udid);
      const proxy = new InstallationProxyClient(proxyStream, udid);
      const remotePath = `${PUBLIC_STAGING}/${info.bundleId}-${randomUUID().slice(0, 8)}.ipa`;
      let reported = -1;
      const report = (percent: number) => {
        const rounded = Math.min(100, Math.max(0, Math.floor(percent)));
        if (rounded > reported) onProgress?.((reported = rounded));
      };
      try {
        await afc.makeDirectory(PUBLIC_STAGING);
        await afc.upload(ipaPath, remotePath, {
          onProgress: (written, total) =>
            report(total === 0 ? UPLOAD_SHARE : (written / total) * UPLOAD_SHARE),
        });
        await proxy.install(remotePath, {
          bundleId: info.bundleId,
          onProgress: (percent) => report(UPLOAD_SHARE + (percent * (100 - UPLOAD_SHARE)) / 100),
        });
        report(100);
      } finally {
        proxy.close();
        // installation_proxy usually removes the package itself; a failed install leaves it behind.
        await afc.remove(remotePath).catch(() => undefined);
        afc.close();
      }
    },

    async uninstallApp(bundleId) {
      await using(await installationProxy(), (proxy) => proxy.uninstall(bundleId));
    },

    async installedProfiles() {
      return using(await mcinstall(), async (client) =>
        (await client.profiles()).map((profile): InstalledConfigurationProfile => ({
          identifier: profile.identifier,
          uuid: profile.uuid,
          displayName: profile.displayName,
        })),
      );
    },

    async installProfile(payload) {
      await using(await mcinstall(), (client) => client.installProfile(payload));
    },

    async removeProfile(identifier) {
      await using(await mcinstall(), (client) => client.removeProfile(identifier));
    },

    async setDeviceName(name) {
      await session.withSession((s) => s.lockdown.setValue('DeviceName', name));
    },

    async cloudConfiguration() {
      return using(await mcinstall(), (client) => client.cloudConfiguration());
    },

    async prepare(configuration) {
      await using(await mcinstall(), async (client) => {
        await client.hello();
        await client.setCloudConfiguration(cloudConfigurationPlist(configuration));
      });
    },

    async erase() {
      await using(await mcinstall(), (client) => client.eraseDevice());
    },

    async restart() {
      const relay = await services(
        async (s) => new DiagnosticsRelayClient(await s.openService(DIAGNOSTICS_RELAY_SERVICE), udid),
      );
      try {
        await relay.restart();
      } finally {
        await relay.goodbye();
      }
    },
  };
}

/** Apple's SetCloudConfiguration keys for Depotline's CloudConfiguration (as Apple Configurator sets them). */
export function cloudConfigurationPlist(configuration: CloudConfiguration): PlistDict {
  const plist: PlistDict = {
    AllowPairing: configuration.allowPairing,
    CloudConfigurationUIComplete: true,
    // 2: configured by a host (Apple Configurator), not downloaded from Apple's servers.
    ConfigurationSource: 2,
    ConfigurationWasApplied: true,
    IsMandatory: configuration.isMandatory,
    IsMDMUnremovable: configuration.isMdmUnremovable,
    IsSupervised: configuration.supervise,
    OrganizationMagic: randomUUID().toUpperCase(),
    OrganizationName: configuration.organisationName,
    PostSetupProfileWasInstalled: true,
    SkipSetup: configuration.skipSetup,
    SupervisorHostCertificates: configuration.supervisorHostCertificates,
    AnchorCertificates: configuration.anchorCertificates,
  };
  if (configuration.organisationDepartment)
    plist.OrganizationDepartment = configuration.organisationDepartment;
  if (configuration.organisationEmail) plist.OrganizationEmail = configuration.organisationEmail;
  if (configuration.organisationPhone) plist.OrganizationPhone = configuration.organisationPhone;
  if (configuration.mdmUrl) plist.ConfigurationURL = configuration.mdmUrl;
  return plist;
}

function appFromBrowse(app: PlistDict): InstalledIosApp {
  const text = (value: PlistValue | undefined) => (typeof value === 'string' ? value : undefined);
  return {
    bundleId: text(app.CFBundleIdentifier) ?? '',
    version: text(app.CFBundleVersion) ?? '',
    shortVersion: text(app.CFBundleShortVersionString),
    name: text(app.CFBundleDisplayName) ?? text(app.CFBundleName),
  };
}

/** A value lockdownd refuses to give (GetProhibited, a service it will not start) reads as absent. */
async function tolerant<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof LockdownError) return undefined;
    throw error;
  }
}

function dictOrUndefined(value: PlistValue | undefined): PlistDict | undefined {
  return isPlistDict(value) ? value : undefined;
}
