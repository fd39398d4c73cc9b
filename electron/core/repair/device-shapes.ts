// The contract (electron/common, which cannot import the core) describes with zod what the device
// interface (repair-device.ts, shared with the device layer) declares in TypeScript. These checks
// fail to compile the moment the two drift apart, so neither side is kept in step by hand.
import type { z } from 'zod';
import type {
  DiagnosticsSchema,
  DpcWipeCommandSchema,
  WIPE_METHOD_NAMES,
  WipeSupportSchema,
} from '../../common/models/repair.ts';
import type { DpcWipeCommand } from '../../../native/adb/repair/dpc-wipe.ts';
import type { Diagnostics, WIPE_METHODS, WipeSupport } from './repair-device.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type DeviceShapesMatch = [
  Assert<Same<(typeof WIPE_METHODS)[number], (typeof WIPE_METHOD_NAMES)[number]>>,
  Assert<Same<Diagnostics, z.infer<typeof DiagnosticsSchema>>>,
  Assert<Same<WipeSupport, z.infer<typeof WipeSupportSchema>>>,
  // The repair settings hold the depot's DPC wipe broadcasts the adb layer sends.
  Assert<Same<DpcWipeCommand, z.infer<typeof DpcWipeCommandSchema>>>,
];
