// The real IosDeviceDriver: one iPhone or iPad behind usbmuxd, through Depotline's own
// usbmuxd, lockdownd and service clients. Calls share one lockdownd session and its MCInstall
// and installation_proxy connections while they keep coming (kept-connections.ts): a few
// seconds idle, any error, a restart or an erase closes them, and the next call opens anew.
import { randomUUID } from 'node:crypto';
import { DeviceSession } from './device-session.ts';
import { buildIdentity, IDENTITY_DOMAINS } from './identity.ts';
import type {
  CloudConfiguration,
  InstalledConfigurationProfile,
  InstalledIosApp,
  IosDeviceDriver,
} from './ios-driver.ts';
import { readIpaInfo } from './ipa/ipa-info.ts';
import { KeptConnections, type KeptSession } from './kept-connections.ts';
import { LockdownError } from './lockdown/lockdown-client.ts';
import type { PairOutcome } from './pairing/pair.ts';
import type { HostIdentity } from './pairing/host-identity.ts';
import type { PairRecord } from './pairing/pair-record.ts';
import { AFC_SERVICE, AfcClient, PUBLIC_STAGING } from './services/afc/afc-client.ts';
import { DIAGNOSTICS_RELAY_SERVICE, DiagnosticsRelayClient } from './services/diagnostics-relay.ts';
import { INSTALLATION_PROXY_SERVICE, InstallationProxyClient } from './services/installation-proxy.ts';
import { MCINSTALL_SERVICE, McInstallClient } from './services/mcinstall.ts';
import { StagedUploads } from '../staged-uploads.ts';
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
  /** How long the kept session stays open with no call in flight (DEFAULT_IDLE_MS). */
  idleMs?: number;
}

/** The driver, plus pairing on demand for the bench ("Tap Trust on the phone"). */
export interface UsbmuxIosDriver extends IosDeviceDriver {
  pair(): Promise<PairOutcome>;
  /** Closes the kept session now (once calls in flight settle); a later call opens a new one. */
  close(): void;
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
  const kept = new KeptConnections(session, { idleMs: options.idleMs });
  const staged = new StagedUploads<{ remotePath: string; remove(): Promise<void> }>();
  const { udid } = options;

  /**
   * Runs a call in the kept session. When a session reused from an earlier call turns out
   * dead (the device was detached, restarted or erased meanwhile and usbmuxd dropped the
   * tunnel), the call runs once more in a new session: its request never reached the device.
   */
  const call = <T>(work: (s: KeptSession) => Promise<T>) => kept.use(work, { retry: true });
  /** Erase and restart take the device away: a lost connection there is not retried. */
  const once = <T>(work: (s: KeptSession) => Promise<T>) => kept.use(work);
  const mcinstall = (s: KeptSession) =>
    s.client(
      MCINSTALL_SERVICE,
      async (open) => new McInstallClient(await open.openService(MCINSTALL_SERVICE), udid),
    );
  const installationProxy = (s: KeptSession) =>
    s.client(
      INSTALLATION_PROXY_SERVICE,
      async (open) => new InstallationProxyClient(await open.openService(INSTALLATION_PROXY_SERVICE), udid),
    );

  return {
    udid,

    async pair() {
      const outcome = await session.pair();
      kept.retire(); // a session started with the old record must not be reused
      return outcome;
    },

    close: () => kept.retire(),

    identity: () =>
      call(async (s) => {
        const values = await s.lockdown.getValue();
        const domain = async (name: string) =>
          dictOrUndefined(await tolerant(() => s.lockdown.getValue(undefined, name)));
        const battery = await domain(IDENTITY_DOMAINS.battery);
        const diskUsage = await domain(IDENTITY_DOMAINS.diskUsage);
        const findMy = await domain(IDENTITY_DOMAINS.findMy);
        const setupAssistant = await domain(IDENTITY_DOMAINS.setupAssistant);
        const supervision = await domain(IDENTITY_DOMAINS.supervision);
        const client = await tolerant(() => mcinstall(s));
        const cloudConfiguration = client ? await client.cloudConfiguration() : undefined;
        return buildIdentity({
          values: isPlistDict(values) ? values : {},
          battery,
          diskUsage,
          findMy,
          setupAssistant,
          supervision,
          cloudConfiguration,
        });
      }),

    installedApps: () =>
      call(async (s) => (await (await installationProxy(s)).browse('User')).map(appFromBrowse)),

    async installApp(ipaPath, onProgress) {
      const info = await readIpaInfo(ipaPath);
      let reported = -1;
      const report = (percent: number) => {
        const rounded = Math.min(100, Math.max(0, Math.floor(percent)));
        if (rounded > reported) onProgress?.((reported = rounded));
      };
      const uploadProgress = (written: number, total: number) =>
        report(total === 0 ? UPLOAD_SHARE : (written / total) * UPLOAD_SHARE);
      const install = async (s: KeptSession, remotePath: string) => {
        await (
          await installationProxy(s)
        ).install(remotePath, {
          bundleId: info.bundleId,
          onProgress: (percent) => report(UPLOAD_SHARE + (percent * (100 - UPLOAD_SHARE)) / 100),
        });
        report(100);
      };
      const ahead = staged.take(ipaPath);
      if (ahead) {
        const unfollow = ahead.follow(uploadProgress);
        // A failed upload ahead (the device dropped meanwhile…) falls back to a fresh one below.
        const uploaded = await ahead.uploaded.catch(() => undefined);
        unfollow();
        if (uploaded) {
          try {
            return await call((s) => install(s, uploaded.remotePath));
          } finally {
            await uploaded.remove();
          }
        }
      }
      await call(async (s) => {
        // AFC is per install (its connection carries the upload); installation_proxy is kept.
        const afc = new AfcClient(await s.openService(AFC_SERVICE), udid);
        const remotePath = stagingPath(info.bundleId);
        try {
          await installationProxy(s);
          await afc.makeDirectory(PUBLIC_STAGING);
          // What an upload ahead cut off (a yanked cable) left in PublicStaging goes first.
          for (const left of staged.takeLeftBehind()) await afc.remove(left).catch(() => undefined);
          await afc.upload(ipaPath, remotePath, { onProgress: uploadProgress });
          await install(s, remotePath);
        } finally {
          // installation_proxy usually removes the package itself; a failed install leaves it behind.
          await afc.remove(remotePath).catch(() => undefined);
          afc.close();
        }
      });
    },

    prestageApp: (ipaPath) =>
      staged.start(ipaPath, async (onProgress) => {
        const info = await readIpaInfo(ipaPath);
        const remotePath = stagingPath(info.bundleId);
        return call(async (s) => {
          // Its own AFC connection, kept until installApp (or discardStaged) removes the package.
          const afc = new AfcClient(await s.openService(AFC_SERVICE), udid);
          const remove = async () => {
            await afc.remove(remotePath).catch(() => staged.leftBehind(remotePath));
            afc.close();
          };
          try {
            await afc.makeDirectory(PUBLIC_STAGING);
            await afc.upload(ipaPath, remotePath, { onProgress });
          } catch (error) {
            await remove();
            throw error;
          }
          return { remotePath, remove };
        });
      }),

    async discardStaged() {
      await staged.discard();
      // Packages whose connection died first (a yanked cable): removed over a new one, if the
      // device is there (after a detach the bench has another driver for it; this one still works).
      const left = staged.takeLeftBehind();
      if (left.length === 0) return;
      await call(async (s) => {
        const afc = new AfcClient(await s.openService(AFC_SERVICE), udid);
        try {
          for (const path of left) await afc.remove(path).catch(() => undefined);
        } finally {
          afc.close();
        }
      }).catch(() => undefined);
    },

    uninstallApp: (bundleId) => call(async (s) => (await installationProxy(s)).uninstall(bundleId)),

    installedProfiles: () =>
      call(async (s) =>
        (await (await mcinstall(s)).profiles()).map((profile): InstalledConfigurationProfile => ({
          identifier: profile.identifier,
          uuid: profile.uuid,
          displayName: profile.displayName,
        })),
      ),

    installProfile: (payload) => call(async (s) => (await mcinstall(s)).installProfile(payload)),

    removeProfile: (identifier) => call(async (s) => (await mcinstall(s)).removeProfile(identifier)),

    setDeviceName: (name) => call((s) => s.lockdown.setValue('DeviceName', name)),

    cloudConfiguration: () => call(async (s) => (await mcinstall(s)).cloudConfiguration()),

    prepare: (configuration) =>
      call(async (s) => {
        const client = await mcinstall(s);
        await client.hello();
        await client.setCloudConfiguration(cloudConfigurationPlist(configuration));
      }),

    async erase() {
      try {
        await once(async (s) => (await mcinstall(s)).eraseDevice());
      } finally {
        kept.retire(); // the device goes away and comes back another (it forgets this host)
        staged.forget(); // and without the packages uploaded ahead
      }
    },

    async restart() {
      try {
        await once(async (s) => {
          // diagnostics_relay restarts once its connection closes: one of its own, never kept.
          const relay = new DiagnosticsRelayClient(await s.openService(DIAGNOSTICS_RELAY_SERVICE), udid);
          try {
            await relay.restart();
          } finally {
            await relay.goodbye();
          }
        });
      } finally {
        kept.retire();
      }
    },
  };
}

/** Where an IPA is uploaded for installation_proxy: a name of its own per upload. */
function stagingPath(bundleId: string): string {
  return `${PUBLIC_STAGING}/${bundleId}-${randomUUID().slice(0, 8)}.ipa`;
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
