// Installs an APK the way the adb CLI does (device-protocols.md): the bytes are streamed
// straight into the package manager (`abb_exec:package\0install\0…` when the device offers
// abb_exec, `exec:cmd package 'install' …` when it offers cmd), instead of a push to
// /data/local/tmp, a `pm install` of the copy and an `rm`. That saves writing the APK to the
// phone's storage twice and two command round trips (13.3 s → 9.5 s for the bench's 3 APKs).
import { open, stat } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import type { AdbClient, AdbDeviceClient } from './adb-client.ts';
import { DeviceCommandError, DeviceGoneError } from './android-driver.ts';
import { smartSocketRequest, transportFeatures } from './host-request.ts';
import { batchLine, type BatchPart } from './batch.ts';
import { ReplyCutOffError } from './shell.ts';

// Large enough that the adb server gets whole packets' worth (maxdata is 1 MiB) with few reads.
const CHUNK_BYTES = 256 * 1024;

/** How a device takes an install: streamed through abb_exec or exec:cmd, or only by push + pm install. */
export type InstallRoute = 'abb_exec' | 'exec' | 'push';

/**
 * The route adb itself would take, from the transport features the adb server has for the
 * device (`plain`), and the route for an install the phone follows with a read in the same
 * stream (`chained`): exec: runs its line in the phone's shell, abb_exec cannot.
 */
export async function installRoutes(
  client: AdbClient,
  serial: string,
): Promise<{ plain: InstallRoute; chained: InstallRoute }> {
  const features = await transportFeatures(client, serial);
  const chained = features.has('cmd') ? 'exec' : features.has('abb_exec') ? 'abb_exec' : 'push';
  return { plain: features.has('abb_exec') ? 'abb_exec' : chained, chained };
}

/**
 * Streams the APK at `apkPath` into the package manager. Resolves on "Success"; a refusal is a
 * DeviceCommandError with the device's own words ("Failure [INSTALL_FAILED_…: …]"); a stream
 * that ends with neither (the phone went away mid-install) is a DeviceGoneError.
 *
 * `after`: commands the phone runs once the install has finished, in the same stream (exec
 * runs its line in the phone's shell; abb_exec cannot), whose outputs are returned: reading the
 * package back there saves a round trip per install.
 */
export async function streamedInstall(
  device: AdbDeviceClient,
  serial: string,
  apkPath: string,
  route: Exclude<InstallRoute, 'push'>,
  describe: (output: string) => string | undefined,
  after: readonly string[] = [],
): Promise<BatchPart[]> {
  if (after.length > 0 && route !== 'exec') throw new Error('only an exec: install runs commands after it');
  const size = (await stat(apkPath)).size;
  const install = `cmd package 'install' -r -S ${size}`;
  const batch = after.length > 0 ? batchLine([install, ...after]) : undefined;
  const service =
    route === 'abb_exec' ? `abb_exec:package\0install\0-r\0-S\0${size}` : `exec:${batch?.line ?? install}`;
  const { text, written } = await streamApk(device, apkPath, size, service);
  // With commands after it, the install's own words are those before its marker.
  const split = batch?.split(text);
  const output = split ? (split.parts[0]?.output ?? split.rest) : text;
  if (/^Success/.test(output)) {
    const afterParts = split?.parts.slice(1) ?? [];
    if (afterParts.length < after.length) throw new ReplyCutOffError(serial, after[afterParts.length]!);
    return afterParts;
  }
  throw streamRefusal(serial, output, written, describe);
}

/**
 * The error for a package-manager stream whose reply is not "Success": whatever the phone said
 * after taking the whole APK is its refusal, in its own words; a stream that ends with
 * neither (the phone went away mid-install) is a DeviceGoneError.
 */
export function streamRefusal(
  serial: string,
  output: string,
  written: Error | undefined,
  describe: (output: string) => string | undefined,
): Error {
  if (written === undefined && output.trim() !== '')
    return new DeviceCommandError(describe(output) ?? output.trim());
  const said = describe(output);
  if (said !== undefined && /^Failure/.test(said)) return new DeviceCommandError(said);
  return new DeviceGoneError(
    serial,
    written ? `install stream closed: ${written.message}` : 'install reply cut off',
  );
}

/**
 * Opens `service` (a package-manager command that reads the APK from stdin), writes the
 * file's `size` bytes into it, and returns all it answered, with the error that cut the
 * writing short if one did (the answer comes after the last byte).
 */
export async function streamApk(
  device: AdbDeviceClient,
  apkPath: string,
  size: number,
  service: string,
): Promise<{ text: string; written: Error | undefined }> {
  // A healthy phone verifies and copies well over 1 MB/s; an install that has not answered by
  // then is hung (the lab's hang-install, a wedged package manager) and is tried again.
  const timeoutMs = 120_000 + size / 1_000;
  const connection = await device.transport();
  const socket = connection.parser.raw();
  const timer = setTimeout(
    () => socket.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  try {
    connection.write(smartSocketRequest(service));
    const reply = await connection.parser.readAscii(4);
    if (reply === 'FAIL') await connection.parser.readError();
    if (reply !== 'OKAY') throw new Error(`adb server answered "${reply}" to ${service.split(':')[0]}`);
    const answer = connection.parser.readAll();
    const sent = sendFile(socket, apkPath);
    const [text, written] = await Promise.all([
      answer.then((buffer) => buffer.toString('utf8')),
      sent.then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    ]);
    return { text, written };
  } finally {
    clearTimeout(timer);
    connection.end();
  }
}

/**
 * Writes the file into the socket through one buffer, read again only once the socket has
 * taken its last chunk: an install holds CHUNK_BYTES and leaves no garbage behind. (A file
 * stream allocates a chunk per read; 64 phones installing at once left the station's RSS
 * to the garbage collector's pace.)
 */
async function sendFile(socket: Duplex, path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let position = 0; ;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      await new Promise<void>((resolve, reject) =>
        socket.write(buffer.subarray(0, bytesRead), (error) => (error ? reject(error) : resolve())),
      );
    }
  } finally {
    await file.close();
  }
}
