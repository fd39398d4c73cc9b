// com.apple.mobile.installation_proxy: lists, installs and removes apps. An install reads
// the package a host uploaded over AFC (an .ipa, or a developer .app directory) with the
// same reader staging uses, answers with the progress messages a device sends and ends
// in Complete, or in an error dictionary as iOS words it. The control API's armed install
// fault fails the next install part-way, as a device would.
import { createHash } from 'node:crypto';
import { ipaInfoFromInfoPlist, IpaError, readIpaInfo, type IpaInfo } from '../../../ios/ipa/ipa-info.ts';
import type { PlistDict, PlistValue } from '../../../ios/wire/plist-codec.ts';
import { normalizeAfcPath } from './afc-protocol.ts';
import { NOTIFICATIONS, postNotification } from './device-notifications.ts';
import type { PlistConversation } from './plist-service.ts';
import { PlistService } from './plist-service.ts';
import type { LabIosApp, LabIosDeviceApi } from './service-api.ts';

/** Wire format. Requests: { Command, ClientOptions?, PackagePath? | ApplicationIdentifier? }. */
const COMMAND = {
  browse: 'Browse',
  lookup: 'Lookup',
  install: 'Install',
  upgrade: 'Upgrade',
  uninstall: 'Uninstall',
  checkCapabilitiesMatch: 'CheckCapabilitiesMatch',
} as const;
/** Browse answers in pages: { CurrentAmount, CurrentIndex, CurrentList, Total, Status: BrowsingApplications }. */
const BROWSE_PAGE = 20;
/** Progress an install reports, as iOS sends it: [Status, PercentComplete]. */
const INSTALL_STEPS: readonly (readonly [string, number])[] = [
  ['CreatingStagingDirectory', 5],
  ['ExtractingPackage', 15],
  ['InspectingPackage', 20],
  ['TakingInstallLock', 20],
  ['PreflightingApplication', 30],
  ['InstallingEmbeddedProfile', 30],
  ['VerifyingApplication', 40],
  ['CreatingContainer', 50],
  ['InstallingApplication', 60],
  ['PostflightingApplication', 70],
  ['SandboxingApplication', 80],
  ['GeneratingApplicationMap', 90],
];
/** The step after which an install's time passes (the device copying and verifying the app). */
const INSTALL_WORK_AFTER = 'VerifyingApplication';
/** The step an armed install fault fails at. */
const FAULT_AFTER = 'PreflightingApplication';
const UNINSTALL_STEPS: readonly (readonly [string, number])[] = [
  ['RemovingApplication', 50],
  ['GeneratingApplicationMap', 90],
];
const COMPLETE = { Status: 'Complete' } as const;

/** Error names iOS uses (libimobiledevice maps each to an instproxy_error_t). */
const ERROR = {
  missingCommand: 'MissingCommand',
  unknownCommand: 'UnknownCommand',
  missingPackagePath: 'MissingPackagePath',
  missingApplicationIdentifier: 'MissingApplicationIdentifier',
  packageExtractionFailed: 'PackageExtractionFailed',
  packageInspectionFailed: 'PackageInspectionFailed',
  deviceOsVersionTooLow: 'DeviceOSVersionTooLow',
  apiInternalError: 'APIInternalError',
  lookupFailed: 'LookupFailed',
  uninstallProhibited: 'UninstallProhibited',
} as const;

/** An error ends a command: { Error, ErrorDescription } and no Status, as iOS sends it. */
function failure(error: string, description: string): PlistDict {
  return { Error: error, ErrorDescription: description };
}

const refuse = (error: string, description: string) => ({ refusal: failure(error, description) });

/** A stable container UUID per bundle id, so Browse shows the same Path every time. */
function containerPath(app: LabIosApp): string {
  const hex = createHash('sha256').update(app.bundleId).digest('hex').toUpperCase();
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const appName =
    typeof app.infoPlist.CFBundleExecutable === 'string' ? app.infoPlist.CFBundleExecutable : app.name;
  return `/private/var/containers/Bundle/Application/${uuid}/${appName}.app`;
}

/** What Browse and Lookup say about an app: its Info.plist plus installd's own keys. */
function appRecord(app: LabIosApp): PlistDict {
  const record: PlistDict = {
    ...app.infoPlist,
    ApplicationType: app.type,
    CFBundleIdentifier: app.bundleId,
    CFBundleVersion: app.version,
    CFBundleDisplayName: app.name,
    Path: containerPath(app),
    StaticDiskUsage: app.sizeBytes,
    DynamicDiskUsage: 0,
    IsAppClip: false,
  };
  if (app.shortVersion !== undefined) record.CFBundleShortVersionString = app.shortVersion;
  return record;
}

function stringOption(options: PlistDict, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' ? value : undefined;
}

function stringList(value: PlistValue | undefined): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** The apps ClientOptions select (ApplicationType, BundleIDs), shaped by ReturnAttributes. */
function selectApps(device: LabIosDeviceApi, options: PlistDict): Map<string, PlistDict> {
  const type = stringOption(options, 'ApplicationType') ?? 'Any';
  const bundleIds = stringList(options.BundleIDs);
  const attributes = stringList(options.ReturnAttributes);
  const selected = new Map<string, PlistDict>();
  for (const app of device.apps.values()) {
    if (type !== 'Any' && app.type !== type) continue;
    if (bundleIds && !bundleIds.includes(app.bundleId)) continue;
    const record = appRecord(app);
    selected.set(
      app.bundleId,
      attributes
        ? Object.fromEntries(attributes.filter((a) => a in record).map((a) => [a, record[a]!]))
        : record,
    );
  }
  return selected;
}

/** Compares dotted versions numerically ("16.0" < "17.4.1"). */
function versionBelow(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

export class InstallationProxyService extends PlistService {
  readonly name = 'com.apple.mobile.installation_proxy';
  readonly ssl = false;
  protected readonly requestKey = 'Command';

  protected async handle(request: PlistDict, conversation: PlistConversation): Promise<void> {
    const options = request.ClientOptions;
    const clientOptions: PlistDict =
      typeof options === 'object' && options !== null && !Array.isArray(options) && !(options instanceof Date)
        ? (options as PlistDict)
        : {};
    const command = this.requestName(request);
    await conversation.device.delay('command');
    switch (command) {
      case COMMAND.browse:
        return this.#browse(conversation, clientOptions);
      case COMMAND.lookup:
        return conversation.send({
          LookupResult: Object.fromEntries(selectApps(conversation.device, clientOptions)),
          Status: 'Complete',
        });
      case COMMAND.install:
      case COMMAND.upgrade: {
        const path = request.PackagePath;
        if (typeof path !== 'string' || path === '')
          return conversation.send(failure(ERROR.missingPackagePath, 'PackagePath is missing'));
        return this.#install(conversation, path);
      }
      case COMMAND.uninstall: {
        const bundleId = request.ApplicationIdentifier;
        if (typeof bundleId !== 'string' || bundleId === '')
          return conversation.send(
            failure(ERROR.missingApplicationIdentifier, 'ApplicationIdentifier is missing'),
          );
        return this.#uninstall(conversation, bundleId);
      }
      case COMMAND.checkCapabilitiesMatch:
        return conversation.send({ LookupResult: true, Status: 'Complete' });
      case undefined:
        return conversation.send(failure(ERROR.missingCommand, 'The request has no Command'));
      default:
        return conversation.send(failure(ERROR.unknownCommand, `Unknown command ${command}`));
    }
  }

  async #browse(conversation: PlistConversation, options: PlistDict): Promise<void> {
    const apps = [...selectApps(conversation.device, options).values()];
    for (let index = 0; index < apps.length; index += BROWSE_PAGE) {
      const page = apps.slice(index, index + BROWSE_PAGE);
      await conversation.send({
        CurrentAmount: page.length,
        CurrentIndex: index,
        CurrentList: page,
        Status: 'BrowsingApplications',
        Total: apps.length,
      });
    }
    await conversation.send(COMPLETE);
  }

  /** The package at an AFC path: an .ipa file, or an .app directory uploaded file by file. */
  async #inspect(
    device: LabIosDeviceApi,
    packagePath: string,
  ): Promise<{ info: IpaInfo; refusal?: undefined } | { info?: undefined; refusal: PlistDict }> {
    const path = normalizeAfcPath(packagePath);
    const entry = device.files.get(path);
    if (!entry) return refuse(ERROR.packageExtractionFailed, `Could not find a package at ${packagePath}`);
    try {
      if (entry.kind === 'file') return { info: await readIpaInfo(entry.data) };
      const infoPlist = device.files.get(`${path}/Info.plist`);
      if (!infoPlist || infoPlist.kind !== 'file')
        return refuse(
          ERROR.packageInspectionFailed,
          `Failed to get the bundle's Info.plist: ${path}/Info.plist is missing`,
        );
      const size = [...device.files].reduce(
        (sum, [key, file]) => sum + (key.startsWith(`${path}/`) ? file.data.length : 0),
        0,
      );
      return { info: ipaInfoFromInfoPlist(infoPlist.data, `${path}/Info.plist`, size) };
    } catch (err) {
      if (!(err instanceof IpaError)) throw err;
      const extraction = err.code === 'NOT_ZIP' || err.code === 'UNSUPPORTED_ZIP' || err.code === 'IO';
      return refuse(
        extraction ? ERROR.packageExtractionFailed : ERROR.packageInspectionFailed,
        extraction
          ? `Failed to extract package: ${err.message}`
          : `Failed to inspect package: ${err.message}`,
      );
    }
  }

  async #install(conversation: PlistConversation, packagePath: string): Promise<void> {
    const device = conversation.device;
    const progress = (step: string, percent: number) =>
      conversation.send({ PercentComplete: percent, Status: step });
    const [first, second] = INSTALL_STEPS;
    await progress(...first!);
    await progress(...second!);
    const { info, refusal } = await this.#inspect(device, packagePath);
    if (refusal) return conversation.send(refusal);
    const osVersion = device.gestalt?.ProductVersion;
    if (
      info.minimumOsVersion &&
      typeof osVersion === 'string' &&
      versionBelow(osVersion, info.minimumOsVersion)
    )
      return conversation.send(
        failure(
          ERROR.deviceOsVersionTooLow,
          `${info.bundleId} needs iOS ${info.minimumOsVersion}; the device runs ${osVersion}`,
        ),
      );
    const previous = device.apps.get(info.bundleId);
    const needed = info.sizeBytes - (previous?.sizeBytes ?? 0);
    if (needed > device.freeBytes())
      return conversation.send(
        failure(
          ERROR.apiInternalError,
          `Not enough storage to install ${info.bundleId}: needs ${needed} bytes, ${device.freeBytes()} free`,
        ),
      );
    const fault = device.takeInstallFault();
    for (const [step, percent] of INSTALL_STEPS.slice(2)) {
      await progress(step, percent);
      if (fault && step === FAULT_AFTER) return conversation.send(failure(fault.error, fault.description));
      if (step === INSTALL_WORK_AFTER) await device.delay('install', info.sizeBytes);
    }
    device.apps.set(info.bundleId, {
      bundleId: info.bundleId,
      version: info.version,
      shortVersion: info.shortVersion,
      name: info.name,
      type: 'User',
      infoPlist: info.infoPlist,
      sizeBytes: info.sizeBytes,
    });
    // installd moves the staged package into the app's container: it leaves PublicStaging.
    const staged = normalizeAfcPath(packagePath);
    for (const key of [...device.files.keys()])
      if (key === staged || key.startsWith(`${staged}/`)) device.files.delete(key);
    device.record(this.name, `Installed ${info.bundleId} ${info.shortVersion ?? info.version}`);
    await conversation.send(COMPLETE);
    postNotification(device, NOTIFICATIONS.appInstalled);
  }

  async #uninstall(conversation: PlistConversation, bundleId: string): Promise<void> {
    const device = conversation.device;
    const app = device.apps.get(bundleId);
    if (!app)
      return conversation.send(
        failure(ERROR.lookupFailed, `No application with bundle identifier ${bundleId} is installed`),
      );
    if (app.type === 'System')
      return conversation.send(
        failure(ERROR.uninstallProhibited, `${bundleId} is a system application and cannot be removed`),
      );
    for (const [step, percent] of UNINSTALL_STEPS) {
      await conversation.send({ PercentComplete: percent, Status: step });
      if (step === 'RemovingApplication') await device.delay('command');
    }
    device.apps.delete(bundleId);
    await conversation.send(COMPLETE);
    postNotification(device, NOTIFICATIONS.appUninstalled);
  }
}
