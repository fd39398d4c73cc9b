// The services a simulated iPhone's lockdownd can start, by the name StartService asks for.
// `ssl` is what StartService answers as EnableServiceSSL: as on a device, AFC and
// installation_proxy (bulk transfers) run in the clear, MCInstall and diagnostics_relay
// over TLS (every client — libimobiledevice, pymobiledevice3, appium-ios-device — follows
// the flag). The lab wraps an ssl service's connection before calling serve().
import { AfcService } from './afc.ts';
import { DiagnosticsRelayService } from './diagnostics-relay.ts';
import { InstallationProxyService } from './installation-proxy.ts';
import { McInstallService } from './mcinstall.ts';
import { NotificationProxyService } from './notification-proxy.ts';
import type { LabIosService } from './service-api.ts';

export type {
  LabIosApp,
  LabIosDeviceApi,
  LabIosFileEntry,
  LabIosProfile,
  LabIosService,
} from './service-api.ts';
export { NOTIFICATIONS, onNotification, postNotification } from './device-notifications.ts';
export { batteryEntry } from './diagnostics-relay.ts';

export const labIosServices: readonly LabIosService[] = [
  new AfcService(),
  new InstallationProxyService(),
  new McInstallService(),
  new DiagnosticsRelayService(),
  new NotificationProxyService(),
];

/** The service StartService names, or undefined (lockdownd answers InvalidService). */
export function labIosService(name: string): LabIosService | undefined {
  return labIosServices.find((service) => service.name === name);
}
