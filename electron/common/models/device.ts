import { z } from 'zod';

/** What a device tile shows: adb's view, what the bench read from the phone, and its job. */
export const DEVICE_STATES = [
  'unauthorized',
  /** iOS: attached, but the "Trust This Computer?" prompt has not been accepted yet. */
  'untrusted',
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
  /** The device's own serial; `DeviceView.serial` is the bench's name for it (adb's, or the UDID). */
  serial: z.string(),
  imei: z.string().optional(),
  imeiUnknownReason: z.string().optional(),
  manufacturer: z.string(),
  model: z.string(),
  /** "15" for Android 15, "18.2" for iOS 18.2. */
  osVersion: z.string(),
  batteryPercent: z.number(),
  batteryHealth: z.string(),
  freeStorageBytes: z.number(),
  /** Set up (Android: setup wizard finished; iOS: past Setup Assistant). */
  setupComplete: z.boolean(),
  android: z
    .strictObject({
      sdk: z.number().int(),
      securityPatch: z.string(),
      accounts: z.array(z.strictObject({ name: z.string(), type: z.string() })),
      deviceOwner: z.string().optional(),
    })
    .optional(),
  ios: z
    .strictObject({
      udid: z.string(),
      ecid: z.string(),
      productType: z.string(),
      deviceName: z.string(),
      activationState: z.string(),
      supervised: z.boolean(),
      organisation: z.string().optional(),
      activationLock: z.enum(['on', 'off', 'unknown']),
      passcodeSet: z.boolean().optional(),
    })
    .optional(),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

export const DeviceViewSchema = z.strictObject({
  serial: z.string(),
  platform: z.enum(['android', 'ios']),
  slotKey: z.string(),
  slotName: z.string(),
  state: DeviceStateSchema,
  /** The connection in its daemon's words: adb's (device, unauthorized, offline…), or usbmuxd's (device, untrusted), or absent. */
  connection: z.string(),
  identity: DeviceIdentitySchema.optional(),
  /** Why the device is failed, blocked or cannot be read, in words a technician can act on. */
  reasons: z.array(z.string()),
});
export type DeviceView = z.infer<typeof DeviceViewSchema>;
