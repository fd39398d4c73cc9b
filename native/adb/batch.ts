// Several device commands in one shell line, so that reading what a job needs costs one adb
// round trip instead of one per command. After each command the line prints a marker holding
// a random token made for this line and that command's index and exit code:
//
//   settings get global a; echo "__DL<token>:0:$?"; settings get secure b; echo "__DL<token>:1:$?"
//
// The output before a marker is its command's, byte for byte (an empty value, "null", newlines
// and any text of ours included): no device output can contain a token drawn after the values
// it prints were written, so no value can be mistaken for a marker.
import { randomBytes } from 'node:crypto';

export interface BatchPart {
  /** What the command printed (stdout and stderr: v1 shell does not separate them). */
  output: string;
  exitCode: number;
}

export interface BatchLine {
  /** The shell command line to run. */
  line: string;
  /**
   * Each command's part of the line's output, in order, as far as the output goes: a reply
   * cut off mid-way has fewer parts than commands, and `rest` is what came after the last
   * whole marker (the output of the command that was cut off).
   */
  split(output: string): { parts: BatchPart[]; rest: string };
}

export function batchLine(commands: readonly string[], token = randomBytes(12).toString('hex')): BatchLine {
  const mark = `__DL${token}:`;
  return {
    line: commands.map((command, index) => `${command}; echo "${mark}${index}:$?"`).join('; '),
    split(output) {
      const parts: BatchPart[] = [];
      let from = 0;
      for (let index = 0; index < commands.length; index += 1) {
        const marker = `${mark}${index}:`;
        const at = output.indexOf(marker, from);
        const end = at < 0 ? -1 : output.indexOf('\n', at);
        // A marker without its line end may have lost digits of its exit code.
        if (end < 0) break;
        const exitCode = Number.parseInt(output.slice(at + marker.length, end), 10);
        parts.push({ output: output.slice(from, at), exitCode: Number.isNaN(exitCode) ? 255 : exitCode });
        from = end + 1;
      }
      return { parts, rest: output.slice(from) };
    },
  };
}

/**
 * A `settings get` answer as a value: the command prints the value and a newline, and "null"
 * for a setting that is not there (Android's own answer, so a value that is the text "null"
 * reads as unset, as it does to every tool that uses `settings get`).
 */
export function settingValue(output: string): string | undefined {
  const value = output.endsWith('\n') ? output.slice(0, -1) : output;
  return value === 'null' ? undefined : value;
}
