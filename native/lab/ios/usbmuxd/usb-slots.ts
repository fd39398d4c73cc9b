// Where each simulated device is plugged in, and the LocationID usbmuxd reports for it. The
// lab follows macOS's LocationID layout because it encodes the physical path: the top byte
// is the bus, then one nibble per hop (root-hub port, then the port on the next hub), so a
// bench can map a LocationID to a numbered slot on a numbered hub. Device i sits on
// hub ⌊i/10⌋+1, port i%10+1 (10-port hubs, 15 hubs per bus); a slot never changes when the
// device is re-plugged or restarted (usbmuxd's DeviceID does).

export const PORTS_PER_HUB = 10;
export const HUBS_PER_BUS = 15;

export interface UsbSlot {
  bus: number;
  hub: number;
  port: number;
}

export function slotOf(index: number): UsbSlot {
  const hubIndex = Math.floor(index / PORTS_PER_HUB);
  return {
    bus: Math.floor(hubIndex / HUBS_PER_BUS) + 1,
    hub: (hubIndex % HUBS_PER_BUS) + 1,
    port: (index % PORTS_PER_HUB) + 1,
  };
}

export function locationIdOf(slot: UsbSlot): number {
  return ((slot.bus & 0xff) * 2 ** 24 + ((slot.hub & 0xf) << 20) + ((slot.port & 0xf) << 16)) >>> 0;
}

/** The inverse of locationIdOf (for a LocationID the lab made). */
export function slotFromLocationId(locationId: number): UsbSlot {
  return {
    bus: Math.floor(locationId / 2 ** 24) & 0xff,
    hub: (locationId >>> 20) & 0xf,
    port: (locationId >>> 16) & 0xf,
  };
}

/** Apple's USB product IDs: one for iPhones, one for iPads (both in "USB + PTP + MUX" mode). */
export function usbProductId(deviceClass: 'iPhone' | 'iPad'): number {
  return deviceClass === 'iPad' ? 0x12ab : 0x12a8;
}

/** High-speed USB 2, what a Lightning cable (and most depot hubs) gives. */
export const USB2_CONNECTION_SPEED = 480_000_000;
