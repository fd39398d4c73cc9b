// Everything staging and the bench ask of one iPhone or iPad. The usbmux/lockdown
// implementation lives beside this file; tests of the engine use an in-memory one.
// Every method may throw DeviceGoneError (the device left usbmuxd or dropped the session),
// DeviceCommandError (the device refused, in its own words) or DeviceUnreadableError.
export { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../device-errors.ts';

export interface IosIdentity {
  udid: string;
  /** The serial number printed on the box and in Settings › General › About. */
  serial: string;
  /** UniqueChipID, as a decimal string (it can exceed 2^53 in principle). */
  ecid: string;
  /** Undefined with the reason in imeiUnknownReason (Wi-Fi-only iPad, or not reported). */
  imei: string | undefined;
  imeiUnknownReason: string | undefined;
  /** e.g. "iPhone15,4" */
  productType: string;
  /** e.g. "iPhone 15" (from ProductType) */
  modelName: string;
  deviceClass: string;
  deviceName: string;
  iosVersion: string;
  buildVersion: string;
  batteryPercent: number;
  batteryCharging: boolean;
  totalBytes: number;
  freeBytes: number;
  /** lockdownd's ActivationState: Activated, Unactivated, FactoryActivated, … */
  activationState: string;
  /** Still in Setup Assistant (never set up, or erased): only then can it be prepared/supervised. */
  inSetupAssistant: boolean;
  supervised: boolean;
  /** The organisation named in the device's cloud configuration, when it has one. */
  organisation: string | undefined;
  /** 'unknown' when the device does not report it. */
  activationLock: 'on' | 'off' | 'unknown';
  passcodeSet: boolean | undefined;
}

export interface InstalledIosApp {
  bundleId: string;
  /** CFBundleVersion (the build number the profile compares). */
  version: string;
  /** CFBundleShortVersionString (what people call the version). */
  shortVersion: string | undefined;
  name: string | undefined;
}

export interface InstalledConfigurationProfile {
  /** PayloadIdentifier: what RemoveProfile takes. */
  identifier: string;
  uuid: string | undefined;
  displayName: string | undefined;
}

/** SetCloudConfiguration's dictionary, in Depotline's words (the driver maps them to Apple's keys). */
export interface CloudConfiguration {
  organisationName: string;
  organisationDepartment?: string;
  organisationEmail?: string;
  organisationPhone?: string;
  supervise: boolean;
  /** DER certificates of the supervision identity: hosts holding its key may pair without a prompt. */
  supervisorHostCertificates: Buffer[];
  /** Setup Assistant panes to skip ("Location", "Restore", "Passcode", …). */
  skipSetup: string[];
  /** MDM enrolment: the server URL and the anchor certificates to trust for it. */
  mdmUrl?: string;
  anchorCertificates: Buffer[];
  allowPairing: boolean;
  isMandatory: boolean;
  isMdmUnremovable: boolean;
}

export interface IosDeviceDriver {
  readonly udid: string;
  identity(): Promise<IosIdentity>;
  installedApps(): Promise<InstalledIosApp[]>;
  /**
   * Uploads the IPA with AFC and installs it through installation_proxy; progress is 0–100.
   * After prestageApp(ipaPath) it installs the package uploaded ahead (waiting for the upload
   * while it runs); when that upload failed, it uploads afresh.
   */
  installApp(ipaPath: string, onProgress?: (percent: number) => void): Promise<void>;
  /**
   * Uploads the IPA to /PublicStaging ahead of its installApp (which may run meanwhile other calls
   * do); resolves once it is on the device. A second call for the same path returns the same promise.
   */
  prestageApp(ipaPath: string): Promise<void>;
  /** Removes packages prestageApp uploaded that no installApp took (best effort; never throws). */
  discardStaged(): Promise<void>;
  uninstallApp(bundleId: string): Promise<void>;
  installedProfiles(): Promise<InstalledConfigurationProfile[]>;
  /** A .mobileconfig as bytes: an XML or binary plist, or a PKCS#7-signed one. */
  installProfile(payload: Buffer): Promise<void>;
  removeProfile(identifier: string): Promise<void>;
  setDeviceName(name: string): Promise<void>;
  /** The device's cloud configuration (undefined when none is present). */
  cloudConfiguration(): Promise<Record<string, unknown> | undefined>;
  /** Prepares a device in Setup Assistant: supervision, panes to skip, MDM enrolment. */
  prepare(configuration: CloudConfiguration): Promise<void>;
  erase(): Promise<void>;
  restart(): Promise<void>;
  /** Closes what the driver keeps open between calls (a later call opens it again). */
  close?(): void;
}
