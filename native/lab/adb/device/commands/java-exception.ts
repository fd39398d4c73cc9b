// How Android shell commands report a Java exception. Binder shell commands (`cmd X`, and
// pm/settings/dpm on Android 12+) go through BasicShellCommandHandler, which prints an empty
// line, "Exception occurred while executing '<verb>':" and the stack trace on stderr and
// exits with 255. Android 11's app_process `dpm` (BaseCommand) prints the bare trace and
// exits with 1.
import type { CommandContext } from '../shell/command.ts';

export interface JavaException {
  type: string; // e.g. 'java.lang.IllegalStateException'
  message: string;
  /** Stack frames without the leading "at ". */
  frames: string[];
}

function trace(e: JavaException): string {
  return `${e.type}: ${e.message}\n${e.frames.map((f) => `\tat ${f}\n`).join('')}`;
}

export function shellCommandException(ctx: CommandContext, verb: string, e: JavaException): number {
  ctx.stderr(`\nException occurred while executing '${verb}':\n${trace(e)}`);
  return 255;
}

export function appProcessException(ctx: CommandContext, e: JavaException): number {
  ctx.stderr(trace(e));
  return 1;
}

/** Frames common to every binder call made on behalf of a shell command. */
export const BINDER_FRAMES = [
  'android.os.Binder.onShellCommand(Binder.java:1092)',
  'android.os.Binder.shellCommand(Binder.java:1043)',
  'android.os.Binder.onTransact(Binder.java:965)',
  'android.os.Binder.execTransactInternal(Binder.java:1392)',
  'android.os.Binder.execTransact(Binder.java:1299)',
];
