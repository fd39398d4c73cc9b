import type { AndroidIdentity, IdentityPart, PartialIdentity } from './android-driver.ts';
import { DeviceOutputError, parseGetprop } from './parsers/getprop.ts';
import { parseDumpsysBattery } from './parsers/dumpsys-battery.ts';
import { parseDumpsysAccount } from './parsers/dumpsys-account.ts';
import { parseDeviceOwner } from './parsers/dumpsys-device-policy.ts';
import { parseDf } from './parsers/df.ts';

/**
 * The commands that read a phone's identity: its properties always, and each further part
 * only when asked for (four of them are system-server calls, which a phone answers in tens of
 * milliseconds each; staging reads only the parts its preflight rules look at).
 */
export const IDENTITY_PARTS = {
  battery: 'dumpsys battery',
  accounts: 'dumpsys account',
  deviceOwner: 'dumpsys device_policy',
  storage: 'df /data',
  setupComplete: 'settings get secure user_setup_complete',
} as const satisfies Record<IdentityPart, string>;

export const ALL_IDENTITY_PARTS = Object.keys(IDENTITY_PARTS) as IdentityPart[];

/** The command lines for getprop and `parts`, in the order identityFrom() takes their outputs. */
export function identityCommands(parts: readonly IdentityPart[]): string[] {
  return ['getprop', ...parts.map((part) => IDENTITY_PARTS[part])].map((command) => `${command} 2>&1`);
}

/**
 * The identity from the outputs of identityCommands(parts), in the same order.
 * `adbSerial` is how adb names the device; a TCP device's is its address, so the phone's own
 * serial comes from ro.serialno.
 */
export function identityFrom(
  adbSerial: string,
  parts: readonly IdentityPart[],
  outputs: readonly string[],
): PartialIdentity {
  const props = parseGetprop(outputs[0] ?? '');
  const prop = (name: string) => props.get(name) ?? '';
  const sdk = Number.parseInt(prop('ro.build.version.sdk'), 10);
  if (!prop('ro.product.model') || Number.isNaN(sdk)) {
    throw new DeviceOutputError('getprop', 'no model or SDK level among the properties');
  }
  const identity: PartialIdentity = {
    serial: prop('ro.serialno') || adbSerial,
    imei: undefined,
    imeiUnknownReason:
      sdk >= 29
        ? 'Android 10 and later show the IMEI only to privileged apps; it is read from the box label or reported by the device owner app.'
        : 'This Android version does not expose the IMEI to adb without root.',
    manufacturer: prop('ro.product.manufacturer'),
    model: prop('ro.product.model'),
    androidRelease: prop('ro.build.version.release'),
    sdk,
    securityPatch: prop('ro.build.version.security_patch'),
    bootCompleted: prop('sys.boot_completed') === '1',
  };
  parts.forEach((part, index) => {
    const output = outputs[index + 1];
    if (output === undefined)
      throw new DeviceOutputError(
        'identity',
        `the reply has no ${IDENTITY_PARTS[part]} section (truncated?)`,
      );
    if (part === 'battery') identity.battery = parseDumpsysBattery(output);
    else if (part === 'accounts') identity.accounts = parseDumpsysAccount(output);
    else if (part === 'deviceOwner') identity.deviceOwner = parseDeviceOwner(output) ?? null;
    else if (part === 'storage') identity.storage = parseDf(output);
    else identity.setupComplete = output.trim() === '1';
  });
  return identity;
}

/** A whole identity: what the bench shows about a phone. */
export function fullIdentity(identity: PartialIdentity): AndroidIdentity {
  const { battery, storage, accounts, setupComplete } = identity;
  const { deviceOwner } = identity;
  if (
    battery === undefined ||
    storage === undefined ||
    accounts === undefined ||
    setupComplete === undefined ||
    deviceOwner === undefined
  )
    throw new DeviceOutputError('identity', 'not every part of the identity was read');
  return { ...identity, battery, storage, accounts, setupComplete, deviceOwner: deviceOwner ?? undefined };
}
