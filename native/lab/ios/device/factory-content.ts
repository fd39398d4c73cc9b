// What a new or erased iPhone holds: Apple's own apps (installation_proxy lists them as
// ApplicationType "System") and the empty folders of the media partition AFC serves.
import type { LabIosApp, LabIosFileEntry } from '../services/service-api.ts';

interface SystemAppSpec {
  bundleId: string;
  name: string;
  executable: string;
  sizeMb: number;
}

const SYSTEM_APPS: readonly SystemAppSpec[] = [
  { bundleId: 'com.apple.mobilesafari', name: 'Safari', executable: 'MobileSafari', sizeMb: 38 },
  { bundleId: 'com.apple.Preferences', name: 'Settings', executable: 'Preferences', sizeMb: 21 },
  { bundleId: 'com.apple.mobileslideshow', name: 'Photos', executable: 'MobileSlideShow', sizeMb: 64 },
  { bundleId: 'com.apple.camera', name: 'Camera', executable: 'Camera', sizeMb: 17 },
  { bundleId: 'com.apple.MobileSMS', name: 'Messages', executable: 'MobileSMS', sizeMb: 45 },
  { bundleId: 'com.apple.mobilemail', name: 'Mail', executable: 'MobileMail', sizeMb: 52 },
  { bundleId: 'com.apple.AppStore', name: 'App Store', executable: 'AppStore', sizeMb: 33 },
];

/** Apple's apps carry the OS build as their version (e.g. "8621.1.15.10.7" style is close enough). */
export function systemApps(iosVersion: string, buildVersion: string): Map<string, LabIosApp> {
  const apps = new Map<string, LabIosApp>();
  for (const spec of SYSTEM_APPS) {
    const path = `/Applications/${spec.executable}.app`;
    apps.set(spec.bundleId, {
      bundleId: spec.bundleId,
      version: buildVersion,
      shortVersion: iosVersion,
      name: spec.name,
      type: 'System',
      sizeBytes: spec.sizeMb * 1024 * 1024,
      infoPlist: {
        CFBundleIdentifier: spec.bundleId,
        CFBundleName: spec.name,
        CFBundleDisplayName: spec.name,
        CFBundleExecutable: spec.executable,
        CFBundleVersion: buildVersion,
        CFBundleShortVersionString: iosVersion,
        CFBundlePackageType: 'APPL',
        ApplicationType: 'System',
        MinimumOSVersion: iosVersion,
        Path: path,
        UIDeviceFamily: [1, 2],
      },
    });
  }
  return apps;
}

const MEDIA_FOLDERS = ['/', '/Books', '/DCIM', '/Downloads', '/Photos', '/Recordings', '/iTunes_Control'];

/** The media partition of a device as it leaves the factory: folders, no files. */
export function factoryFiles(now = Date.now()): Map<string, LabIosFileEntry> {
  return new Map(
    MEDIA_FOLDERS.map((path) => [
      path,
      { kind: 'directory' as const, data: Buffer.alloc(0), modifiedMs: now },
    ]),
  );
}
