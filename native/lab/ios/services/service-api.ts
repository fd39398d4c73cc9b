// The seam between the simulated lockdownd (which starts services and hands each new
// connection over, already decrypted when the service uses SSL) and the services
// themselves (AFC, installation_proxy, MCInstall, diagnostics_relay). A service sees the
// device only through LabIosDeviceApi, so services and the device model are tested apart.
import type { Duplex } from 'node:stream';
import type { PlistDict, PlistValue } from '../../../ios/wire/plist-codec.ts';

export interface LabIosApp {
  bundleId: string;
  /** CFBundleVersion */
  version: string;
  /** CFBundleShortVersionString */
  shortVersion: string | undefined;
  name: string;
  /** 'System' for Apple's own apps, 'User' for installed ones (installation_proxy ApplicationType). */
  type: 'System' | 'User';
  /** The app's Info.plist as installed (installation_proxy Browse returns these keys). */
  infoPlist: PlistDict;
  sizeBytes: number;
}

export interface LabIosProfile {
  /** PayloadIdentifier */
  identifier: string;
  uuid: string;
  displayName: string;
  /** The profile as installed (signed profiles: the inner plist). */
  payload: PlistDict;
  signed: boolean;
}

/** A file in the device's media partition as AFC sees it (directories have no data). */
export interface LabIosFileEntry {
  kind: 'file' | 'directory';
  data: Buffer;
  modifiedMs: number;
}

/** What services may read and change on a simulated iPhone. Implemented by the device model. */
export interface LabIosDeviceApi {
  readonly udid: string;
  /** The media partition AFC serves (paths are absolute, "/" is its root, e.g. "/PublicStaging"). */
  readonly files: Map<string, LabIosFileEntry>;
  readonly apps: Map<string, LabIosApp>;
  readonly profiles: Map<string, LabIosProfile>;
  /** The cloud configuration set by SetCloudConfiguration (undefined when none). */
  cloudConfiguration: PlistDict | undefined;
  readonly inSetupAssistant: boolean;
  readonly supervised: boolean;
  /**
   * Storage the services must respect (an install that does not fit fails as a device would).
   * AFC uploads land in `files` directly, so it should count their bytes as used.
   */
  freeBytes(): number;
  /** The media partition's capacity (AFC GetDeviceInfo FSTotalBytes); optional. */
  totalBytes?(): number;
  /**
   * MobileGestalt answers (ProductType, ProductVersion, BuildVersion, SerialNumber, …):
   * diagnostics_relay's MobileGestalt returns them, AFC names the Model, and
   * installation_proxy compares an app's MinimumOSVersion with ProductVersion. Optional.
   */
  readonly gestalt?: Readonly<Record<string, PlistValue>>;
  /** level and health in percent (0–100), temperature in °C (diagnostics_relay's IOPMPowerSource). */
  battery(): { level: number; charging: boolean; health: number; cycleCount: number; temperature: number };
  /**
   * A fault the control API armed for the next app install ("make an install fail"): the
   * error name and description installation_proxy reports; undefined when none.
   */
  takeInstallFault(): { error: string; description: string } | undefined;
  /** Waits as the real device would take for `work` (scaled by the device's latency model). */
  delay(kind: 'command' | 'install' | 'profile' | 'transfer', bytes?: number): Promise<void>;
  /** diagnostics_relay Restart / Shutdown, MCInstall EraseDevice: the device drops off usbmuxd. */
  restart(): void;
  shutdown(): void;
  erase(): void;
  /** Records a request the device received (the control API lists them; tests read them). */
  record(service: string, request: string): void;
}

export interface LabIosService {
  /** The name StartService asks for, e.g. "com.apple.afc". */
  readonly name: string;
  /** Whether StartService answers EnableServiceSSL: the lab then wraps the connection in TLS. */
  readonly ssl: boolean;
  /** Serves one client connection until it closes; must survive any bytes a client sends. */
  serve(connection: Duplex, device: LabIosDeviceApi): void;
}
