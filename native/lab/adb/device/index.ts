// Entry point of the virtual Android phone model used by the ADB lab.
import type { LabDeviceOptions } from '../virtual-device-api.ts';
import { VirtualPhone } from './lab-device.ts';

export { generateIdentity, isValidLuhn, luhnCheckDigit, type DeviceIdentity } from './identity.ts';
export { VirtualPhone, type DevicePhase } from './lab-device.ts';

/** Same seed and index give the same phone (identity, battery, storage) on every run. */
export function createLabAndroidDevice(options: LabDeviceOptions): VirtualPhone {
  return new VirtualPhone(options);
}
