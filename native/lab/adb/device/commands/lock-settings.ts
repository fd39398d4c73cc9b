// `locksettings …` (a script for `cmd lock_settings …`, Android 8+) as LockSettingsShellCommand
// answers on Android 11+, the only way adb's shell user can learn whether a PIN, pattern or
// password is set. Every verb but help/get-disabled/set-disabled first checks --old against
// the credential: on a secure phone an empty --old is a LockscreenCredential "none", which
// LockSettingsService refuses with IllegalArgumentException (caught by onCommand: "Error while
// executing command: …" and the trace on stderr, exit 255); a wrong one prints "Old password
// '…' didn't match" (exit 255); on a phone with no lock a given --old is refused too.
import type { ScreenLock } from '../state.ts';
import type { CommandContext } from '../shell/command.ts';

const HELP = `lockSettings service commands:

NOTE: when lock screen is set, all commands require the --old <CREDENTIAL> argument.

  help
    Prints this help text.

  get-disabled [--old <CREDENTIAL>] [--user USER_ID]
    Checks whether lock screen is disabled.

  set-disabled [--old <CREDENTIAL>] [--user USER_ID] <true|false>
    When true, disables lock screen.

  set-pattern [--old <CREDENTIAL>] [--user USER_ID] <PATTERN>
    Sets the lock screen as pattern, using the given PATTERN to unlock.

  set-pin [--old <CREDENTIAL>] [--user USER_ID] <PIN>
    Sets the lock screen as PIN, using the given PIN to unlock.

  set-password [--old <CREDENTIAL>] [--user USER_ID] <PASSWORD>
    Sets the lock screen as password, using the given PASSOWRD to unlock.

  clear [--old <CREDENTIAL>] [--user USER_ID]
    Clears the lock credentials.

  verify [--old <CREDENTIAL>] [--user USER_ID]
    Verifies the lock credentials.

`;

const LSS = 'com.android.server.locksettings';
/** Where the IllegalArgumentException for an empty credential comes from (plausible line numbers). */
const EMPTY_CREDENTIAL_FRAMES = [
  `${LSS}.LockSettingsService.doVerifyCredential(LockSettingsService.java:2257)`,
  `${LSS}.LockSettingsService.checkCredential(LockSettingsService.java:2221)`,
  'com.android.internal.widget.LockPatternUtils.checkCredential(LockPatternUtils.java:480)',
  `${LSS}.LockSettingsShellCommand.checkCredential(LockSettingsShellCommand.java:346)`,
  `${LSS}.LockSettingsShellCommand.onCommand(LockSettingsShellCommand.java:98)`,
  'com.android.modules.utils.BasicShellCommandHandler.exec(BasicShellCommandHandler.java:97)',
  'android.os.ShellCommand.exec(ShellCommand.java:38)',
  `${LSS}.LockSettingsService.onShellCommand(LockSettingsService.java:2556)`,
  'android.os.Binder.shellCommand(Binder.java:1043)',
  'android.os.Binder.onTransact(Binder.java:965)',
];

const SET_VERBS: Record<string, { kind: ScreenLock['kind']; label: string }> = {
  'set-pin': { kind: 'pin', label: 'Pin' },
  'set-pattern': { kind: 'pattern', label: 'Pattern' },
  'set-password': { kind: 'password', label: 'Password' },
};

class UsageError extends Error {}

function parse(args: string[]): { old: string; value: string | undefined } {
  let old = '';
  let i = 0;
  for (; i < args.length && (args[i] as string).startsWith('-'); i++) {
    const option = args[i] as string;
    if (option === '--old' || option === '--user') {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`Argument expected after "${option}"`);
      if (option === '--old') old = value;
    } else {
      throw new UsageError(`Unknown option: ${option}`);
    }
  }
  return { old, value: args[i] };
}

/** LockSettingsShellCommand.checkCredential: true when the command may go on. */
function checkCredential(ctx: CommandContext, verb: string, old: string): boolean {
  const lock = ctx.device.state.screenLock;
  if (lock === undefined) {
    if (old === '') return true;
    ctx.stdout('Old password provided but user has no password\n');
    return false;
  }
  if (old === '') {
    ctx.stderr(
      `Error while executing command: ${verb}\njava.lang.IllegalArgumentException: Credential can't be null or empty\n${EMPTY_CREDENTIAL_FRAMES.map((f) => `\tat ${f}\n`).join('')}`,
    );
    return false;
  }
  if (old !== lock.credential) {
    ctx.stdout(`Old password '${old}' didn't match\n`);
    return false;
  }
  return true;
}

export function lockSettingsCommand(ctx: CommandContext, args: string[]): number {
  const [verb, ...rest] = args;
  if (verb === undefined) {
    // ShellCommand.handleDefaultCommands: the help text, and -1 all the same.
    ctx.stdout(HELP);
    return 255;
  }
  let parsed;
  try {
    parsed = parse(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    ctx.stderr(
      `${error.message}\nError while executing command: ${verb}\njava.lang.IllegalArgumentException\n`,
    );
    return 255;
  }
  const state = ctx.device.state;
  const settings = state.settings;
  switch (verb) {
    case 'help':
      ctx.stdout(HELP);
      return 0;
    case 'get-disabled':
      // LockPatternUtils.isLockScreenDisabled: never true while a secure lock is set.
      ctx.stdout(
        `${state.screenLock === undefined && settings.get('secure', 'lockscreen.disabled') === '1'}\n`,
      );
      return 0;
    case 'set-disabled': {
      const disabled = parsed.value === 'true';
      settings.put('secure', 'lockscreen.disabled', disabled ? '1' : '0');
      ctx.stdout(`Lock screen disabled set to ${disabled}\n`);
      return 0;
    }
  }
  if (!checkCredential(ctx, verb, parsed.old)) return 255;
  const set = SET_VERBS[verb];
  if (set !== undefined) {
    state.screenLock = { kind: set.kind, credential: parsed.value ?? '' };
    ctx.stdout(`${set.label} set to '${parsed.value ?? ''}'\n`);
    return 0;
  }
  if (verb === 'clear') {
    state.screenLock = undefined;
    ctx.stdout('Lock credential cleared\n');
    return 0;
  }
  if (verb === 'verify') {
    ctx.stdout('Lock credential verified successfully\n');
    return 0;
  }
  // onCommand's default branch prints this and still reports success.
  ctx.stderr(`Unknown command: ${verb}\n`);
  return 0;
}

/** /system/bin/locksettings: `cmd lock_settings "$@"`. */
export const locksettings = (ctx: CommandContext): number => lockSettingsCommand(ctx, ctx.argv.slice(1));
