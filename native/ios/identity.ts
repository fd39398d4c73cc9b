// An iPhone's identity as the bench shows it, from lockdownd's values (inside a session) and
// MCInstall's cloud configuration. Where each field comes from:
//   udid, serial, ecid, imei, productType, deviceClass, deviceName, iOS, build, activation,
//   passcode        GetValue (all values): UniqueDeviceID, SerialNumber, UniqueChipID,
//                   InternationalMobileEquipmentIdentity, ProductType, DeviceClass, DeviceName,
//                   ProductVersion, BuildVersion, ActivationState, PasswordProtected
//   battery         domain com.apple.mobile.battery: BatteryCurrentCapacity, BatteryIsCharging
//   storage         domain com.apple.disk_usage: TotalDiskCapacity, AmountDataAvailable
//   Activation Lock domain com.apple.fmip: IsAssociated (Find My is on, so Activation Lock is);
//                   'unknown' when the device does not answer it (newer iOS prohibit the read)
//   Setup Assistant domain com.apple.purplebuddy: SetupDone, when reported; otherwise a device
//                   that is not activated (ActivationState Unactivated) is taken to be in it,
//                   since an activated device has necessarily passed its activation pane
//   supervision     domain com.apple.mobile.chaperone: DeviceIsChaperoned (supervised now), or
//                   the cloud configuration's IsSupervised (prepared for supervision, which
//                   takes effect as Setup Assistant finishes): either counts
//   organisation    cloud configuration: OrganizationName
import { DeviceUnreadableError } from '../device-errors.ts';
import type { IosIdentity } from './ios-driver.ts';
import { modelNameOf, productTypeInfo } from './product-types.ts';
import type { PlistDict, PlistValue } from './wire/plist-codec.ts';

/** The lockdownd domains identity() reads besides the default one. */
export const IDENTITY_DOMAINS = {
  battery: 'com.apple.mobile.battery',
  diskUsage: 'com.apple.disk_usage',
  findMy: 'com.apple.fmip',
  setupAssistant: 'com.apple.purplebuddy',
  supervision: 'com.apple.mobile.chaperone',
} as const;

export interface IdentitySources {
  /** GetValue with neither Domain nor Key. */
  values: PlistDict;
  battery: PlistDict | undefined;
  diskUsage: PlistDict | undefined;
  findMy: PlistDict | undefined;
  setupAssistant: PlistDict | undefined;
  supervision?: PlistDict | undefined;
  cloudConfiguration: PlistDict | undefined;
}

const text = (value: PlistValue | undefined) =>
  typeof value === 'string' && value !== '' ? value : undefined;
const number = (value: PlistValue | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const flag = (value: PlistValue | undefined) => (typeof value === 'boolean' ? value : undefined);

export function buildIdentity(sources: IdentitySources): IosIdentity {
  const { values, cloudConfiguration } = sources;
  const required = (key: string) => {
    const value = text(values[key]);
    if (value === undefined) throw new DeviceUnreadableError(`lockdownd did not report ${key}`);
    return value;
  };
  const productType = required('ProductType');
  const info = productTypeInfo(productType);
  const imei = text(values.InternationalMobileEquipmentIdentity);
  const activationState = text(values.ActivationState) ?? 'Unknown';
  const setupDone = flag(sources.setupAssistant?.SetupDone);
  const findMy = flag(sources.findMy?.IsAssociated);
  const ecid = values.UniqueChipID;

  return {
    udid: required('UniqueDeviceID'),
    serial: required('SerialNumber'),
    ecid: typeof ecid === 'number' || typeof ecid === 'bigint' ? ecid.toString() : (text(ecid) ?? ''),
    imei,
    imeiUnknownReason:
      imei !== undefined
        ? undefined
        : info?.cellular === false
          ? `${info.name} is Wi-Fi only: it has no cellular modem and so no IMEI`
          : 'the device did not report an IMEI',
    productType,
    modelName: modelNameOf(productType),
    deviceClass: text(values.DeviceClass) ?? info?.deviceClass ?? 'Unknown',
    deviceName: text(values.DeviceName) ?? '',
    iosVersion: required('ProductVersion'),
    buildVersion: text(values.BuildVersion) ?? '',
    batteryPercent: number(sources.battery?.BatteryCurrentCapacity) ?? 0,
    batteryCharging: flag(sources.battery?.BatteryIsCharging) ?? false,
    totalBytes: number(sources.diskUsage?.TotalDiskCapacity) ?? 0,
    freeBytes:
      number(sources.diskUsage?.AmountDataAvailable) ?? number(sources.diskUsage?.TotalDataAvailable) ?? 0,
    activationState,
    inSetupAssistant: setupDone !== undefined ? !setupDone : activationState === 'Unactivated',
    supervised:
      flag(sources.supervision?.DeviceIsChaperoned) === true ||
      flag(cloudConfiguration?.IsSupervised) === true,
    organisation: text(cloudConfiguration?.OrganizationName),
    activationLock: findMy === undefined ? 'unknown' : findMy ? 'on' : 'off',
    passcodeSet: flag(values.PasswordProtected),
  };
}
