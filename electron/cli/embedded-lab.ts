import type { AdbServerOptions } from '../../native/adb/adb-client.ts';
import { AdbCommandLine } from '../../native/adb/adb-server.ts';
import { AdbServerClient } from '../../native/lab/adb/lab/adb-server.ts';
import { startControlApi, type ControlApi } from '../../native/lab/adb/lab/control-api.ts';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import type { LatencyModel } from '../../native/lab/adb/virtual-device-api.ts';

export interface EmbeddedLabOptions {
  /** 'auto': start the lab only when adb sees no phone; a number: always, with that many. */
  lab: 'auto' | 'off' | number;
  latency: LatencyModel;
  faults: string;
  portBase: number;
  adb: AdbServerOptions;
}

export interface EmbeddedLab {
  controlUrl: string;
  count: number;
  stop(): Promise<void>;
}

const AUTO_LAB_PHONES = 8;

/** Whether adb can be run at all; without it the bench cannot see Android phones. */
export async function adbAvailable(adb: AdbServerOptions): Promise<boolean> {
  return (await new AdbCommandLine(adb).run(['version'], 10_000)).code === 0;
}

/**
 * Station mode's default when no phone is attached: simulated phones in this process,
 * announced to the same adb server the bench watches, with the lab's control API.
 */
export async function maybeStartLab(options: EmbeddedLabOptions): Promise<EmbeddedLab | undefined> {
  if (options.lab === 'off') return undefined;
  let count = options.lab === 'auto' ? AUTO_LAB_PHONES : options.lab;
  if (options.lab === 'auto') {
    const attached = await new AdbCommandLine(options.adb).devices().catch(() => []);
    if (attached.length > 0) return undefined;
    count = AUTO_LAB_PHONES;
  }
  const lab = await LabController.start({
    android: count,
    seed: 'depotline',
    portBase: options.portBase,
    latency: options.latency,
    faults: parseFaults(options.faults, count),
    adb: new AdbServerClient({ adbPath: options.adb.adbPath, serverPort: options.adb.port }),
  });
  let api: ControlApi;
  try {
    api = await startControlApi(lab, { port: 0 });
  } catch (error) {
    await lab.stop();
    throw error;
  }
  return {
    controlUrl: api.url,
    count,
    async stop() {
      await api.close();
      await lab.stop();
    },
  };
}
