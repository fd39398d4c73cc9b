// What GetValue answers: the root domain (no Domain) and the named domains ideviceinfo
// knows, built from the device's identity and current state. Outside a session a device
// reveals only a few harmless keys (enough for a host to pair), as a real iPhone does.
import type { PlistDict, PlistValue } from '../../../ios/wire/plist-codec.ts';
import type { IosLabIdentity } from '../device/identity.ts';

/** The device state GetValue reads (a snapshot; the device model builds it on each request). */
export interface LockdownFacts {
  identity: IosLabIdentity;
  deviceName: string;
  activated: boolean;
  setupDone: boolean;
  supervised: boolean;
  activationLock: boolean;
  passcodeSet: boolean;
  battery: { level: number; charging: boolean };
  freeBytes: number;
  devicePublicKeyPem: string;
  wifiConnections: boolean;
  /** When the device was first activated (the purchase date shown in Settings). */
  purchaseDate: Date;
  timeZone: string;
}

/** Keys an untrusted host may read before StartSession. */
const PUBLIC_KEYS = new Set([
  'BasebandVersion',
  'BoardId',
  'BuildVersion',
  'ChipID',
  'DeviceClass',
  'DeviceColor',
  'DeviceName',
  'DevicePublicKey',
  'DieID',
  'HardwareModel',
  'HasSiDP',
  'PartitionType',
  'ProductName',
  'ProductType',
  'ProductVersion',
  'ProductionSOC',
  'ProtocolVersion',
  'SupportedDeviceFamilies',
  'TelephonyCapability',
  'UniqueChipID',
  'UniqueDeviceID',
  'WiFiAddress',
]);

export type LockdownValueResult = { value: PlistValue } | { error: 'MissingValue' };

/** GetValue: `domain` and `key` as the request gave them (undefined when absent). */
export function lookupValue(
  facts: LockdownFacts,
  domain: string | undefined,
  key: string | undefined,
  inSession: boolean,
): LockdownValueResult {
  let values: PlistDict | undefined;
  if (domain === undefined) {
    values = rootValues(facts);
    if (!inSession)
      values = Object.fromEntries(Object.entries(values).filter(([name]) => PUBLIC_KEYS.has(name)));
  } else {
    // Domains are private: a host must be paired and in a session to read them.
    values = inSession ? domainValues(facts, domain) : undefined;
  }
  if (values === undefined) return { error: 'MissingValue' };
  if (key === undefined) return { value: values };
  const value = values[key];
  return value === undefined ? { error: 'MissingValue' } : { value };
}

function rootValues(f: LockdownFacts): PlistDict {
  const id = f.identity;
  const model = id.model;
  const cellular = id.imei !== undefined;
  const now = new Date();
  const values: PlistDict = {
    ActivationState: f.activated ? 'Activated' : 'Unactivated',
    ActivationStateAcknowledged: f.activated,
    BluetoothAddress: id.bluetoothAddress,
    BoardId: id.boardId,
    BrickState: false,
    BuildVersion: id.buildVersion,
    CPUArchitecture: 'arm64e',
    ChipID: model.chip.chipId,
    DeviceClass: model.deviceClass,
    DeviceColor: '1',
    DeviceName: f.deviceName,
    DevicePublicKey: Buffer.from(f.devicePublicKeyPem, 'utf8'),
    DieID: id.dieId,
    EthernetAddress: id.ethernetAddress,
    FirmwareVersion: 'iBoot-11881.1.1',
    FusingStatus: 3,
    HardwareModel: model.hardwareModel,
    HardwarePlatform: model.chip.hardwarePlatform,
    HasSiDP: true,
    HostAttached: true,
    HumanReadableProductVersionString: id.iosVersion,
    MLBSerialNumber: id.mlbSerial,
    ModelNumber: id.modelNumber,
    PartitionType: 'GUID_partition_scheme',
    PasswordProtected: f.passcodeSet,
    ProductName: 'iPhone OS',
    ProductType: model.productType,
    ProductVersion: id.iosVersion,
    ProductionSOC: true,
    ProtocolVersion: '2',
    RegionInfo: id.regionInfo,
    SerialNumber: id.serial,
    SoftwareBundleVersion: '',
    SupportedDeviceFamilies: model.deviceClass === 'iPad' ? [1, 2] : [1],
    TelephonyCapability: cellular,
    TimeIntervalSince1970: now.getTime() / 1000,
    TimeZone: f.timeZone,
    TimeZoneOffsetFromUTC: 0,
    TrustedHostAttached: true,
    UniqueChipID: id.ecid,
    UniqueDeviceID: id.udid,
    UseRaptorCerts: true,
    Uses24HourClock: true,
    WiFiAddress: id.wifiAddress,
    WirelessBoardSerialNumber: id.mlbSerial.slice(0, 12),
  };
  if (cellular) {
    Object.assign(values, {
      BasebandStatus: 'BBInfoAvailable',
      BasebandVersion: '2.60.02',
      InternationalMobileEquipmentIdentity: id.imei,
      ...(id.imei2 === undefined ? {} : { InternationalMobileEquipmentIdentity2: id.imei2 }),
      ...(id.meid === undefined ? {} : { MobileEquipmentIdentifier: id.meid }),
      SIMStatus: 'kCTSIMSupportSIMStatusNotInserted',
    });
  }
  return values;
}

/** The named domains; undefined for a domain this device does not have. */
function domainValues(f: LockdownFacts, domain: string): PlistDict | undefined {
  const id = f.identity;
  const dataCapacity = id.totalDiskBytes - id.systemBytes;
  switch (domain) {
    case 'com.apple.disk_usage':
    case 'com.apple.disk_usage.factory':
      return {
        TotalDiskCapacity: id.totalDiskBytes,
        TotalSystemCapacity: id.systemBytes,
        TotalSystemAvailable: Math.floor(id.systemBytes * 0.08),
        TotalDataCapacity: dataCapacity,
        TotalDataAvailable: f.freeBytes,
        AmountDataAvailable: f.freeBytes,
        AmountDataReserved: 200 * 1024 * 1024,
        CalculateDiskUsage: 'OkilyDokily',
      };
    case 'com.apple.mobile.battery':
      return {
        BatteryCurrentCapacity: f.battery.level,
        BatteryIsCharging: f.battery.charging,
        ExternalChargeCapable: true,
        ExternalConnected: true,
        FullyCharged: f.battery.level >= 100,
        GasGaugeCapability: true,
        HasBattery: true,
      };
    case 'com.apple.mobile.iTunes':
      return {
        MinITunesVersion: '12.8.3',
        MinMacOSVersion: '10.13.6',
        FamilyID: 10_021,
        DBVersion: 5,
        SupportsAntiPhishing: true,
        SupportsApplicationInstall: true,
        SupportsPodcasts: true,
        ChapterImageSpecs: [],
        PurchaseTimestamp: f.purchaseDate,
      };
    case 'com.apple.PurchaseTimestamp':
      return { PurchaseTimestamp: f.purchaseDate };
    case 'com.apple.purplebuddy':
      return { SetupDone: f.setupDone, SetupFinishedAllSteps: f.setupDone };
    case 'com.apple.mobile.chaperone':
      return { DeviceIsChaperoned: f.supervised };
    case 'com.apple.fmip':
      return { IsAssociated: f.activationLock };
    case 'com.apple.mobile.wireless_lockdown':
      return { EnableWifiConnections: f.wifiConnections, SupportsWifi: true, SupportsWifiSyncing: true };
    case 'com.apple.international':
      return {
        Language: 'en',
        Locale: 'en_GB',
        Keyboard: 'en_GB',
        SupportedLanguages: ['en', 'de', 'fr', 'es', 'it', 'nl'],
        SupportedLocales: ['en_GB', 'en_US', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL'],
      };
    case 'com.apple.mobile.backup':
      return { WillEncrypt: false, CloudBackupEnabled: false };
    case 'com.apple.mobile.restriction':
      return { ProhibitAppInstall: false, ProhibitAppDelete: false };
    case 'com.apple.mobile.internal':
      return { IsInternal: false };
    case 'com.apple.mobile.user_preferences':
      return { DiagnosticsAllowed: false };
    case 'com.apple.mobile.software_behavior':
      return { Valid: false, GoogleMail: false, VolumeLimit: false, ShutterClick: false };
    case 'com.apple.mobile.data_sync':
    case 'com.apple.mobile.tethered_sync':
    case 'com.apple.mobile.mobile_application_usage':
    case 'com.apple.mobile.nikita':
    case 'com.apple.mobile.sync_data_class':
    case 'com.apple.mobile.iTunes.SQLMusicLibraryPostProcessCommands':
    case 'com.apple.mobile.iTunes.accessories':
    case 'com.apple.mobile.iTunes.store':
    case 'com.apple.fairplay':
    case 'com.apple.iTunes':
      return {};
    default:
      return undefined;
  }
}
