import { z } from 'zod';

/** What a device tile shows: adb's view, what the bench read from the phone, and its job. */
export const DEVICE_STATES = [
  'unauthorized',
  'offline',
  'connecting',
  'ready',
  'staging',
  'waiting_for_device',
  'done',
  'failed',
  'blocked',
] as const;
export const DeviceStateSchema = z.enum(DEVICE_STATES);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const DeviceIdentitySchema = z.strictObject({
  /** The phone's own serial; `DeviceView.serial` is adb's name for it (an address for TCP devices). */
  serial: z.string(),
  imei: z.string().optional(),
  imeiUnknownReason: z.string().optional(),
  manufacturer: z.string(),
  model: z.string(),
  androidRelease: z.string(),
  sdk: z.number().int(),
  securityPatch: z.string(),
  batteryPercent: z.number(),
  batteryHealth: z.string(),
  freeStorageBytes: z.number(),
  accounts: z.array(z.strictObject({ name: z.string(), type: z.string() })),
  deviceOwner: z.string().optional(),
  setupComplete: z.boolean(),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

export const DeviceViewSchema = z.strictObject({
  serial: z.string(),
  platform: z.literal('android'),
  slotKey: z.string(),
  slotName: z.string(),
  state: DeviceStateSchema,
  /** adb's own word for the connection (device, unauthorized, offline, absent…). */
  connection: z.string(),
  identity: DeviceIdentitySchema.optional(),
  /** Why the device is failed, blocked or cannot be read, in words a technician can act on. */
  reasons: z.array(z.string()),
});
export type DeviceView = z.infer<typeof DeviceViewSchema>;
