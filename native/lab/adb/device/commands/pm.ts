// pm (and `cmd package`): the verbs depot tooling uses — list packages/users, path,
// install*, uninstall, clear, grant/revoke — printing what PackageManagerShellCommand prints.
import { sleep } from '../latency.ts';
import type { InstalledPackage } from '../packages/package-db.ts';
import { ArgReader } from '../shell/args.ts';
import type { CommandContext } from '../shell/command.ts';
import { INSTALL_VERBS, pmInstallCommand } from './pm-install.ts';
import { pmGrantRevoke } from './pm-permissions.ts';

function visible(ctx: CommandContext, name: string): InstalledPackage | undefined {
  const pkg = ctx.device.state.packages.get(name);
  return pkg && !pkg.hiddenForUser ? pkg : undefined;
}

function listPackages(ctx: CommandContext, args: ArgReader): number {
  const f = {
    disabled: false,
    enabled: false,
    system: false,
    thirdParty: false,
    sourceDir: false,
    versionCode: false,
    installer: false,
    uid: false,
    uninstalled: false,
  };
  let uidFilter: number | undefined;
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption()) {
    switch (opt) {
      case '-d':
        f.disabled = true;
        break;
      case '-e':
        f.enabled = true;
        break;
      case '-f':
        f.sourceDir = true;
        break;
      case '-i':
        f.installer = true;
        break;
      case '-s':
        f.system = true;
        break;
      case '-3':
        f.thirdParty = true;
        break;
      case '-U':
        f.uid = true;
        break;
      case '-u':
        f.uninstalled = true;
        break;
      case '-a':
      case '-l':
        break;
      case '--show-versioncode':
        f.versionCode = true;
        break;
      case '--user':
        args.nextArg();
        break;
      case '--uid':
        f.uid = true;
        uidFilter = Number(args.nextArg());
        break;
      default:
        ctx.stdout(`Error: Unknown option: ${opt}\n`);
        return 255;
    }
  }
  const filter = args.nextArg();
  let out = '';
  for (const pkg of ctx.device.state.packages.all()) {
    if (pkg.hiddenForUser && !f.uninstalled) continue;
    if (filter !== undefined && !pkg.packageName.includes(filter)) continue;
    if (uidFilter !== undefined && pkg.userId !== uidFilter) continue;
    if (f.disabled || (f.system && !pkg.system) || (f.thirdParty && pkg.system)) continue;
    out += 'package:';
    if (f.sourceDir) out += `${pkg.apkPath}=`;
    out += pkg.packageName;
    if (f.versionCode) out += ` versionCode:${pkg.versionCode}`;
    if (f.installer) out += `  installer=${pkg.installer ?? 'null'}`;
    if (f.uid) out += ` uid:${pkg.userId}`;
    out += '\n';
  }
  ctx.stdout(out);
  return 0;
}

function list(ctx: CommandContext, args: ArgReader): number {
  const what = args.nextArg();
  if (what === 'packages') return listPackages(ctx, args);
  if (what === 'users') {
    ctx.stdout('Users:\n\tUserInfo{0:Owner:c13} running\n');
    return 0;
  }
  if (what === 'features') {
    ctx.stdout(
      'feature:android.hardware.camera\nfeature:android.hardware.telephony\nfeature:android.software.device_admin\nfeature:android.software.managed_users\n',
    );
    return 0;
  }
  ctx.stderr(`Error: unknown list type '${what ?? ''}'\n`);
  return 255;
}

function path(ctx: CommandContext, args: ArgReader): number {
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption())
    if (opt === '--user') args.nextArg();
  const name = args.nextArg();
  const pkg = name === undefined ? undefined : visible(ctx, name);
  if (!pkg) return 1;
  ctx.stdout(`package:${pkg.apkPath}\n`);
  return 0;
}

function uninstall(ctx: CommandContext, args: ArgReader): number {
  let forUser = false;
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption()) {
    if (opt === '--user') {
      args.nextArgRequired();
      forUser = true;
    } else if (opt === '--versionCode') {
      args.nextArgRequired();
    } else if (opt !== '-k') {
      ctx.stdout(`Error: Unknown option: ${opt}\n`);
      return 1;
    }
  }
  const name = args.nextArg();
  if (name === undefined) {
    ctx.stdout('Error: package name not specified\n');
    return 1;
  }
  const state = ctx.device.state;
  const pkg = visible(ctx, name);
  let status: string | undefined;
  if (!pkg) status = 'DELETE_FAILED_INTERNAL_ERROR';
  else if (
    state.deviceOwner?.packageName === name ||
    state.activeAdmins.some((a) => a.startsWith(`${name}/`))
  )
    status = 'DELETE_FAILED_DEVICE_POLICY_MANAGER';
  else if (pkg.system && !forUser) status = 'DELETE_FAILED_INTERNAL_ERROR';
  if (status || !pkg) {
    ctx.stdout(`Failure [${status}]\n`);
    return 1;
  }
  if (pkg.system) {
    pkg.hiddenForUser = true; // removed for user 0 only; a factory reset brings it back
  } else {
    state.packages.remove(name);
    state.storage.charge('apps', -pkg.sizeBytes);
  }
  ctx.stdout('Success\n');
  return 0;
}

function clear(ctx: CommandContext, args: ArgReader): number {
  if (args.nextOption() === '--user') args.nextArg();
  const name = args.nextArg();
  if (name === undefined) {
    ctx.stderr('Error: no package specified\n');
    return 1;
  }
  const pkg = visible(ctx, name);
  if (!pkg) {
    ctx.stderr('Failed\n');
    return 1;
  }
  // Clearing data revokes runtime grants, as Android resets them with the app's data.
  pkg.grantedPermissions = new Set(
    [...pkg.grantedPermissions].filter((p) => !pkg.requestedPermissions.includes(p) || pkg.system),
  );
  ctx.stdout('Success\n');
  return 0;
}

const HELP =
  'Package manager (package) commands:\n  help\n    Print this help text.\n\n  path [--user USER_ID] PACKAGE\n  list packages [-f] [-d] [-e] [-s] [-3] [-i] [-l] [-u] [-U] [--show-versioncode] [--uid UID] [--user USER_ID] [FILTER]\n  install [-rtfdg] [-i PACKAGE] [-S BYTES] [PATH|-]\n  install-create [-rtfdg] [-i PACKAGE] [-S BYTES]\n  install-write [-S BYTES] SESSION_ID SPLIT_NAME [PATH|-]\n  install-commit SESSION_ID\n  install-abandon SESSION_ID\n  uninstall [-k] [--user USER_ID] PACKAGE\n  clear [--user USER_ID] PACKAGE\n  grant [--user USER_ID] PACKAGE PERMISSION\n  revoke [--user USER_ID] PACKAGE PERMISSION\n';

/** Runs `pm <args>`; `cmd package <args>` is the same command. */
export async function pmCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const args = new ArgReader(argv);
  const verb = args.nextArg();
  await sleep(ctx.device.latency.binderCallMs(), ctx.signal);
  if (verb === undefined || verb === 'help' || verb === '-h') {
    ctx.stdout(HELP);
    return verb === undefined ? 255 : 0;
  }
  if (INSTALL_VERBS.has(verb)) return pmInstallCommand(ctx, verb, args);
  switch (verb) {
    case 'list':
      return list(ctx, args);
    case 'path':
      return path(ctx, args);
    case 'uninstall':
      return uninstall(ctx, args);
    case 'clear':
      return clear(ctx, args);
    case 'grant':
    case 'revoke':
      return pmGrantRevoke(ctx, verb, args);
    case 'dump':
      return ctx.run(`dumpsys package ${args.remaining().join(' ')}`);
    default:
      ctx.stdout(`Unknown command: ${verb}\n`);
      return 255;
  }
}

export const pm = (ctx: CommandContext): Promise<number> => pmCommand(ctx, ctx.argv.slice(1));
