// pm install / install-create / install-write / install-commit / install-abandon, with the
// exact lines PackageManagerShellCommand prints: "Success", "Failure [CODE: msg]",
// "Success: created install session [N]", "Success: streamed N bytes".
import { DeviceFsError } from '../../virtual-device-api.ts';
import { readApkUpload } from '../packages/apk-inspections.ts';
import { failureLine } from '../packages/install-errors.ts';
import { installApk, type InstallOptions } from '../packages/installer.ts';
import { stagedPath } from '../packages/sessions.ts';
import { MissingArgument, type ArgReader } from '../shell/args.ts';
import type { CommandContext } from '../shell/command.ts';
import { BINDER_FRAMES, shellCommandException } from './java-exception.ts';

const PMS = 'com.android.server.pm.PackageManagerShellCommand';

interface ParsedInstall {
  options: InstallOptions;
  sizeBytes: number;
}

/** makeInstallParams: the options pm install and install-create share. */
function parseInstallOptions(args: ArgReader): ParsedInstall {
  const options: InstallOptions = {
    allowDowngrade: false,
    grantRuntimePermissions: false,
    bypassLowTargetSdkBlock: false,
    installerPackageName: null,
  };
  let sizeBytes = -1;
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption()) {
    switch (opt) {
      case '-r':
      case '-t':
      case '-f':
      case '-l':
      case '--dont-kill':
      case '--force-queryable':
      case '--full':
      case '--restrict-permissions':
      case '--staged':
      case '--enable-rollback':
      case '--skip-verification':
      case '-R':
        break; // accepted; no effect in the lab (replace-existing has been the default since Android 7)
      case '-d':
        options.allowDowngrade = true;
        break;
      case '-g':
        options.grantRuntimePermissions = true;
        break;
      case '--bypass-low-target-sdk-block':
        options.bypassLowTargetSdkBlock = true;
        break;
      case '-i':
        options.installerPackageName = args.nextArgRequired();
        break;
      case '-S':
        sizeBytes = Number(args.nextArgRequired());
        break;
      case '--user':
      case '--install-reason':
      case '--abi':
      case '--pkg':
      case '--originating-uri':
      case '--referrer':
      case '--install-location':
      case '--apex':
      case '-p':
        args.nextArgRequired();
        break;
      default:
        throw new IllegalArgument(`Unknown option ${opt}`);
    }
  }
  return { options, sizeBytes };
}

class IllegalArgument extends Error {}

/** Reads exactly `size` bytes of stdin (what `cmd package install -S N` does). */
function readExactly(ctx: CommandContext, size: number): Promise<Buffer> {
  return readApkUpload(ctx.stdin, size, ctx.signal);
}

function readDeviceFile(ctx: CommandContext, path: string): Buffer | undefined {
  try {
    return ctx.device.state.fs.read(path);
  } catch (err) {
    if (!(err instanceof DeviceFsError)) throw err;
    return undefined;
  }
}

async function commit(
  ctx: CommandContext,
  sessionId: number,
  splitName: string,
  apk: Buffer,
  options: InstallOptions,
  log: boolean,
): Promise<number> {
  const result = await installApk(ctx.device, apk, stagedPath(sessionId, splitName), options, ctx.signal);
  ctx.device.state.sessions.close(sessionId);
  if (!result.ok) {
    ctx.stdout(`${failureLine(result.failure)}\n`);
    return 1;
  }
  if (log) ctx.stdout('Success\n');
  return 0;
}

async function runInstall(ctx: CommandContext, args: ArgReader): Promise<number> {
  const { options, sizeBytes } = parseInstallOptions(args);
  const paths = args.remaining();
  const fromStdin = paths.length === 0 || paths[0] === '-';
  if (fromStdin && sizeBytes < 0) {
    ctx.stdout('Error: must either specify a package size or an APK file\n');
    return 1;
  }
  let apk: Buffer;
  if (fromStdin) {
    apk = await readExactly(ctx, sizeBytes);
  } else {
    const file = readDeviceFile(ctx, paths[0] as string);
    if (!file) {
      return shellCommandException(ctx, 'install', {
        type: 'java.lang.IllegalArgumentException',
        message: `Error: Can't open file: ${paths[0]}`,
        frames: [`${PMS}.setParamsSize(PackageManagerShellCommand.java:617)`, ...BINDER_FRAMES],
      });
    }
    apk = file;
  }
  const session = ctx.device.state.sessions.create(options);
  return commit(ctx, session.id, 'base', apk, options, true);
}

function noSession(ctx: CommandContext, verb: string, id: number): number {
  return shellCommandException(ctx, verb, {
    type: 'java.lang.SecurityException',
    message: `Caller has no access to session ${id}`,
    frames: [
      'com.android.server.pm.PackageInstallerService.openSessionInternal(PackageInstallerService.java:1000)',
      ...BINDER_FRAMES,
    ],
  });
}

async function runInstallWrite(ctx: CommandContext, args: ArgReader): Promise<number> {
  let sizeBytes = -1;
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption()) {
    if (opt === '-S') sizeBytes = Number(args.nextArgRequired());
    else throw new IllegalArgument(`Unknown option: ${opt}`);
  }
  const id = Number(args.nextArgRequired());
  const splitName = args.nextArgRequired();
  const path = args.nextArg();
  const session = ctx.device.state.sessions.get(id);
  if (!session) return noSession(ctx, 'install-write', id);
  let data: Buffer | undefined;
  if (path !== undefined && path !== '-') {
    data = readDeviceFile(ctx, path);
    if (!data) {
      ctx.stderr(`Error: Can't open file: ${path}\n`);
      return 255;
    }
  } else {
    if (sizeBytes <= 0) {
      ctx.stderr('Error: must specify a APK size\n');
      return 1;
    }
    data = await readExactly(ctx, sizeBytes);
  }
  session.files.set(splitName, data);
  ctx.stdout(`Success: streamed ${data.length} bytes\n`);
  return 0;
}

async function runInstallCommit(ctx: CommandContext, args: ArgReader): Promise<number> {
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption()) {
    // --wait / --no-wait only matter for staged (APEX) sessions.
  }
  const id = Number(args.nextArgRequired());
  const session = ctx.device.state.sessions.get(id);
  if (!session) return noSession(ctx, 'install-commit', id);
  const [splitName, apk] = [...session.files][0] ?? ['base', Buffer.alloc(0)];
  return commit(ctx, id, splitName, apk, session.options, true);
}

export async function pmInstallCommand(ctx: CommandContext, verb: string, args: ArgReader): Promise<number> {
  try {
    switch (verb) {
      case 'install':
        return await runInstall(ctx, args);
      case 'install-create': {
        const { options } = parseInstallOptions(args);
        const session = ctx.device.state.sessions.create(options);
        ctx.stdout(`Success: created install session [${session.id}]\n`);
        return 0;
      }
      case 'install-write':
        return await runInstallWrite(ctx, args);
      case 'install-commit':
        return await runInstallCommit(ctx, args);
      default: {
        const id = Number(args.nextArgRequired());
        if (!ctx.device.state.sessions.get(id)) return noSession(ctx, verb, id);
        ctx.device.state.sessions.close(id);
        ctx.stdout('Success\n');
        return 0;
      }
    }
  } catch (err) {
    if (!(err instanceof IllegalArgument || err instanceof MissingArgument)) throw err;
    return shellCommandException(ctx, verb, {
      type: 'java.lang.IllegalArgumentException',
      message: err.message,
      frames: [`${PMS}.makeInstallParams(PackageManagerShellCommand.java:3098)`, ...BINDER_FRAMES],
    });
  }
}

export const INSTALL_VERBS = new Set([
  'install',
  'install-create',
  'install-write',
  'install-commit',
  'install-abandon',
]);
