// Several commands in one shell line: each command's output must come back exactly as it
// printed it, whatever the values hold, and a reply cut short must not pass for a whole one.
import { describe, expect, it } from 'vitest';
import { batchLine, settingValue } from '../../../../native/adb/batch.ts';
import { identityCommands, identityFrom } from '../../../../native/adb/identity.ts';

const TOKEN = '0123456789abcdef01234567';
const mark = (index: number, exitCode = 0) => `__DL${TOKEN}:${index}:${exitCode}\n`;

describe('batchLine', () => {
  it('prints a marker with a fresh token, the index and the exit code after each command', () => {
    const { line } = batchLine(['settings get global a', "settings get secure 'b c'"], TOKEN);
    expect(line).toBe(
      `settings get global a; echo "__DL${TOKEN}:0:$?"; settings get secure 'b c'; echo "__DL${TOKEN}:1:$?"`,
    );
    // A token is drawn for every line, so a value written earlier cannot hold it.
    expect(batchLine(['true']).line).not.toBe(batchLine(['true']).line);
  });

  it('gives each command its own output: empty, "null", newlines and look-alike markers included', () => {
    const values = [
      '\n', // an empty value
      'null\n', // Android's word for "not set"
      'two\nlines\n',
      '__DEPOTLINE_PART__\n__DL0000:1:0\n', // our old markers, and a marker with another token
      `no newline at the end`, // the next marker then starts mid-line
      `__DL${TOKEN}:9:0\n`, // this token, but an index the line does not have at this point
    ];
    const batch = batchLine(
      values.map((_, index) => `cmd${index}`),
      TOKEN,
    );
    const reply = values.map((value, index) => `${value}${mark(index, index === 1 ? 255 : 0)}`).join('');
    const { parts, rest } = batch.split(reply);
    expect(parts.map((part) => part.output)).toEqual(values);
    expect(parts.map((part) => part.exitCode)).toEqual([0, 255, 0, 0, 0, 0]);
    expect(rest).toBe('');
    expect(parts.map((part) => settingValue(part.output))).toEqual([
      '',
      undefined,
      'two\nlines',
      '__DEPOTLINE_PART__\n__DL0000:1:0',
      'no newline at the end',
      `__DL${TOKEN}:9:0`,
    ]);
  });

  it('returns only the whole parts of a reply cut off mid-way, and what followed them', () => {
    const batch = batchLine(['a', 'b', 'c'], TOKEN);
    expect(batch.split(`1\n${mark(0)}2\n`)).toEqual({
      parts: [{ output: '1\n', exitCode: 0 }],
      rest: '2\n',
    });
    // A marker without its line end may have lost digits of the exit code: not a whole part.
    expect(batch.split(`1\n${mark(0)}2\n__DL${TOKEN}:1:1`).parts).toHaveLength(1);
    expect(batch.split('').parts).toEqual([]);
  });
});

describe('identityFrom', () => {
  const getprop =
    '[ro.product.model]: [Pixel 8]\n[ro.product.manufacturer]: [Google]\n[ro.build.version.sdk]: [35]\n' +
    '[ro.build.version.release]: [15]\n[ro.serialno]: [R5CW]\n[sys.boot_completed]: [1]\n';

  it('reads the properties and only the parts asked for', () => {
    expect(identityCommands(['storage'])).toEqual(['getprop 2>&1', 'df /data 2>&1']);
    const df =
      'Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/block/dm-5 1000 400 600 40% /data\n';
    const identity = identityFrom('127.0.0.1:6100', ['storage', 'deviceOwner'], [getprop, df, '']);
    expect(identity).toMatchObject({
      serial: 'R5CW',
      model: 'Pixel 8',
      androidRelease: '15',
      bootCompleted: true,
      storage: { freeBytes: 600 * 1024 },
      deviceOwner: null, // read, and there is none
    });
    expect(identity.battery).toBeUndefined(); // not read
    expect(identity.accounts).toBeUndefined();
  });

  it('refuses a reply that lacks a part it was asked for', () => {
    expect(() => identityFrom('SER', ['battery'], [getprop])).toThrow(/no dumpsys battery section/);
  });
});
