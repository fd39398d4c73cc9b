// dpm (and `cmd device_policy`): set-device-owner, set-active-admin, remove-active-admin,
// list-owners. Refusals use DevicePolicyManagerService's own messages. Android 11 ran dpm
// as an app_process tool (bare stack trace, exit 1); Android 12+ route it through
// `cmd device_policy` (BasicShellCommandHandler format, exit 255).
import {
  componentInfo,
  flattenToShortString,
  parseComponent,
  toShortString,
  type ComponentName,
} from '../component.ts';
import { sleep } from '../latency.ts';
import { ArgReader, MissingArgument } from '../shell/args.ts';
import type { CommandContext } from '../shell/command.ts';
import {
  appProcessException,
  BINDER_FRAMES,
  shellCommandException,
  type JavaException,
} from './java-exception.ts';

const DPMS = 'com.android.server.devicepolicy.DevicePolicyManagerService';
const USAGE = `usage: dpm [subcommand] [options]
usage: dpm set-active-admin [ --user <USER_ID> | current ] <COMPONENT>
usage: dpm set-device-owner [ --user <USER_ID> | current *EXPERIMENTAL* ] [ --name <NAME> ] <COMPONENT>
usage: dpm set-profile-owner [ --user <USER_ID> | current ] [ --name <NAME> ] <COMPONENT>
usage: dpm remove-active-admin [ --user <USER_ID> | current ] [ --name <NAME> ] <COMPONENT>
`;

class DpmError extends Error {
  readonly exception: JavaException;
  constructor(type: string, message: string, frame: string) {
    super(message);
    this.exception = { type, message, frames: [frame] };
  }
}

function report(ctx: CommandContext, verb: string, err: DpmError): number {
  const legacy = ctx.device.state.identity.sdk <= 30;
  const e = err.exception;
  if (legacy) {
    if (e.type === 'java.lang.IllegalArgumentException') {
      // BaseCommand shows usage and the message for IllegalArgumentException, and exits 0.
      ctx.stderr(`${USAGE}\nError: ${e.message}\n`);
      return 0;
    }
    return appProcessException(ctx, {
      ...e,
      frames: [
        'android.os.Parcel.createExceptionOrNull(Parcel.java:2373)',
        'android.os.Parcel.createException(Parcel.java:2357)',
        'android.os.Parcel.readException(Parcel.java:2340)',
        'android.os.Parcel.readException(Parcel.java:2282)',
        `android.app.admin.IDevicePolicyManager$Stub$Proxy.${verb === 'set-device-owner' ? 'setDeviceOwner' : 'setActiveAdmin'}(IDevicePolicyManager.java:8419)`,
        'com.android.commands.dpm.Dpm.runSetDeviceOwner(Dpm.java:206)',
        'com.android.commands.dpm.Dpm.onRun(Dpm.java:115)',
        'com.android.internal.os.BaseCommand.run(BaseCommand.java:56)',
        'com.android.commands.dpm.Dpm.main(Dpm.java:41)',
        'com.android.internal.os.RuntimeInit.nativeFinishInit(Native Method)',
        'com.android.internal.os.RuntimeInit.main(RuntimeInit.java:399)',
      ],
    });
  }
  return shellCommandException(ctx, verb, {
    ...e,
    frames: [
      ...e.frames,
      `${DPMS}ShellCommand.onCommand(DevicePolicyManagerServiceShellCommand.java:113)`,
      'com.android.modules.utils.BasicShellCommandHandler.exec(BasicShellCommandHandler.java:97)',
      'android.os.ShellCommand.exec(ShellCommand.java:38)',
      `${DPMS}.onShellCommand(DevicePolicyManagerService.java:10335)`,
      ...BINDER_FRAMES,
    ],
  });
}

function flat(c: ComponentName): string {
  return `${c.packageName}/${c.className}`;
}

/** findAdmin: the receiver must exist and be a proper device admin (BIND_DEVICE_ADMIN + metadata). */
function requireAdmin(ctx: CommandContext, c: ComponentName): void {
  const pkg = ctx.device.state.packages.get(c.packageName);
  if (!pkg || pkg.hiddenForUser || !pkg.deviceAdminReceivers.includes(c.className)) {
    throw new DpmError(
      'java.lang.IllegalArgumentException',
      `Unknown admin: ${componentInfo(c)}`,
      `${DPMS}.findAdmin(DevicePolicyManagerService.java:3620)`,
    );
  }
}

function parseTarget(args: ArgReader): { component: ComponentName; name: string } {
  let name = '';
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption()) {
    if (opt === '--name') name = args.nextArgRequired();
    else if (opt === '--user') args.nextArgRequired();
    else if (opt !== '--device-owner-only')
      throw new DpmError(
        'java.lang.IllegalArgumentException',
        `Unknown option: ${opt}`,
        `${DPMS}ShellCommand.parseArgs(DevicePolicyManagerServiceShellCommand.java:320)`,
      );
  }
  const text = args.nextArg();
  const component = text === undefined ? undefined : parseComponent(text);
  if (!component)
    throw new DpmError(
      'java.lang.IllegalArgumentException',
      `Invalid component ${text ?? ''}`,
      `${DPMS}ShellCommand.parseComponentName(DevicePolicyManagerServiceShellCommand.java:335)`,
    );
  return { component, name };
}

function setDeviceOwner(ctx: CommandContext, args: ArgReader): number {
  const state = ctx.device.state;
  const { component, name } = parseTarget(args);
  requireAdmin(ctx, component);
  const frame = `${DPMS}.enforceCanSetDeviceOwnerLocked(DevicePolicyManagerService.java:9035)`;
  // checkDeviceOwnerProvisioningPreConditionLocked, in its order: an existing owner first, then accounts.
  if (state.deviceOwner) {
    const current = { packageName: state.deviceOwner.packageName, className: state.deviceOwner.receiver };
    throw new DpmError(
      'java.lang.IllegalStateException',
      `Trying to set the device owner (${flattenToShortString(component)}), but device owner (${flattenToShortString(current)}) is already set.`,
      frame,
    );
  }
  if (state.accounts.length > 0) {
    throw new DpmError(
      'java.lang.IllegalStateException',
      'Not allowed to set the device owner because there are already some accounts on the device',
      frame,
    );
  }
  if (!state.activeAdmins.includes(flat(component))) state.activeAdmins.push(flat(component));
  state.deviceOwner = { packageName: component.packageName, receiver: component.className, name };
  if (state.identity.sdk <= 30) {
    ctx.stdout(
      `Success: Device owner set to package ${component.packageName}\nActive admin set to component ${toShortString(component)}\n`,
    );
  } else {
    ctx.stdout(
      `Success: Device owner set to package ${flattenToShortString(component)}\nActive admin set to component ${flattenToShortString(component)}\n`,
    );
  }
  return 0;
}

function setActiveAdmin(ctx: CommandContext, args: ArgReader): number {
  const { component } = parseTarget(args);
  requireAdmin(ctx, component);
  const admins = ctx.device.state.activeAdmins;
  if (!admins.includes(flat(component))) admins.push(flat(component));
  const shown =
    ctx.device.state.identity.sdk <= 30 ? toShortString(component) : flattenToShortString(component);
  ctx.stdout(`Success: Active admin set to component ${shown}\n`);
  return 0;
}

function removeActiveAdmin(ctx: CommandContext, args: ArgReader): number {
  const state = ctx.device.state;
  const { component } = parseTarget(args);
  // Removing an owner's admin from the shell is only allowed for test-only admins; our sample DPC is not one.
  if (
    state.deviceOwner &&
    state.deviceOwner.packageName === component.packageName &&
    state.deviceOwner.receiver === component.className
  ) {
    throw new DpmError(
      'java.lang.SecurityException',
      `Attempt to remove non-test admin ${componentInfo(component)} 0`,
      `${DPMS}.removeActiveAdmin(DevicePolicyManagerService.java:4016)`,
    );
  }
  state.activeAdmins = state.activeAdmins.filter((a) => a !== flat(component));
  ctx.stdout(`Success: Admin removed ${toShortString(component)}\n`);
  return 0;
}

function listOwners(ctx: CommandContext): number {
  const owner = ctx.device.state.deviceOwner;
  if (!owner) {
    ctx.stdout('no owners\n');
    return 0;
  }
  ctx.stdout(
    `1 owner:\nUser 0: admin=${flattenToShortString({ packageName: owner.packageName, className: owner.receiver })},DeviceOwner,Affiliated\n`,
  );
  return 0;
}

export async function dpmCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const args = new ArgReader(argv);
  const verb = args.nextArg();
  await sleep(ctx.device.latency.binderCallMs(), ctx.signal);
  try {
    switch (verb) {
      case 'set-device-owner':
        return setDeviceOwner(ctx, args);
      case 'set-active-admin':
        return setActiveAdmin(ctx, args);
      case 'remove-active-admin':
        return removeActiveAdmin(ctx, args);
      case 'list-owners':
        return listOwners(ctx);
      default:
        ctx.stdout(USAGE);
        return verb === undefined || verb === 'help' ? 0 : 255;
    }
  } catch (err) {
    if (err instanceof DpmError) return report(ctx, verb ?? '', err);
    if (err instanceof MissingArgument)
      return report(
        ctx,
        verb ?? '',
        new DpmError(
          'java.lang.IllegalArgumentException',
          err.message,
          'android.os.ShellCommand.getNextArgRequired(ShellCommand.java:120)',
        ),
      );
    throw err;
  }
}

export const dpm = (ctx: CommandContext): Promise<number> => dpmCommand(ctx, ctx.argv.slice(1));
