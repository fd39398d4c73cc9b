// Where one iPhone's staging time goes: a lab with one device at realistic latency, paired by
// Depotline, then per round (fresh lab state is not needed: the app is reinstalled over itself
// and the profiles are removed again) each phase timed on its own:
//   pairing     once, before the rounds: a host identity made and the device paired
//   session     lockdownd connection, StartSession and its TLS handshake
//   profiles    MCInstall started, both configuration profiles installed (the lab waits 0.6 s each)
//   app check   installation_proxy started, Browse (what the app step's check asks)
//   ipa read    the IPA's Info.plist read from the file (bundle id, version)
//   afc start   StartService com.apple.afc and its tunnel
//   upload      MakeDir PublicStaging, FileRefOpen, the writes, FileRefClose
//   install     installation_proxy Install until Complete
// and, for comparison, the whole app step as the driver runs it (installApp), and one
// `ideviceinstaller -i` of the same IPA on the same phone. The lab's own waits for each are
// printed next to them (native/lab/ios/device/latency.ts), and this process's CPU per phase
// (Depotline's side only; ideviceinstaller's is another process's and not counted).
//
//   node scripts/bench/ios-phases.ts [--rounds 3] [--chunk-kib 1024] [--in-flight N]
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs, promisify } from 'node:util';
import { IosLatency } from '../../native/lab/ios/device/latency.ts';
import { DeviceSession } from '../../native/ios/device-session.ts';
import { readIpaInfo } from '../../native/ios/ipa/ipa-info.ts';
import { AFC_SERVICE, AfcClient, PUBLIC_STAGING } from '../../native/ios/services/afc/afc-client.ts';
import {
  INSTALLATION_PROXY_SERVICE,
  InstallationProxyClient,
} from '../../native/ios/services/installation-proxy.ts';
import { MCINSTALL_SERVICE, McInstallClient } from '../../native/ios/services/mcinstall.ts';
import { createIosDriver } from '../../native/ios/usbmux-ios-driver.ts';
import { parseUsbmuxAddress } from '../../native/ios/usbmux/usbmux-address.ts';
import { makeTestIpas, DEFAULT_IPA_FIXTURE_DIR } from '../make-test-ipas.ts';
import { startIosLabProcess } from './ios-lab-process.ts';
import { pairWithDepotline } from './ios-pairing.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'chunk-kib': { type: 'string' },
    'in-flight': { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const uploadOptions = {
  ...(values['chunk-kib'] ? { chunkBytes: Number(values['chunk-kib']) * 1024 } : {}),
  ...(values['in-flight'] ? { inFlight: Number(values['in-flight']) } : {}),
};

const set = await makeTestIpas(DEFAULT_IPA_FIXTURE_DIR);
const ipa = set.ipas.timesheet;
const profiles = await Promise.all(
  [set.profiles.wifi, set.profiles.restrictions].map((p) => readFile(p.path)),
);
const latency = new IosLatency('realistic');
const ipaBytes = (await stat(ipa.path)).size;
const lab = await startIosLabProcess({ ios: 1, latency: 'realistic' });
/** Per phase: wall-clock ms and this process's CPU ms (Depotline's side only: the lab is another process). */
const samples = new Map<string, { ms: number[]; cpuMs: number[] }>();
const note = (phase: string, ms: number, cpuMs: number) => {
  const seen = samples.get(phase) ?? { ms: [], cpuMs: [] };
  seen.ms.push(ms);
  seen.cpuMs.push(cpuMs);
  samples.set(phase, seen);
};
const cpuMsSince = (before: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await work();
  } finally {
    note(phase, performance.now() - started, cpuMsSince(cpu));
  }
}

try {
  const udid = lab.udids[0]!;
  // First pairing, once (a device is paired for good): host identity (two RSA keys) and Pair.
  await timed('pairing (first, once)', () => pairWithDepotline(lab.usbmuxdAddress, [udid]));
  const address = parseUsbmuxAddress(lab.usbmuxdAddress);
  const loads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    loads.push(loadavg()[0]!);
    const device = new DeviceSession({ udid, address });
    const session = await timed('session', () => device.open());
    try {
      const mc = new McInstallClient(await session.openService(MCINSTALL_SERVICE), udid);
      await timed('profiles', async () => {
        for (const bytes of profiles) await mc.installProfile(bytes);
      });
      const proxy = await timed('app check', async () => {
        const client = new InstallationProxyClient(
          await session.openService(INSTALLATION_PROXY_SERVICE),
          udid,
        );
        await client.browse('User');
        return client;
      });
      const info = await timed('ipa read', () => readIpaInfo(ipa.path));
      const afc = await timed(
        'afc start',
        async () => new AfcClient(await session.openService(AFC_SERVICE), udid),
      );
      const remote = `${PUBLIC_STAGING}/phases-${round}.ipa`;
      await timed('upload', async () => {
        await afc.makeDirectory(PUBLIC_STAGING);
        await afc.upload(ipa.path, remote, uploadOptions);
      });
      await timed('install', () => proxy.install(remote, { bundleId: info.bundleId }));
      afc.close();
      proxy.close();
      for (const profile of await mc.profiles()) await mc.removeProfile(profile.identifier);
      mc.close();
    } finally {
      await session.lockdown.goodbye();
    }

    // The app step as staging runs it: the driver's installApp (upload then install), its own session.
    const driver = createIosDriver({ udid, usbmuxAddress: address });
    let uploaded = 0;
    let uploadCpuMs = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    await driver.installApp(ipa.path, (percent) => {
      if (percent < 50 || uploaded !== 0) return;
      uploaded = performance.now();
      uploadCpuMs = cpuMsSince(cpu);
    });
    note('driver installApp', performance.now() - started, cpuMsSince(cpu));
    note('  of which upload (to 50 %)', uploaded - started, uploadCpuMs);
    driver.close();

    await timed('ideviceinstaller -i', () =>
      run('ideviceinstaller', ['-u', udid, '-i', ipa.path], {
        env: { ...process.env, USBMUXD_SOCKET_ADDRESS: lab.usbmuxdAddress },
      }),
    );
  }
  const floor: Record<string, number> = {
    'pairing (first, once)': latency.ms('pair'),
    profiles: 2 * latency.ms('profile'),
    upload: latency.ms('transfer', ipaBytes),
    install: latency.ms('install', ipaBytes),
    'driver installApp': latency.ms('transfer', ipaBytes) + latency.ms('install', ipaBytes),
    '  of which upload (to 50 %)': latency.ms('transfer', ipaBytes),
    'ideviceinstaller -i': latency.ms('transfer', ipaBytes) + latency.ms('install', ipaBytes),
  };
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(9);
  process.stdout.write(
    `One iPhone, ${(ipaBytes / 1e6).toFixed(1)} MB IPA, ${rounds} rounds, upload ${JSON.stringify(uploadOptions)}; load average (1 min) at each round: ${loads.map((l) => l.toFixed(1)).join(', ')}\n`,
  );
  process.stdout.write(`  phase                          median      min   lab's own wait   CPU (median)\n`);
  for (const [phase, seen] of samples)
    process.stdout.write(
      `  ${phase.padEnd(28)} ${ms(median(seen.ms))} ${ms(Math.min(...seen.ms))} ${floor[phase] !== undefined ? ms(floor[phase]) : ' '.repeat(9)}      ${ms(median(seen.cpuMs))}\n`,
    );
} finally {
  await lab.stop();
}
