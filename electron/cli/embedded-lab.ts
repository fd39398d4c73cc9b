// Station mode's default when no phone is attached: simulated phones in this process — Android
// ones announced to the adb server the bench watches, iPhones behind a private usbmuxd the
// bench listens to — with the lab's control API for both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdbServerOptions } from '../../native/adb/adb-client.ts';
import { AdbCommandLine } from '../../native/adb/adb-server.ts';
import { AdbServerClient } from '../../native/lab/adb/lab/adb-server.ts';
import { startControlApi, type ControlApi } from '../../native/lab/adb/lab/control-api.ts';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import type { LatencyModel } from '../../native/lab/adb/virtual-device-api.ts';
import { IosLabController } from '../../native/lab/ios/lab/ios-lab-controller.ts';
import { labIosServices } from '../../native/lab/ios/services/index.ts';
import { connectUsbmuxd, type UsbmuxAddress } from '../../native/ios/usbmux/usbmux-address.ts';

export type LabCount = 'auto' | 'off' | number;

export interface EmbeddedLabOptions {
  /** Android phones. 'auto': only when adb sees no phone; a number: always, with that many. */
  lab: LabCount;
  /** iPhones. 'auto': only when no usbmuxd answers at the system's address. */
  iosLab: LabCount;
  latency: LatencyModel;
  faults: string;
  portBase: number;
  /** undefined when adb cannot run (no Android lab then). */
  adb: AdbServerOptions | undefined;
  /** Where the lab's usbmuxd listens when it runs (see planIosLab). */
  iosUsbmuxd: UsbmuxAddress | undefined;
  /** Lab iPhones that prompt are trusted this long after; undefined: only through the control API. */
  trustAfterMs: number | undefined;
}

export interface EmbeddedLab {
  controlUrl: string;
  android: number;
  ios: number;
  stop(): Promise<void>;
}

const AUTO_LAB_PHONES = 8;
const AUTO_LAB_IPHONES = 4;

/** Whether adb can be run at all; without it the bench cannot see Android phones. */
export async function adbAvailable(adb: AdbServerOptions): Promise<boolean> {
  return (await new AdbCommandLine(adb).run(['version'], 10_000)).code === 0;
}

/**
 * Decides, before the core starts, where the bench finds iPhones: the system's usbmuxd, or a
 * lab usbmuxd on a private socket (the core's listener waits for it to come up).
 */
export async function planIosLab(
  iosLab: LabCount,
  system: UsbmuxAddress,
): Promise<{ usbmux: UsbmuxAddress; labCount: number; cleanup(): void }> {
  const count =
    iosLab === 'off' ? 0 : iosLab === 'auto' ? ((await reachable(system)) ? 0 : AUTO_LAB_IPHONES) : iosLab;
  if (count === 0) return { usbmux: system, labCount: 0, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'depotline-lab-usbmuxd-'));
  return {
    usbmux: { kind: 'unix', path: join(dir, 'usbmuxd.sock') },
    labCount: count,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function reachable(address: UsbmuxAddress): Promise<boolean> {
  try {
    (await connectUsbmuxd(address)).destroy();
    return true;
  } catch {
    return false;
  }
}

export async function maybeStartLab(
  options: EmbeddedLabOptions & { iosCount: number },
): Promise<EmbeddedLab | undefined> {
  let android = 0;
  if (options.adb && options.lab !== 'off') {
    android = options.lab === 'auto' ? AUTO_LAB_PHONES : options.lab;
    if (options.lab === 'auto') {
      const attached = await new AdbCommandLine(options.adb).devices().catch(() => []);
      if (attached.length > 0) android = 0;
    }
  }
  const ios = options.iosUsbmuxd ? options.iosCount : 0;
  if (android === 0 && ios === 0) return undefined;

  const androidLab =
    android > 0 && options.adb
      ? await LabController.start({
          android,
          seed: 'depotline',
          portBase: options.portBase,
          latency: options.latency,
          faults: parseFaults(options.faults, android),
          adb: new AdbServerClient({ adbPath: options.adb.adbPath, serverPort: options.adb.port }),
        })
      : undefined;
  let iosLab: IosLabController | undefined;
  let api: ControlApi;
  try {
    iosLab =
      ios > 0 && options.iosUsbmuxd
        ? await IosLabController.start({
            ios,
            seed: 'depotline',
            latency: options.latency,
            usbmuxd: options.iosUsbmuxd,
            ...(options.trustAfterMs === undefined ? {} : { acceptTrustAfterMs: options.trustAfterMs }),
            services: labIosServices,
          })
        : undefined;
    api = await startControlApi(androidLab, { port: 0, ...(iosLab ? { ios: iosLab } : {}) });
  } catch (error) {
    await iosLab?.stop();
    await androidLab?.stop();
    throw error;
  }
  return {
    controlUrl: api.url,
    android,
    ios,
    async stop() {
      await api.close();
      await iosLab?.stop();
      await androidLab?.stop();
    },
  };
}
