// am start / broadcast / force-stop / kill, printing what ActivityManagerShellCommand prints.
// Activities resolve against the installed packages and a few system screens; broadcasts reach
// the receivers apps declared (or the one named with -n), and a device-owner DPC's wipe and
// reboot actions take effect (dpc.ts), as a real DPC would call wipeData()/reboot().
import { flattenToShortString, toShortString, type ComponentName } from '../component.ts';
import { dpcReaction, receiversFor } from '../dpc.ts';
import { sleep } from '../latency.ts';
import { ArgReader, MissingArgument } from '../shell/args.ts';
import type { CommandContext } from '../shell/command.ts';
import { intentToString, IntentSyntaxError, parseIntent, type Intent } from './intent.ts';
import { BINDER_FRAMES, shellCommandException } from './java-exception.ts';

const FLAG_ACTIVITY_NEW_TASK = 0x10000000;
const FLAG_RECEIVER_INCLUDE_BACKGROUND = 0x400000;
/** System screens `am start -a` can open on any phone. */
const SYSTEM_ACTIVITIES: Record<string, ComponentName> = {
  'android.settings.SETTINGS': {
    packageName: 'com.android.settings',
    className: 'com.android.settings.Settings',
  },
  'android.settings.WIFI_SETTINGS': {
    packageName: 'com.android.settings',
    className: 'com.android.settings.Settings$WifiSettingsActivity',
  },
  'android.settings.APPLICATION_DEVELOPMENT_SETTINGS': {
    packageName: 'com.android.settings',
    className: 'com.android.settings.Settings$DevelopmentSettingsDashboardActivity',
  },
  'android.settings.DATE_SETTINGS': {
    packageName: 'com.android.settings',
    className: 'com.android.settings.Settings$DateTimeSettingsActivity',
  },
  'android.intent.action.VIEW': {
    packageName: 'com.android.chrome',
    className: 'com.google.android.apps.chrome.IntentDispatcher',
  },
};
/** Broadcasts only the system may send; the shell gets a SecurityException. */
const PROTECTED = new Set([
  'android.intent.action.BOOT_COMPLETED',
  'android.intent.action.MASTER_CLEAR',
  'android.intent.action.FACTORY_RESET',
  'android.intent.action.REBOOT',
  'android.intent.action.ACTION_SHUTDOWN',
  'android.intent.action.LOCKED_BOOT_COMPLETED',
]);

function resolveActivity(ctx: CommandContext, intent: Intent): ComponentName | 'no-class' | undefined {
  const packages = ctx.device.state.packages;
  if (intent.component) {
    const pkg = packages.get(intent.component.packageName);
    if (!pkg || pkg.hiddenForUser) return 'no-class';
    return pkg.system || pkg.launcherActivities.includes(intent.component.className)
      ? intent.component
      : 'no-class';
  }
  const candidates = packages
    .all()
    .filter((p) => !p.hiddenForUser && (!intent.packageName || p.packageName === intent.packageName));
  if (intent.action === 'android.intent.action.MAIN' || (!intent.action && intent.packageName)) {
    const hit = candidates.find((p) => p.launcherActivities.length > 0);
    if (hit) return { packageName: hit.packageName, className: hit.launcherActivities[0] as string };
  }
  const system = intent.action ? SYSTEM_ACTIVITIES[intent.action] : undefined;
  if (
    system &&
    packages.get(system.packageName) &&
    (!intent.packageName || intent.packageName === system.packageName)
  )
    return system;
  return undefined;
}

function start(ctx: CommandContext, args: ArgReader): number {
  let wait = false;
  const intent = parseIntent(args, (opt) => {
    if (opt === '-W') wait = true;
    else if (
      opt === '--user' ||
      opt === '-P' ||
      opt === '--start-profiler' ||
      opt === '-R' ||
      opt === '--display' ||
      opt === '--windowingMode' ||
      opt === '--activityType'
    )
      args.nextArgRequired();
    else if (
      opt !== '-S' &&
      opt !== '-D' &&
      opt !== '-N' &&
      opt !== '--streaming' &&
      opt !== '--track-allocation' &&
      opt !== '--task-overlay' &&
      opt !== '--lock-task'
    )
      return false;
    return true;
  });
  ctx.stdout(`Starting: ${intentToString(intent)}\n`);
  const target = resolveActivity(ctx, intent);
  const launched = { ...intent, flags: intent.flags | FLAG_ACTIVITY_NEW_TASK };
  if (target === 'no-class' && intent.component) {
    ctx.stdout(`Error type 3\nError: Activity class ${toShortString(intent.component)} does not exist.\n`);
    return 0;
  }
  if (!target || target === 'no-class') {
    ctx.stdout(`Error: Activity not started, unable to resolve ${intentToString(launched)}\n`);
    return 0;
  }
  if (wait)
    ctx.stdout(
      `Status: ok\nLaunchState: COLD\nActivity: ${flattenToShortString(target)}\nTotalTime: 412\nWaitTime: 415\nComplete\n`,
    );
  return 0;
}

function broadcast(ctx: CommandContext, args: ArgReader): number {
  const intent = parseIntent(args, (opt) => {
    if (opt === '--user' || opt === '--receiver-permission') args.nextArgRequired();
    else if (opt !== '--async' && opt !== '--allow-background-activity-starts') return false;
    return true;
  });
  const sent = { ...intent, flags: intent.flags | FLAG_RECEIVER_INCLUDE_BACKGROUND };
  if (intent.action && PROTECTED.has(intent.action)) {
    return shellCommandException(ctx, 'broadcast', {
      type: 'java.lang.SecurityException',
      message: `Permission Denial: not allowed to send broadcast ${intent.action} from pid=4242, uid=2000`,
      frames: [
        'com.android.server.am.ActivityManagerService.broadcastIntentLocked(ActivityManagerService.java:14476)',
        'com.android.server.am.ActivityManagerShellCommand.runSendBroadcast(ActivityManagerShellCommand.java:853)',
        ...BINDER_FRAMES,
      ],
    });
  }
  ctx.stdout(`Broadcasting: ${intentToString(sent)}\n`);
  const state = ctx.device.state;
  for (const reached of receiversFor(state, intent)) {
    const reaction = dpcReaction(state, reached, intent.action);
    if (reaction === 'wipe') ctx.device.defer(() => ctx.device.wipe({ testHarness: false }));
    if (reaction === 'reboot') ctx.device.defer(() => ctx.device.reboot(''));
  }
  ctx.stdout('Broadcast completed: result=0\n');
  return 0;
}

export async function amCommand(ctx: CommandContext, argv: string[]): Promise<number> {
  const args = new ArgReader(argv);
  const verb = args.nextArg();
  await sleep(ctx.device.latency.binderCallMs(), ctx.signal);
  try {
    switch (verb) {
      case 'start':
      case 'start-activity':
        return start(ctx, args);
      case 'broadcast':
        return broadcast(ctx, args);
      case 'force-stop':
      case 'kill':
      case 'kill-all':
      case 'stop-app':
        return 0;
      case 'get-current-user':
        ctx.stdout('0\n');
        return 0;
      case undefined:
      case 'help':
        ctx.stdout(
          'Activity manager (activity) commands:\n  help\n  start [-W] [-S] [--user <USER_ID> | current] <INTENT>\n  broadcast [--user <USER_ID> | all | current] <INTENT>\n  force-stop [--user <USER_ID> | all | current] <PACKAGE>\n',
        );
        return verb === undefined ? 255 : 0;
      default:
        ctx.stdout(`Unknown command: ${verb}\n`);
        return 255;
    }
  } catch (err) {
    if (!(err instanceof IntentSyntaxError || err instanceof MissingArgument)) throw err;
    return shellCommandException(ctx, verb ?? '', {
      type: 'java.lang.IllegalArgumentException',
      message: err.message,
      frames: ['android.content.Intent.parseCommandArgs(Intent.java:11972)', ...BINDER_FRAMES],
    });
  }
}

export const am = (ctx: CommandContext): Promise<number> => amCommand(ctx, ctx.argv.slice(1));
