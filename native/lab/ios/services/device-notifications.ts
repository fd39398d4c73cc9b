// Darwin notifications a simulated device posts (an app installed, a profile list changed),
// relayed to every notification_proxy client observing them. Kept here, per device object,
// so services can post without the device model knowing about notification_proxy.
import type { LabIosDeviceApi } from './service-api.ts';

export const NOTIFICATIONS = {
  appInstalled: 'com.apple.mobile.application_installed',
  appUninstalled: 'com.apple.mobile.application_uninstalled',
  profileListChanged: 'com.apple.ManagedConfiguration.profileListChanged',
} as const;

type Listener = (name: string) => void;

const listeners = new WeakMap<LabIosDeviceApi, Set<Listener>>();

/** Posts a notification on the device; observers on other connections hear it. */
export function postNotification(device: LabIosDeviceApi, name: string): void {
  for (const listener of listeners.get(device) ?? []) listener(name);
}

/** Listens for every notification the device posts; returns the unsubscribe function. */
export function onNotification(device: LabIosDeviceApi, listener: Listener): () => void {
  let set = listeners.get(device);
  if (!set) listeners.set(device, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}
