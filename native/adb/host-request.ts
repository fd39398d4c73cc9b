// Requests to the adb server itself (host:…) over adbkit's connection, for what adbkit lacks
// or gets wrong: the transport features of a device, and `devices -l` without spawning the
// adb CLI (once a second per station, that spawn was most of the idle bench's CPU).
import type { AdbClient } from './adb-client.ts';
import { parseAdbDevicesLong, type ListedDevice } from './parsers/adb-devices.ts';

/** A smart-socket request: 4 hex digits of length, then the text. */
export function smartSocketRequest(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(body.length.toString(16).padStart(4, '0'), 'ascii'), body]);
}

/**
 * Sends one host request and returns its length-prefixed reply. adbkit's connection starts
 * the adb server first when it is not running, as the adb CLI would.
 */
export async function hostRequest(client: AdbClient, text: string): Promise<string> {
  const connection = await client.connection();
  try {
    connection.write(smartSocketRequest(text));
    const reply = await connection.parser.readAscii(4);
    if (reply === 'FAIL') await connection.parser.readError();
    if (reply !== 'OKAY') throw new Error(`adb server answered "${reply}" to ${text}`);
    return (await connection.parser.readValue()).toString('utf8');
  } finally {
    connection.end();
  }
}

/** What `adb devices -l` lists (host:devices-l), parsed. */
export async function listDevicesLong(client: AdbClient): Promise<ListedDevice[]> {
  return parseAdbDevicesLong(await hostRequest(client, 'host:devices-l'));
}

/** The transport features adb has for a device (adbkit's getFeatures() asks `pm` instead). */
export async function transportFeatures(client: AdbClient, serial: string): Promise<Set<string>> {
  return new Set((await hostRequest(client, `host-serial:${serial}:features`)).split(','));
}
