// A small in-memory iPhone for the services' tests: the LabIosDeviceApi with no latency,
// storage computed from what is on it, and every power action and request counted.
import type { PlistDict, PlistValue } from '../../../../native/ios/wire/plist-codec.ts';
import type {
  LabIosApp,
  LabIosDeviceApi,
  LabIosFileEntry,
  LabIosProfile,
} from '../../../../native/lab/ios/services/service-api.ts';

export class FakeIosDevice implements LabIosDeviceApi {
  readonly udid = '00008110-000A1B2C3D4E5F60';
  readonly files = new Map<string, LabIosFileEntry>();
  readonly apps = new Map<string, LabIosApp>();
  readonly profiles = new Map<string, LabIosProfile>();
  cloudConfiguration: PlistDict | undefined = undefined;
  inSetupAssistant = true;
  supervised = false;
  capacityBytes = 64 * 1024 * 1024 * 1024;
  gestalt: Record<string, PlistValue> = {
    ProductType: 'iPhone15,4',
    ProductVersion: '17.5.1',
    BuildVersion: '21F90',
    SerialNumber: 'F2LXK0Q1N72J',
  };
  batteryState = { level: 83, charging: true, health: 91, cycleCount: 212, temperature: 29.5 };
  installFault: { error: string; description: string } | undefined;
  readonly requests: string[] = [];
  readonly delays: { kind: string; bytes: number | undefined }[] = [];
  restarts = 0;
  shutdowns = 0;
  erasures = 0;

  freeBytes(): number {
    let used = 0;
    for (const file of this.files.values()) used += file.data.length;
    for (const app of this.apps.values()) used += app.sizeBytes;
    return this.capacityBytes - used;
  }

  totalBytes(): number {
    return this.capacityBytes;
  }

  battery() {
    return this.batteryState;
  }

  takeInstallFault() {
    const fault = this.installFault;
    this.installFault = undefined;
    return fault;
  }

  delay(kind: 'command' | 'install' | 'profile' | 'transfer', bytes?: number): Promise<void> {
    this.delays.push({ kind, bytes });
    return Promise.resolve();
  }

  restart(): void {
    this.restarts++;
  }

  shutdown(): void {
    this.shutdowns++;
  }

  erase(): void {
    this.erasures++;
    this.apps.clear();
    this.profiles.clear();
    this.cloudConfiguration = undefined;
    this.inSetupAssistant = true;
  }

  record(service: string, request: string): void {
    this.requests.push(`${service}: ${request}`);
  }

  /** A system app, as every iPhone has. */
  addSystemApp(bundleId: string, name: string): void {
    this.apps.set(bundleId, {
      bundleId,
      version: '1',
      shortVersion: '1.0',
      name,
      type: 'System',
      infoPlist: { CFBundleIdentifier: bundleId, CFBundleName: name },
      sizeBytes: 1000,
    });
  }
}
