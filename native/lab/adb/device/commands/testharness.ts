// cmd testharness enable (AOSP TestHarnessModeService, Android 10+): saves the adb keys in the
// persistent data block, then factory-resets the phone; after the wipe the service skips
// setup, re-enables adb with those keys and sets persist.sys.test_harness=1. The command
// prints nothing and exits 0. It refuses, in the service's own words, on a phone with a
// secure lock screen (exit 2) and on a build without a persistent data block (ro.frp.pst
// unset: SystemServer never starts PersistentDataBlockService; exit 1).
import type { CommandContext } from '../shell/command.ts';

const HELP = `About:
  Test Harness Mode is a mode that the device can be placed in to prepare
  the device for running UI tests. The device is placed into this mode by
  first wiping all data from the device, preserving ADB keys.

  By default, the following settings are configured:
    * Package Verifier is disabled
    * Stay Awake While Charging is enabled
    * OTA Updates are disabled
    * Auto-Sync for accounts is disabled

  Other apps may configure themselves differently in Test Harness Mode by
  checking ActivityManager.isRunningInUserTestHarness()

Test Harness Mode commands:
  help
    Print this help text.

  enable|restore
    Erase all data from this device and enable Test Harness Mode,
    preserving the stored ADB keys currently on the device and toggling
    settings in a way that are conducive to Instrumentation testing.
`;

export const TEST_HARNESS_LOCK_SCREEN_ERROR = 'Test Harness Mode cannot be enabled if there is a lock screen';
export const TEST_HARNESS_NO_PDB_ERROR = 'Failed to enable Test Harness Mode';

export function testharnessCommand(ctx: CommandContext, args: string[]): number {
  const [verb] = args;
  const state = ctx.device.state;
  if (verb === 'enable' || verb === 'restore') {
    if (state.screenLock !== undefined) {
      ctx.stderr(`${TEST_HARNESS_LOCK_SCREEN_ERROR}\n`);
      return 2;
    }
    if (!state.hasPersistentDataBlock) {
      ctx.stderr(`${TEST_HARNESS_NO_PDB_ERROR}\n`);
      return 1;
    }
    ctx.device.defer(() => ctx.device.wipe({ testHarness: true }));
    return 0;
  }
  if (verb === 'help' || verb === '-h') {
    ctx.stdout(HELP);
    return 0;
  }
  // ShellCommand.handleDefaultCommands: help for no verb, "Unknown command" otherwise; both -1.
  ctx.stdout(verb === undefined ? HELP : `Unknown command: ${verb}\n`);
  return 255;
}
