// An in-memory iPhone for engine tests: it keeps state like a device (apps, profiles, cloud
// configuration, name), logs every request, and can be told to fail, vanish, restart or take
// its time over a call. An app uploaded ahead (prestageApp) is kept per IPA path until
// installApp takes it over or discardStaged removes it, as the real driver does.
import {
  DeviceCommandError,
  DeviceGoneError,
  type InstalledConfigurationProfile,
  type InstalledIosApp,
  type IosDeviceDriver,
  type IosIdentity,
} from '../../../../../native/ios/ios-driver.ts';
import { readIpaInfo } from '../../../../../native/ios/ipa/ipa-info.ts';
import { readMobileconfig } from '../../../../../native/ios/mobileconfig/read-mobileconfig.ts';

type Method = Exclude<keyof IosDeviceDriver, 'udid'>;

export class FakeIosDevice {
  readonly udid: string;
  readonly log: string[] = [];
  connected = true;
  /** Bumped by restart and erase: the device went away and came back. */
  generation = 1;
  apps = new Map<string, InstalledIosApp>();
  profiles = new Map<string, InstalledConfigurationProfile & { signed: boolean }>();
  cloud: Record<string, unknown> | undefined;
  identity: IosIdentity;
  /** Every call's start and end (`start installProfile`, `end installProfile`, `fail …`), in order. */
  readonly timeline: string[] = [];
  /** How long a call takes, per method (0 when not given). */
  latencyMs: Partial<Record<Method, number>> = {};
  /** Packages uploaded ahead and not yet installed or discarded, by IPA path. */
  readonly staged = new Map<string, Promise<void>>();
  /** Each installApp: whether it installed the package uploaded ahead or uploaded afresh. */
  readonly installs: { path: string; prestaged: boolean }[] = [];
  /** Packages discardStaged removed from the device. */
  discarded = 0;
  readonly #faults = new Map<Method, (Error | 'vanish')[]>();

  constructor(udid: string, identity: Partial<IosIdentity> = {}) {
    this.udid = udid;
    this.identity = {
      udid,
      serial: `F${udid.slice(-9).toUpperCase()}`,
      ecid: '1234567890123',
      imei: '356938035643809',
      imeiUnknownReason: undefined,
      productType: 'iPhone15,4',
      modelName: 'iPhone 15',
      deviceClass: 'iPhone',
      deviceName: 'iPhone',
      iosVersion: '18.2',
      buildVersion: '22C152',
      batteryPercent: 90,
      batteryCharging: true,
      totalBytes: 128e9,
      freeBytes: 100e9,
      activationState: 'Unactivated',
      inSetupAssistant: true,
      supervised: false,
      organisation: undefined,
      activationLock: 'off',
      passcodeSet: false,
      ...identity,
    };
  }

  fail(method: Method, ...faults: (Error | 'vanish')[]): void {
    this.#faults.set(method, [...(this.#faults.get(method) ?? []), ...faults]);
  }

  count(prefix: string): number {
    return this.log.filter((line) => line.startsWith(prefix)).length;
  }

  driver(): IosDeviceDriver {
    const call = async <T>(method: Method, detail: string, body: () => T | Promise<T>): Promise<T> => {
      if (!this.connected) throw new DeviceGoneError(this.udid, 'detached');
      const fault = this.#faults.get(method)?.shift();
      if (fault) this.timeline.push(`fail ${method}`);
      if (fault === 'vanish') {
        this.connected = false;
        throw new DeviceGoneError(this.udid, 'detached mid-request');
      }
      if (fault) throw fault;
      this.log.push(detail ? `${method} ${detail}` : method);
      this.timeline.push(`start ${method}`);
      const ms = this.latencyMs[method] ?? 0;
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      try {
        return await body();
      } finally {
        this.timeline.push(`end ${method}`);
      }
    };
    const goAndComeBack = () => {
      this.generation += 1;
    };
    return {
      udid: this.udid,
      identity: () => call('identity', '', () => ({ ...this.identity })),
      installedApps: () => call('installedApps', '', () => [...this.apps.values()]),
      installApp: async (path) => {
        const ahead = this.staged.get(path);
        this.staged.delete(path);
        // A failed upload ahead: the driver uploads afresh.
        const prestaged = ahead
          ? await ahead.then(
              () => true,
              () => false,
            )
          : false;
        return call('installApp', path, async () => {
          this.installs.push({ path, prestaged });
          const info = await readIpaInfo(path);
          this.apps.set(info.bundleId, {
            bundleId: info.bundleId,
            version: info.version,
            shortVersion: info.shortVersion,
            name: info.name,
          });
        });
      },
      prestageApp: (path) => {
        let upload = this.staged.get(path);
        if (!upload) {
          upload = call('prestageApp', path, () => undefined);
          upload.catch(() => undefined);
          this.staged.set(path, upload);
        }
        return upload;
      },
      discardStaged: async () => {
        const uploads = [...this.staged.values()];
        this.staged.clear();
        this.log.push('discardStaged');
        for (const upload of uploads)
          if (
            await upload.then(
              () => true,
              () => false,
            )
          )
            this.discarded += 1;
      },
      uninstallApp: (bundleId) =>
        call('uninstallApp', bundleId, () => {
          if (!this.apps.delete(bundleId)) throw new DeviceCommandError(`${bundleId} is not installed`);
        }),
      installedProfiles: () => call('installedProfiles', '', () => [...this.profiles.values()]),
      installProfile: (payload) =>
        call('installProfile', '', () => {
          const info = readMobileconfig(payload);
          this.profiles.set(info.identifier, {
            identifier: info.identifier,
            uuid: info.uuid,
            displayName: info.displayName,
            signed: info.signed,
          });
        }),
      removeProfile: (identifier) =>
        call('removeProfile', identifier, () => void this.profiles.delete(identifier)),
      setDeviceName: (name) => call('setDeviceName', name, () => void (this.identity.deviceName = name)),
      cloudConfiguration: () => call('cloudConfiguration', '', () => this.cloud),
      prepare: (configuration) =>
        call('prepare', configuration.organisationName, () => {
          if (this.cloud) throw new DeviceCommandError('The cloud configuration is already present. (14002)');
          this.cloud = {
            OrganizationName: configuration.organisationName,
            IsSupervised: configuration.supervise,
          };
          this.identity.supervised = configuration.supervise;
          this.identity.organisation = configuration.organisationName;
        }),
      erase: () =>
        call('erase', '', () => {
          this.apps.clear();
          this.profiles.clear();
          this.cloud = undefined;
          this.identity = {
            ...this.identity,
            inSetupAssistant: true,
            supervised: false,
            organisation: undefined,
          };
          goAndComeBack();
        }),
      restart: () => call('restart', '', goAndComeBack),
    };
  }
}
