// pm grant / pm revoke: runtime permissions only, with PermissionManagerService's refusals
// (unknown package, permission not requested, not a changeable permission type).
import { isRuntimePermission } from '../packages/permissions.ts';
import type { ArgReader } from '../shell/args.ts';
import type { CommandContext } from '../shell/command.ts';
import { BINDER_FRAMES, shellCommandException } from './java-exception.ts';

const FRAME =
  'com.android.server.pm.permission.PermissionManagerServiceImpl.grantRuntimePermissionInternal(PermissionManagerServiceImpl.java:1416)';

export function pmGrantRevoke(ctx: CommandContext, verb: 'grant' | 'revoke', args: ArgReader): number {
  for (let opt = args.nextOption(); opt !== undefined; opt = args.nextOption()) {
    if (opt === '--user') args.nextArg();
  }
  const pkgName = args.nextArg();
  if (pkgName === undefined) {
    ctx.stderr('Error: no package specified\n');
    return 1;
  }
  const permission = args.nextArg();
  if (permission === undefined) {
    ctx.stderr('Error: no permission specified\n');
    return 1;
  }
  const fail = (type: string, message: string): number =>
    shellCommandException(ctx, verb, { type, message, frames: [FRAME, ...BINDER_FRAMES] });
  const pkg = ctx.device.state.packages.get(pkgName);
  if (!pkg || pkg.hiddenForUser)
    return fail('java.lang.IllegalArgumentException', `Unknown package: ${pkgName}`);
  const sdk = ctx.device.state.identity.sdk;
  if (!pkg.requestedPermissions.includes(permission))
    return fail(
      'java.lang.SecurityException',
      `Package ${pkgName} has not requested permission ${permission}`,
    );
  if (!isRuntimePermission(permission, sdk)) {
    return fail(
      'java.lang.SecurityException',
      `Permission ${permission} requested by ${pkgName} is not a changeable permission type`,
    );
  }
  if (verb === 'grant') pkg.grantedPermissions.add(permission);
  else pkg.grantedPermissions.delete(permission);
  return 0;
}
