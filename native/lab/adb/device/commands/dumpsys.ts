// dumpsys: routes to the per-service dump modules. Unknown services print dumpsys's own
// "Can't find service" line on stderr; `dumpsys -l` lists what this phone models.
import { sleep } from '../latency.ts';
import type { CommandContext } from '../shell/command.ts';
import { dumpAccounts } from './dumpsys-account.ts';
import { dumpBattery } from './dumpsys-battery.ts';
import { dumpDevicePolicy } from './dumpsys-device-policy.ts';
import { dumpPackages } from './dumpsys-package.ts';

const SERVICES = [
  'account',
  'activity',
  'battery',
  'device_policy',
  'input',
  'lock_settings',
  'package',
  'settings',
  'testharness',
  'window',
];

export async function dumpsys(ctx: CommandContext): Promise<number> {
  const [service, ...args] = ctx.argv.slice(1);
  await sleep(ctx.device.latency.binderCallMs(), ctx.signal);
  const state = ctx.device.state;
  switch (service) {
    case undefined:
    case '-l':
      ctx.stdout(`Currently running services:\n${SERVICES.map((s) => `  ${s}\n`).join('')}`);
      return 0;
    case 'battery':
      ctx.stdout(dumpBattery(state));
      return 0;
    case 'package':
      ctx.stdout(
        dumpPackages(
          state,
          args.find((a) => !a.startsWith('-')),
        ),
      );
      return 0;
    case 'device_policy':
      ctx.stdout(dumpDevicePolicy(state));
      return 0;
    case 'account':
      ctx.stdout(dumpAccounts(state));
      return 0;
    default:
      if (SERVICES.includes(service)) return 0; // modelled only as far as their shell commands go
      ctx.stderr(`Can't find service: ${service}\n`);
      return 0;
  }
}
