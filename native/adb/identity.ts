import type { AndroidIdentity } from './android-driver.ts';
import { DeviceOutputError, parseGetprop } from './parsers/getprop.ts';
import { parseDumpsysBattery } from './parsers/dumpsys-battery.ts';
import { parseDumpsysAccount } from './parsers/dumpsys-account.ts';
import { parseDeviceOwner } from './parsers/dumpsys-device-policy.ts';
import { parseDf } from './parsers/df.ts';

/**
 * Everything the bench shows about a phone, read in one shell round trip: the sections are
 * separated by marker lines so that one slow USB hub costs one command, not seven.
 */
export const IDENTITY_SECTIONS = {
  getprop: 'getprop',
  battery: 'dumpsys battery',
  accounts: 'dumpsys account',
  devicePolicy: 'dumpsys device_policy',
  storage: 'df /data',
  setupComplete: 'settings get secure user_setup_complete',
} as const;
type Section = keyof typeof IDENTITY_SECTIONS;

const SEPARATOR = '__DEPOTLINE_SECTION__';

export function identityCommand(): string {
  return Object.entries(IDENTITY_SECTIONS)
    .map(([name, command]) => `echo ${SEPARATOR}${name}; ${command} 2>&1`)
    .join('; ');
}

/** `adbSerial` is how adb names the device; a TCP device's is its address, so the phone's own serial comes from ro.serialno. */
export function parseIdentity(adbSerial: string, output: string): AndroidIdentity {
  const sections = new Map<Section, string>();
  for (const part of output.split(SEPARATOR).slice(1)) {
    const newline = part.indexOf('\n');
    const name = (newline < 0 ? part : part.slice(0, newline)).trim() as Section;
    sections.set(name, newline < 0 ? '' : part.slice(newline + 1));
  }
  const section = (name: Section) => {
    const text = sections.get(name);
    if (text === undefined)
      throw new DeviceOutputError(
        'identity',
        `the reply has no ${IDENTITY_SECTIONS[name]} section (truncated?)`,
      );
    return text;
  };

  const props = parseGetprop(section('getprop'));
  const prop = (name: string) => props.get(name) ?? '';
  const sdk = Number.parseInt(prop('ro.build.version.sdk'), 10);
  if (!prop('ro.product.model') || Number.isNaN(sdk)) {
    throw new DeviceOutputError('getprop', 'no model or SDK level among the properties');
  }
  return {
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
    setupComplete: section('setupComplete').trim() === '1',
    battery: parseDumpsysBattery(section('battery')),
    storage: parseDf(section('storage')),
    accounts: parseDumpsysAccount(section('accounts')),
    deviceOwner: parseDeviceOwner(section('devicePolicy')),
  };
}
