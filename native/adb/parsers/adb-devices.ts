// `adb devices -l` (adb's host:devices-l): "SERIAL  STATE [usb:PATH] [product:…] [model:…] …".
// adbkit's listDevicesWithPaths mis-reads TCP devices (no usb column), so Depotline reads the
// paths itself: a USB path is what names a device's physical slot on a hub.
export interface ListedDevice {
  serial: string;
  state: string; // device, unauthorized, offline, authorizing, connecting, recovery, sideload, bootloader…
  usbPath: string | undefined;
  model: string | undefined;
  /** adb numbers each connection anew: a new id means the phone went away and came back. */
  transportId: string | undefined;
}

export function parseAdbDevicesLong(output: string): ListedDevice[] {
  const devices: ListedDevice[] = [];
  for (const line of output.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('List of devices') || trimmed.startsWith('*')) continue;
    const [serial, state, ...attributes] = trimmed.split(/\s+/);
    if (!serial || !state) continue;
    const attribute = (name: string) =>
      attributes.find((a) => a.startsWith(`${name}:`))?.slice(name.length + 1);
    devices.push({
      serial,
      state,
      usbPath: attribute('usb'),
      model: attribute('model'),
      transportId: attribute('transport_id'),
    });
  }
  return devices;
}

/** The key a slot is remembered by: the hub port for USB, the address for a TCP (lab) device. */
export function slotKeyOf(device: Pick<ListedDevice, 'serial' | 'usbPath'>): string {
  if (device.usbPath) return `usb:${device.usbPath}`;
  if (/^[\w.-]+:\d+$/.test(device.serial)) return `tcp:${device.serial}`;
  return `serial:${device.serial}`;
}
