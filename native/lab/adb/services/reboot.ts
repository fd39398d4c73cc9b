// `reboot:`, `reboot:recovery`, `reboot:bootloader`, `reboot:sideload`. adbd never ends
// this stream itself: the connection dropping is what tells `adb reboot` the phone went
// down, so `adb reboot && adb wait-for-device` cannot see the phone before it reboots.
import type { RebootTarget } from '../virtual-device-api.ts';
import type { ServiceHandler } from './service.ts';

const TARGETS: readonly RebootTarget[] = ['', 'recovery', 'bootloader', 'sideload'];

export function isRebootTarget(target: string): target is RebootTarget {
  return (TARGETS as readonly string[]).includes(target);
}

export function rebootService(target: RebootTarget): ServiceHandler {
  return (stream, { device }) => {
    // After the OKAY for the OPEN has gone out; the model then takes the phone offline.
    setImmediate(() => {
      try {
        device.reboot(target);
      } catch {
        stream.close();
      }
    });
  };
}
